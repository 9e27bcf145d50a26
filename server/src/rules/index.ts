import type { Rule } from './rule';
import { mergeConsecutiveRun } from './merge-consecutive-run';
import { pinImageTag } from './pin-image-tag';
import { movingTag, staleDigestPin } from '../pinning/rules';
import { nonRootUser } from './non-root-user';
import { trustedRegistry } from './trusted-registry';

/** Every rule, in catalogue order. Adding a rule = adding its file and one line here. */
export const RULES: Rule[] = [
  mergeConsecutiveRun,
  pinImageTag,
  movingTag,
  staleDigestPin,
  nonRootUser,
  trustedRegistry,
];

const byId = new Map(RULES.map((r) => [r.id, r]));
const byCode = new Map<string, string[]>();
for (const r of RULES) {
  for (const code of [r.id, ...r.aliases]) {
    const key = code.toLowerCase();
    byCode.set(key, [...(byCode.get(key) ?? []), r.id]);
  }
}

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** Rule ids for a rule id, a hadolint code or a BuildKit check name (case-insensitive). */
export function resolveCode(code: string): string[] {
  return byCode.get(code.toLowerCase()) ?? [];
}
