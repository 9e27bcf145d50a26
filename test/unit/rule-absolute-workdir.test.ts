import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'absolute-workdir';

test('a relative WORKDIR with no earlier WORKDIR is a warning without a fix', () => {
  const [f] = findingsOf(df('FROM node:24.19.0', 'WORKDIR app'), RULE);
  assert.equal(f.severity, 'warning');
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /base image/);
});

test('absolute, quoted absolute, variable and Windows paths are fine', () => {
  const text = df('FROM node:24.19.0', 'WORKDIR /app', 'WORKDIR "/srv/my app"', 'WORKDIR $HOME/app', 'WORKDIR ${APP_DIR}');
  assert.deepEqual(linesOf(text, RULE), []);
  assert.deepEqual(linesOf(df('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'WORKDIR C:\\app', 'WORKDIR \\data'), RULE), []);
  assert.deepEqual(linesOf(df('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'WORKDIR C:/app'), RULE), []);
});

test('after an absolute WORKDIR the relative one is a hint, with a safe fix to the same directory', () => {
  const text = df('FROM node:24.19.0', 'WORKDIR /srv', 'WORKDIR app/../web/./src', 'RUN ls');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'hint');
  assert.equal(f.fixes[0].safe, true);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM node:24.19.0', 'WORKDIR /srv', 'WORKDIR /srv/web/src', 'RUN ls'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('relative WORKDIRs chain, also across stages built FROM each other', () => {
  const text = df('FROM node:24.19.0 AS base', 'WORKDIR /srv', 'FROM base', 'WORKDIR a', 'WORKDIR b');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.fixes[0].edits[0].newText), ['/srv/a', '/srv/a/b']);
  // A stage FROM an image does not inherit the previous stage's WORKDIR.
  const [g] = findingsOf(df('FROM node:24.19.0', 'WORKDIR /srv', 'FROM node:24.19.0', 'WORKDIR a'), RULE);
  assert.equal(g.severity, 'warning');
});

test('an earlier WORKDIR with a variable makes the result unknown', () => {
  const [f] = findingsOf(df('FROM node:24.19.0', 'WORKDIR $APP', 'WORKDIR src'), RULE);
  assert.equal(f.severity, 'warning');
  assert.equal(f.fixes.length, 0);
});

test('a resolved path with a space is quoted; CRLF is kept', () => {
  const text = 'FROM node:24.19.0\r\nWORKDIR "/my app"\r\nWORKDIR src\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'FROM node:24.19.0\r\nWORKDIR "/my app"\r\nWORKDIR "/my app/src"\r\n');
});

test('aliases', () => {
  assert.deepEqual(findingsOf(df('FROM node:24.19.0', 'WORKDIR app'), RULE)[0].aliases, ['DL3000', 'WorkdirRelativePath']);
});

test('the absolute path is quoted when a bare word would not read back the same', () => {
  const text = df('FROM alpine:3.23', 'WORKDIR /base', 'WORKDIR "it\'s"');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'WORKDIR /base', 'WORKDIR "/base/it\'s"'));
});

test('no fix for a path with a control character, which no quoting writes back unchanged', () => {
  const text = df('FROM alpine:3.23', 'WORKDIR /base', 'WORKDIR "a\tb"');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes.length, 0);
});

test('a relative WORKDIR into a repository just cloned under the stage\'s absolute WORKDIR is only a hint', () => {
  // The clone-then-enter pattern of build stages: the directory is certain, the relative form reads naturally.
  const text = df('FROM alpine:3.23 AS src', 'WORKDIR /src', 'RUN git clone --depth 1 https://example.com/tool.git', 'WORKDIR tool', 'RUN make');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'hint');
  assert.equal(applyFix(text, f), df('FROM alpine:3.23 AS src', 'WORKDIR /src', 'RUN git clone --depth 1 https://example.com/tool.git', 'WORKDIR /src/tool', 'RUN make'));
});
