/**
 * Layer insight: where each filesystem layer sits in its stage and in the final
 * image, as the lecture's UnionFS paragraph describes it. Pure analysis core:
 * no LSP imports; the LSP adapter (lsp/layer-lens.ts) and the custom request
 * (common/layers.ts) are built on top of it.
 *
 * Counting follows the builder, instruction by instruction (builder-model.ts:
 * RUN, COPY, ADD, and WORKDIR other than `/`, as BuildKit commits them; note
 * `layers.which-instructions`); the base image's own layers are not counted,
 * since they are not written in the Dockerfile. The model's `stage.layers`
 * (RUN/COPY/ADD only) is not used here.
 */
import type { Lang, Localized } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import { stageLabel, type InstructionView, type LayerStack, type LayerView, type MountView, type PortView, type StageView } from '../../../common/layers';
import { volumeArguments } from '../rules/support/args';
import { stageLayers } from './builder-model';

/** One instruction that adds a filesystem layer. */
export interface LayerPosition {
  instruction: InstructionInfo;
  stage: number;
  /** 1-based within its stage. */
  number: number;
  /** Layers of its stage. */
  of: number;
  /** 1-based among the final image's layers from this Dockerfile, or null when the stage does not reach it. */
  finalNumber: number | null;
}

export interface StageSummary {
  index: number;
  name: string | null;
  /** The base image reference as written (or the earlier stage it builds on). */
  base: string;
  /** Index of an earlier stage the FROM builds on, or -1. */
  fromStage: number;
  layerCount: number;
  reachesFinalImage: boolean;
  isFinal: boolean;
  from: InstructionInfo;
}

export interface LayerInsight {
  stages: StageSummary[];
  /** Every layer of every stage, in document order. */
  layers: LayerPosition[];
  /** Stage indexes that make up the final image, bottom (first built) to top; empty without a FROM. */
  finalChain: number[];
  /** Layers this Dockerfile adds to the final image. */
  finalLayerCount: number;
}

/** The stage chain of the final image: the last stage and the stages it is built FROM, bottom first. */
function finalChain(model: DockerfileModel): number[] {
  const chain: number[] = [];
  const seen = new Set<number>();
  let i = model.stages.length - 1;
  while (i >= 0 && i < model.stages.length && !seen.has(i)) {
    seen.add(i);
    chain.push(i);
    i = model.stages[i].base.fromStage;
  }
  return chain.reverse();
}

export function layerInsight(model: DockerfileModel): LayerInsight {
  const chain = finalChain(model);
  const offset = new Map<number, number>();
  let total = 0;
  const perStage = model.stages.map((stage) => stageLayers(stage));
  for (const s of chain) { offset.set(s, total); total += perStage[s].length; }
  const last = model.stages.length - 1;

  const layers: LayerPosition[] = [];
  const stages: StageSummary[] = model.stages.map((stage) => {
    const own = perStage[stage.index];
    const of = own.length;
    const before = offset.get(stage.index);
    for (const layer of own) {
      layers.push({
        instruction: layer.instruction,
        stage: stage.index,
        number: layer.number,
        of,
        finalNumber: before === undefined ? null : before + layer.number,
      });
    }
    return {
      index: stage.index,
      name: stage.name,
      base: stage.base.raw,
      fromStage: stage.base.fromStage,
      layerCount: of,
      reachesFinalImage: offset.has(stage.index),
      isFinal: stage.index === last,
      from: stage.from,
    };
  });
  return { stages, layers, finalChain: chain, finalLayerCount: total };
}

// ---------------------------------------------------------------- labels

/** Russian plural: 1 слой, 2 слоя, 5 слоёв, 21 слой, 11 слоёв. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10, m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

function layerCountText(n: number, lang: Lang): string {
  return lang === 'ru' ? `${n} ${ruPlural(n, 'слой', 'слоя', 'слоёв')}` : `${n} ${n === 1 ? 'layer' : 'layers'}`;
}

/** "layer 3 of 7 · stage build (not in the final image)" and its Russian twin. */
export function layerTitle(insight: LayerInsight, pos: LayerPosition): Localized {
  const stage = insight.stages[pos.stage];
  const name = stageLabel(stage);
  const head = { en: `layer ${pos.number} of ${pos.of} · stage ${name}`, ru: `слой ${pos.number} из ${pos.of} · этап ${name}` };
  if (pos.finalNumber === null) {
    return { en: `${head.en} (not in the final image)`, ru: `${head.ru} (не попадает в итоговый образ)` };
  }
  if (insight.finalChain.length === 1) {
    return { en: `${head.en} · final image`, ru: `${head.ru} · итоговый образ` };
  }
  return {
    en: `${head.en} · layer ${pos.finalNumber} of ${insight.finalLayerCount} in the final image`,
    ru: `${head.ru} · слой ${pos.finalNumber} из ${insight.finalLayerCount} в итоговом образе`,
  };
}

