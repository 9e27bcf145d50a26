/**
 * Where things are: the repository, the example workspace, the results folder,
 * the .vsix, and the cache scripts/setup-e2e.mjs installs Node 24 and
 * code-server into (outside the source tree).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try { if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'dockerfile-lecture-hints') return dir; } catch { /* keep looking */ }
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the repository root above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const WORKSPACE_SRC = join(REPO_ROOT, 'test', 'e2e', 'workspace');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
export const VSIX_PATH = join(REPO_ROOT, 'dockerfile-lecture-hints.vsix');
export const EXTENSION_ID = 'lecture-hints.dockerfile-lecture-hints';
/** The version real-clients.md names; scripts/setup-e2e.mjs installs the same. */
export const CODE_SERVER_VERSION = '4.139.1';
export const CACHE_DIR = resolve(process.env.E2E_CACHE || join(homedir(), '.cache', 'dockerfile-lecture-hints-e2e'));
export const INSTALL_HINT = 'run npm run setup:e2e';
