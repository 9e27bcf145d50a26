// The CLI with registry facts: `--registry-mirror` pointing at a real `docker-registry` on loopback,
// `--offline`, and a mirror that never answers. Runs dist/cli.js as a child process.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KNOWN_TAGS_DATE } from '../../server/src/data/known-tags';
import { builtFile, REPO_ROOT } from '../support/lsp-client';
import { startHttpServer } from '../support/registry/http-server';
import { seededRegistryForFile } from '../support/registry/seeded-registry';

const hub = seededRegistryForFile();
const { skip } = hub;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pinning-cli-test-'));
const cacheHome = path.join(tmp, 'xdg-cache');

after(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

let count = 0;
function dockerfile(text: string): string {
  const dir = path.join(tmp, `case-${++count}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  return path.join(dir, 'Dockerfile');
}

interface Run { status: number | null; stdout: string; stderr: string; ms: number }

/** Async on purpose: test servers in this process must keep answering while the CLI runs. */
function cli(args: string[], timeoutMs = 30_000): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtFile('cli.js'), ...args], {
      cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', LANG: 'C', NO_COLOR: '1', HOME: tmp, XDG_CACHE_HOME: cacheHome },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`cli ${args.join(' ')} timed out`)); }, timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr, ms: Date.now() - started }); });
  });
}

interface JsonDiag { rule: string; severity: string; range: { start: { line: number } }; fixes: { title: string; edits: { newText: string }[] }[] }

function diagnostics(run: Run): JsonDiag[] {
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout).files[0].diagnostics as JsonDiag[];
}

test('lint --registry-mirror --format json offers the tag pin and the digest pin', { skip }, async () => {
  const file = dockerfile('FROM node\nFROM alpine:3\nUSER nobody\n');
  const diags = diagnostics(await cli(['lint', '--registry-mirror', hub.registry.url, '--format', 'json', file]));
  const pin = diags.find((d) => d.rule === 'pin-image-tag')!;
  const node = hub.seeded.get('library/node:20.11.1')!;
  assert.deepEqual(pin.fixes.map((f) => f.title.replace(/@sha256:[0-9a-f]{12}…/, '@…')), ['Pin to `node:20.11.1`', 'Pin to digest `node:20.11.1@…`']);
  assert.deepEqual(pin.fixes.map((f) => f.edits[0].newText), ['node:20.11.1', `node:20.11.1@${node}`]);
  const moving = diags.find((d) => d.rule === 'moving-tag')!;
  assert.equal(moving.severity, 'info');
  assert.equal(moving.range.start.line, 1);
  assert.equal(moving.fixes[0].edits[0].newText, 'alpine:3.19.1');
  assert.ok(fs.readdirSync(path.join(cacheHome, 'dockerfile-lecture-hints', 'registry')).length > 0, 'answers cached under XDG_CACHE_HOME');
});

test('lint --fix with the mirror applies the tag pins (safe: same image as today)', { skip }, async () => {
  const file = dockerfile('ARG NODE_VERSION=20\nFROM node:${NODE_VERSION} AS build\nFROM alpine:latest\nUSER nobody\n');
  const run = await cli(['lint', '--fix', '--registry-mirror', hub.registry.url, file]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(fs.readFileSync(file, 'utf8'), 'ARG NODE_VERSION=20.11.1\nFROM node:${NODE_VERSION} AS build\nFROM alpine:3.19.1\nUSER nobody\n');
  assert.doesNotMatch(run.stdout, /pin-image-tag|moving-tag/, 'the report is of the pinned file');
});

test('--offline makes no request at all and says the table pin is an offline fallback', async () => {
  const server = await startHttpServer((_req, res) => { res.statusCode = 500; res.end(); });
  try {
    const file = dockerfile('FROM node\n');
    const diags = diagnostics(await cli(['lint', '--offline', '--registry-mirror', server.url, '--format', 'json', file]));
    assert.equal(server.requests.length, 0, 'no request reached the mirror');
    const [fix] = diags.find((d) => d.rule === 'pin-image-tag')!.fixes;
    assert.match(fix.title, /registry not asked: offline/);
    assert.ok(fix.title.includes(KNOWN_TAGS_DATE));
  } finally {
    await server.stop();
  }
});

test('a mirror that never answers: the CLI still finishes, with the table fallback named in the title', async () => {
  const dead = await startHttpServer(() => { /* never answers */ });
  try {
    const file = dockerfile('FROM node\nFROM alpine:3\n');
    const run = await cli(['lint', '--registry-mirror', dead.url, '--format', 'json', file]);
    assert.ok(run.ms < 12_000, `bounded by the request timeout (${run.ms} ms)`);
    const diags = diagnostics(run);
    assert.match(diags.find((d) => d.rule === 'pin-image-tag')!.fixes[0].title, /registry unavailable: timeout/);
    assert.equal(diags.filter((d) => d.rule === 'moving-tag').length, 0);
    assert.match(run.stderr, /^note: registry look-up failed/m);
  } finally {
    await dead.stop();
  }
});
