import { analyze, type AnalyzeOptions } from './analyze';
import { instructionAtLine } from './model/at-line';
import { applyEdits, rangesOverlap } from './core/text';
import type { Finding, Lang, TextEdit } from './core/types';
import type { DockerfileModel } from './model/types';

export interface FixAllResult { text: string; applied: number; passes: number }

/** Findings shown in the editor and the report; a hint's fix is applied only on request. */
const VISIBLE = new Set(['error', 'warning', 'info']);

/**
 * Applies every safe fix of a visible finding, re-analysing after each rule's
 * fixes. A rule works out its own fixes on the same text, for separate
 * instructions, so they apply together; fixes of two rules do not know about
 * each other (a merge pulls `yes | pecl install` under a `SHELL … pipefail`
 * that another fix inserts above the first RUN, and the build then dies of
 * SIGPIPE). So each pass applies the fixes of one rule — the one whose fixable
 * finding comes first — and the next pass re-checks the result. The passes are
 * bounded by the rules that have fixes, not by the file's size, and the
 * analysis between them reuses every unchanged stage. Stops at a fixed point.
 */
export function fixAll(text: string, options: AnalyzeOptions = {}, maxPasses = 100): FixAllResult {
  let current = text;
  let applied = 0;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const findings = analyze(current, options).findings;
    const first = findings.find(fixable);
    const edits = first ? safeEdits(findings.filter((f) => f.rule === first.rule)) : [];
    if (edits.length === 0) return { text: current, applied, passes: pass - 1 };
    current = applyEdits(current, edits);
    applied += edits.length;
  }
  return { text: current, applied, passes: maxPasses };
}

/** The edits of one safe fix per visible finding, skipping any that clash with one already chosen. */
export function safeEdits(findings: Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const f of findings) {
    if (!fixable(f)) continue;
    const fix = f.fixes.find((x) => x.safe)!;
    if (fix.edits.some((e) => chosen.some((c) => rangesOverlap(c.range, e.range) || sameInsertionPoint(c, e)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}

/** Fix-all and `--fix` apply only safe fixes of visible findings (info or above). */
export function fixable(f: Finding): boolean {
  return VISIBLE.has(f.severity) && f.fixes.some((x) => x.safe);
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
