/**
 * One line model everywhere: a lone `\r` ends a line for the stage splitter,
 * the parser, LineIndex and the editor alike, and a finding says that the
 * builder reads it differently (Issue 14, items 1 and 2).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, fixAll } from '../../server/src/index';
import { buildModel } from '../../server/src/model/build';
import { splitAtStages } from '../../server/src/model/split';
import { builtFile, REPO_ROOT } from '../support/lsp-client';
import { assertRangesInside as assertRangesInsideOf } from '../support/invariants';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'line-model-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function assertRangesInside(text: string): void {
  assertRangesInsideOf(text, analyze(text).findings, JSON.stringify(text));
}

const loneCrFindings = (text: string) => analyze(text).findings.filter((f) => f.rule === 'syntax' && /lone carriage return/.test(f.message));

test('a lone CR after a continuation is analysed, fixed and reported', () => {
  for (const text of ['FROM alpine\nRUN echo a \\\r# c\n', 'RUN \\\r\r#F\n', 'FROM alpine\nRUN a \\\r\rb\n']) {
    const a = analyze(text);
    assert.deepEqual(a.ruleErrors, []);
    assert.ok(loneCrFindings(text).length > 0, `lone CR reported in ${JSON.stringify(text)}`);
    assertRangesInside(text);
    const fixed = fixAll(text);
    assert.equal(fixAll(fixed.text).applied, 0, 'fix-all converges');
  }
});

test('stages after a lone CR start on the lines the editor shows', () => {
  const text = 'FROM a\rRUN x\nFROM b\nRUN y\n';
  const { chunks } = splitAtStages(text);
  assert.deepEqual(chunks.map((c) => c.startLine), [0, 2]);
  const model = buildModel(text);
  assert.deepEqual(model.stages.map((s) => s.from.range.start.line), [0, 2]);
  assert.deepEqual(model.instructions.map((i) => i.range.start.line), [0, 1, 2, 3]);
  const whole = buildModel(text, { wholeFile: true });
  assert.deepEqual(model.instructions.map((i) => i.range), whole.instructions.map((i) => i.range));
  assert.equal(loneCrFindings(text)[0].range.start.line, 0);
});

test('findings stay inside the document whatever the line breaks', () => {
  for (const text of ['\re\nFROM', '\r\r\rFROM a\r', 'FROM a\r\nRUN b\rFROM c\r\n\rRUN d', '# x\ry\nFROM alpine:3.20\nRUN apt update\n', '\r']) assertRangesInside(text);
});

test('a lone CR is reported once per line, as a warning the settings can turn off', () => {
  const text = 'FROM alpine:3.20\r# a\rRUN true\n';
  const found = loneCrFindings(text);
  assert.deepEqual(found.map((f) => [f.range.start.line, f.severity]), [[0, 'warning'], [1, 'warning']]);
  assert.deepEqual(analyze(text, { rules: { syntax: 'off' } }).findings.filter((f) => f.rule === 'syntax'), []);
  assert.deepEqual(loneCrFindings('FROM a\r\nRUN b\r\n'), [], 'CRLF is not a lone CR');
});

test('lint --fix keeps the lines after a lone CR intact', () => {
  const file = path.join(tmp, 'Dockerfile');
  fs.writeFileSync(file, '# x\ry\nFROM alpine:3.20\nCOPY a.conf b.conf /dest\n');
  const r = spawnSync(process.execPath, [builtFile('cli.js'), 'lint', '--offline', '--fix', file], { cwd: REPO_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
  assert.notEqual(r.status, 2, r.stderr);
  assert.equal(fs.readFileSync(file, 'utf8'), '# x\ry\nFROM alpine:3.20\nCOPY a.conf b.conf /dest/\n');
});

test('a 5 MB single line is not analysed, says so, and costs little', () => {
  const text = 'FROM alpine:3.20\nEXPOSE ' + '80 '.repeat(5e6 / 3);
  const t0 = performance.now();
  const a = analyze(text);
  const ms = performance.now() - t0;
  assert.equal(a.model, null);
  assert.match(a.skipped ?? '', /^Not analysed: line 2 is \d+ characters long, over the limit of 64 KiB per line\.$/);
  // Analysing it took 6-10 s; the check is one pass over the text.
  assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  assert.equal(analyze('FROM alpine:3.20\nRUN echo ' + 'x'.repeat(60 * 1024) + '\n').skipped, undefined, 'a long but possible line is analysed');
});
