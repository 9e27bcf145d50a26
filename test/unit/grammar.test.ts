// Runs the TextMate grammar tests (scripts/test-grammar.mjs) as part of the unit suite.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: the first ancestor of this file that has scripts/test-grammar.mjs. */
function repoRoot(): string {
  // Compiled to out/test/unit, so normally three levels up.
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'scripts', 'test-grammar.mjs'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '..', '..', '..');
    dir = parent;
  }
}

test('TextMate grammar: assertion tests and corpus smoke check pass', { timeout: 300_000 }, () => {
  const root = repoRoot();
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'test-grammar.mjs')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 280_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  assert.equal(result.status, 0, `node scripts/test-grammar.mjs failed:\n${output}`);
  assert.match(output, /grammar: \d+ passed, 0 failed/);
});
