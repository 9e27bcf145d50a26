import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, fixAll } from '../../server/src/index';
import { applyEdits } from '../../server/src/core/text';
import { buildModel } from '../../server/src/model/build';
import { assertRangesInside } from '../support/invariants';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');

function corpusFiles(): string[] {
  return readdirSync(CORPUS).filter((f) => f !== 'SOURCES.tsv').map((f) => join(CORPUS, f));
}

test('every corpus file analyses without a rule error, with ranges inside the document', (t) => {
  if (!existsSync(CORPUS)) { t.skip(`SKIPPED: ${CORPUS} not found`); return; }
  for (const file of corpusFiles()) {
    const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    const a = analyze(text);
    assert.deepEqual(a.ruleErrors, [], file);
    assertRangesInside(text, a.findings, file);
    for (const f of a.findings) for (const fix of f.fixes) applyEdits(text, fix.edits);
  }
});

test('fix-all over the corpus converges and keeps every stage', (t) => {
  if (!existsSync(CORPUS)) { t.skip(`SKIPPED: ${CORPUS} not found`); return; }
  for (const file of corpusFiles()) {
    const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    const fixed = fixAll(text);
    const again = fixAll(fixed.text);
    assert.equal(again.applied, 0, `${file}: a second fix-all pass still changed something`);
    // stage-name-casing lower-cases names on purpose; the stages themselves must stay.
    const before = buildModel(text).stages.map((s) => s.name?.toLowerCase() ?? null);
    const after = buildModel(fixed.text).stages.map((s) => s.name?.toLowerCase() ?? null);
    assert.deepEqual(after, before, file);
  }
});
