/**
 * Runs of the extension-host suite (test/e2e/suite/): bundling it, running it
 * in the workbench through VS Code's extension-test payload, and reading and
 * printing the per-check results it writes.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium';
import { workbenchUrl, type CodeServer } from './code-server';
import { REPO_ROOT, RESULTS_DIR } from './paths';
import { TIMEOUTS } from './timing';
import type { Lang } from './workspace';

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

/** What the extension-host suite writes to the workspace's result file. */
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

/** Prints the extension-host suite's per-check results and returns a one-line summary. */
export function reportSuiteResult(label: string, result: SuiteResult | null): string {
  if (!result) return `${label}: the suite wrote no result file`;
  for (const c of result.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} [${label}] ${c.name} (${c.ms} ms)${c.ok ? '' : `\n       ${(c.error ?? '').split('\n').join('\n       ')}`}`);
  return `${label}: ${result.passed} passed, ${result.failed} failed (extension ${result.extensionVersion} from ${result.extensionPath})`;
}
