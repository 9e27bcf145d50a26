/**
 * Runs the extension-host suite (test/e2e/suite) inside real VS Code, as
 * code-server, against the SHIPPED package:
 *   1. `npm run package` builds dockerfile-lecture-hints.vsix (see tools.ensureVsix);
 *   2. code-server --install-extension puts it into a FRESH extensions dir;
 *   3. code-server starts on 127.0.0.1:<free port> with the smoke-test driver enabled;
 *   4. Debian Chromium (playwright-core) opens the workbench with VS Code's test `payload`:
 *      extensionDevelopmentPath = the INSTALLED extension folder, extensionTestsPath = the
 *      bundled suite; the workbench reports the result through codeAutomationExit(code).
 * The suite runs twice, with dockerfileLectureHints.language = ru and = en, on one server.
 *
 *   npx tsc -p . && node --test out/test/e2e/run-code-server-suite.js
 * (plain `node out/test/e2e/run-code-server-suite.js` works too). E2E_LANGS=en runs one language.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { requireTools } from './tools/discovery';
import { makeTempDir } from './tools/processes';
import { printTime, TIMEOUTS } from './tools/timing';
import { ensureVsix } from './tools/vsix';
import { type Lang, prepareWorkspace } from './tools/workspace';
import { installExtension, startCodeServer } from './tools/code-server';
import { buildExtensionSuite, readSuiteResult, reportSuiteResult, runExtensionTests } from './tools/extension-tests';

const SUITE = 'vscode-extension-host (code-server)';
const LANGS = (process.env.E2E_LANGS ?? 'ru,en').split(',').map((s) => s.trim()).filter(Boolean) as Lang[];

test(SUITE, { timeout: TIMEOUTS.testFile }, async (t) => {
  const started = Date.now();
  const tools = requireTools(SUITE, ['node24', 'codeServerEntry', 'chromium'], t);
  if (!tools) return;
  const vsix = ensureVsix();
  const suitePath = await buildExtensionSuite();
  const root = makeTempDir('vscode-suite');
  const extensionsDir = join(root, 'extensions');
  const installed = installExtension(tools, vsix, extensionsDir, root);
  console.log(`# installed ${vsix} -> ${installed}`);
  const server = await startCodeServer(tools, { label: 'suite', extensionsDir, smokeTestDriver: true });
  const failures: string[] = [];
  try {
    for (const lang of LANGS) {
      const ws = prepareWorkspace(lang);
      const run = await runExtensionTests({
        server, chromium: tools.chromium, folder: ws.dir, extensionDevelopmentPath: installed, extensionTestsPath: suitePath, label: `vscode-suite-${lang}`,
      });
      const result = readSuiteResult(ws.resultFile);
      const summary = reportSuiteResult(lang, result);
      console.log(`# ${summary}; workbench exit code ${run.code ?? 'none (timed out)'} after ${(run.ms / 1000).toFixed(1)} s`);
      if (run.code !== 0 || !result || result.failed > 0 || result.passed === 0) {
        console.log(`# last workbench log lines (${lang}):\n${run.logs.slice(-40).join('\n')}\n# code-server log tail:\n${server.logTail(20)}`);
        failures.push(`${lang}: ${run.code === null ? 'timed out' : `exit code ${run.code}`}, ${result ? `${result.failed} failed check(s)` : 'no result file'}`);
      }
      // The shipped package is what ran, not a source checkout.
      if (result?.extensionPath) assert.equal(result.extensionPath, installed, 'the extension under test is not the installed .vsix');
    }
  } finally {
    await server.stop();
    printTime(SUITE, started);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});
