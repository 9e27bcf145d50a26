/**
 * Registry facts as plain data. The async provider (provider.ts) produces them; the
 * synchronous, pure rules only read them. Nothing here touches the network, so rules
 * may import this file without pulling the registry client into the analysis core.
 */
import type { BaseImage, DockerfileModel, InstructionInfo, Stage } from '../../model/types';
import type { ImageConfig } from '../../registry/image-config';
import { formatImageRef, parseImageRef, type ImageRef } from '../../registry/ref';
import { slimVariantOf } from './image-variants';

export type { HistoryEntry, ImageConfig, LayerBlob } from '../../registry/image-config';

/** What the registry said about one image reference of a Dockerfile. */
export interface ImageFacts {
  registry: string;
  repository: string;
  /** The tag looked up: the written one, or 'latest' when none is written; absent for `name@digest`. */
  tag?: string;
  /** What `tag` points to now (for `name@digest`: that digest). */
  digest: string;
  /** The most specific version tag pointing at `digest` today (may equal `tag`); null when none was found. */
  pinnedTag: string | null;
  /** The digest written in FROM, when there is one. */
  writtenDigest?: string;
  /** True when `tag` has moved away from `writtenDigest` since it was pinned. */
  stale?: boolean;
  /** 'linux/amd64', 'linux/arm64/v8', … of the image FROM builds on; absent until looked up. */
  platforms?: string[];
  /** Tags pointing at the same image as `tag` (bounded), including `tag`; absent until looked up. */
  sameDigestTags?: string[];
  /**
   * The image config (user, env, entrypoint, history, compressed layer sizes) per build
   * platform asked for ('linux/amd64'); absent when not fetched. For a digest pin, the
   * config of the pinned image, not of what the tag points to now.
   */
  config?: Readonly<Record<string, ImageConfig>>;
  /** Why a config could not be fetched (the pins may still be fine). */
  configError?: string;
}

/** A look-up that did not happen (offline, look-ups off, untrusted) or failed (network, 404, budget). */
export interface FactsError {
  error: string;
  /** True when no request was made on purpose, false for a failed request. */
  offline: boolean;
}

export type FactsEntry = ImageFacts | FactsError;

/** Facts keyed by `factKey` of each image reference; a snapshot, never mutated after it is handed out. */
export type RegistryFacts = Readonly<Record<string, FactsEntry>>;

/** One image reference to look up. */
export interface ImageLookup {
  key: string;
  ref: ImageRef;
  /** Build platforms whose config to fetch; absent = [DEFAULT_PLATFORM]. */
  platforms?: string[];
  /**
   * Only the digest and config are needed (a `COPY --from` image, a slim variant to compare
   * sizes with): no tag pin look-up, which is what costs requests.
   */
  configOnly?: boolean;
}

/** What a FROM without `--platform` builds for here (and in most CI). */
export const DEFAULT_PLATFORM = 'linux/amd64';
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/** A slow registry must not turn one Dockerfile into dozens of look-ups. */
export const MAX_IMAGES_PER_ANALYSIS = 8;

export function isFactsError(entry: FactsEntry | undefined): entry is FactsError {
  return entry !== undefined && 'error' in entry;
}

/** Normalised reference text: 'node' and 'docker.io/library/node' share one key. */
export function factKey(reference: string): string | null {
  const ref = parseImageRef(reference);
  return ref ? formatImageRef(ref) : null;
}

/** The look-up for a stage's base image, or null for scratch, earlier stages and unresolved variables. */
export function lookupOf(base: BaseImage): ImageLookup | null {
  if (base.scratch || base.fromStage >= 0 || base.resolved === null || !base.name) return null;
  const ref = parseImageRef(base.resolved);
  return ref ? { key: formatImageRef(ref), ref } : null;
}

/**
 * The platform a stage is built for: its FROM's `--platform` when written literally, else
 * DEFAULT_PLATFORM (also for `$BUILDPLATFORM`/`$TARGETPLATFORM`, which name the host's).
 */
export function buildPlatformOf(stage: Stage): string {
  const flag = stage.from.flags.find((f) => f.name.toLowerCase() === 'platform');
  const value = flag?.value?.trim().toLowerCase();
  return value && PLATFORM.test(value) ? value : DEFAULT_PLATFORM;
}

