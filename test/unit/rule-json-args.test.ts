import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'json-args';

test('shell-form CMD and ENTRYPOINT are reported; exec form is not', () => {
  const text = df('FROM node:24.19.0', 'CMD node app.js', 'FROM node:24.19.0', 'ENTRYPOINT node app.js', 'FROM node:24.19.0', 'CMD ["node", "app.js"]', 'ENTRYPOINT ["node"]');
  assert.deepEqual(linesOf(text, RULE), [2, 4]);
  const [, entry] = findingsOf(text, RULE);
  assert.match(entry.message, /ignores CMD and the arguments of `docker run`/);
});

test('a simple CMD converts to JSON, dropping `exec`, with JSON escaping; safe only FROM scratch', () => {
  const text = df('FROM node:24.19.0', 'CMD exec node "my app.js" --title=a\\"b');
  const [f] = findingsOf(text, RULE);
  // node's docker-entrypoint.sh (like nginx's, postgres's) looks at the words it gets: not safe unasked.
  assert.equal(f.fixes[0].safe, false);
  assert.match(f.fixes[0].title, /an ENTRYPOINT of the base image, if it has one/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM node:24.19.0', 'CMD ["node", "my app.js", "--title=a\\"b"]'));
  assert.deepEqual(linesOf(fixed, RULE), []);
  const scratch = findingsOf(df('FROM scratch', 'COPY app /app', 'CMD /app --serve'), RULE)[0];
  assert.equal(scratch.fixes[0].safe, true);
  assert.equal(scratch.fixes[0].title, 'Convert to exec form ["/app", "--serve"]');
});

test('a continued CMD is rewritten on one line; CRLF is kept around it', () => {
  const text = 'FROM python:3.14.6\r\nCMD python \\\r\n    -m http.server\r\nUSER nobody\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'FROM python:3.14.6\r\nCMD ["python", "-m", "http.server"]\r\nUSER nobody\r\n');
});

test('ENTRYPOINT conversion is offered but not safe (run arguments start being passed)', () => {
  const text = df('FROM alpine:3.23', 'ENTRYPOINT /usr/bin/app --serve');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].safe, false);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'ENTRYPOINT ["/usr/bin/app", "--serve"]'));
});

test('CMD next to an ENTRYPOINT of the file: conversion is not safe', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'ENTRYPOINT ["/entrypoint.sh"]', 'CMD app --serve'), RULE);
  assert.equal(f.fixes[0].safe, false);
  assert.match(f.fixes[0].title, /ENTRYPOINT then gets these words/);
});

test('no fix when the command needs the shell', () => {
  for (const cmd of ['app $PORT', 'a && b', 'app > log', 'app *.txt', 'cd /x', 'A=1 app', 'app ~/x', 'app # comment', 'app `date`', 'app {a,b}']) {
    const [f] = findingsOf(df('FROM alpine:3.23', `CMD ${cmd}`), RULE);
    assert.ok(f, cmd);
    assert.equal(f.fixes.length, 0, cmd);
    assert.match(f.message, /No automatic conversion/, cmd);
  }
});

test('quoted glob characters are literal and convert', () => {
  const text = df('FROM alpine:3.23', "CMD find / -name '*.txt'");
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'CMD ["find", "/", "-name", "*.txt"]'));
});

test('a comment inside the continuation blocks the rewrite (it would be lost)', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'CMD app \\', '# the port', '    --port 80'), RULE);
  assert.equal(f.fixes.length, 0);
});

test('stages that set SHELL are skipped, like BuildKit does', () => {
  assert.deepEqual(linesOf(df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'CMD Write-Host hi'), RULE), []);
  assert.deepEqual(linesOf(df('FROM alpine:3.23 AS base', 'SHELL ["/bin/bash", "-c"]', 'FROM base', 'CMD echo hi'), RULE), []);
});

test('heredoc CMD is not reported', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'CMD <<EOF', 'echo hi', 'EOF'), RULE), []);
});

test('single-quoted "JSON" is shell form: an error with a safe fix to double quotes', () => {
  const text = df('FROM python:3.14.6', "CMD ['python', 'app.py']");
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /not valid JSON/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM python:3.14.6', 'CMD ["python", "app.py"]'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('with `# escape=`` the rewrite still produces JSON', () => {
  const text = df('# escape=`', 'FROM alpine:3.23', 'CMD app `', '    --serve');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('# escape=`', 'FROM alpine:3.23', 'CMD ["app", "--serve"]'));
});

test('Russian message and aliases', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'CMD app'), RULE, 'ru');
  assert.match(f.message, /shell-форме/);
  assert.deepEqual(f.aliases, ['DL3025', 'JSONArgsRecommended']);
});

test('Windows images: reported as cmd.exe, never converted with POSIX word splitting', () => {
  // A POSIX split would turn C:\app\run.exe into "C:apprun.exe": the container could not start.
  const text = df('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'CMD C:\\app\\run.exe --port 80');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /runs as `cmd \/S \/C "…"`/);
  assert.match(f.message, /backslashes doubled/);
});
