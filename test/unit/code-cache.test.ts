/**
 * The code-cache loader behind dist/cli.js and dist/server.js: a cache is
 * written on the first run and used on the next, and a missing, broken or
 * unwritable cache never changes what the program does.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtFile, REPO_ROOT } from '../support/lsp-client';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-test-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const dockerfile = path.join(tmp, 'Dockerfile');
fs.writeFileSync(dockerfile, 'FROM ubuntu\nRUN apt-get update\nRUN apt-get install -y curl\n');

function lint(cacheHome: string, extra: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [builtFile('cli.js'), 'lint', '--offline', '--format', 'json', '--fail-on', 'never', dockerfile], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000,
    env: { PATH: process.env.PATH ?? '', LANG: 'C', XDG_CACHE_HOME: cacheHome, ...extra },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cacheFiles = (home: string): string[] => {
  const dir = path.join(home, 'dockerfile-lecture-hints', 'code-cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
};

const fresh = lint(path.join(tmp, 'unused'), { DOCKERFILE_LECTURE_HINTS_CODE_CACHE: 'off' });

test('without a cache the CLI works and, when told so, writes none', () => {
  assert.equal(fresh.status, 0, fresh.stderr);
  assert.ok(JSON.parse(fresh.stdout).files[0].diagnostics.length > 0);
  assert.deepEqual(cacheFiles(path.join(tmp, 'unused')), []);
});

test('the first run writes a cache for this exact bundle; the second uses it with the same output', () => {
  const home = path.join(tmp, 'home');
  const first = lint(home);
  assert.equal(first.stdout, fresh.stdout);
  const [file] = cacheFiles(home);
  assert.ok(file && /cli-core\.js-[0-9a-f]{24}\.bin$/.test(file), `cache files: ${cacheFiles(home)}`);
  const written = fs.statSync(file).mtimeMs;
  assert.ok(fs.statSync(file).size > 10_000);

  const second = lint(home);
  assert.equal(second.stdout, fresh.stdout);
  // Accepted, so not rewritten.
  assert.equal(fs.statSync(file).mtimeMs, written);
});

test('a corrupt cache is rejected by V8, replaced, and the output stays the same', () => {
  const home = path.join(tmp, 'corrupt');
  lint(home);
  const [file] = cacheFiles(home);
  fs.writeFileSync(file, Buffer.alloc(4096, 7));
  const run = lint(home);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, fresh.stdout);
  assert.notDeepEqual(fs.readFileSync(file), Buffer.alloc(4096, 7));
});

test('a cache directory that cannot be created changes nothing', () => {
  const blocker = path.join(tmp, 'not-a-directory');
  fs.writeFileSync(blocker, 'a file where the cache directory would go');
  const run = lint(blocker);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, fresh.stdout);
  assert.equal(run.stderr, '');
});

test('writing the cache removes the caches of other builds of the same bundle, and only those', () => {
  const home = path.join(tmp, 'update');
  const dir = path.join(home, 'dockerfile-lecture-hints', 'code-cache');
  fs.mkdirSync(dir, { recursive: true });
  const stale = path.join(dir, 'cli-core.js-000000000000000000000000.bin');
  const otherBundle = path.join(dir, 'server-core.js-000000000000000000000000.bin');
  const notOurs = path.join(dir, 'cli-core.js-notes.txt');
  for (const f of [stale, otherBundle, notOurs]) fs.writeFileSync(f, 'old');
  const run = lint(home);
  assert.equal(run.stdout, fresh.stdout);
  const names = cacheFiles(home).map((f) => path.basename(f)).sort();
  assert.ok(!names.includes(path.basename(stale)), `the old build's cache is gone: ${names}`);
  assert.ok(names.includes(path.basename(otherBundle)) && names.includes(path.basename(notOurs)), `other files stay: ${names}`);
  assert.ok(names.some((n) => /^cli-core\.js-[0-9a-f]{24}\.bin$/.test(n) && n !== path.basename(stale)), `the new cache is there: ${names}`);
});
