import type { DockerfileModel, InstructionInfo, Stage } from './types';

/**
 * Questions about the stages a stage is built FROM inside the same file.
 * Rules ask them for every RUN, so answers are memoised per stage: a file
 * with thousands of chained stages must stay linear, not quadratic.
 */

/** The earlier stage this one is built FROM, if any (always a lower index, so chains never loop). */
export function parentStage(model: DockerfileModel, stage: Stage): Stage | null {
  const p = stage.base.fromStage;
  return p >= 0 && p < stage.index ? model.stages[p] : null;
}

/** The stage and the stages it is built FROM, nearest first. */
export function ancestry(model: DockerfileModel, stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | null = stage; s; s = parentStage(model, s)) out.push(s);
  return out;
}

const roots = new WeakMap<Stage, Stage>();

/** The first stage of the chain: the one whose base is an image from a registry (or scratch). */
export function rootStage(model: DockerfileModel, stage: Stage): Stage {
  const path: Stage[] = [];
  let s: Stage = stage;
  let root = roots.get(s);
  while (!root) {
    path.push(s);
    const p = parentStage(model, s);
    if (!p) { root = s; break; }
    s = p;
    root = roots.get(s);
  }
  for (const p of path) roots.set(p, root);
  return root;
}

/** Whether `stage` is `ancestor` or is built (directly or not) FROM it. */
export function descendsFrom(model: DockerfileModel, stage: Stage, ancestor: Stage): boolean {
  for (let s: Stage | null = stage; s && s.index >= ancestor.index; s = parentStage(model, s)) if (s === ancestor) return true;
  return false;
}

type Memo = Map<string, Map<Stage, InstructionInfo | null>>;
const lastMatches = new WeakMap<DockerfileModel, Memo>();

/**
 * The last instruction passing `test` before `ins` (or at it, when `inclusive`)
 * in its stage, else the last one in the stages it is built FROM. `key` names
 * the test so its per-stage answers can be reused.
 */
export function lastInherited(model: DockerfileModel, ins: InstructionInfo, key: string, test: (i: InstructionInfo) => boolean, inclusive = false): InstructionInfo | null {
  const stage = model.stages[ins.stage];
  if (!stage) return null;
  for (let k = stage.instructions.length - 1; k >= 0; k--) {
    const i = stage.instructions[k];
    if ((inclusive ? i.index <= ins.index : i.index < ins.index) && test(i)) return i;
  }
  const parent = parentStage(model, stage);
  return parent ? lastInStageOrAncestors(model, parent, key, test) : null;
}

function lastInStageOrAncestors(model: DockerfileModel, stage: Stage, key: string, test: (i: InstructionInfo) => boolean): InstructionInfo | null {
  let memo = lastMatches.get(model);
  if (!memo) lastMatches.set(model, (memo = new Map()));
  let byStage = memo.get(key);
  if (!byStage) memo.set(key, (byStage = new Map()));
  // Walk up to the first stage with a known answer, then fill the answers back down.
  const path: Stage[] = [];
  let answer: InstructionInfo | null | undefined;
  for (let s: Stage | null = stage; s; s = parentStage(model, s)) {
    answer = byStage.get(s);
    if (answer !== undefined) break;
    path.push(s);
    const own = [...s.instructions].reverse().find(test) ?? null;
    if (own) { answer = own; byStage.set(s, own); path.pop(); break; }
  }
  const result = answer ?? null;
  for (const s of path) byStage.set(s, result);
  return result;
}
