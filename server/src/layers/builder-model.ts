/**
 * Which instructions add a filesystem layer, instruction by instruction, as
 * the builders do it (the README (Which instructions add a layer) is the table this module follows;
 * test/unit/layer-model.test.ts has one test per instruction kind).
 *
 * The lecture says "every `RUN`, `COPY` or `ADD` instruction creates a
 * separate layer"; that is true, but it is not the whole list: BuildKit also
 * turns every `WORKDIR` other than `/` into a mkdir step committed as a layer
 * (whether or not the directory exists), and the legacy builder commits a
 * WORKDIR layer when it had to create the directory. The counts of the layer
 * lens, the Layers view and the hovers follow BuildKit, Docker's default
 * builder since Engine 23.0.
 */
import type { Localized } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import { normalizePath } from '../rules/support/paths';

/** What the legacy builder (DOCKER_BUILDKIT=0) records for an instruction. */
export type LegacyLayer =
  /** A layer whenever the step changed files (an unchanged step gets an empty history entry). */
  | 'if-files-change'
  /** WORKDIR: a layer only when it created the directory. */
  | 'if-directory-created'
  /** Only a history entry marked empty. */
  | 'never';

export interface LayerEffect {
  /** BuildKit records a filesystem layer for it (possibly an empty one). */
  buildkit: boolean;
  legacy: LegacyLayer;
  /** One line for hovers and tooltips: why it does or does not add a layer. */
  why: Localized;
}

const ALWAYS: Record<string, Localized> = {
  RUN: {
    en: 'RUN commits the files its command changed as a layer (BuildKit records it even when nothing changed; `--mount` contents are not in it).',
    ru: 'RUN сохраняет изменённые командой файлы в слой (BuildKit записывает слой, даже если ничего не изменилось; содержимое `--mount` в него не попадает).',
  },
  COPY: {
    en: 'COPY writes the copied files as a layer (`--link` makes it a layer independent of the ones below).',
    ru: 'COPY записывает скопированные файлы в слой (`--link` делает этот слой независимым от нижних).',
  },
  ADD: {
    en: 'ADD writes the added (downloaded or unpacked) files as a layer.',
    ru: 'ADD записывает добавленные (скачанные или распакованные) файлы в слой.',
  },
};

const WORKDIR_LAYER: Localized = {
  en: 'WORKDIR creates its directory (mkdir -p) as a layer in BuildKit, even when it already exists; the legacy builder adds a layer only when it creates the directory.',
  ru: 'WORKDIR в BuildKit создаёт свою директорию (mkdir -p) отдельным слоем, даже если она уже есть; классический сборщик добавляет слой, только когда директорию пришлось создать.',
};
const WORKDIR_ROOT: Localized = {
  en: '`WORKDIR /` adds no layer: BuildKit skips the mkdir for the root directory.',
  ru: '`WORKDIR /` слоя не добавляет: для корневой директории BuildKit не выполняет mkdir.',
};
const ONBUILD: Localized = {
  en: 'ONBUILD only stores a trigger in the image configuration; the trigger runs (and may add a layer) when another build starts FROM this image.',
  ru: 'ONBUILD лишь сохраняет триггер в конфигурации образа; триггер выполнится (и, возможно, добавит слой) при сборке другого образа FROM этого.',
};
const CONFIG: Localized = {
  en: 'Changes only the image configuration (metadata): no filesystem layer.',
  ru: 'Меняет только конфигурацию образа (метаданные): слоя файловой системы нет.',
};

/**
 * The working directory after a WORKDIR, or null when it cannot be known here
 * (a variable, or a relative path on top of the base image's directory).
 * `before` is the directory set by an earlier WORKDIR of the stage, or null.
 */
export function nextWorkdir(before: string | null, argument: string): string | null {
  const path = unquote(argument.trim());
  if (path === '' || path.includes('$')) return null;
  if (path.startsWith('/')) return normalizePath(path);
  if (before === null) return null;
  return normalizePath(`${before}/${path}`);
}

/** BuildKit's and the legacy builder's layer for one instruction; `workdir` is the directory a WORKDIR resolves to. */
export function layerEffect(ins: InstructionInfo, workdir: string | null = null): LayerEffect {
  const always = ALWAYS[ins.keyword];
  if (always) return { buildkit: true, legacy: 'if-files-change', why: always };
  if (ins.keyword === 'WORKDIR') {
    // An unknown directory counts as a layer: only `/` itself skips the mkdir.
    return workdir === '/'
      ? { buildkit: false, legacy: 'never', why: WORKDIR_ROOT }
      : { buildkit: true, legacy: 'if-directory-created', why: WORKDIR_LAYER };
  }
  if (ins.keyword === 'ONBUILD') return { buildkit: false, legacy: 'never', why: ONBUILD };
  return { buildkit: false, legacy: 'never', why: CONFIG };
}

export interface BuilderLayer {
  /** 1-based within its stage. */
  number: number;
  instruction: InstructionInfo;
  effect: LayerEffect;
}

/** The instructions of a stage that BuildKit commits as filesystem layers, in order. */
export function stageLayers(stage: Stage): BuilderLayer[] {
  const layers: BuilderLayer[] = [];
  let workdir: string | null = null;
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') workdir = nextWorkdir(workdir, ins.args);
    const effect = layerEffect(ins, ins.keyword === 'WORKDIR' ? workdir : null);
    if (effect.buildkit) layers.push({ number: layers.length + 1, instruction: ins, effect });
  }
  return layers;
}

/** The effect of every instruction of the model that belongs to a stage, by instruction index. */
export function layerEffects(model: DockerfileModel): Map<number, LayerEffect> {
  const out = new Map<number, LayerEffect>();
  for (const stage of model.stages) {
    let workdir: string | null = null;
    for (const ins of stage.instructions) {
      if (ins.keyword === 'WORKDIR') workdir = nextWorkdir(workdir, ins.args);
      out.set(ins.index, layerEffect(ins, ins.keyword === 'WORKDIR' ? workdir : null));
    }
  }
  return out;
}

function unquote(text: string): string {
  const q = text[0];
  return (q === '"' || q === "'") && text.length >= 2 && text.endsWith(q) ? text.slice(1, -1) : text;
}

