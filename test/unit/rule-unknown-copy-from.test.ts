import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'unknown-copy-from';

test('a typo of an earlier stage name is a warning with a suggestion', () => {
  const text = df('FROM golang:1.26.7 AS builder', 'FROM alpine:3.23', 'COPY --from=biulder /app /app');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /Did you mean `builder`\?/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM golang:1.26.7 AS builder', 'FROM alpine:3.23', 'COPY --from=builder /app /app'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('a part of a longer stage name is suggested (`set` for `license-set`)', () => {
  const text = df('FROM alpine:3.23 AS license-set', 'FROM scratch AS license-update', 'COPY --from=set /out /');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].edits[0].newText, 'license-set');
});

test('an unknown bare name without a likely stage is info (it may be a named build context)', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'COPY --from=templates /x /y'), RULE);
  assert.equal(f.severity, 'info');
  assert.match(f.message, /--build-context templates=/);
});

test('images, earlier stages, variables and indexes are fine', () => {
  const text = df(
    'FROM alpine:3.23 AS base',
    'FROM alpine:3.23',
    'COPY --from=base /x /y',
    'COPY --from=BASE /x /y',
    'COPY --from=0 /x /y',
    'COPY --from=nginx /etc/nginx /etc/nginx',
    'COPY --from=ghcr.io/org/tool:1.0 /bin/tool /bin/tool',
    'COPY --from=busybox:1.37 /bin/sh /bin/sh',
    'COPY --from=${TOOLS} /x /y',
  );
  assert.deepEqual(linesOf(text, RULE), []);
});

test('a later stage is info; a later or missing index is reported', () => {
  const text = df('FROM alpine:3.23', 'COPY --from=later /x /y', 'COPY --from=1 /x /y', 'COPY --from=5 /x /y', 'FROM alpine:3.23 AS later');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => [f.range.start.line + 1, f.severity]), [[2, 'info'], [3, 'warning'], [4, 'error']]);
});
