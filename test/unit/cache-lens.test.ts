import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/model/build';
import { cacheImpact, cacheTitle } from '../../server/src/layers/cache-lens';
import { df } from '../support/rules';

const MULTI = df(
  'FROM node:20 AS deps', //           0
  'WORKDIR /src', //                   1  deps layer 1
  'COPY package.json ./', //           2  deps layer 2
  'RUN npm ci', //                     3  deps layer 3
  'LABEL stage=deps', //               4
  'FROM deps AS build', //             5
  'COPY . .', //                       6  build layer 1
  'RUN npm run build', //              7  build layer 2
  'FROM golang:1.22 AS tools', //      8
  'RUN go install example.invalid/t@v1', // 9  tools layer 1
  'FROM node:20-slim', //              10
  'ENV NODE_ENV=production', //        11
  'WORKDIR /app', //                   12 final layer 1
  'COPY --from=tools /go/bin/t /usr/local/bin/t', // 13 final layer 2
  'COPY --link --from=build /src/dist ./dist', //  14 final layer 3
  'RUN --mount=type=bind,from=deps,source=/src/node_modules,target=/m cp -r /m ./node_modules', // 15 final layer 4
  'COPY --link config.json ./', //     16 final layer 5
  'CMD ["node", "dist/index.js"]', //  17
);
const model = buildModel(MULTI);
const impactAt = (line: number) => cacheImpact(model, model.instructions.find((i) => i.range.start.line === line)!)!;
const summary = (line: number) => impactAt(line).stages.map((s) => [s.stage, s.layers, s.relinked]);

test('a changed COPY source rebuilds its layer and the rest of the stage, then every stage that uses it', () => {
  // deps is rebuilt from layer 2; build (FROM deps) from its start; in the last stage the first step that
  // reads a rebuilt stage is COPY --link --from=build (l.14, layer 3): it is redone, the RUN --mount=from=deps
  // after it too, and the later COPY --link (layer 5) is only stacked again.
  assert.deepEqual(summary(2), [
    [0, [2, 3], []],
    [1, [1, 2], []],
    [3, [3, 4, 5], [5]],
  ]);
  assert.equal(cacheTitle(model, impactAt(2)).en, 'editing this line rebuilds layers 2–3 of this stage, layers 1–2 of stage build, layers 3–5 of stage 4');
  assert.equal(cacheTitle(model, impactAt(2)).ru, 'правка этой строки пересобирает слои 2–3 этого этапа, слои 1–2 этапа build, слои 3–5 этапа 4');
});

test('a build-only stage that nothing else uses changes only itself; COPY --from an image stage changes its user', () => {
  assert.deepEqual(summary(9), [[2, [1], []], [3, [2, 3, 4, 5], [3, 5]]]);
  assert.deepEqual(summary(7), [[1, [2], []], [3, [3, 4, 5], [5]]]);
});

test('ENV and WORKDIR reach every later step; the --link copy after them is only stacked again', () => {
  assert.deepEqual(summary(11), [[3, [1, 2, 3, 4, 5], [3, 5]]]);
  assert.deepEqual(summary(12), [[3, [1, 2, 3, 4, 5], [3, 5]]]);
});

test('configuration-only instructions rebuild no layer and no other stage', () => {
  assert.deepEqual(summary(4), [[0, [], []]]);
  assert.deepEqual(summary(17), [[3, [], []]]);
  assert.equal(cacheTitle(model, impactAt(4)).en, 'editing this line rebuilds no layer (image configuration only)');
});

test('FROM rebuilds the whole stage and its users; the last layer alone says "layer"', () => {
  assert.deepEqual(summary(0), [[0, [1, 2, 3], []], [1, [1, 2], []], [3, [3, 4, 5], [5]]]);
  assert.equal(cacheTitle(model, impactAt(16)).en, 'editing this line rebuilds layer 5 of this stage');
  assert.equal(cacheTitle(model, impactAt(16)).ru, 'правка этой строки пересобирает слой 5 этого этапа');
});

test('COPY --from by stage number, and an external image in --from, and no stage at all', () => {
  const m = buildModel(df('FROM alpine:3.20', 'RUN echo a > /a', 'FROM alpine:3.20', 'COPY --from=0 /a /a', 'COPY --from=nginx:1.27 /etc/nginx /n'));
  const first = cacheImpact(m, m.instructions[1])!;
  assert.deepEqual(first.stages.map((s) => [s.stage, s.layers]), [[0, [1]], [1, [1, 2]]]);
  const external = cacheImpact(m, m.instructions[4])!;
  assert.deepEqual(external.stages.map((s) => [s.stage, s.layers]), [[1, [2]]]);
  const global = buildModel(df('ARG V=1', 'FROM alpine:${V}'));
  assert.equal(cacheImpact(global, global.instructions[0]), null);
});
