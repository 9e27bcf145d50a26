/** How each adapter builds its provider: one place for time limits and batch sizes. */
import type { DockerfileModel } from '../model/types';
import { shellcheckJobs, type ShellcheckFacts } from '../rules/support/shellcheck-facts';
import { parseShellcheckSetting } from './locate';
import { ShellcheckProvider } from './provider';

export interface ShellcheckConfig {
  /** `auto` (PATH), `off`, or the executable's path (relative to `cwd`). */
  setting: string | undefined;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  profile: 'editor' | 'cli';
}

// An editor re-checks as the user types: short batches, a short leash, results trickle in.
// The CLI waits once for everything, on a machine that may be busy building.
const PROFILES = {
  editor: { timeoutMs: 2000, batchSize: 8, concurrency: 2 },
  cli: { timeoutMs: 10_000, batchSize: 32, concurrency: 2 },
} as const;

export function createShellcheckProvider(config: ShellcheckConfig): ShellcheckProvider {
  return new ShellcheckProvider({
    ...PROFILES[config.profile],
    setting: parseShellcheckSetting(config.setting, config.cwd),
    ...(config.env ? { env: config.env } : {}),
    ...(config.log ? { log: config.log } : {}),
  });
}

/** The CLI's single wait: every script of every file checked (each batch bounded), then one snapshot. */
export function checkModels(provider: ShellcheckProvider, models: readonly (DockerfileModel | null)[]): Promise<ShellcheckFacts> {
  const jobs = models.flatMap((m) => (m ? shellcheckJobs(m) : []));
  return provider.lookup(jobs);
}
