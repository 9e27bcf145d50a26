/**
 * Seeded incremental-edit fuzzing (Issue 14, item 7): a document is edited
 * step by step, the way an editor sends changes, with the characters that
 * broke things before (CR, CRLF, lone CR, NUL, lone surrogates, escape
 * directives, heredoc markers, continuations). After every edit, with the
 * caches warm from the previous version: ranges stay inside the document,
 * findings equal a fresh whole-file analysis, and fix-all converges without
 * adding a syntax error or changing the number of stages.
 *
 * In the unit suite it runs a bounded number of steps; `node scripts/fuzz.mjs`
 * runs longer (FUZZ_STEPS, FUZZ_SEED, FUZZ_SECONDS).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fixAll } from '../../server/src/index';
import { assertRangesInside, freshFindings, seededRandom } from '../support/invariants';

const SEED = Number(process.env.FUZZ_SEED ?? 14);
const STEPS = Number(process.env.FUZZ_STEPS ?? 150);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 40);

const PIECES = [
  '\r', '\r\n', '\n', '\n', '\u0000', '\ud800', '\udc00', '\ud83d\ude00', '\\', '`', ' ', '\t',
  '# escape=`\n', '# escape=\\\n', '# syntax=docker/dockerfile:1\n', '<<EOF\n', 'EOF\n', '<<-"END"\n', '\tEND\n', 'RUN <<EOF\n',
  'FROM alpine:3.20\n', 'FROM node AS build\n', 'FROM build\n', 'RUN apt update\n', 'RUN apt-get install curl\n', 'RUN a \\\n', '  && b\n',
  'RUN a `\r\n', 'COPY --from=build /a /b\n', 'EXPOSE 80 99999\n', 'USER app\n', 'WORKDIR app\n', 'CMD node x\n', 'ARG V=1\n', 'ENV A=b\n', '# c\n',
];

const START = 'FROM alpine:3.20 AS base\nRUN apt-get update\nRUN apt-get install -y curl\n\nFROM base\nCOPY . /app\nRUN cd /app && make\nCMD ["./app"]\n';

/** One editor-like change: replace a random span (often empty) with a piece or two. */
function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const removed = next() < 0.4 ? Math.floor(next() * Math.min(12, text.length - at + 1)) : 0;
  const pick = () => PIECES[Math.floor(next() * PIECES.length)];
  const inserted = next() < 0.15 ? '' : next() < 0.7 ? pick() : pick() + pick();
  return text.slice(0, at) + inserted + text.slice(at + removed);
}

const syntaxErrors = (text: string) => analyze(text).findings.filter((f) => f.rule === 'syntax' && f.severity === 'error').length;
const stageCount = (text: string) => analyze(text).model?.stages.length ?? -1;

function check(text: string, label: string): void {
  const a = analyze(text);
  assert.deepEqual(a.ruleErrors, [], `${label}: a rule threw`);
  if (!a.model) return;
  assertRangesInside(text, a.findings, label);
  assert.deepEqual(a.findings, freshFindings(text), `${label}: the incremental analysis differs from a fresh one`);
  const fixed = fixAll(text);
  assert.equal(fixAll(fixed.text).applied, 0, `${label}: fix-all did not converge`);
  if (fixed.applied > 0) {
    assert.ok(syntaxErrors(fixed.text) <= syntaxErrors(text), `${label}: fix-all added a syntax error\n${JSON.stringify(fixed.text)}`);
    assert.equal(stageCount(fixed.text), stageCount(text), `${label}: fix-all changed the stage count`);
  }
}

test(`incremental edits with CR, NUL, surrogates, escapes and heredocs (seed ${SEED}, ${STEPS} steps)`, () => {
  const next = seededRandom(SEED);
  const deadline = Date.now() + SECONDS * 1000;
  let text = START;
  let steps = 0;
  for (; steps < STEPS && Date.now() < deadline; steps++) {
    const before = text;
    text = edit(text, next);
    // Documents drift: start over now and then so edits also hit small, well-formed files.
    if (text.length > 4000 || next() < 0.02) text = START;
    check(text, `seed ${SEED} step ${steps}: ${JSON.stringify(before)} -> ${JSON.stringify(text)}`);
    // A NUL makes the file unreadable (not analysed): checked once, then edited away so later steps analyse again.
    if (text.includes('\u0000')) text = text.split('\u0000').join('');
  }
  assert.ok(steps >= Math.min(STEPS, 20), `only ${steps} steps ran within ${SECONDS} s`);
});
