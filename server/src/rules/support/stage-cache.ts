import type { RawFinding } from '../../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../../model/types';
import { parentStage } from '../../model/lineage';
import { keywordCase } from './keyword-case';

/**
 * Results a rule worked out for one stage, kept with the stage's FROM
 * instruction. The model shares that instruction object with the next version
 * only when the stage's text, first line, instruction numbers and escape
 * character are unchanged, so the stage's own instructions are the very same
 * objects too. Whatever else the result depends on goes into `context`: a
 * different context computes again. After an edit on a big file, a rule then
 * re-checks only the stage that changed and the stages whose context changed.
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

/**
 * For rules that read only a stage and the stages it is built FROM (its RUNs'
 * commands, the SHELL and base image they run with, the file's line breaks and
 * keyword casing, global ARGs through the base image): each stage's findings,
 * kept as long as that context is unchanged. Whatever else a rule reads (other
 * stages' names, what later stages decide, the file's majority case) it names
 * in `context`, which joins the key; the rule context (registry facts) cannot
 * be in it, so rules that read it do not use this.
 */
export function findingsPerStage(rule: string, model: DockerfileModel, check: (stage: Stage) => RawFinding[], options: {
  /** A filter on what later stages decide (e.g. whether the stage reaches the final image): asked every time. */
  only?: (stage: Stage) => boolean;
  /** What else the stage's findings depend on, as a short text. */
  context?: (stage: Stage) => string;
} = {}): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const stage of model.stages) {
    if (options.only && !options.only(stage)) continue;
    const context = options.context ? `${inheritedContext(model, stage)}|${options.context(stage)}` : inheritedContext(model, stage);
    for (const f of perStage(rule, stage, context, () => check(stage))) findings.push(f);
  }
  return findings;
}

/**
 * A short name for everything a stage inherits: the file-wide facts, and the
 * stage's FROM instruction and those of the stages it builds on, by identity
 * (the same object means the same text in the same place).
 */
export function inheritedContext(model: DockerfileModel, stage: Stage): string {
  let perModel = contexts.get(model);
  if (!perModel) contexts.set(model, (perModel = []));
  // In stage order: a parent is always an earlier stage, so it is named first, without recursion on long FROM chains.
  for (let i = perModel.length; i <= stage.index; i++) {
    const s = model.stages[i];
    const parent = parentStage(model, s);
    perModel[i] = String(idOfText(`${parent ? perModel[parent.index] : fileContext(model)}|${idOf(s.from)}`));
  }
  return perModel[stage.index];
}

const contexts = new WeakMap<DockerfileModel, string[]>();

const fileContexts = new WeakMap<DockerfileModel, string>();

function fileContext(model: DockerfileModel): string {
  let known = fileContexts.get(model);
  if (known === undefined) {
    const args = [...model.globalArgs.values()].map((a) => [a.name, a.value, a.range.start.line]);
    fileContexts.set(model, (known = `f${idOfText(JSON.stringify([model.eol, model.escapeChar, keywordCase(model, 'RUN'), args]))}`));
  }
  return known;
}

const objectIds = new WeakMap<object, number>();
const textIds = new Map<string, number>();
let nextId = 0;

/** A number per object, never reused. */
function idOf(o: object): number {
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = nextId++));
  return id;
}

/**
 * A short name for a long piece of file-wide context (every stage's name, say), to put into
 * each stage's context: comparing the long text once per stage would be quadratic.
 */
export function contextId(text: string): string {
  return `t${idOfText(text)}`;
}

/** A number per text, so long contexts are not copied into every stage's; forgetting them only costs a recomputation. */
function idOfText(text: string): number {
  let id = textIds.get(text);
  if (id === undefined) {
    if (textIds.size >= 10000) textIds.clear();
    textIds.set(text, (id = nextId++));
  }
  return id;
}
