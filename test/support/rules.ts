import { analyze, type Finding } from '../../server/src/index';
import { applyEdits } from '../../server/src/core/text';
import { buildModel } from '../../server/src/model/build';

/** Findings of one rule for a Dockerfile text. */
export function findingsOf(text: string, rule: string, lang: 'en' | 'ru' = 'en'): Finding[] {
  const analysis = analyze(text, { lang });
  assertNoRuleErrors(analysis.ruleErrors);
  return analysis.findings.filter((f) => f.rule === rule);
}

/** 1-based lines of a rule's findings, as a person reads them. */
export function linesOf(text: string, rule: string): number[] {
  return findingsOf(text, rule).map((f) => f.range.start.line + 1);
}

/** Applies a finding's fix and checks the result still parses into the same number of stages. */
export function applyFix(text: string, finding: Finding, index = 0): string {
  const fix = finding.fixes[index];
  if (!fix) throw new Error(`finding ${finding.rule} at line ${finding.range.start.line + 1} has no fix ${index}`);
  const out = applyEdits(text, fix.edits);
  const before = buildModel(text).stages.length;
  const after = buildModel(out).stages.length;
  if (before !== after) throw new Error(`fix changed the number of stages: ${before} → ${after}`);
  return out;
}

function assertNoRuleErrors(errors: { rule: string; error: string }[]): void {
  if (errors.length) throw new Error(`rule threw: ${errors.map((e) => `${e.rule}: ${e.error}`).join('\n')}`);
}

/** Joins lines with LF; tests that need CRLF convert explicitly. */
export function df(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
