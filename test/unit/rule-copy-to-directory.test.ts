import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'copy-to-directory';

test('several sources into a path without a trailing slash: a warning at the destination, fixed with /', () => {
  const text = df('FROM alpine:3.21', 'COPY a.conf b.conf /etc/app', 'ADD x.txt y.txt /srv');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.range), [
    { start: { line: 1, character: 19 }, end: { line: 1, character: 27 } },
    { start: { line: 2, character: 16 }, end: { line: 2, character: 20 } },
  ]);
  assert.equal(findings[0].severity, 'warning');
  assert.deepEqual(findings[0].aliases, ['DL3021']);
  assert.match(findings[0].message, /only the last survives/);
  assert.equal(findings[0].fixes[0].safe, true);
  const fixed = applyFix(text, findings[0]);
  assert.equal(fixed, df('FROM alpine:3.21', 'COPY a.conf b.conf /etc/app/', 'ADD x.txt y.txt /srv'));
  assert.deepEqual(linesOf(fixed, RULE), [3]);
});

test('into . : only the legacy builder fails, so a file that needs BuildKit anyway gets nothing', () => {
  assert.deepEqual(linesOf(df('FROM node:22.11.0', 'WORKDIR /app', 'COPY package.json package-lock.json .'), RULE), [3]);
  assert.match(findingsOf(df('FROM node:22.11.0', 'COPY a b .'), RULE)[0].message, /legacy builder/);
  const buildkit = [
    df('# syntax=docker/dockerfile:1', 'FROM node:22.11.0', 'COPY a b .'),
    df('FROM node:22.11.0', 'RUN --mount=type=cache,target=/root/.npm npm -v', 'COPY a b .'),
    df('FROM node:22.11.0', 'COPY --link a b .'),
    df('FROM --platform=$BUILDPLATFORM node:22.11.0', 'COPY a b .'),
  ];
  for (const text of buildkit) assert.deepEqual(linesOf(text, RULE), [], text);
  // Outside `.` BuildKit overwrites: still reported in a BuildKit file.
  assert.deepEqual(linesOf(df('# syntax=docker/dockerfile:1', 'FROM alpine:3.21', 'COPY a b /dest'), RULE), [3]);
});

test('one source, a trailing slash, a variable, a Windows separator, a heredoc: nothing to say', () => {
  const text = df(
    'FROM alpine:3.21',
    'COPY *.json /app',
    'COPY a b /app/',
    'COPY a b $DEST',
    'COPY a b C:\\\\app\\\\',
    'COPY <<EOF /x',
    'hello',
    'EOF',
  );
  assert.deepEqual(linesOf(text, RULE), []);
});

test('the JSON form is reported without an automatic fix', () => {
  const [f] = findingsOf(df('FROM alpine:3.21', 'COPY ["a b", "c", "/dest"]'), RULE);
  assert.deepEqual(f.fixes, []);
  assert.match(f.message, /2 sources into `\/dest`/);
});
