import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'apt-not-apt-get';

test('flags apt with any subcommand', () => {
  const text = df('FROM ubuntu:24.04', 'RUN apt update && apt install -y curl && apt list --installed');
  assert.deepEqual(findingsOf(text, RULE).map((f) => f.range.start.character), [4, 18, 41]);
  assert.deepEqual(findingsOf(text, RULE)[0].aliases, ['DL3027']);
});

test('not apt-get, apt-cache, quoted text, heredocs or exec form', () => {
  for (const lines of [
    ['RUN apt-get update && apt-cache policy curl'], ['RUN echo "apt install x"'], ['RUN ["apt", "install", "x"]'],
    ['RUN cat <<EOF > /notes', 'apt install -y x', 'EOF'], ['RUN apt'],
  ]) assert.deepEqual(linesOf(df('FROM ubuntu:24.04', ...lines), RULE), [], lines.join(' / '));
});

test('`apt update` → `apt-get update` is safe; install is offered but unsafe; list gets no fix', () => {
  const text = df('FROM ubuntu:24.04', 'RUN apt update && /usr/bin/apt install -y curl && apt list');
  const [update, install, list] = findingsOf(text, RULE);
  assert.equal(update.fixes[0].safe, true);
  assert.equal(install.fixes[0].safe, false);
  assert.equal(list.fixes.length, 0);
  let fixed = applyFix(text, update);
  assert.equal(fixed, df('FROM ubuntu:24.04', 'RUN apt-get update && /usr/bin/apt install -y curl && apt list'));
  fixed = applyFix(fixed, findingsOf(fixed, RULE)[0]);
  assert.equal(fixed, df('FROM ubuntu:24.04', 'RUN apt-get update && /usr/bin/apt-get install -y curl && apt list'));
  assert.deepEqual(linesOf(fixed, RULE), [2]);
});

test('CRLF and escape=` are kept', () => {
  const text = '# escape=`\r\nFROM ubuntu:24.04\r\nRUN apt update `\r\n  && apt-get install -y x\r\n';
  const fixed = applyFix(text, findingsOf(text, RULE)[0]);
  assert.equal(fixed, '# escape=`\r\nFROM ubuntu:24.04\r\nRUN apt-get update `\r\n  && apt-get install -y x\r\n');
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('Russian message', () => {
  const [f] = findingsOf(df('FROM ubuntu:24.04', 'RUN apt update'), RULE, 'ru');
  assert.match(f.message, /Используйте `apt-get`/);
});
