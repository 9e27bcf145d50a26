import { analyze, type AnalyzeOptions } from './analyze';
import { instructionAtLine } from './model/at-line';
import { applyEdits, rangesOverlap } from './core/text';
import type { Finding, Lang, TextEdit } from './core/types';
import type { DockerfileModel } from './model/types';

export interface FixAllResult { text: string; applied: number; passes: number }

/**
 * Applies every safe fix, re-analysing between passes because one fix (a
 * merge) can make another finding's edits stale. Stops at a fixed point.
 */
export function fixAll(text: string, options: AnalyzeOptions = {}, maxPasses = 10): FixAllResult {
  let current = text;
  let applied = 0;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const edits = safeEdits(analyze(current, options).findings);
    if (edits.length === 0) return { text: current, applied, passes: pass - 1 };
    current = applyEdits(current, edits);
    applied += edits.length;
  }
  return { text: current, applied, passes: maxPasses };
}

/** The edits of one safe fix per finding, skipping any that clash with one already chosen. */
export function safeEdits(findings: Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.safe);
    if (!fix) continue;
    if (fix.edits.some((e) => chosen.some((c) => rangesOverlap(c.range, e.range) || sameInsertionPoint(c, e)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}

function sameInsertionPoint(a: TextEdit, b: TextEdit): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** Edits that insert an ignore comment for one instruction or for the whole file. */
export function suppressionEdit(model: DockerfileModel, finding: Finding, scope: 'instruction' | 'file', lang: Lang): { title: string; edit: TextEdit } | null {
  const rule = finding.rule;
  if (scope === 'file') {
    const line = model.directives.length ? Math.max(...model.directives.map((d) => d.range.end.line)) + 1 : 0;
    return {
      title: lang === 'ru' ? `Отключить ${rule} во всём файле` : `Ignore ${rule} in this file`,
      edit: { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `# lecture-hints global ignore=${rule}${model.eol}` },
    };
  }
  const at = instructionAtLine(model, finding.range.start.line);
  if (at === undefined) return null;
  const ins = model.instructions[at];
  const line = ins.range.start.line;
  const indent = /^[ \t]*/.exec(model.lines.lineText(line))![0];
  return {
    title: lang === 'ru' ? `Отключить ${rule} для этой инструкции` : `Ignore ${rule} for this instruction`,
    edit: { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# lecture-hints ignore=${rule}${model.eol}` },
  };
}
