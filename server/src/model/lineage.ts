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

type Memo<T> = WeakMap<DockerfileModel, Map<string, Map<Stage, T>>>;
const lastMatches: Memo<InstructionInfo | null> = new WeakMap();
const stageMatches: Memo<InstructionInfo[]> = new WeakMap();

function memoFor<T>(memo: Memo<T>, model: DockerfileModel, key: string): Map<Stage, T> {
  let byKey = memo.get(model);
  if (!byKey) memo.set(model, (byKey = new Map()));
  let byStage = byKey.get(key);
  if (!byStage) byKey.set(key, (byStage = new Map()));
  return byStage;
}

/**
 * The instructions of a stage that pass `test`, in order, tested once per
 * model: rules ask for every RUN, and a stage can have thousands of them.
 */
function matchesIn(model: DockerfileModel, stage: Stage, key: string, test: (i: InstructionInfo) => boolean): InstructionInfo[] {
  const byStage = memoFor(stageMatches, model, key);
  let list = byStage.get(stage);
  if (!list) byStage.set(stage, (list = stage.instructions.filter(test)));
  return list;
}

/**
 * The last instruction passing `test` before `ins` (or at it, when `inclusive`)
 * in its stage, else the last one in the stages it is built FROM. `key` names
 * the test so its per-stage answers can be reused.
 */
export function lastInherited(model: DockerfileModel, ins: InstructionInfo, key: string, test: (i: InstructionInfo) => boolean, inclusive = false): InstructionInfo | null {
  const stage = model.stages[ins.stage];
  if (!stage) return null;
  const list = matchesIn(model, stage, key, test);
  const bound = inclusive ? ins.index : ins.index - 1;
  // The first match after `bound`, by binary search; the one before it is the answer.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].index <= bound) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) return list[lo - 1];
  const parent = parentStage(model, stage);
  return parent ? lastInStageOrAncestors(model, parent, key, test) : null;
}

function lastInStageOrAncestors(model: DockerfileModel, stage: Stage, key: string, test: (i: InstructionInfo) => boolean): InstructionInfo | null {
  const byStage = memoFor(lastMatches, model, key);
  // Walk up to the first stage with a known answer, then fill the answers back down.
  const path: Stage[] = [];
  let answer: InstructionInfo | null | undefined;
  for (let s: Stage | null = stage; s; s = parentStage(model, s)) {
    answer = byStage.get(s);
    if (answer !== undefined) break;
    path.push(s);
    const matches = matchesIn(model, s, key, test);
    const own = matches[matches.length - 1] ?? null;
    if (own) { answer = own; byStage.set(s, own); path.pop(); break; }
  }
  const result = answer ?? null;
  for (const s of path) byStage.set(s, result);
  return result;
}
