/** `--preset` in the CLI: the preset's rule settings under the project's, its severities under explicit ones. */
import { RULES, resolveCode, type Finding, type RuleSetting, type Severity } from '../index';
import { presetRuleSettings, presetSeverity, type Preset } from '../presets';

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint'] satisfies Severity[];

/** The rule settings to analyse with: the preset's first, then the project's (and user's) on top. */
export function withPresetRules(preset: Preset, rules: Record<string, RuleSetting> | undefined): Record<string, RuleSetting> {
  return { ...presetRuleSettings(preset, RULES), ...(rules ?? {}) };
}

/**
 * Findings at the preset's severities, except where the user (or .hadolint.yaml's
 * `override`) set a severity for the finding's rule or one of its codes: that choice wins.
 */
export function withPresetSeverities(preset: Preset, findings: Finding[], explicit: Record<string, RuleSetting> | undefined): Finding[] {
  if (preset === 'default') return findings;
  const chosen = explicitSeverityTargets(explicit ?? {});
  return findings.map((f) => {
    if (chosen.has(f.rule) || f.aliases.some((a) => chosen.has(a.toLowerCase()))) return f;
    const severity = presetSeverity(preset, f);
    return severity === f.severity ? f : { ...f, severity };
  });
}

/** Rule ids and (lower-case) codes whose severity a setting names explicitly. */
function explicitSeverityTargets(rules: Record<string, RuleSetting>): Set<string> {
  const out = new Set<string>();
  for (const [code, value] of Object.entries(rules)) {
    if (!SEVERITIES.includes(value)) continue;
    const ids = resolveCode(code);
    for (const id of ids) out.add(id);
    if (ids.length === 0) out.add(code.toLowerCase());
  }
  return out;
}
