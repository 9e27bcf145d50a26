/**
 * Registry facts as plain data. The async provider (provider.ts) produces them; the
 * synchronous, pure rules only read them. Nothing here touches the network, so rules
 * may import this file without pulling the registry client into the analysis core.
 */
import type { BaseImage, DockerfileModel } from '../../model/types';
import { formatImageRef, parseImageRef, type ImageRef } from '../../registry/ref';

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
}

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

/** The distinct image references of a model's stages, in file order, at most `max`. */
export function imagesOf(model: DockerfileModel, max = MAX_IMAGES_PER_ANALYSIS): ImageLookup[] {
  const out = new Map<string, ImageLookup>();
  for (const stage of model.stages) {
    const lookup = lookupOf(stage.base);
    if (lookup && !out.has(lookup.key)) out.set(lookup.key, lookup);
    if (out.size >= max) break;
  }
  return [...out.values()];
}

/** The facts for a stage's base image, if the snapshot has them. */
export function factsOf(facts: RegistryFacts | undefined, base: BaseImage): FactsEntry | undefined {
  if (!facts) return undefined;
  const lookup = lookupOf(base);
  return lookup ? facts[lookup.key] : undefined;
}

/** `sha256:0123456789ab…` — enough to recognise a digest in a title or hover. */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return digest.length > colon + 13 ? `${digest.slice(0, colon + 13)}…` : digest;
}
