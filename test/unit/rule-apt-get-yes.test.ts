import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'apt-get-yes';

test('flags install (and other asking subcommands) without -y', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update && apt-get install curl && apt-get purge x');
  assert.deepEqual(findingsOf(text, RULE).map((f) => f.range.start.character), [22, 46]);
  assert.equal(findingsOf(text, RULE)[0].severity, 'warning');
});

test('-y, --yes, --assume-yes, -qq, combined -qy, yes |, -s and apt.conf are enough', () => {
  for (const run of [
    'RUN apt-get install -y curl', 'RUN apt-get -y install curl', 'RUN apt-get install --yes curl', 'RUN apt-get install --assume-yes curl',
    'RUN apt-get -qq install curl', 'RUN apt-get install -qy curl', 'RUN yes | apt-get install curl', 'RUN apt-get install -s curl',
    'RUN apt-get install -o APT::Get::Assume-Yes=true curl', 'RUN apt-get update', 'RUN echo "apt-get install x"',
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', run), RULE), [], run);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes', 'RUN apt-get install curl'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN cat <<EOF > /notes', 'apt-get install curl', 'EOF'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN ["apt-get", "install", "curl"]'), RULE), []);
});

test('safe fix inserts -y after the subcommand, in every stage', () => {
  const text = df('FROM debian:trixie AS a', 'RUN apt-get install curl', 'FROM debian:trixie', 'RUN sudo apt-get -q install \\', '  git');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.range.start.line + 1), [2, 4]);
  assert.equal(findings[1].fixes[0].safe, true);
  let fixed = applyFix(text, findings[1]);
  assert.equal(fixed, df('FROM debian:trixie AS a', 'RUN apt-get install curl', 'FROM debian:trixie', 'RUN sudo apt-get -q install -y \\', '  git'));
  fixed = applyFix(fixed, findingsOf(fixed, RULE)[0]);
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('CRLF is kept', () => {
  const text = 'FROM debian:trixie\r\nRUN apt-get install curl\r\n';
  const fixed = applyFix(text, findingsOf(text, RULE)[0]);
  assert.equal(fixed, 'FROM debian:trixie\r\nRUN apt-get install -y curl\r\n');
});

test('Russian message', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN apt-get install curl'), RULE, 'ru');
  assert.match(f.message, /без `-y`/);
  assert.match(f.fixes[0].title, /Добавить `-y`/);
});
