import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'no-install-recommends';

test('flags apt-get/apt install without --no-install-recommends', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*');
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 37 } });
  assert.equal(f.severity, 'info');
  assert.deepEqual(f.aliases, ['DL3015']);
  assert.deepEqual(linesOf(df('FROM ubuntu:24.04', 'RUN apt install -y curl'), RULE), [2]);
});

test('the flag, -o APT::Install-Recommends=false or an apt.conf written earlier are enough', () => {
  for (const lines of [
    ['RUN apt-get install -y --no-install-recommends curl'],
    ['RUN apt-get --no-install-recommends install -y curl'],
    ['RUN apt-get install -y -o APT::Install-Recommends=false curl'],
    ['RUN apt-get install -y -oAPT::Install-Recommends=0 curl'],
    ['RUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/norec', 'RUN apt-get install -y curl'],
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', ...lines), RULE), [], lines.join(' / '));
});

test('not in quotes, heredocs, exec form, or stages that do not reach the final image', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN echo "apt-get install -y x"'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN ["apt-get", "install", "-y", "x"]'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN cat <<EOF > /notes', 'apt-get install -y x', 'EOF'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie AS build', 'RUN apt-get install -y gcc', 'FROM debian:trixie', 'COPY --from=build /x /x'), RULE), []);
});

test('fix inserts the flag right after install (unsafe: recommended packages may be needed)', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update \\', '  && apt-get install \\', '    -y curl');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].safe, false);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM debian:trixie', 'RUN apt-get update \\', '  && apt-get install --no-install-recommends \\', '    -y curl'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('CRLF and escape=` are kept', () => {
  const text = '# escape=`\r\nFROM ubuntu:24.04\r\nRUN apt-get install -y `\r\n  curl\r\n';
  const [f] = findingsOf(text, RULE);
  const fixed = applyFix(text, f);
  assert.equal(fixed, '# escape=`\r\nFROM ubuntu:24.04\r\nRUN apt-get install --no-install-recommends -y `\r\n  curl\r\n');
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('Russian message quotes the lecture', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN apt-get install -y curl'), RULE, 'ru');
  assert.match(f.message, /«использовать минимальные базовые образы \(alpine\)»/);
});

test('an earlier --no-install-recommends flag is not an apt setting: later installs are still checked', () => {
  // The flag only affects the command it is given to; it used to silence every later install of the stage.
  const text = df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y --no-install-recommends curl', 'RUN apt-get install -y git');
  assert.deepEqual(linesOf(text, RULE), [3]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN apt-get install -y --no-install-recommends curl && apt-get install -y git'), RULE), [2]);
  // The setting itself, in apt.conf block syntax or lower case, still counts.
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN printf \'APT { Install-Recommends "false"; };\' > /etc/apt/apt.conf.d/01norec', 'RUN apt-get install -y git'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN echo \'apt::install-recommends "0";\' > /etc/apt/apt.conf.d/01norec', 'RUN apt-get install -y git'), RULE), []);
});
