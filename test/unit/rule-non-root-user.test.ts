import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'non-root-user';

test('explicit USER root as the last USER is a warning on that line', () => {
  for (const user of ['root', '0', 'root:root', '0:0']) {
    const [f] = findingsOf(df('FROM debian:trixie', 'USER app', `USER ${user}`, 'CMD ["app"]'), RULE);
    assert.equal(f.severity, 'warning', user);
    assert.equal(f.range.start.line, 2);
  }
});

test('no USER at all in the final image is reported too (info)', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN echo hi'), RULE);
  assert.equal(f.severity, 'info');
  assert.equal(f.range.start.line, 0);
});

test('non-root users, variables and inherited users are fine', () => {
  assert.equal(findingsOf(df('FROM debian:trixie', 'USER app'), RULE).length, 0);
  assert.equal(findingsOf(df('FROM debian:trixie', 'USER root', 'RUN x', 'USER 1000:1000'), RULE).length, 0);
  assert.equal(findingsOf(df('FROM debian:trixie', 'USER ${APP_USER}'), RULE).length, 0);
  assert.equal(findingsOf(df('FROM debian:trixie AS base', 'USER app', 'FROM base', 'CMD ["x"]'), RULE).length, 0);
  assert.equal(findingsOf(df('FROM gcr.io/distroless/static:nonroot'), RULE).length, 0);
});

test('only the final stage matters; an earlier root stage is fine', () => {
  assert.equal(findingsOf(df('FROM golang:1.26.7 AS build', 'USER root', 'FROM alpine:3.23', 'USER nobody'), RULE).length, 0);
  const inherited = findingsOf(df('FROM debian:trixie AS base', 'USER root', 'FROM base'), RULE);
  assert.equal(inherited.length, 1);
  assert.equal(inherited[0].severity, 'info');
});

test('fix creates a user for debian-like bases before CMD, keeping its comment attached', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update', '# start the app', 'CMD ["app"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].safe, false);
  assert.equal(applyFix(text, f), df('FROM debian:trixie', 'RUN apt-get update', 'RUN groupadd --system app && useradd --system --gid app --no-create-home app', 'USER app', '# start the app', 'CMD ["app"]'));
});

test('fix uses adduser on alpine, the node user on node, and a numeric user on scratch/distroless', () => {
  const alpine = df('FROM alpine:3.23', 'ENTRYPOINT ["/app"]');
  assert.equal(applyFix(alpine, findingsOf(alpine, RULE)[0]), df('FROM alpine:3.23', 'RUN addgroup -S app && adduser -S -D -H -G app app', 'USER app', 'ENTRYPOINT ["/app"]'));
  const node = df('FROM node:24.19.0-bookworm', 'CMD ["node", "index.js"]');
  assert.equal(applyFix(node, findingsOf(node, RULE)[0]), df('FROM node:24.19.0-bookworm', 'USER node', 'CMD ["node", "index.js"]'));
  const scratch = df('FROM golang:1.26.7 AS build', 'FROM scratch', 'COPY --from=build /app /app');
  assert.equal(applyFix(scratch, findingsOf(scratch, RULE)[0]), df('FROM golang:1.26.7 AS build', 'FROM scratch', 'COPY --from=build /app /app', 'USER 65532:65532'));
});

test('fix follows lower-case keywords and CRLF', () => {
  const text = 'from alpine:3.23\r\nuser root\r\ncmd ["sh"]\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'from alpine:3.23\r\nuser root\r\nrun addgroup -S app && adduser -S -D -H -G app app\r\nuser app\r\ncmd ["sh"]\r\n');
  assert.equal(findingsOf(applyFix(text, f), RULE).length, 0);
});

test('Russian message quotes the lecture', () => {
  assert.match(findingsOf(df('FROM debian:trixie'), RULE, 'ru')[0].message, /запускать процессы от непривилегированного пользователя/);
});

test('Windows images are left alone: no root, no UID 0, and a numeric USER would not start', () => {
  assert.deepEqual(linesOf(df('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'COPY app.exe C:/app/'), RULE), []);
  assert.deepEqual(linesOf(df('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build', 'RUN echo hi', 'FROM build'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'COPY app /app'), RULE), [1], 'Linux images still are');
});
