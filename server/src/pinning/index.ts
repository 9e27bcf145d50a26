/**
 * Pinning from the real registry: an async facts provider (network) and pure, synchronous
 * consumers of its snapshots (rules, merge, hover lines, completion order).
 */
export { buildPlatformOf, factKey, factsOf, imagesOf, isFactsError, lookupOf, lookupOfStage, MAX_IMAGES_PER_ANALYSIS, shortDigest } from '../rules/support/registry-facts';
export type { FactsEntry, FactsError, HistoryEntry, ImageConfig, ImageFacts, ImageLookup, LayerBlob, RegistryFacts } from '../rules/support/registry-facts';
export { RegistryFactsProvider, type KnownFacts, type ProviderOptions } from './provider';
export { fixAllWithFacts, withRegistryFacts } from './merge';
export { registryImageDetails } from './hover';
export { baseImageLines } from './base-hover';
export { baseImageLayers, baseImageLayersOf, type BaseImageLayer, type BaseImageLayers } from './base-layers';
export { orderTagsNewestFirst, tagCompletionContext, type TagCompletionContext } from './completion';
export { cliCacheDir, createFactsProvider, type OfflineReason, type PinningConfig } from './setup';
export { pinEdit } from '../rules/support/pin-edit';
