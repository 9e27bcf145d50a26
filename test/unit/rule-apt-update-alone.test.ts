import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'apt-update-alone';

test('flags an update whose RUN installs nothing when a later RUN installs', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update', 'RUN apt-get install -y curl');
  assert.deepEqual(linesOf(text, RULE), [2]);
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 18 } });
  assert.match(f.message, /line 3/);
  assert.equal(f.severity, 'warning');
});

test('also `apt update`, and an update with other commands but no install', () => {
  assert.deepEqual(linesOf(df('FROM ubuntu:24.04', 'RUN echo deb x > /etc/apt/sources.list.d/x.list && apt update', 'RUN apt-get install -y x'), RULE), [2]);
  assert.deepEqual(linesOf(df('FROM ubuntu:24.04', 'RUN apt-get -qq update', 'ENV A=1', 'RUN apt-get install -y x'), RULE), [2]);
});

test('no finding when the same RUN installs, or nothing installs later', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN apt-get update && apt-get -y upgrade', 'RUN apt-get install -y x'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN apt-get update', 'RUN echo done'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN apt-get update', 'FROM debian:trixie', 'RUN apt-get install -y x'), RULE), [], 'another stage');
});

test('quoting, heredocs and exec form are not updates', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN echo "apt-get update"', 'RUN apt-get install -y x'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN ["apt-get", "update"]', 'RUN apt-get install -y x'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN cat <<EOF > /notes', 'apt-get update', 'EOF', 'RUN apt-get install -y x'), RULE), []);
});

test('fix merges with the next RUN when it installs, and the finding goes away', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update', '# tools', 'RUN apt-get install -y curl');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].safe, true);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM debian:trixie', 'RUN apt-get update \\', '# tools', '    && apt-get install -y curl'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('fix keeps the escape character and CRLF', () => {
  const text = '# escape=`\r\nFROM debian:trixie\r\nRUN apt-get update\r\nRUN apt-get install -y curl\r\n';
  const [f] = findingsOf(text, RULE);
  const fixed = applyFix(text, f);
  assert.equal(fixed, '# escape=`\r\nFROM debian:trixie\r\nRUN apt-get update `\r\n    && apt-get install -y curl\r\n');
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('no fix when the installing RUN is not adjacent or has other flags', () => {
  const apart = df('FROM debian:trixie', 'RUN apt-get update', 'COPY x /x', 'RUN apt-get install -y curl');
  assert.equal(findingsOf(apart, RULE)[0].fixes.length, 0);
  const flags = df('FROM debian:trixie', 'RUN apt-get update', 'RUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl');
  assert.equal(findingsOf(flags, RULE)[0].fixes.length, 0);
  const state = df('FROM debian:trixie', 'RUN export A=1 && apt-get update', 'RUN apt-get install -y curl');
  assert.equal(findingsOf(state, RULE)[0].fixes.length, 0);
});

test('a later RUN that updates again makes this one merely wasted', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN apt-get update', 'RUN apt-get update && apt-get install -y x'), RULE);
  assert.match(f.message, /updates again/);
});

test('Russian message quotes the lecture', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN apt-get update', 'RUN apt-get install -y curl'), RULE, 'ru');
  assert.match(f.message, /«При сборке образа слои кешируются»/);
  assert.equal(f.lecture, 'layers');
});

test('the message names the later apt command as written', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN apt-get update', 'RUN apt-get upgrade -y'), RULE);
  assert.match(f.message, /The `apt-get upgrade` at line 3 uses the package lists cached in this layer/);
});