/** lookupOf plus the stage's build platform. */
export function lookupOfStage(stage: Stage): ImageLookup | null {
  const lookup = lookupOf(stage.base);
  return lookup ? { ...lookup, platforms: [buildPlatformOf(stage)] } : null;
}

/** Lower-cased stage names per model: asked once per `--from`, which a big file has thousands of. */
const stageNames = new WeakMap<DockerfileModel, Set<string>>();

function isStageName(model: DockerfileModel, value: string): boolean {
  if (/^\d+$/.test(value)) return Number(value) < model.stages.length;
  let names = stageNames.get(model);
  if (!names) stageNames.set(model, (names = new Set(model.stages.flatMap((s) => (s.name === null ? [] : [s.name.toLowerCase()])))));
  return names.has(value.toLowerCase());
}

/** Images (not stages) that `COPY --from=…` and `RUN --mount=…,from=…` read. */
function copiedImagesOf(model: DockerfileModel, ins: InstructionInfo): string[] {
  const out: string[] = [];
  for (const f of ins.flags) {
    const name = f.name.toLowerCase();
    if (ins.keyword === 'COPY' && name === 'from' && f.value) out.push(f.value.trim());
    if (ins.keyword === 'RUN' && name === 'mount' && f.value) {
      for (const part of f.value.split(',')) {
        const [key, value] = part.split('=', 2).map((x) => x.trim());
        if (key.toLowerCase() === 'from' && value) out.push(value.replace(/^["']|["']$/g, ''));
      }
    }
  }
  return out.filter((v) => !isStageName(model, v));
}

/**
 * The distinct image references of a model, in priority order, at most `max`: every stage's
 * base (with pins), then images copied from, then the slim variants of final-image bases
 * (config only, for size comparisons). A reference asked for on several platforms is
 * looked up once for all of them.
 */
export function imagesOf(model: DockerfileModel, max = MAX_IMAGES_PER_ANALYSIS): ImageLookup[] {
  const out = new Map<string, ImageLookup>();
  const add = (lookup: ImageLookup | null) => {
    if (!lookup) return;
    const known = out.get(lookup.key);
    if (known) {
      const platforms = new Set([...(known.platforms ?? [DEFAULT_PLATFORM]), ...(lookup.platforms ?? [DEFAULT_PLATFORM])]);
      out.set(lookup.key, { ...known, platforms: [...platforms], ...(known.configOnly && !lookup.configOnly ? { configOnly: false } : {}) });
    } else if (out.size < max) {
      out.set(lookup.key, lookup);
    }
  };
  for (const stage of model.stages) add(lookupOfStage(stage));
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      for (const image of copiedImagesOf(model, ins)) {
        const ref = parseImageRef(image);
        if (ref) add({ key: formatImageRef(ref), ref, platforms: [buildPlatformOf(stage)], configOnly: true });
      }
    }
  }
  for (const stage of model.stages) {
    const slim = stage.reachesFinalImage ? slimVariantOf(stage.base) : null;
    const ref = slim ? parseImageRef(slim) : null;
    if (ref) add({ key: formatImageRef(ref), ref, platforms: [buildPlatformOf(stage)], configOnly: true });
  }
  return [...out.values()];
}

/** The facts for a stage's base image, if the snapshot has them. */
export function factsOf(facts: RegistryFacts | undefined, base: BaseImage): FactsEntry | undefined {
  if (!facts) return undefined;
  const lookup = lookupOf(base);
  return lookup ? facts[lookup.key] : undefined;
}

/** The facts for an image reference written anywhere (`COPY --from=…`, a slim variant), if the snapshot has them. */
export function factsOfReference(facts: RegistryFacts | undefined, reference: string): FactsEntry | undefined {
  const key = factKey(reference);
  return facts && key ? facts[key] : undefined;
}

/** The config of a looked-up image for `platform`, when it was fetched. */
export function configOf(entry: FactsEntry | undefined, platform: string): ImageConfig | undefined {
  return entry && !isFactsError(entry) ? entry.config?.[platform] : undefined;
}

/** `sha256:0123456789ab…` — enough to recognise a digest in a title or hover. */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return digest.length > colon + 13 ? `${digest.slice(0, colon + 13)}…` : digest;
}
