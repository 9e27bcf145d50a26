import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The hand labels of issue 15's precision sample (scripts/precision-sample.mjs, precision-report.mjs).
const ROOT = resolve(__dirname, '../../..');
const LABELS = join(ROOT, 'test/precision/labels.json');
const CORPUS = resolve(ROOT, '../shared/corpus');

interface Label { rule: string; file: string; line: number; severity: string; label: string; fix: string; why: string }
const labels = JSON.parse(readFileSync(LABELS, 'utf8')) as Record<string, Label>;

test('precision labels are well-formed', () => {
  assert.ok(Object.keys(labels).length > 0, 'labels.json is empty');
  for (const [id, l] of Object.entries(labels)) {
    assert.match(id, /^[0-9a-f]{12}$/, `${id}: ids are 12 hex digits of sha1`);
    assert.equal(typeof l.rule, 'string', `${id}: rule`);
    assert.equal(typeof l.file, 'string', `${id}: file`);
    assert.ok(Number.isInteger(l.line) && l.line >= 1, `${id}: line is 1-based`);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(l.severity), `${id}: severity ${l.severity}`);
    assert.ok(['TRUE', 'DEBATABLE', 'FALSE'].includes(l.label), `${id}: label ${l.label}`);
    assert.ok(['OK', 'BREAKS', 'n/a'].includes(l.fix), `${id}: fix ${l.fix}`);
    if (l.label === 'FALSE' || l.fix === 'BREAKS') {
      assert.ok(typeof l.why === 'string' && l.why.trim().length > 10, `${id}: a FALSE or BREAKS label needs a why`);
    }
    if (l.why !== undefined) assert.equal(typeof l.why, 'string', `${id}: why`);
  }
});

test('labelled files exist in the corpus', (t) => {
  if (!existsSync(CORPUS)) {
    console.log(`SKIPPED: ${CORPUS} not found`);
    t.skip('corpus not found');
    return;
  }
  for (const [id, l] of Object.entries(labels)) assert.ok(existsSync(join(CORPUS, l.file)), `${id}: ${l.file} not in the corpus`);
});
