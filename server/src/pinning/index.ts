/**
 * Pinning from the real registry: an async facts provider (network) and pure, synchronous
 * consumers of its snapshots (rules, merge, hover lines, completion order).
 */
export { factKey, factsOf, imagesOf, isFactsError, lookupOf, MAX_IMAGES_PER_ANALYSIS, shortDigest } from './facts';
export type { FactsEntry, FactsError, ImageFacts, ImageLookup, RegistryFacts } from './facts';
export { RegistryFactsProvider, type KnownFacts, type ProviderOptions } from './provider';
export { fixAllWithFacts, withRegistryFacts } from './merge';
export { movingTag, REGISTRY_RULES, staleDigestPin } from './rules';
export { registryImageDetails } from './hover';
export { orderTagsNewestFirst, tagCompletionContext, type TagCompletionContext } from './completion';
export { cliCacheDir, createFactsProvider, type OfflineReason, type PinningConfig } from './setup';
export { pinEdit } from './edit';
