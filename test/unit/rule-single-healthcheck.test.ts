import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'single-healthcheck';

test('an earlier HEALTHCHECK of the stage is reported and can be removed', () => {
  const text = df('FROM nginx:1.27.4', 'HEALTHCHECK --interval=5s \\', '  CMD curl -f http://localhost/', 'HEALTHCHECK CMD wget -q -O- http://localhost/');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.range.start.line, 1);
  assert.match(f.message, /line 4/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM nginx:1.27.4', 'HEALTHCHECK CMD wget -q -O- http://localhost/'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('a single HEALTHCHECK, and HEALTHCHECK inside ONBUILD, are fine', () => {
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4', 'HEALTHCHECK NONE'), RULE), []);
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4', 'ONBUILD HEALTHCHECK NONE', 'HEALTHCHECK NONE'), RULE), []);
});
