#!/usr/bin/env node
/**
 * A stand-in for the VS Code executable, for @vscode/test-electron's
 * `runTests({ vscodeExecutablePath: <this file>, … })`. runTests only spawns the
 * executable with VS Code's command line and uses its exit code, so this script:
 *   - reads `--extensionDevelopmentPath=…`, `--extensionTestsPath=…`, the folder to
 *     open (the first argument without `--`), and `--extensions-dir=…` /
 *     `--user-data-dir=…` when given (other VS Code flags are accepted and ignored);
 *   - starts code-server on 127.0.0.1:<free port> with the smoke-test driver on;
 *   - opens the workbench in Debian Chromium with VS Code's extension-test payload;
 *   - exits with the code the test runner passed to codeAutomationExit (1 on a timeout).
 * It reuses the compiled helpers in out/test/e2e/tools/*.js (run `npx tsc -p .` first).
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const toolsDir = resolve(here, '..', '..', 'out', 'test', 'e2e', 'tools');
const require = createRequire(import.meta.url);
function toolModule(name) {
  const file = join(toolsDir, `${name}.js`);
  if (!existsSync(file)) {
    console.error(`vscode-launcher: ${file} is missing: run npx tsc -p . first`);
    process.exit(2);
  }
  return require(file);
}
const { requireTools } = toolModule('discovery');
const { startCodeServer } = toolModule('code-server');
const { prepareWorkspace } = toolModule('workspace');
const { runExtensionTests } = toolModule('extension-tests');

function parse(argv) {
  const opts = { folder: undefined, extensionDevelopmentPath: undefined, extensionTestsPath: undefined, extensionsDir: undefined, userDataDir: undefined };
  const names = { extensionDevelopmentPath: 'extensionDevelopmentPath', extensionTestsPath: 'extensionTestsPath', 'extensions-dir': 'extensionsDir', 'user-data-dir': 'userDataDir' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) { opts.folder ??= a; continue; }
    const key = names[m[1]];
    if (!key) continue;
    opts[key] = m[2] ?? argv[++i];
  }
  return opts;
}

const started = Date.now();
const opts = parse(process.argv.slice(2));
if (!opts.extensionDevelopmentPath || !opts.extensionTestsPath) {
  console.error('vscode-launcher: needs --extensionDevelopmentPath=… and --extensionTestsPath=…');
  process.exit(2);
}
const found = requireTools('vscode-launcher', ['node24', 'codeServerEntry', 'chromium']);
if (!found) process.exit(2);

let code = 1;
let server;
try {
  server = await startCodeServer(found, {
    label: 'launcher', smokeTestDriver: true,
    extensionsDir: opts.extensionsDir ? resolve(opts.extensionsDir) : undefined,
    userDataDir: opts.userDataDir ? resolve(opts.userDataDir) : undefined,
  });
  const folder = resolve(opts.folder ?? prepareWorkspace('en', 'launcher-ws').dir);
  const run = await runExtensionTests({
    server, chromium: found.chromium, folder, label: 'vscode-launcher',
    extensionDevelopmentPath: resolve(opts.extensionDevelopmentPath), extensionTestsPath: resolve(opts.extensionTestsPath),
  });
  code = run.code ?? 1;
  console.log(`vscode-launcher: the workbench's test runner exited with ${run.code ?? 'nothing (timed out)'} after ${(run.ms / 1000).toFixed(1)} s`);
  if (code !== 0) console.log(`vscode-launcher: last workbench log lines:\n${run.logs.slice(-30).join('\n')}\ncode-server log tail:\n${server.logTail(20)}`);
} catch (e) {
  console.error(`vscode-launcher: ${e instanceof Error ? e.stack : e}`);
  code = 1;
} finally {
  await server?.stop();
  console.log(`vscode-launcher: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
}
process.exit(code);
