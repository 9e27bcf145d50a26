/**
 * The extension-host suite through @vscode/test-electron, the standard runner
 * for VS Code extension tests: `runTests({ vscodeExecutablePath, extensionDevelopmentPath,
 * extensionTestsPath })`. No VS Code download is possible on this machine, so
 * vscodeExecutablePath is test/e2e/vscode-launcher.mjs, which runs the suite in
 * code-server + Debian Chromium and exits with the suite's result.
 * extensionDevelopmentPath is the .vsix INSTALLED into a fresh extensions dir.
 *
 * On a desktop with internet access the same suite runs against a real VS Code:
 *   E2E_REAL_VSCODE=1 node --test out/test/e2e/run-test-electron.js
 * omits vscodeExecutablePath, so runTests downloads VS Code stable into .vscode-test/
 * and starts it with the same --extensionDevelopmentPath (the installed .vsix folder),
 * --extensionTestsPath, workspace folder and --extensions-dir/--user-data-dir (Linux CI also
 * needs a display: run it under `xvfb-run -a`). Nothing in the suite is code-server specific.
 *
 *   npx tsc -p . && node --test out/test/e2e/run-test-electron.js     (E2E_LANGS=ru,en by default)
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './tools/paths';
import { requireTools } from './tools/discovery';
import { makeTempDir } from './tools/processes';
import { printTime, TIMEOUTS, withTimeout } from './tools/timing';
import { ensureVsix } from './tools/vsix';
import { type Lang, prepareWorkspace } from './tools/workspace';
import { installExtension } from './tools/code-server';
import { buildExtensionSuite, readSuiteResult, reportSuiteResult } from './tools/extension-tests';

const SUITE = 'vscode-extension-host (@vscode/test-electron)';
const LAUNCHER = join(REPO_ROOT, 'test', 'e2e', 'vscode-launcher.mjs');
const LANGS = (process.env.E2E_LANGS ?? 'ru,en').split(',').map((s) => s.trim()).filter(Boolean) as Lang[];
const REAL_VSCODE = process.env.E2E_REAL_VSCODE === '1';

test(SUITE, { timeout: TIMEOUTS.testFile }, async (t) => {
  const started = Date.now();
  // code-server installs the .vsix in both modes; the launcher also needs Chromium.
  const tools = requireTools(SUITE, REAL_VSCODE ? ['node24', 'codeServerEntry'] : ['node24', 'codeServerEntry', 'chromium'], t);
  if (!tools) return;
  const vsix = ensureVsix();
  const suitePath = await buildExtensionSuite();
  const root = makeTempDir('test-electron');
  const extensionsDir = join(root, 'extensions');
  const installed = installExtension(tools, vsix, extensionsDir, root);
  chmodSync(LAUNCHER, 0o755);
  const failures: string[] = [];
  try {
    for (const lang of LANGS) {
      const ws = prepareWorkspace(lang, `electron-${lang}`);
      let exit: number | string;
      try {
        exit = await withTimeout(`runTests (${lang})`, TIMEOUTS.extensionSuite + TIMEOUTS.codeServerStart, runTests({
          ...(REAL_VSCODE ? {} : { vscodeExecutablePath: LAUNCHER }),
          extensionDevelopmentPath: installed,
          extensionTestsPath: suitePath,
          launchArgs: [ws.dir, `--extensions-dir=${extensionsDir}`, `--user-data-dir=${join(root, `user-data-${lang}`)}`],
        }));
      } catch (e) {
        exit = e instanceof Error ? e.message : String(e);
      }
      const result = readSuiteResult(ws.resultFile);
      console.log(`# ${reportSuiteResult(lang, result)}; runTests: ${exit}`);
      if (exit !== 0 || !result || result.failed > 0 || result.passed === 0) failures.push(`${lang}: runTests ${exit}; ${result ? `${result.failed} failed check(s)` : 'no result file'}`);
      if (result?.extensionPath) assert.equal(result.extensionPath, installed, 'the extension under test is not the installed .vsix');
    }
  } finally {
    printTime(SUITE, started);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});
