/**
 * What rules may ask about a stage's base image: its user, environment, entrypoint, command,
 * working directory, ports and download size. From the registry's config blob when the facts
 * snapshot has it, else from the bundled, dated table (data/base-images.ts), else null. For a
 * stage built on an earlier stage, what that stage's own instructions set, then its base.
 *
 * Every answer says where it comes from, so a message can say "as of DATE" for the table,
 * and a rule can stay silent when only a guess is available.
 */
import type { Localized } from '../../core/types';
import { BASE_IMAGES_DATE, tableFactsOf, type TableImageFacts } from '../../data/base-images';
import type { DockerfileModel, InstructionInfo, Stage } from '../../model/types';
import { parseImageRef } from '../../registry/ref';
import { jsonArray } from './args';
import { declaredNames } from './declared-names';
import { workdirAt } from './paths';
import { slimVariantOf } from './image-variants';
import { buildPlatformOf, configOf, factsOf, factsOfReference, lookupOf, type ImageConfig, type RegistryFacts } from './registry-facts';

/** 'registry': the image's config, fetched now; 'table': the bundled table (see asOf); 'dockerfile': set by this file (an earlier stage, `scratch`). */
export type BaseFactSource = 'registry' | 'table' | 'dockerfile';

export interface BaseFact<T> {
  value: T;
  source: BaseFactSource;
  /** The table's date, for 'table' answers: messages say "as of DATE". */
  asOf?: string;
}

type Lookup = { config: ImageConfig } | { table: TableImageFacts } | null;

/** The registry config of a stage's own base image, else its table entry. */
function sourceOf(stage: Stage, facts: RegistryFacts | undefined): Lookup {
  const config = configOf(factsOf(facts, stage.base), buildPlatformOf(stage));
  if (config) return { config };
  const lookup = lookupOf(stage.base);
  const table = lookup ? tableFactsOf(lookup.ref) : null;
  return table ? { table } : null;
}

function fromRegistry<T>(value: T): BaseFact<T> {
  return { value, source: 'registry' };
}

function fromTable<T>(value: T | undefined): BaseFact<T> | null {
  return value === undefined ? null : { value, source: 'table', asOf: BASE_IMAGES_DATE };
}

/** The last instruction with `keyword` in a stage, if any. */
function lastOf(stage: Stage, keyword: string): InstructionInfo | undefined {
  for (let i = stage.instructions.length - 1; i >= 0; i--) if (stage.instructions[i].keyword === keyword) return stage.instructions[i];
  return undefined;
}

/**
 * `Config.User` of what the stage starts from: '' means none set, i.e. root (see isRootUser).
 * For `FROM builder`, the last USER of that stage, else its own base's user.
 */
export function baseUser(model: DockerfileModel, stage: Stage, facts: RegistryFacts | undefined): BaseFact<string> | null {
  const { base } = stage;
  if (base.scratch) return { value: '', source: 'dockerfile' };
  if (base.fromStage >= 0) {
    const parent = model.stages[base.fromStage];
    const user = lastOf(parent, 'USER');
    return user ? { value: user.args.trim(), source: 'dockerfile' } : baseUser(model, parent, facts);
  }
  const src = sourceOf(stage, facts);
  if (!src) return null;
  return 'config' in src ? fromRegistry(src.config.user) : fromTable(src.table.user);
}

/** True for '' (no USER: root), `root`, `0` and `root:…`/`0:…`. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0];
  return name === '' || name === 'root' || name === '0';
}

/**
 * A non-root user the base image creates without switching to it (`node` 1000, `app` 1654…),
 * from the table only: the config blob does not list users. Rules can suggest `USER node`.
 */
export function baseProvidedUser(stage: Stage): BaseFact<{ name: string; uid?: number }> | null {
  const lookup = lookupOf(stage.base);
  const table = lookup ? tableFactsOf(lookup.ref) : null;
  return fromTable(table?.providedUser);
}

/** The user the image's own entrypoint switches to although it starts as root (postgres, redis, nginx workers); table only. */
export function baseDropsPrivilegesTo(stage: Stage): BaseFact<string> | null {
  const lookup = lookupOf(stage.base);
  const table = lookup ? tableFactsOf(lookup.ref) : null;
  return fromTable(table?.dropsTo);
}

