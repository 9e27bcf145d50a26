/**
 * What every analysis must keep, and the small seeded generator the fuzzing
 * tests share: one copy, so a stricter check reaches every suite at once.
 */
import assert from 'node:assert/strict';
import type { Finding } from '../../server/src/index';
import { runRules } from '../../server/src/analyze';
import { LineIndex } from '../../server/src/core/text';
import { buildModel } from '../../server/src/model/build';
import { RULES } from '../../server/src/rules/index';

/** Every finding's range lies inside the document (0-based lines, UTF-16 columns). */
export function assertRangesInside(text: string, findings: readonly Finding[], label: string): void {
  const lines = new LineIndex(text);
  for (const f of findings) {
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineText(p.line).length,
        `${label}: ${f.rule} range ${JSON.stringify(f.range)} outside the document`);
    }
  }
}

/** The findings of an analysis that shares nothing with earlier versions (one whole-file parse, fresh objects). */
export function freshFindings(text: string): Finding[] {
  return runRules(buildModel(text, { wholeFile: true }), RULES).findings;
}

/** A small seeded generator (mulberry32), so a failure names a reproducible step. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
