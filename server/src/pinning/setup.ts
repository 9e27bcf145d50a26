/** How each adapter builds its provider: one place for timeouts, budgets and the cache location. */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { RegistryClient } from '../registry';
import { RegistryFactsProvider } from './provider';

export type OfflineReason = 'offline' | 'disabled' | 'untrusted';

export interface PinningConfig {
  /** Set when no request may be made at all. */
  offlineReason?: OfflineReason;
  /** Used instead of Docker Hub for docker.io images. */
  mirror?: string;
  cacheDir?: string;
  /** One line per request (method, URL without query, status); the client never puts credentials in it. */
  log?: (msg: string) => void;
  profile: 'editor' | 'cli';
}

// An editor runs for hours: a rolling window lets look-ups resume after a burst, and short
// timeouts keep hovers and re-published diagnostics prompt. The CLI runs once and waits.
const PROFILES = {
  editor: { timeoutMs: 4000, maxRequests: 60, budgetWindowMs: 60_000 },
  cli: { timeoutMs: 5000, maxRequests: 150 },
} as const;

export function createFactsProvider(config: PinningConfig): RegistryFactsProvider {
  if (config.offlineReason) return new RegistryFactsProvider({ offlineReason: config.offlineReason });
  const client = new RegistryClient({
    ...PROFILES[config.profile],
    ...(config.mirror ? { mirror: config.mirror } : {}),
    ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}),
    ...(config.log ? { log: config.log } : {}),
  });
  return new RegistryFactsProvider({ client, extras: config.profile === 'editor' });
}

/** `$XDG_CACHE_HOME/dockerfile-lecture-hints/registry`, else `~/.cache/…` (XDG: a relative value is ignored). */
export function cliCacheDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  return join(base, 'dockerfile-lecture-hints', 'registry');
}
