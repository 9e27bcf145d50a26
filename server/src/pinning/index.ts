/**
 * Pinning from the real registry: an async facts provider (network) and pure, synchronous
 * consumers of its snapshots (rules, merge, hover lines, completion order).
 */
export { factKey, factsOf, imagesOf, isFactsError, lookupOf, MAX_IMAGES_PER_ANALYSIS, shortDigest } from '../rules/support/registry-facts';
export type { FactsEntry, FactsError, ImageFacts, ImageLookup, RegistryFacts } from '../rules/support/registry-facts';
export { RegistryFactsProvider, type KnownFacts, type ProviderOptions } from './provider';
export { fixAllWithFacts, withRegistryFacts } from './merge';
export { registryImageDetails } from './hover';
export { orderTagsNewestFirst, tagCompletionContext, type TagCompletionContext } from './completion';
export { cliCacheDir, createFactsProvider, type OfflineReason, type PinningConfig } from './setup';
export { pinEdit } from '../rules/support/pin-edit';
