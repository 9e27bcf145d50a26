/**
 * Registry look-ups for the language server: which provider a document's settings use,
 * and the analysis with whatever facts are known at this moment (never waiting for them).
 */
import { join } from 'node:path';
import type { Analysis, AnalyzeOptions } from '../index';
import {
  createFactsProvider, imagesOf, withRegistryFacts,
  type ImageLookup, type OfflineReason, type RegistryFacts, type RegistryFactsProvider,
} from '../pinning';
import type { Settings } from './settings';

/** Sent by the VS Code client when the user grants workspace trust: `{ trusted: true }`. */
export { TRUST_NOTIFICATION } from '../../../common/protocol';

export interface WithFacts {
  analysis: Analysis;
  facts: RegistryFacts;
  /** Look-ups worth starting now; empty when everything is known (or no network is allowed). */
  missing: ImageLookup[];
  provider: RegistryFactsProvider;
}

export class PinningService {
  /**
   * False when the client reports an untrusted workspace: then no request is made, whatever
   * the settings say. Clients without a notion of trust (other editors) leave it true.
   */
  trusted = true;
  /** VS Code's global storage for this extension; absent = memory-only cache. */
  storagePath: string | undefined;
  private readonly providers = new Map<string, RegistryFactsProvider>();

  constructor(private readonly log: (msg: string) => void) {}

  /** One provider (and client, cache, budget) per effective configuration, shared by all documents. */
  providerFor(settings: Settings): RegistryFactsProvider {
    const offlineReason: OfflineReason | undefined = !this.trusted ? 'untrusted' : !settings.registry.enabled ? 'disabled' : undefined;
    const mirror = offlineReason ? null : settings.registry.mirror;
    const key = JSON.stringify([offlineReason ?? null, mirror]);
    let provider = this.providers.get(key);
    if (!provider) {
      provider = createFactsProvider({
        profile: 'editor',
        ...(offlineReason ? { offlineReason } : {}),
        ...(mirror ? { mirror } : {}),
        ...(this.storagePath ? { cacheDir: join(this.storagePath, 'registry') } : {}),
        log: this.log,
      });
      this.providers.set(key, provider);
    }
    return provider;
  }

  /** The synchronous analysis plus the facts known right now; starts nothing. */
  withKnownFacts(analysis: Analysis, settings: Settings, options: AnalyzeOptions): WithFacts {
    const provider = this.providerFor(settings);
    const lookups = analysis.model ? imagesOf(analysis.model) : [];
    const { facts, missing } = provider.known(lookups);
    return { analysis: withRegistryFacts(analysis, facts, options), facts, missing, provider };
  }
}
