import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';

const RULE = 'build-platform-final-stage';

test('the final stage on $BUILDPLATFORM ships the build machine\'s architecture', () => {
  const text = df('FROM --platform=$BUILDPLATFORM golang:1.26 AS build', 'RUN go build -o /app .', 'FROM --platform=$BUILDPLATFORM alpine:3.23', 'COPY --from=build /app /app', 'CMD ["/app"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'warning');
  assert.equal(f.range.start.line, 2);
  assert.match(f.message, /^The final stage uses `--platform=\$BUILDPLATFORM`/);
  assert.match(f.message, /exec format error/);
  assert.equal(f.fixes.length, 0);
});

test('a final stage built FROM a $BUILDPLATFORM stage is reported at that stage\'s flag', () => {
  const text = df('FROM --platform=${BUILDPLATFORM} node:24 AS base', 'RUN npm ci', 'FROM base AS final', 'CMD ["node", "x.js"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.range.start.line, 0);
  assert.match(f.message, /built FROM stage `base`, which uses/);
  assert.match(findingsOf(text, RULE, 'ru')[0].message, /не из лекции/);
});

test('builder stages on $BUILDPLATFORM, $TARGETPLATFORM, and scratch finals are fine', () => {
  for (const text of [
    df('FROM --platform=$BUILDPLATFORM golang:1.26 AS build', 'RUN go build -o /app .', 'FROM alpine:3.23', 'COPY --from=build /app /app'),
    df('FROM --platform=$TARGETPLATFORM alpine:3.23'),
    df('FROM --platform=$BUILDPLATFORM golang:1.26 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'),
  ]) assert.deepEqual(linesOf(text, RULE), []);
});

test('a final stage that starts no program (lint or test target) gets only a hint', () => {
  const text = df('FROM --platform=$BUILDPLATFORM golang:1.26 AS base', 'FROM base AS lint', 'RUN go vet ./...');
  assert.equal(findingsOf(text, RULE)[0].severity, 'hint');
});
