/**
 * code-server (VS Code's workbench + Node extension host, on Node 24): installing
 * the .vsix with its CLI, starting it on 127.0.0.1 with a free port, and the
 * workbench URL that opens a folder. No gallery, no telemetry, no update check.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { EXTENSION_ID } from './paths';
import { isolatedEnv, makeTempDir, spawnTracked, stopProcess } from './processes';
import { seconds, sleep, TIMEOUTS } from './timing';

/** User settings written before start: quiet workbench, fast hovers, no AI panels. */
export const USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.hover.delay': 100,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

export interface CodeServer {
  url: string;
  port: number;
  root: string;
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Remote URI of a path on this machine, as the workbench needs it in `payload`. */
  remoteUri(path: string): string;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  label: string;
  /** Given dirs are used as they are; otherwise fresh ones under a temp root. */
  userDataDir?: string;
  extensionsDir?: string;
  userSettings?: Record<string, unknown>;
  /** `--vscode-option enable-smoke-test-driver`: lets a page run extension tests and get `codeAutomationExit`. */
  smokeTestDriver?: boolean;
}

/** A port the kernel just gave out on 127.0.0.1 (the caller retries if it is taken in between). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

function codeServerEnv(tools: { node24: string }, root: string): NodeJS.ProcessEnv {
  const env = isolatedEnv(root);
  env.PATH = `${dirname(tools.node24)}:${env.PATH ?? ''}`;
  // No extension gallery: the workbench would otherwise query open-vsx.org (the suites stay on 127.0.0.1).
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

/** Installs a .vsix into `extensionsDir` with code-server's CLI; returns the installed extension's folder. */
export function installExtension(tools: { node24: string; codeServerEntry: string }, vsix: string, extensionsDir: string, root: string): string {
  mkdirSync(extensionsDir, { recursive: true });
  const userDataDir = join(root, 'install-user-data');
  const r = spawnSync(tools.node24, [tools.codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    env: codeServerEnv(tools, root), encoding: 'utf8', timeout: TIMEOUTS.install,
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  const dir = readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (!dir) throw new Error(`no ${EXTENSION_ID}-* folder in ${extensionsDir} after installing ${vsix}:\n${r.stdout}`);
  return join(extensionsDir, dir);
}

export async function startCodeServer(tools: { node24: string; codeServerEntry: string }, opts: CodeServerOptions): Promise<CodeServer> {
  const root = makeTempDir(`cs-${opts.label}`);
  const userDataDir = opts.userDataDir ?? join(root, 'user-data');
  const extensionsDir = opts.extensionsDir ?? join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  let existing: Record<string, unknown> = {};
  try { existing = JSON.parse(readFileSync(settingsFile, 'utf8')); } catch { /* none yet */ }
  writeFileSync(settingsFile, JSON.stringify({ ...USER_SETTINGS, ...existing, ...opts.userSettings }, null, 2) + '\n');
  const env = codeServerEnv(tools, root);
  const logFile = join(root, 'code-server.log');

  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const args = [
      tools.codeServerEntry,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ];
    const started = Date.now();
    const child = spawnTracked(tools.node24, args, { env, cwd: root, logFile });
    const url = `http://127.0.0.1:${port}`;
    const server: CodeServer = {
      url, port, root, userDataDir, extensionsDir, env, logFile,
      remoteUri: (p) => `vscode-remote://remote${resolve(p)}`,
      logTail: (n = 40) => { try { return readFileSync(logFile, 'utf8').split('\n').slice(-n).join('\n'); } catch { return ''; } },
      stop: () => stopProcess(child),
    };
    const deadline = Date.now() + TIMEOUTS.codeServerStart;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) {
          console.log(`# code-server (${opts.label}) up at ${url} in ${seconds(started)}`);
          return server;
        }
      } catch { /* not yet */ }
      await sleep(150);
    }
    lastError = server.logTail();
    await stopProcess(child);
    if (!/EADDRINUSE/.test(lastError)) break;
  }
  throw new Error(`code-server did not answer /healthz within ${TIMEOUTS.codeServerStart} ms; log tail:\n${lastError}`);
}

/** The workbench URL that opens `folder` (and, with `payload`, runs extension tests in it). */
export function workbenchUrl(server: CodeServer, folder: string, payload?: [string, string][]): string {
  const q = new URLSearchParams({ folder: resolve(folder) });
  if (payload) q.set('payload', JSON.stringify(payload));
  return `${server.url}/?${q.toString()}`;
}