export interface BaseEnv {
  /** Variable → value (null when the table knows only that it is set). */
  vars: ReadonlyMap<string, string | null>;
  /** True when every variable is listed (registry config, `scratch`): a name missing is really unset. */
  complete: boolean;
}

/** Environment of what the stage starts from. For `FROM builder`: that stage's ENVs over its base's. */
export function baseEnv(model: DockerfileModel, stage: Stage, facts: RegistryFacts | undefined): BaseFact<BaseEnv> | null {
  const { base } = stage;
  if (base.scratch) return { value: { vars: new Map(), complete: false }, source: 'dockerfile' };
  if (base.fromStage >= 0) {
    const parent = model.stages[base.fromStage];
    const inherited = baseEnv(model, parent, facts);
    const vars = new Map(inherited?.value.vars ?? []);
    for (const ins of parent.instructions) {
      if (ins.keyword === 'ENV') for (const d of declaredNames(model, ins)) vars.set(d.name, d.value);
    }
    return { ...(inherited ?? { source: 'dockerfile' as const }), value: { vars, complete: inherited?.value.complete ?? false } };
  }
  const src = sourceOf(stage, facts);
  if (!src) return null;
  if ('config' in src) {
    const vars = new Map<string, string | null>();
    for (const e of src.config.env) {
      const eq = e.indexOf('=');
      vars.set(eq < 0 ? e : e.slice(0, eq), eq < 0 ? '' : e.slice(eq + 1));
    }
    return fromRegistry({ vars, complete: true });
  }
  return src.table.env ? fromTable({ vars: new Map(Object.entries(src.table.env)), complete: false }) : null;
}

/** ENTRYPOINT/CMD as the builder stores them: exec form as is, shell form wrapped in `/bin/sh -c`. */
function commandOf(ins: InstructionInfo): string[] {
  const json = ins.execForm ? jsonArray(ins.args.trim()) : null;
  if (json && json.every((x) => typeof x === 'string')) return json as string[];
  return ['/bin/sh', '-c', ins.args.trim()];
}

/** `Config.Entrypoint` (null: none) of what the stage starts from. */
export function baseEntrypoint(model: DockerfileModel, stage: Stage, facts: RegistryFacts | undefined): BaseFact<string[] | null> | null {
  const { base } = stage;
  if (base.scratch) return { value: null, source: 'dockerfile' };
  if (base.fromStage >= 0) {
    const parent = model.stages[base.fromStage];
    const ep = lastOf(parent, 'ENTRYPOINT');
    return ep ? { value: commandOf(ep), source: 'dockerfile' } : baseEntrypoint(model, parent, facts);
  }
  const src = sourceOf(stage, facts);
  if (!src) return null;
  return 'config' in src ? fromRegistry(src.config.entrypoint) : fromTable(src.table.entrypoint);
}

/** `Config.Cmd` (null: none) of what the stage starts from. An ENTRYPOINT in an earlier stage resets the CMD it inherited. */
export function baseCmd(model: DockerfileModel, stage: Stage, facts: RegistryFacts | undefined): BaseFact<string[] | null> | null {
  const { base } = stage;
  if (base.scratch) return { value: null, source: 'dockerfile' };
  if (base.fromStage >= 0) {
    const parent = model.stages[base.fromStage];
    const cmd = lastOf(parent, 'CMD');
    const ep = lastOf(parent, 'ENTRYPOINT');
    if (cmd && (!ep || cmd.index > ep.index)) return { value: commandOf(cmd), source: 'dockerfile' };
    if (ep) return { value: null, source: 'dockerfile' };
    return baseCmd(model, parent, facts);
  }
  const src = sourceOf(stage, facts);
  if (!src) return null;
  return 'config' in src ? fromRegistry(src.config.cmd) : fromTable(src.table.cmd);
}

/** `Config.WorkingDir` of what the stage starts from: '' = none set (`/`). */
export function baseWorkdir(model: DockerfileModel, stage: Stage, facts: RegistryFacts | undefined): BaseFact<string> | null {
  const { base } = stage;
  if (base.scratch) return { value: '', source: 'dockerfile' };
  if (base.fromStage >= 0) {
    const parent = model.stages[base.fromStage];
    const last = parent.instructions[parent.instructions.length - 1];
    if (lastOf(parent, 'WORKDIR') && last) {
      const dir = workdirAt(model, last);
      return dir === null ? null : { value: dir, source: 'dockerfile' };
    }
    return baseWorkdir(model, parent, facts);
  }
  const src = sourceOf(stage, facts);
  if (!src) return null;
  return 'config' in src ? fromRegistry(src.config.workingDir) : fromTable(src.table.workdir);
}

