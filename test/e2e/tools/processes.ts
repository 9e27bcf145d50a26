/**
 * Processes and temp dirs the suites start or create, and their cleanup:
 * everything goes away when the test process ends — normally, on a failure,
 * or on Ctrl+C (E2E_KEEP=1 keeps the temp dirs, e.g. to read code-server.log).
 * Also the isolated HOME/XDG environment, so no tool writes into the real home.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const KEEP = process.env.E2E_KEEP === '1';

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch { /* gone */ } }
}

/** Stops a detached child and its whole process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) { children.delete(child); return; }
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  killGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    killGroup(child, 'SIGKILL');
    await Promise.race([exited, new Promise((res) => setTimeout(res, 1000).unref())]);
  }
  // Grandchildren that left the group (none expected) would be caught by the exit hook's SIGKILL.
  killGroup(child, 'SIGKILL');
  children.delete(child);
}

function cleanupSync(): void {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
  if (!KEEP) for (const dir of tempDirs) { try { rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ } }
  tempDirs.clear();
}

process.once('exit', cleanupSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => { cleanupSync(); process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)); });
}

/** Spawns in its own process group (so the whole tree can be killed) and tracks it for cleanup. */
export function spawnTracked(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; logFile?: string }): ChildProcess {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (opts.logFile) {
    const out = createWriteStream(opts.logFile, { flags: 'a' });
    child.stdout?.pipe(out, { end: false });
    child.stderr?.pipe(out, { end: false });
    child.once('close', () => out.end());
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  return child;
}

/** A temp dir removed when the process exits (kept with E2E_KEEP=1). */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dlh-e2e-${label}-`));
  tempDirs.add(dir);
  return dir;
}

/** HOME and XDG dirs under `root`, so no tool writes into the real home directory. */
export function isolatedEnv(root: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'xdg/config', XDG_DATA_HOME: 'xdg/data', XDG_CACHE_HOME: 'xdg/cache', XDG_STATE_HOME: 'xdg/state', XDG_RUNTIME_DIR: 'xdg/runtime' };
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Variables of an enclosing VS Code / Electron would confuse code-server and its extension host.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  for (const [k, sub] of Object.entries(dirs)) {
    const p = join(root, sub);
    mkdirSync(p, { recursive: true, mode: 0o700 });
    env[k] = p;
  }
  return { ...env, ...extra };
}
