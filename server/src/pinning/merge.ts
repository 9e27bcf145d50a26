/**
 * Registry answers arrive after the first analysis of a version has been
 * published. Rather than re-analysing, the adapters keep the cached model and
 * re-run only the rules that read registry facts, replacing their findings.
 */
import { byPosition, runRules, type Analysis, type AnalyzeOptions } from '../analyze';
import { fixAll, type FixAllResult } from '../fix';
import { RULES } from '../rules/index';
import type { RegistryFacts } from '../rules/support/registry-facts';

/** The rules whose findings depend on registry facts: they say so in their definition. */
const FACT_RULES = RULES.filter((r) => r.needsRegistryFacts);
const FACT_RULE_IDS = new Set(FACT_RULES.map((r) => r.id));

function withFacts(options: AnalyzeOptions, facts: RegistryFacts): AnalyzeOptions {
  return { ...options, context: { ...options.context, registryFacts: facts } };
}

/** The analysis with the facts-aware rules re-run against `facts`; the input is not modified. */
export function withRegistryFacts(analysis: Analysis, facts: RegistryFacts | undefined, options: AnalyzeOptions = {}): Analysis {
  const model = analysis.model;
  if (!model || !facts || Object.keys(facts).length === 0) return analysis;
  const rerun = runRules(model, FACT_RULES, withFacts(options, facts));
  const findings = analysis.findings.filter((f) => !FACT_RULE_IDS.has(f.rule)).concat(rerun.findings);
  findings.sort(byPosition);
  const ruleErrors = analysis.ruleErrors.filter((e) => !FACT_RULE_IDS.has(e.rule)).concat(rerun.ruleErrors);
  return { ...analysis, findings, ruleErrors };
}

/**
 * fixAll (fix.ts) with registry facts: safe registry pins are applied like any safe fix.
 * A pinned reference (node:20.11.1) has no facts entry of its own, so the next pass
 * reports nothing new for it and the loop reaches its fixed point.
 */
export function fixAllWithFacts(text: string, options: AnalyzeOptions, facts: RegistryFacts | undefined, maxPasses?: number): FixAllResult {
  return fixAll(text, facts ? withFacts(options, facts) : options, maxPasses);
}
