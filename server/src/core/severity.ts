import type { Severity } from './types';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** True when `s` is at least as severe as `threshold`. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return RANK[s] >= RANK[threshold];
}
