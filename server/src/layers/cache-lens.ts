/**
 * Cache lens data: which layers an edit rebuilds. Pure; the LSP adapter turns
 * it into lenses or hovers ("editing this line rebuilds layers 3–6 of this
 * stage and stage app").
 *
 * The model, as BuildKit caches: a changed instruction, or changed files under
 * a COPY/ADD source, invalidates that step and every later step of its stage
 * whose input it changes. Instructions that only write the image configuration
 * (LABEL, CMD, EXPOSE, …) are not inputs of later steps, so editing them
 * rebuilds no layer; ENV, ARG, WORKDIR, USER and SHELL are (environment,
 * directory, user and shell of later RUNs). A `COPY --link` after the change
 * is not redone, only stacked again. Stages built on the changed stage (FROM
 * it, COPY --from it, RUN --mount=from=it) are rebuilt from the step that uses
 * it. Beyond the lecture (nearest section: the layered file system), which
 * only says that layers are cached.
 */
import type { Localized } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import { stageLabel } from '../../../common/layers';
import { stageLayers, type BuilderLayer } from './builder-model';

/** Instructions whose change reaches no later step: they only write the image configuration. */
const CONFIG_ONLY = new Set(['LABEL', 'MAINTAINER', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'VOLUME', 'HEALTHCHECK', 'STOPSIGNAL', 'ONBUILD']);

export interface StageRebuild {
  stage: number;
  /** Layer numbers (1-based, of that stage) that are rebuilt, in order. */
  layers: number[];
  /** Of those, `COPY --link`/`ADD --link` layers that are only stacked again, not redone. */
  relinked: number[];
}

export interface CacheImpact {
  instruction: InstructionInfo;
  /** The edited instruction's own stage first, then the stages that build on it, in file order. */
  stages: StageRebuild[];
}

/** What editing `ins` (or, for COPY/ADD, the files it copies) rebuilds. Null outside a stage. */
export function cacheImpact(model: DockerfileModel, ins: InstructionInfo): CacheImpact | null {
  if (ins.stage < 0) return null;
  const perStage = model.stages.map((s) => stageLayers(s));
  // Editing FROM (the base image) rebuilds every layer of the stage.
  const own = rebuildFrom(perStage[ins.stage], ins.index, !CONFIG_ONLY.has(ins.keyword));
  return { instruction: ins, stages: propagate(model, perStage, ins.stage, own) };
}

interface Rebuilt { layers: number[]; relinked: number[] }

/** The layers of a stage rebuilt when the step at instruction index `from` changes. */
function rebuildFrom(layers: BuilderLayer[], from: number, reachesLaterSteps: boolean): Rebuilt {
  const hit = layers.filter((l) => l.instruction.index === from || (reachesLaterSteps && l.instruction.index > from));
  return {
    layers: hit.map((l) => l.number),
    relinked: hit.filter((l) => l.instruction.index !== from && isLinked(l.instruction)).map((l) => l.number),
  };
}

function isLinked(ins: InstructionInfo): boolean {
  return (ins.keyword === 'COPY' || ins.keyword === 'ADD') && ins.flags.some((f) => f.name.toLowerCase() === 'link' && f.value?.toLowerCase() !== 'false');
}

/**
 * The changed stage and, transitively, every later stage that uses it. A
 * stage whose result does not change (no layer rebuilt) changes nothing else.
 */
function propagate(model: DockerfileModel, perStage: BuilderLayer[][], changed: number, own: Rebuilt): StageRebuild[] {
  const result = new Map<number, StageRebuild>([[changed, { stage: changed, ...own }]]);
  if (own.layers.length === 0) return [...result.values()];
  const dirty = new Set([changed]);
  for (const stage of model.stages) {
    if (stage.index <= changed) continue;
    // The first step of this stage that reads a dirty stage: its FROM, or a --from.
    let first: number | null = dirty.has(stage.base.fromStage) ? stage.from.index : null;
    if (first === null) {
      const user = stage.instructions.find((i) => usesStage(model, i, dirty));
      if (user) first = user.index;
    }
    if (first === null) continue;
    result.set(stage.index, { stage: stage.index, ...rebuildFrom(perStage[stage.index], first, true) });
    dirty.add(stage.index);
  }
  return [...result.values()];
}

/** Whether `COPY --from=…` or `RUN --mount=…from=…` of this instruction names a stage in `stages`. */
function usesStage(model: DockerfileModel, ins: InstructionInfo, stages: Set<number>): boolean {
  for (const flag of ins.flags) {
    const name = flag.name.toLowerCase();
    let ref: string | null = null;
    if (name === 'from' && (ins.keyword === 'COPY' || ins.keyword === 'ADD')) ref = flag.value;
    if (name === 'mount' && ins.keyword === 'RUN' && flag.value) {
      const from = flag.value.split(',').map((p) => p.trim()).find((p) => /^from=/i.test(p));
      ref = from ? from.slice(5) : null;
    }
    if (ref === null) continue;
    const target = stageIndex(model, ref, ins.stage);
    if (target !== null && stages.has(target)) return true;
  }
  return false;
}

/** A `--from` value as an earlier stage index (by name, case-insensitive, or by number), or null for an image. */
function stageIndex(model: DockerfileModel, ref: string, before: number): number | null {
  const value = ref.replace(/^["']|["']$/g, '');
  if (/^\d+$/.test(value)) {
    const i = Number(value);
    return i < before ? i : null;
  }
  const lowered = value.toLowerCase();
  const stage = model.stages.find((s) => s.index < before && s.name?.toLowerCase() === lowered);
  return stage ? stage.index : null;
}

/** "editing this line rebuilds layers 3–6 of this stage, and layers 1–2 of stage app" and its Russian twin. */
export function cacheTitle(model: DockerfileModel, impact: CacheImpact): Localized {
  const [own, ...others] = impact.stages;
  if (!own || own.layers.length === 0) {
    return { en: 'editing this line rebuilds no layer (image configuration only)', ru: 'правка этой строки не пересобирает ни одного слоя (только конфигурация образа)' };
  }
  const span = (r: StageRebuild) => (r.layers.length === 1 ? `${r.layers[0]}` : `${r.layers[0]}–${r.layers[r.layers.length - 1]}`);
  const word = (r: StageRebuild, en: boolean) => (r.layers.length === 1 ? (en ? 'layer' : 'слой') : (en ? 'layers' : 'слои'));
  const rest = others.filter((r) => r.layers.length > 0);
  const tailEn = rest.map((r) => `, ${word(r, true)} ${span(r)} of stage ${stageLabel(model.stages[r.stage])}`).join('');
  const tailRu = rest.map((r) => `, ${word(r, false)} ${span(r)} этапа ${stageLabel(model.stages[r.stage])}`).join('');
  return {
    en: `editing this line rebuilds ${word(own, true)} ${span(own)} of this stage${tailEn}`,
    ru: `правка этой строки пересобирает ${word(own, false)} ${span(own)} этого этапа${tailRu}`,
  };
}
