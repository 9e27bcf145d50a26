/**
 * Analysis after an edit reuses cached chunks, placed instructions and the
 * results worked out for them. These tests edit files step by step, with the
 * caches warm from the previous version, and require exactly the findings of
 * an analysis that shares nothing (one whole-file parse, fresh objects).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../server/src/analyze';
import { freshFindings, seededRandom } from '../support/invariants';
import { buildModel } from '../../server/src/model/build';

function assertIncrementalMatchesFresh(text: string, label: string): void {
  assert.deepEqual(analyze(text).findings, freshFindings(text), label);
}

const MULTI_STAGE = [
  'ARG BASE=ubuntu:22.04',
  'FROM ${BASE} AS builder',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'ENV TOKEN_FILE=/run/t APP_HOME=/app',
  'RUN apt-get update',
  'RUN apt-get install -y curl | tee /log',
  'FROM builder AS tests',
  'RUN curl -fsSL https://example.com/x | sh',
  'RUN apt-get install curl',
  'COPY --from=builder $APP_HOME /srv',
  'WORKDIR ${APP_HOME}',
  'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win',
  'RUN echo %PATH%',
  'FROM tests',
  'USER ${UID}',
  'EXPOSE 80',
  'CMD ["/srv/app"]',
  '',
].join('\n');

test('same-length replacements in one stage never leave stale results in the stages after it', () => {
  // Renaming a stage, its base or its SHELL changes what later stages mean without moving them.
  const steps: [string, string][] = [
    ['AS builder', 'AS buildex'],
    ['AS buildex', 'AS builder'],
    ['"pipefail"', '"pipefaiX"'],
    // The stage built on this one now runs PowerShell: its apt-get is no longer a shell command we read.
    ['"/bin/bash"', '"powershel"'],
    ['"powershel"', '"/bin/bash"'],
    ['ubuntu:22.04', 'scratch:0000'],
    ['FROM builder AS tests', 'FROM win     AS tests'],
    ['APP_HOME=/app', 'APP_HOMX=/app'],
  ];
  let text = MULTI_STAGE;
  assertIncrementalMatchesFresh(text, 'start');
  for (const [from, to] of steps) {
    assert.equal(from.length, to.length);
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
    assertIncrementalMatchesFresh(text, `${from} -> ${to}`);
  }
});

test('random edits (replace, insert, delete, new lines) keep incremental results equal to fresh ones', () => {
  const next = seededRandom(20261128);
  const alphabet = ['x', ' ', '\n', '\\', '$', '{', '}', '"', 'FROM a AS b\n', 'RUN apt-get update\n', '#', '=', 'ARG Y\n'];
  let text = MULTI_STAGE.repeat(3);
  for (let step = 0; step < 150; step++) {
    const at = Math.floor(next() * (text.length + 1));
    const kind = next();
    const piece = alphabet[Math.floor(next() * alphabet.length)];
    if (kind < 0.4) text = text.slice(0, at) + piece + text.slice(at + piece.length); // same length where it fits
    else if (kind < 0.8) text = text.slice(0, at) + piece + text.slice(at);
    else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 5));
    assertIncrementalMatchesFresh(text, `step ${step}`);
  }
});

test('typing through a corpus file one character at a time matches fresh analysis', (t) => {
  const dir = resolve(__dirname, '../../../../shared/corpus');
  if (!existsSync(dir)) { t.skip('SKIPPED: ../shared/corpus not found'); return; }
  const files = readdirSync(dir).filter((f) => f !== 'SOURCES.tsv').sort();
  const next = seededRandom(7);
  for (let n = 0; n < 12; n++) {
    const name = files[Math.floor(next() * files.length)];
    let text = readFileSync(join(dir, name), 'utf8');
    analyze(text);
    let at = Math.floor(next() * text.length);
    for (const c of 'RUN x\n') {
      text = text.slice(0, at) + c + text.slice(at);
      at++;
      assertIncrementalMatchesFresh(text, `${name} at ${at}`);
    }
  }
});

test('typing on a line above keeps the stages below as they were, and their fixes still land right', () => {
  for (const eol of ['\n', '\r\n']) {
    const below = ['FROM debian:trixie AS later', 'RUN cd /src && apt-get install curl', 'RUN apt-get update'];
    const before = ['FROM alpine:3.23 AS first', 'RUN echo one', ...below, ''].join(eol);
    const old = buildModel(before);
    analyze(before);
    const after = before.replace('echo one', 'echo one-and-more');
    const model = buildModel(after);
    // Same lines, same instruction numbers: the later stage's objects are shared, not rebuilt.
    assert.equal(model.stages[1].instructions[0], old.stages[1].instructions[0], `shared (${JSON.stringify(eol)})`);
    assertIncrementalMatchesFresh(after, `typed above (${JSON.stringify(eol)})`);
    const fixes = analyze(after).findings.flatMap((f) => f.fixes);
    assert.ok(fixes.length > 0, 'the later stage has fixable findings');
  }
});

test('results kept per stage still count against the per-analysis budget of typo suggestions', () => {
  // 60 stages with a typo each: only the first 50 get a "did you mean"; fixing one typo moves the limit.
  const stages = Array.from({ length: 60 }, (_, i) => `FROM scratch AS s${i}\nENV APPDIR=/app\nWORKDIR $APPDIRR/${i}\n`).join('');
  const before = analyze(stages).findings.filter((f) => f.rule === 'undefined-variable');
  assert.equal(before.filter((f) => f.fixes.length > 0).length, 50, 'the budget is 50 suggestions');
  const fixedOne = stages.replace('WORKDIR $APPDIRR/10\n', 'WORKDIR $APPDIR/10\n');
  assertIncrementalMatchesFresh(fixedOne, 'one typo fixed');
  assertIncrementalMatchesFresh(stages, 'typo back');
  const after = analyze(fixedOne).findings.filter((f) => f.rule === 'undefined-variable');
  assert.equal(after.filter((f) => f.fixes.length > 0).length, 50, 'the stage after the old limit now gets one');
});

test('a stage result kept from the last version is recomputed when what it inherits changes', () => {
  // Each edit leaves the later stage's own text (and so its instruction objects) untouched.
  const text = [
    'ARG BASE=ubuntu:24.04',
    'FROM ${BASE} AS base',
    'RUN echo base',
    'FROM base AS app',
    'RUN sudo apt-get install curl | tee log',
    '',
  ].join('\n');
  const edits = [
    text.replace('ubuntu:24.04', 'mcr.microsoft.com/windows/servercore:ltsc2022'), // the global ARG: now a Windows base
    text.replace('RUN echo base', 'SHELL ["pwsh", "-c"]'), // the parent stage's SHELL
    text.replace('RUN echo base', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]'),
    text.replace('\n', '\r\n'),
  ];
  const count = (t: string) => analyze(t).findings.filter((f) => f.range.start.line >= 4).length;
  const original = count(text);
  assert.ok(original >= 3, `the app stage has findings to lose (${original})`);
  for (const edited of edits) {
    analyze(text);
    assertIncrementalMatchesFresh(edited, edited.split(/\r?\n/)[0]);
    assertIncrementalMatchesFresh(text, 'back');
  }
  assert.ok(count(edits[0]) < original, 'a Windows base changes what the later stage reports');
});
