import type { Finding, Severity } from './core/types';
import type { RuleSetting } from './analyze';
import { HADOLINT_CODES, type HadolintSeverity } from './data/hadolint-codes';

/**
 * Rule sets a team can switch to at once. `hadolint` is hadolint's rule set at
 * hadolint's default severities, so a CI job can swap hadolint for this linter
 * and see the same findings (plus our fixes): only rules that report a hadolint
 * (DLxxxx) or ShellCheck (SCxxxx) code run, including the version-pinning rules
 * we keep off by default, and each finding takes the severity hadolint gives
 * its code. The user's own per-rule settings still win.
 */
export type Preset = 'default' | 'hadolint';

export function isPreset(s: unknown): s is Preset {
  return s === 'default' || s === 'hadolint';
}

const HADOLINT_SEVERITY = new Map(HADOLINT_CODES.map((c) => [c.code, c.severity]));

/** hadolint's `style` is below info: our hint. ShellCheck codes keep what the rule gave them. */
const TO_OURS: Record<Exclude<HadolintSeverity, 'ignore'>, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

function hadolintCodes(aliases: readonly string[]): string[] {
  return aliases.filter((a) => /^(DL|SC)\d{4}$/.test(a));
}

/** Per-rule settings a preset implies; the user's settings are applied on top of these. */
export function presetRuleSettings(preset: Preset, rules: readonly { id: string; aliases: readonly string[]; enabledByDefault?: boolean }[]): Record<string, RuleSetting> {
  if (preset !== 'hadolint') return {};
  const out: Record<string, RuleSetting> = {};
  for (const r of rules) {
    // The shellcheck rule reports SC codes per finding (its static aliases are empty): hadolint runs ShellCheck.
    const onInHadolint = r.id === 'shellcheck' || hadolintCodes(r.aliases).some((c) => c.startsWith('SC') || (HADOLINT_SEVERITY.get(c) ?? 'ignore') !== 'ignore');
    out[r.id] = onInHadolint ? 'on' : 'off';
  }
  return out;
}

/** The severity a finding gets under the preset: hadolint's for its first hadolint code, else its own. */
export function presetSeverity(preset: Preset, finding: Pick<Finding, 'aliases' | 'severity'>): Severity {
  if (preset !== 'hadolint') return finding.severity;
  for (const code of hadolintCodes(finding.aliases)) {
    const s = HADOLINT_SEVERITY.get(code);
    if (s && s !== 'ignore') return TO_OURS[s];
  }
  return finding.severity;
}
