/**
 * The CLI loses nothing and the terminal obeys nothing from a Dockerfile
 * (Issue 14, items 4 and 5): every file given gets its report in every
 * format, a file that cannot be written says so, and text output shows
 * control characters escaped while JSON and SARIF keep them exact.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtFile, REPO_ROOT } from '../support/lsp-client';
import { escapeControls } from '../../server/src/cli/escape';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-robust-'));
const immutable: string[] = [];
after(() => {
  for (const f of immutable) spawnSync('chattr', ['-i', f]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

let count = 0;
function file(content: string, name = 'Dockerfile'): string {
  const dir = path.join(tmp, String(++count));
  fs.mkdirSync(dir);
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [builtFile('cli.js'), 'lint', '--offline', ...args], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26, env: { PATH: process.env.PATH ?? '', LANG: 'C', NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return r;
}

const HOSTILE = 'FROM alp\x1b[2J\x1b[31mine:latest\nRUN echo \u202e \x08\x08 x \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x1b[5A\n';

test('text output shows control characters escaped; JSON and SARIF keep them exact', () => {
  const f = file(HOSTILE);
  const text = cli([f]);
  assert.doesNotMatch(text.stdout + text.stderr, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/, 'no raw control character in text output');
  assert.match(text.stdout, /`alp\\x1b\[2J\\x1b\[31mine:latest`/);

  const json = JSON.parse(cli(['--format', 'json', f]).stdout);
  assert.ok(json.files[0].diagnostics.some((d: { message: string }) => d.message.includes('alp\x1b[2J\x1b[31mine:latest')), 'JSON keeps the exact text');
  const sarif = JSON.parse(cli(['--format', 'sarif', f]).stdout);
  assert.ok(sarif.runs[0].results.some((r: { message: { text: string } }) => r.message.text.includes('alp\x1b[2J\x1b[31mine:latest')), 'SARIF keeps the exact text');
});

test('escapeControls: each terminal control visibly escaped, ordinary text untouched', () => {
  assert.equal(escapeControls('a\x1b[2Jb'), 'a\\x1b[2Jb');
  assert.equal(escapeControls('\u202eevil\u2066'), '\\u202eevil\\u2066');
  assert.equal(escapeControls('x\x08\ry\n\x9b\x7f'), 'x\\x08\\x0dy\\x0a\\x9b\\x7f');
  assert.equal(escapeControls('bad \ud800 pair \ud83d\ude00'), 'bad \\ud800 pair \ud83d\ude00');
  assert.equal(escapeControls('tab\tкириллица «ok» ✔'), 'tab\tкириллица «ok» ✔');
});

test('a file too big to analyse is reported in every format, and the exit code says so', () => {
  const big = file('FROM alpine:3.20\n# ' + 'x'.repeat(9 * 1024 * 1024) + '\n');
  const json = cli(['--format', 'json', big]);
  assert.equal(json.status, 2);
  const entry = JSON.parse(json.stdout).files[0];
  assert.deepEqual(Object.keys(entry), ['path', 'skipped', 'diagnostics'], 'version 1 only grows');
  assert.match(entry.skipped, /larger than 8 MiB/);
  const sarif = JSON.parse(cli(['--format', 'sarif', big]).stdout);
  assert.match(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /larger than 8 MiB/);
  const text = cli([big]);
  assert.equal(text.status, 2);
  assert.match(text.stdout, /Not analysed: the file is larger than 8 MiB/);
});

test('--fix on a file that cannot be written: a per-file error in every format, the other files still reported', (t) => {
  // One visible finding with a safe fix (copy-to-directory), so --fix has something to write.
  const content = 'FROM alpine:3.20\nCOPY a.conf b.conf /dest\n';
  const bad = file(content);
  // Root writes through permissions; an immutable file refuses even root.
  const chattr = spawnSync('chattr', ['+i', bad]);
  if (chattr.error || chattr.status !== 0) { t.skip('SKIPPED: chattr +i is not available here (install e2fsprogs; needs CAP_LINUX_IMMUTABLE)'); return; }
  immutable.push(bad);
  const good = file(content);

  const json = cli(['--fix', '--format', 'json', bad, good]);
  assert.equal(json.status, 2, json.stderr);
  assert.doesNotMatch(json.stderr, /internal error/);
  const report = JSON.parse(json.stdout);
  assert.equal(report.version, 1);
  assert.deepEqual(report.files.map((f: { path: string }) => f.path), [bad, good]);
  assert.match(report.files[0].error, /cannot write: permission denied; the fixes were not saved/);
  assert.ok(report.files[0].diagnostics.some((d: { rule: string }) => d.rule === 'copy-to-directory'), 'the unsaved file is reported as it still is');
  assert.deepEqual(Object.keys(report.files[1]), ['path', 'diagnostics']);
  assert.equal(fs.readFileSync(good, 'utf8'), 'FROM alpine:3.20\nCOPY a.conf b.conf /dest/\n', 'the good file is fixed');
  assert.equal(fs.readFileSync(bad, 'utf8'), content);

  fs.writeFileSync(good, content);
  const text = cli(['--fix', bad, good]);
  assert.equal(text.status, 2);
  assert.match(text.stderr, /^error: .*cannot write: permission denied/m);
  assert.match(text.stdout, /finding\(s\) in 2 file\(s\)/);

  fs.writeFileSync(good, content);
  const sarif = JSON.parse(cli(['--fix', '--format', 'sarif', bad, good]).stdout);
  const inv = sarif.runs[0].invocations[0];
  assert.equal(inv.executionSuccessful, false);
  assert.equal(inv.toolExecutionNotifications[0].level, 'error');
  assert.equal(inv.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, encodeURI(bad));
});

test('a file that cannot be read keeps its place in the JSON report', () => {
  const missing = path.join(tmp, 'nope', 'Dockerfile');
  const good = file('FROM alpine:3.20\nUSER nobody\n');
  const r = cli(['--format', 'json', missing, good]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `error: ${missing}: cannot read: no such file\n`);
  const files = JSON.parse(r.stdout).files;
  assert.deepEqual(files.map((f: { path: string; error?: string }) => [f.path, f.error]), [[missing, `${missing}: cannot read: no such file`], [good, undefined]]);
});
