import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseHadolintConfig, type ProjectConfig } from './hadolint';

const NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/** Nearest `.hadolint.y(a)ml` from the Dockerfile's folder up to `stopAt` (or the file system root). */
export function findConfigFile(dockerfilePath: string, stopAt?: string): string | null {
  let dir = dirname(dockerfilePath);
  for (;;) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir || (stopAt && dir === stopAt)) return null;
    dir = parent;
  }
}

const cache = new Map<string, { mtimeMs: number; config: ProjectConfig }>();

/** Reads and parses a config file, re-reading only when it changed on disk. */
export function loadConfig(path: string): ProjectConfig {
  const mtimeMs = statSync(path).mtimeMs;
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit.config;
  const config = parseHadolintConfig(readFileSync(path, 'utf8'));
  cache.set(path, { mtimeMs, config });
  return config;
}
