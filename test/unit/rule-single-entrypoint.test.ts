import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'single-entrypoint';

test('an earlier ENTRYPOINT of the stage is reported and can be removed', () => {
  const text = df('FROM alpine:3.23', 'ENTRYPOINT ["a"]', 'CMD ["x"]', 'ENTRYPOINT ["b"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.range.start.line, 1);
  assert.equal(f.severity, 'warning');
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', 'CMD ["x"]', 'ENTRYPOINT ["b"]'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('ENTRYPOINTs in different stages are independent', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23 AS a', 'ENTRYPOINT ["a"]', 'FROM a', 'ENTRYPOINT ["b"]'), RULE), []);
});
