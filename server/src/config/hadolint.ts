import type { Severity } from '../core/types';
import type { RuleSetting } from '../analyze';

/**
 * The parts of a team's `.hadolint.yaml` that mean something here, so a
 * project keeps one configuration for both tools. Codes are hadolint's
 * (DLxxxx) and map to our rules through their aliases.
 */
export interface ProjectConfig {
  rules: Record<string, RuleSetting>;
  trustedRegistries: string[];
  /** CLI default for --fail-on. */
  failureThreshold?: Severity | 'never';
  /** Problems reading the file, shown to the user instead of failing silently. */
  problems: string[];
}

const OVERRIDE_LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };
const THRESHOLDS: Record<string, Severity | 'never'> = { error: 'error', warning: 'warning', info: 'info', style: 'hint', ignore: 'never', none: 'never' };

export function parseHadolintConfig(text: string): ProjectConfig {
  const config: ProjectConfig = { rules: {}, trustedRegistries: [], problems: [] };
  let doc: unknown;
  try {
    // Loaded on first use: most projects have no .hadolint.yaml, and the parser costs start-up time.
    const { parse } = require('yaml') as typeof import('yaml');
    doc = parse(text, { maxAliasCount: 50 });
  } catch (e) {
    config.problems.push(`invalid YAML: ${(e as Error).message.split('\n')[0]}`);
    return config;
  }
  if (doc === null || doc === undefined) return config;
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    config.problems.push('expected a mapping at the top level');
    return config;
  }
  const obj = doc as Record<string, unknown>;
  for (const code of strings(obj.ignored, 'ignored', config)) config.rules[code] = 'off';
  if (obj.override && typeof obj.override === 'object') {
    for (const [level, codes] of Object.entries(obj.override as Record<string, unknown>)) {
      const severity = OVERRIDE_LEVELS[level];
      if (!severity) { config.problems.push(`override: unknown level '${level}'`); continue; }
      for (const code of strings(codes, `override.${level}`, config)) config.rules[code] = severity;
    }
  }
  config.trustedRegistries = strings(obj.trustedRegistries, 'trustedRegistries', config);
  const threshold = obj['failure-threshold'];
  if (typeof threshold === 'string') {
    if (THRESHOLDS[threshold]) config.failureThreshold = THRESHOLDS[threshold];
    else config.problems.push(`failure-threshold: unknown value '${threshold}'`);
  }
  return config;
}

function strings(value: unknown, where: string, config: ProjectConfig): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) { config.problems.push(`${where}: expected a list`); return []; }
  return value.filter((v): v is string => typeof v === 'string');
}