/** `80/tcp`, … the base image exposes (EXPOSE is inherited). */
export function baseExposedPorts(_model: DockerfileModel, stage: Stage, facts: RegistryFacts | undefined): BaseFact<string[]> | null {
  if (stage.base.scratch) return { value: [], source: 'dockerfile' };
  if (stage.base.fromStage >= 0) return null;
  const src = sourceOf(stage, facts);
  if (!src) return null;
  return 'config' in src ? fromRegistry(src.config.exposedPorts) : fromTable(src.table.exposedPorts);
}

/** When the base image was built (registry only: a table cannot know). */
export function baseCreated(stage: Stage, facts: RegistryFacts | undefined): BaseFact<string> | null {
  const created = configOf(factsOf(facts, stage.base), buildPlatformOf(stage))?.created;
  return created ? fromRegistry(created) : null;
}

/** Bytes to download: exact sum of compressed layers from the registry, or the table's rough figure. */
export interface DownloadSize {
  bytes: number;
  /** True for the table's rounded figure. */
  approximate: boolean;
}

function tableSize(table: TableImageFacts | null): BaseFact<DownloadSize> | null {
  return table?.approxMB !== undefined ? fromTable({ bytes: Math.round(table.approxMB * 1e6), approximate: true }) : null;
}

/** Compressed download size of a stage's base image (linux/amd64 for the table). */
export function baseDownloadSize(_model: DockerfileModel, stage: Stage, facts: RegistryFacts | undefined): BaseFact<DownloadSize> | null {
  if (stage.base.scratch) return { value: { bytes: 0, approximate: false }, source: 'dockerfile' };
  const src = stage.base.fromStage >= 0 ? null : sourceOf(stage, facts);
  if (!src) return null;
  return 'config' in src ? fromRegistry({ bytes: src.config.downloadSize, approximate: false }) : tableSize(src.table);
}

/** Compressed download size of any image reference (`python:3.12-slim`), registry first. */
export function imageDownloadSize(reference: string, platform: string, facts: RegistryFacts | undefined): BaseFact<DownloadSize> | null {
  const config = configOf(factsOfReference(facts, reference), platform);
  if (config) return fromRegistry({ bytes: config.downloadSize, approximate: false });
  const ref = parseImageRef(reference);
  return ref ? tableSize(tableFactsOf(ref)) : null;
}

export interface VariantSizes {
  /** e.g. 'python:3.12-slim' */
  variant: string;
  base: BaseFact<DownloadSize>;
  slim: BaseFact<DownloadSize>;
}

/**
 * Both sizes for "`python:3.12` is 380 MB to download, `python:3.12-slim` 45 MB"; null unless
 * both are known and the slim one is really smaller. The provider looks the slim variant up
 * next to the base (imagesOf), so with registry access both come from the registry.
 */
export function slimVariantSize(model: DockerfileModel, stage: Stage, facts: RegistryFacts | undefined): VariantSizes | null {
  const variant = slimVariantOf(stage.base);
  if (!variant) return null;
  const base = baseDownloadSize(model, stage, facts);
  const slim = imageDownloadSize(variant, buildPlatformOf(stage), facts);
  if (!base || !slim || slim.value.bytes >= base.value.bytes) return null;
  return { variant, base, slim };
}

/** '380 MB', '3.6 MB', '850 kB'; with `about … (as of DATE)` for table figures. */
export function formatDownloadSize(fact: BaseFact<DownloadSize>): Localized {
  const { bytes, approximate } = fact.value;
  const mb = bytes / 1e6;
  const en = mb >= 10 ? `${Math.round(mb)} MB` : mb >= 1 ? `${mb.toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
  const ru = en.replace('MB', 'МБ').replace('kB', 'кБ').replace('.', ',');
  if (!approximate) return { en, ru };
  const asOf = fact.asOf ? { en: ` as of ${fact.asOf}`, ru: ` на ${fact.asOf}` } : { en: '', ru: '' };
  return { en: `about ${en}${asOf.en}`, ru: `около ${ru}${asOf.ru}` };
}
