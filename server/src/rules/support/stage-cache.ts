import type { InstructionInfo, Stage } from '../../model/types';

/**
 * Results a rule worked out for one stage, kept with the stage's FROM
 * instruction. The model shares that instruction object with the next version
 * only when the stage's text, first line, instruction numbers and escape
 * character are unchanged, so the stage's own instructions are the very same
 * objects too. Whatever else the result depends on (inherited environment,
 * global ARGs, file-wide casing…) goes into `context`: a different context
 * computes again. After an edit on a big file, a rule then re-checks only the
 * stage that changed and the stages whose context it changed.
 */
const byFrom = new WeakMap<InstructionInfo, Map<string, { context: string; value: unknown }>>();

export function perStage<T>(rule: string, stage: Stage, context: string, compute: () => T): T {
  let entries = byFrom.get(stage.from);
  if (!entries) byFrom.set(stage.from, (entries = new Map()));
  const hit = entries.get(rule);
  if (hit && hit.context === context) return hit.value as T;
  const value = compute();
  entries.set(rule, { context, value });
  return value;
}
