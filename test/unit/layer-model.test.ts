/*
 * The layer model against the table in the README (Which instructions add a layer): one test per
 * instruction kind. Each fixture is a Dockerfile written for the test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildModel } from '../../server/src/model/build';
import { layerEffect, layerEffects, nextWorkdir, stageLayers } from '../../server/src/layers/builder-model';
import { layerInsight } from '../../server/src/layers/insight';

/** Keywords of the instructions BuildKit commits as layers, per stage. */
function layerKeywords(text: string): string[][] {
  return buildModel(text).stages.map((s) => stageLayers(s).map((l) => l.instruction.keyword));
}
/** The effect of the last instruction of a one-stage Dockerfile. */
function effectOfLast(text: string) {
  const model = buildModel(text);
  const last = model.instructions[model.instructions.length - 1];
  return layerEffects(model).get(last.index)!;
}

test('RUN: always a layer in BuildKit, even when it changes nothing; legacy: if files change', () => {
  assert.deepEqual(layerKeywords('FROM alpine:3.20\nRUN true\n'), [['RUN']]);
  const e = effectOfLast('FROM alpine:3.20\nRUN true\n');
  assert.equal(e.buildkit, true);
  assert.equal(e.legacy, 'if-files-change');
});

test('RUN --mount and heredoc RUN: still one layer each', () => {
  assert.deepEqual(layerKeywords('FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache pip install x\nRUN <<EOF\na\nb\nEOF\n'), [['RUN', 'RUN']]);
  assert.match(effectOfLast('FROM alpine:3.20\nRUN --mount=type=cache,target=/c true\n').why.en, /--mount/);
});

test('COPY, COPY --from, COPY --link: one layer each', () => {
  assert.deepEqual(layerKeywords('FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY x /x\nCOPY --from=a /a /a\nCOPY --link y /y\n'), [[], ['COPY', 'COPY', 'COPY']]);
  assert.equal(effectOfLast('FROM alpine:3.20\nCOPY --link y /y\n').legacy, 'if-files-change');
});

test('ADD: a layer (URL, archive or plain file)', () => {
  assert.deepEqual(layerKeywords('FROM alpine:3.20\nADD https://example.invalid/a.tgz /a/\nADD f.tar /\n'), [['ADD', 'ADD']]);
});

test('WORKDIR: a layer for every directory other than /, even a repeated one', () => {
  assert.deepEqual(layerKeywords('FROM alpine:3.20\nWORKDIR /app\nWORKDIR /app\nWORKDIR sub\n'), [['WORKDIR', 'WORKDIR', 'WORKDIR']]);
  const e = effectOfLast('FROM alpine:3.20\nWORKDIR /app\n');
  assert.equal(e.buildkit, true);
  assert.equal(e.legacy, 'if-directory-created');
});

test('WORKDIR /: no layer (BuildKit skips the mkdir), however it is spelt', () => {
  assert.deepEqual(layerKeywords('FROM alpine:3.20\nWORKDIR /\nWORKDIR "/"\nWORKDIR //\nWORKDIR /app/..\n'), [[]]);
  assert.deepEqual(layerKeywords('FROM alpine:3.20\nWORKDIR /app\nWORKDIR ..\n'), [['WORKDIR']], 'relative to a known directory');
  assert.equal(effectOfLast('FROM alpine:3.20\nWORKDIR /\n').legacy, 'never');
});

test('WORKDIR with a variable or relative to the base image: counted (only / itself has no layer)', () => {
  assert.deepEqual(layerKeywords('FROM alpine:3.20\nWORKDIR $HOME\nWORKDIR ..\n'), [['WORKDIR', 'WORKDIR']]);
  assert.equal(nextWorkdir(null, '$HOME'), null);
  assert.equal(nextWorkdir(null, 'app'), null);
  assert.equal(nextWorkdir('/srv', 'app/./x/'), '/srv/app/x');
  assert.equal(nextWorkdir('/srv', '/'), '/');
  assert.equal(nextWorkdir(null, "'/a//b'"), '/a/b');
});

test('configuration-only instructions: no layer', () => {
  const text = [
    'FROM alpine:3.20', 'ARG V=1', 'ENV A=1', 'LABEL a=b', 'MAINTAINER me', 'USER app', 'EXPOSE 80', 'VOLUME /data',
    'HEALTHCHECK CMD true', 'SHELL ["/bin/sh", "-c"]', 'STOPSIGNAL SIGTERM', 'ENTRYPOINT ["x"]', 'CMD ["y"]', '',
  ].join('\n');
  assert.deepEqual(layerKeywords(text), [[]]);
  const model = buildModel(text);
  for (const [, e] of layerEffects(model)) {
    assert.equal(e.buildkit, false);
    assert.equal(e.legacy, 'never');
  }
});

test('ONBUILD: no layer here; the trigger runs in the child build', () => {
  assert.deepEqual(layerKeywords('FROM alpine:3.20\nONBUILD RUN make\nONBUILD COPY . /src\n'), [[]]);
  assert.match(effectOfLast('FROM alpine:3.20\nONBUILD RUN make\n').why.en, /another build/);
});

test('FROM itself adds none of this file\'s layers; scratch has none either', () => {
  const insight = layerInsight(buildModel('FROM scratch\nCOPY app /\n'));
  assert.equal(insight.finalLayerCount, 1);
  assert.equal(layerEffect(buildModel('FROM alpine:3.20\n').instructions[0]).buildkit, false);
});

test('the walkthrough example: 6 layers in the shipped stage, 4 after merging the three RUNs', () => {
  const text = readFileSync(resolve(__dirname, '../../../media/walkthrough/Dockerfile.example'), 'utf8');
  const before = layerInsight(buildModel(text));
  assert.deepEqual(before.stages.map((s) => s.layerCount), [5, 6], 'build: WORKDIR, COPY, RUN, COPY, RUN; shipped: 3 RUN, WORKDIR, 2 COPY');
  assert.equal(before.finalLayerCount, 6);
  // What the merge fix produces (its own tests check the fix; here only the count matters).
  const merged = text.replace(/^RUN apt-get update\nRUN (apt-get install[^\n]*)\nRUN (rm -rf[^\n]*)$/m, 'RUN apt-get update && $1 && $2');
  assert.notEqual(merged, text);
  assert.equal(layerInsight(buildModel(merged)).finalLayerCount, 4);
});
