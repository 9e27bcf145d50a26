/**
 * ShellCheck's results arrive after the first analysis of a version has been
 * published. As with registry facts (pinning/merge.ts), the adapters keep the
 * cached model and re-run only the rules that read ShellCheck facts.
 */
import { byPosition, runRules, type Analysis, type AnalyzeOptions } from '../analyze';
import { RULES } from '../rules/index';
import type { ShellcheckFacts } from '../rules/support/shellcheck-facts';

/** The rules whose findings depend on ShellCheck's results: they say so in their definition. */
const SHELLCHECK_RULES = RULES.filter((r) => r.needsShellcheckFacts);
const SHELLCHECK_RULE_IDS = new Set(SHELLCHECK_RULES.map((r) => r.id));

/**
 * The analysis with the ShellCheck-aware rules re-run against `facts`; the input is
 * not modified. Composes with withRegistryFacts in either order (disjoint rules).
 */
export function withShellcheckFacts(analysis: Analysis, facts: ShellcheckFacts | undefined, options: AnalyzeOptions = {}): Analysis {
  const model = analysis.model;
  if (!model || !facts || facts.size === 0) return analysis;
  const rerun = runRules(model, SHELLCHECK_RULES, { ...options, context: { ...options.context, shellcheckFacts: facts } });
  const findings = analysis.findings.filter((f) => !SHELLCHECK_RULE_IDS.has(f.rule)).concat(rerun.findings);
  findings.sort(byPosition);
  const ruleErrors = analysis.ruleErrors.filter((e) => !SHELLCHECK_RULE_IDS.has(e.rule)).concat(rerun.ruleErrors);
  return { ...analysis, findings, ruleErrors };
}