/** The summary shown on a FROM line: name, base, layer count, whether it reaches the final image. */
export function stageTitle(insight: LayerInsight, summary: StageSummary): Localized {
  const base = shorten(summary.base, 60);
  const on = summary.fromStage >= 0
    ? { en: `on stage ${stageLabel(insight.stages[summary.fromStage])}`, ru: `на этапе ${stageLabel(insight.stages[summary.fromStage])}` }
    : { en: `FROM ${base}`, ru: `FROM ${base}` };
  const count = { en: layerCountText(summary.layerCount, 'en'), ru: layerCountText(summary.layerCount, 'ru') };
  const head = { en: `stage ${stageLabel(summary)} · ${on.en} · ${count.en}`, ru: `этап ${stageLabel(summary)} · ${on.ru} · ${count.ru}` };
  if (summary.isFinal) {
    if (insight.finalChain.length <= 1) return { en: `${head.en} · final image`, ru: `${head.ru} · итоговый образ` };
    const total = insight.finalLayerCount;
    return {
      en: `${head.en} · final image: ${layerCountText(total, 'en')} from this Dockerfile`,
      ru: `${head.ru} · итоговый образ: ${layerCountText(total, 'ru')} из этого Dockerfile`,
    };
  }
  return summary.reachesFinalImage
    ? { en: `${head.en} · in the final image`, ru: `${head.ru} · входит в итоговый образ` }
    : { en: `${head.en} · not in the final image`, ru: `${head.ru} · не попадает в итоговый образ` };
}

// ---------------------------------------------------------------- the layer stack for the view

const TEXT_MAX = 160;
const SOURCE_MAX = 2000;

/** The data of `dockerfileLectureHints/layers` for one model. */
export function layerStack(model: DockerfileModel, uri: string, version: number | null): LayerStack {
  const insight = layerInsight(model);
  const positions = new Map(insight.layers.map((l) => [l.instruction.index, l]));
  const stages: StageView[] = model.stages.map((stage) => stageView(model, stage, insight, positions));
  return {
    uri,
    version,
    stages,
    finalStage: model.stages.length - 1,
    finalChain: insight.finalChain,
    finalLayerCount: insight.finalLayerCount,
  };
}

function stageView(model: DockerfileModel, stage: Stage, insight: LayerInsight, positions: Map<number, LayerPosition>): StageView {
  const layers: LayerView[] = [];
  const config: InstructionView[] = [];
  const volumes: MountView[] = [];
  const ports: PortView[] = [];
  for (const ins of stage.instructions) {
    const pos = positions.get(ins.index);
    if (pos) {
      const from = ins.flags.find((f) => f.name.toLowerCase() === 'from');
      layers.push({ ...instructionView(model, ins), number: pos.number, of: pos.of, finalNumber: pos.finalNumber, copyFrom: from?.value ?? null });
    } else if (ins.keyword === 'VOLUME') {
      for (const path of volumeArguments(model, ins)) volumes.push({ path, range: ins.range });
    } else if (ins.keyword === 'EXPOSE') {
      for (const port of ins.args.split(/\s+/).filter(Boolean)) ports.push({ port, range: ins.range });
    } else {
      config.push(instructionView(model, ins));
    }
  }
  return {
    index: stage.index,
    name: stage.name,
    from: instructionView(model, stage.from),
    base: {
      raw: stage.base.raw,
      resolved: stage.base.resolved,
      fromStage: stage.base.fromStage,
      scratch: stage.base.scratch,
      range: stage.base.range,
    },
    layers,
    config,
    volumes,
    ports,
    reachesFinalImage: insight.finalChain.includes(stage.index),
  };
}

function instructionView(model: DockerfileModel, ins: InstructionInfo): InstructionView {
  const source = model.lines.slice(ins.range);
  return {
    keyword: ins.keyword,
    text: shorten(oneLine(source, model.escapeChar, ins.heredoc), TEXT_MAX),
    source: shorten(source, SOURCE_MAX),
    range: ins.range,
  };
}

/** Continuations joined, heredoc lines marked with ↵, runs of blanks collapsed. */
export function oneLine(source: string, escapeChar: string, heredoc: boolean): string {
  const esc = escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  let text = source.replace(new RegExp(`${esc}[ \\t]*\\r?\\n`, 'g'), ' ');
  if (heredoc) text = text.replace(/\r?\n/g, ' ↵ ');
  return text.replace(/\s+/g, ' ').trim();
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

