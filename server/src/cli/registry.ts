/** Registry facts for a CLI run: looked up once for all files, awaited (bounded) before printing. */
import type { DockerfileModel } from '../model/types';
import { cliCacheDir, createFactsProvider, imagesOf, isFactsError, type ImageLookup, type RegistryFacts } from '../pinning';
import type { LintArgs } from './args';
import { escapeControls } from './escape';

/**
 * The whole run waits at most this long for the registry; requests time out sooner
 * (5 s each), so a dead registry costs about one timeout, not one per image.
 */
const CLI_FACTS_WAIT_MS = 15_000;
/** Across all files: a run over a monorepo must not become hundreds of look-ups. */
const MAX_IMAGES_PER_RUN = 32;

export async function lookUpFacts(models: (DockerfileModel | null)[], args: LintArgs, env: NodeJS.ProcessEnv): Promise<RegistryFacts> {
  const lookups = new Map<string, ImageLookup>();
  for (const model of models) {
    for (const l of model ? imagesOf(model) : []) if (lookups.size < MAX_IMAGES_PER_RUN) lookups.set(l.key, l);
  }
  if (lookups.size === 0) return {};
  // --offline: no client is even created, so nothing can reach the network.
  const provider = createFactsProvider(args.offline
    ? { profile: 'cli', offlineReason: 'offline' }
    : { profile: 'cli', cacheDir: cliCacheDir(env), ...(args.registryMirror ? { mirror: args.registryMirror } : {}) });
  const all = [...lookups.values()];
  const facts = provider.offline ? provider.known(all).facts : await provider.lookupWithin(all, CLI_FACTS_WAIT_MS);
  // A mirror the user named explicitly deserves a word when it fails; the default Docker Hub
  // path stays quiet (its fallback is stated in each fix title).
  if (args.registryMirror) {
    const failed = Object.values(facts).find(isFactsError);
    if (failed) process.stderr.write(`note: registry look-up failed (${escapeControls(failed.error)}); pins fall back to the bundled table\n`);
  }
  return facts;
}
