// Public surface of the registry client. Pure Node (fetch, crypto, fs): no editor imports,
// so the CLI, the language server and tests can all use it.
export { RegistryClient } from './client';
export type { DigestInfo, RegistryOptions } from './client';
export { OfflineError, RegistryError } from './errors';
export { choosePlatform, MAX_CONFIG_BYTES } from './image-config';
export type { HistoryEntry, ImageConfig, LayerBlob } from './image-config';
export type { Platform } from './manifest';
export { MANIFEST_ACCEPT } from './manifest';
export { formatImageRef, isLoopbackHost, parseImageRef, registryEndpoint } from './ref';
export type { ImageRef } from './ref';
export { compareVersionTags, parseVersionTag, pinCandidates, variantOf } from './versions';
export type { VersionTag } from './versions';
export { parseChallenge } from './auth';
export type { Challenge } from './auth';
