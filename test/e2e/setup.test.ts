/**
 * `npm run setup:e2e`, the command the README gives, and the environment it hands
 * to the npm it starts itself. Under `npm run`, the outer npm exports its user
 * agent ("npm/… node/v20…"); a child npm on Node 24 would pass that on to
 * code-server's postinstall, which reads the Node major from it and refuses. The
 * real install downloads ~620 MB, so here the environment is checked on its own,
 * with a child npm on Node 24 reporting the user agent its scripts see, and the
 * README's command is run where everything is already installed (it must only
 * check, say "present", and exit 0 within seconds).
 *
 *   npx tsc -p . && node --test out/test/e2e/setup.test.js
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireTools, skipOrFail } from './tools/discovery';
import { CODE_SERVER_VERSION, REPO_ROOT } from './tools/paths';
import { makeTempDir } from './tools/processes';
import { TIMEOUT_SCALE, TIMEOUTS } from './tools/timing';

const SUITE = 'setup:e2e';
type Env = NodeJS.ProcessEnv;

async function loadWithoutOuterNpm(): Promise<(env: Env) => Env> {
  const url = pathToFileURL(join(REPO_ROOT, 'scripts', 'npm-child-env.mjs')).href;
  return ((await import(url)) as { withoutOuterNpm: (env: Env) => Env }).withoutOuterNpm;
}

/** What `npm run setup:e2e` (npm 11 on Node 20) adds to the environment of its script, as measured. */
function underNpmRun(base: Env): Env {
  return {
    ...base,
    PATH: [`${REPO_ROOT}/node_modules/.bin`, `${dirname(REPO_ROOT)}/node_modules/.bin`, '/node_modules/.bin',
      '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin', base.PATH ?? ''].join(delimiter),
    INIT_CWD: REPO_ROOT,
    NODE: '/usr/bin/node',
    npm_command: 'run',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    npm_node_execpath: '/usr/bin/node',
    npm_lifecycle_event: 'setup:e2e',
    npm_lifecycle_script: 'node scripts/setup-e2e.mjs',
    npm_package_json: join(REPO_ROOT, 'package.json'),
    npm_package_name: 'dockerfile-lecture-hints',
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_config_npm_version: '11.19.1',
    npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    npm_config_local_prefix: REPO_ROOT,
    npm_config_global_prefix: '/usr',
    npm_config_prefix: '/usr',
    npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
  };
}

test('the child npm environment drops what the outer npm run added, and keeps the user\'s npm config', async () => {
  const withoutOuterNpm = await loadWithoutOuterNpm();
  const base: Env = { HOME: '/home/u', PATH: '/usr/local/bin:/usr/bin:/bin', npm_config_registry: 'https://mirror.example/' };
  const scrubbed = withoutOuterNpm(underNpmRun(base));
  assert.deepEqual(scrubbed, { ...base, npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt' });
  // Run directly (no npm run around it), nothing changes: not even a PATH entry that looks like npm's.
  const direct: Env = { ...base, PATH: `/opt/tools/node_modules/.bin${delimiter}${base.PATH}` };
  assert.deepEqual(withoutOuterNpm(direct), direct);
  assert.notEqual(withoutOuterNpm(direct), direct, 'a copy, so the caller may change it');
});

test('a child npm on Node 24 hands its own user agent (node/v24) to install scripts', { timeout: TIMEOUTS.install }, async (t) => {
  const tools = requireTools(SUITE, ['node24'], t);
  if (!tools) return;
  const withoutOuterNpm = await loadWithoutOuterNpm();
  // A package whose script prints the user agent, as code-server's postinstall.sh reads it.
  const dir = makeTempDir('npm-ua');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ua-probe', private: true, scripts: { ua: 'node -e "console.log(process.env.npm_config_user_agent)"' } }));
  const userAgentSeenBy = (env: Env) => {
    // As setup-e2e.mjs does for code-server: Node 24 first on PATH, the system npm.
    const r = spawnSync('npm', ['run', '-s', 'ua'], { cwd: dir, encoding: 'utf8', timeout: TIMEOUTS.install, env: { ...env, PATH: `${dirname(tools.node24)}${delimiter}${env.PATH}` } });
    assert.equal(r.status, 0, `npm run ua failed: ${r.error?.message ?? ''}\n${r.stdout}\n${r.stderr}`);
    return r.stdout.trim();
  };
  const outer = underNpmRun(process.env);
  // The defect this guards against: the outer npm's user agent wins, and names Node 20.
  assert.match(userAgentSeenBy(outer), /node\/v20\./);
  assert.match(userAgentSeenBy(withoutOuterNpm(outer)), /node\/v24\./);
});

test('npm run setup:e2e, as the README says, finds everything present within seconds', { timeout: TIMEOUTS.install }, (t) => {
  // Only where everything is installed: elsewhere the command would install (apt-get, ~620 MB).
  const check = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'setup-e2e.mjs'), '--check'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: TIMEOUTS.install });
  if (check.status !== 0) {
    skipOrFail(`the e2e tools are not all installed (${check.stdout.trim().split('\n').pop()})`, undefined, { suite: SUITE, t });
    return;
  }
  const started = Date.now();
  const r = spawnSync('npm', ['run', 'setup:e2e'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: TIMEOUTS.install });
  const ms = Date.now() - started;
  assert.equal(r.status, 0, `npm run setup:e2e exited ${r.status} ${r.error?.message ?? ''}\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /Debian packages present: chromium, neovim, libkrb5-dev/);
  assert.match(r.stdout, /Node 24 present: .*\(v24\./);
  assert.match(r.stdout, new RegExp(`code-server ${CODE_SERVER_VERSION.replace(/\./g, '\\.')} present: `));
  assert.match(r.stdout, /\[setup:e2e\] ready in /);
  assert.doesNotMatch(r.stdout, /installing|installed /, 'nothing to install when everything is present');
  // Measured: ~1 s direct, ~3 s through npm with a load average of 20 on 2 cores; an install takes minutes.
  assert.ok(ms < 8000 * TIMEOUT_SCALE, `npm run setup:e2e took ${ms} ms with everything present`);
  console.log(`# npm run setup:e2e with everything present: ${ms} ms`);
});
