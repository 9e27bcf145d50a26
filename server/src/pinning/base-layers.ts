/**
 * The base image's own layers, for the Layers view: drawn below the Dockerfile's layers, from
 * the image config's history (oldest first) matched with the manifest's layer blobs. Plain
 * JSON; every string is from a registry and untrusted (the client escapes it).
 */
import type { DockerfileModel, Stage } from '../model/types';
import { buildPlatformOf, configOf, factsOf, type RegistryFacts } from '../rules/support/registry-facts';

export interface BaseImageLayer {
  /** The instruction that made it, as the history records it (`RUN /bin/sh -c …`, `ENV …`); '' when unknown. */
  createdBy: string;
  created: string | null;
  comment: string | null;
  /** True for history entries that changed only the config (ENV, CMD, LABEL…): no filesystem layer. */
  configOnly: boolean;
  /** Compressed size in bytes; null for config-only entries, or when history and layers cannot be matched. */
  size: number | null;
  digest: string | null;
}

export interface BaseImageLayers {
  /** The reference as FROM resolves it, e.g. `node:20`. */
  image: string;
  /** The platform described, e.g. `linux/amd64`. */
  platform: string;
  /** Sum of the compressed layer sizes. */
  downloadSize: number;
  /** Number of filesystem layers. */
  layerCount: number;
  /** Oldest first (the bottom of the stack). */
  layers: BaseImageLayer[];
}

/**
 * A stage's base image layers from the registry facts; null when they have not been fetched
 * (offline: the table has no history), for `scratch` and for earlier stages.
 */
export function baseImageLayers(stage: Stage, facts: RegistryFacts | undefined): BaseImageLayers | null {
  const { base } = stage;
  if (base.scratch || base.fromStage >= 0) return null;
  const config = configOf(factsOf(facts, base), buildPlatformOf(stage));
  if (!config) return null;
  const blobs = config.layers;
  const filesystem = config.history.filter((h) => !h.emptyLayer).length;
  // Sizes are attached only when the history accounts for every blob, in order.
  const matched = filesystem === blobs.length;
  const layers: BaseImageLayer[] = [];
  if (config.history.length === 0 || !matched) {
    for (const h of config.history) layers.push({ createdBy: h.createdBy, created: h.created, comment: h.comment, configOnly: h.emptyLayer, size: null, digest: null });
    if (!config.history.length) for (const b of blobs) layers.push({ createdBy: '', created: null, comment: null, configOnly: false, size: b.size, digest: b.digest });
  } else {
    let next = 0;
    for (const h of config.history) {
      const blob = h.emptyLayer ? null : blobs[next++];
      layers.push({ createdBy: h.createdBy, created: h.created, comment: h.comment, configOnly: h.emptyLayer, size: blob?.size ?? null, digest: blob?.digest ?? null });
    }
  }
  return { image: base.resolved ?? base.raw, platform: config.platform, downloadSize: config.downloadSize, layerCount: blobs.length, layers };
}

/** baseImageLayers for every stage, by stage index (null where unknown): what the layers request can carry. */
export function baseImageLayersOf(model: DockerfileModel, facts: RegistryFacts | undefined): (BaseImageLayers | null)[] {
  return model.stages.map((s) => baseImageLayers(s, facts));
}
