import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';

const RULE = 'no-sudo';

test('flags sudo wherever it runs a command in a RUN, once per RUN', () => {
  const text = df('FROM ubuntu:24.04', 'RUN sudo apt-get update && if true; then sudo -u app make; fi', 'RUN /usr/bin/sudo ls');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => [f.range.start.line, f.range.start.character, f.range.end.character]), [[1, 4, 8], [2, 4, 17]]);
  assert.match(findings[0].message, /2 sudo calls in this RUN/);
  assert.deepEqual(findings.map((f) => f.severity), ['info', 'info']);
  assert.deepEqual(findings[0].aliases, ['DL3004']);
  assert.deepEqual(findings[0].fixes, []);
});

test('not in quotes, as an argument, in heredocs, exec form or CMD', () => {
  for (const lines of [
    ['RUN echo "sudo make"'], ['RUN apt-get install -y sudo'], ['RUN ["sudo", "make"]'], ['RUN cat <<EOF > /notes', 'sudo make', 'EOF'], ['CMD sudo make'],
  ]) assert.deepEqual(linesOf(df('FROM ubuntu:24.04', ...lines), RULE), [], lines.join(' / '));
});

test('CRLF and escape=` files on a Linux base', () => {
  const [f] = findingsOf('# escape=`\r\nFROM ubuntu:24.04\r\nRUN echo a `\r\n  && sudo ls\r\n', RULE);
  assert.deepEqual(f.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 9 } });
});

test('Russian message', () => {
  const [f] = findingsOf(df('FROM ubuntu:24.04', 'RUN sudo ls'), RULE, 'ru');
  assert.match(f.message, /«запускать процессы от непривилегированного пользователя»/);
});

test('sudo -u drops privileges: the advice is USER <name>, not USER root', () => {
  for (const run of ['RUN sudo -u discourse bundle install', 'RUN sudo --user=discourse bundle install', 'RUN sudo -E -u discourse bundle install']) {
    const [f] = findingsOf(df('FROM debian:trixie', run), RULE);
    assert.match(f.message, /^`sudo -u discourse` in a RUN/, run);
    assert.equal(f.severity, 'hint', run);
    assert.match(f.message, /put `USER discourse` before them/, run);
    assert.doesNotMatch(f.message, /USER root/, run);
  }
});

test('sudo -u run by root is a deliberate switch: one hint per RUN however many calls, suggesting USER', () => {
  const text = df('FROM debian:trixie', 'RUN sudo -u discourse bundle install && sudo -u discourse yarn install && sudo -u discourse bin/rake assets:precompile');
  const findings = findingsOf(text, RULE);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 'hint');
  assert.match(findings[0].message, /deliberate switch to discourse, and it works/);
  assert.match(findings[0].message, /3 sudo calls in this RUN/);
  assert.match(findingsOf(text, RULE, 'ru')[0].message, /поставьте перед ними `USER discourse`/);
});

test('sudo after a non-root USER needs a password-less sudoers entry: info', () => {
  for (const run of ['RUN sudo apt-get install -y curl', 'RUN sudo -u other make']) {
    const [f] = findingsOf(df('FROM debian:trixie', 'RUN useradd app', 'USER app', run), RULE);
    assert.equal(f.severity, 'info', run);
    assert.match(f.message, /password-less sudoers entry/, run);
  }
  // USER root again: back to root.
  const [g] = findingsOf(df('FROM debian:trixie', 'USER app', 'USER root', 'RUN sudo -u app make'), RULE);
  assert.equal(g.severity, 'hint');
});
