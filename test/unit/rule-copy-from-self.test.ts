import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';

const RULE = 'copy-from-self';

test('COPY --from naming its own stage, by name or by index, is an error', () => {
  const text = df('FROM alpine:3.23 AS base', 'FROM alpine:3.23 AS app', 'COPY --from=App /x /y', 'COPY --from=1 /x /y');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.range.start.line + 1), [3, 4]);
  assert.equal(findings[0].severity, 'error');
  assert.deepEqual(findings[0].range, { start: { line: 2, character: 12 }, end: { line: 2, character: 15 } });
});

test('copying from earlier stages is fine', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23 AS base', 'FROM alpine:3.23 AS app', 'COPY --from=base /x /y', 'COPY --from=0 /x /y'), RULE), []);
});
