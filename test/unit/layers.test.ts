import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildModel } from '../../server/src/model/build';
import { layerInsight, layerStack, layerTitle, oneLine, ruPlural, stageTitle } from '../../server/src/layers/insight';
import { layerInlayHints, layerLenses, layersResult, OPEN_LECTURE_COMMAND } from '../../server/src/lsp/layer-lens';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');

interface HandCount {
  file: string;
  /** Filesystem layers (RUN/COPY/ADD, WORKDIR other than `/`) per stage, in file order, counted by hand. */
  perStage: number[];
  /** Which stages end up in the final image. */
  reaches: boolean[];
  /** Layers this Dockerfile adds to the final image. */
  final: number;
  /** Line (1-based) where each layer instruction starts, per stage. */
  lines: number[][];
}

/*
 * Counted by hand by reading each file, as BuildKit commits layers (RUN, COPY,
 * ADD, and every WORKDIR other than `/`, see the README (Which instructions add a layer); a continued
 * or heredoc instruction is one layer; commented-out instructions do not count).
 */
const HAND_COUNTS: HandCount[] = [
  {
    // stage base (l.18): FROM only → 0.
    // stage builder (l.20, FROM base): RUN l.25-27, COPY l.30, RUN l.31 → 3.
    // stage 3 (l.33, FROM base): RUN l.41-43, WORKDIR /email_server l.45, COPY --from l.48, COPY l.51 → 4.
    // Final image = base + stage 3 → 0 + 4 = 4; builder is build-only.
    file: 'GoogleCloudPlatform__microservices-demo__src__emailservice__Dockerfile',
    perStage: [0, 3, 4], reaches: [true, false, true], final: 4,
    lines: [[], [25, 30, 31], [41, 45, 48, 51]],
  },
  {
    // builder (maven, l.3): WORKDIR l.4, COPY l.5, RUN l.6, COPY l.8, RUN l.9 → 5.
    // dev-envs (l.11, FROM builder): RUN <<EOF l.13-16, RUN <<EOF l.18-22, COPY --from l.24 → 3.
    // prepare-production (l.27, FROM builder): RUN l.28, WORKDIR l.29, RUN l.30 → 3.
    // final (l.32, eclipse-temurin image): COPY l.37, l.38, l.39 → 3 (EXPOSE, VOLUME, ARG add none).
    // Final image = only the last stage → 3.
    file: 'docker__awesome-compose__react-java-mysql__backend__Dockerfile',
    perStage: [5, 3, 3, 3], reaches: [false, false, false, true], final: 3,
    lines: [[4, 5, 6, 8, 9], [13, 18, 24], [28, 29, 30], [37, 38, 39]],
  },
  {
    // base (l.2): RUN l.5-7, WORKDIR l.10, COPY l.13, RUN l.14 → 4.
    // dev (l.17, FROM base): RUN l.18 → 1.
    // final (l.23, FROM base): COPY l.26 → 1.
    // Final image = base + final → 4 + 1 = 5.
    file: 'dockersamples__example-voting-app__vote__Dockerfile',
    perStage: [4, 1, 1], reaches: [true, false, true], final: 5,
    lines: [[5, 10, 13, 14], [18], [26]],
  },
  {
    // base (l.2): WORKDIR /app l.3 → 1.
    // build (l.5): COPY l.6, WORKDIR l.7, RUN l.8, RUN l.9 → 4.
    // publish (l.11, FROM build): RUN l.12 → 1.
    // final (l.14, FROM base): WORKDIR /app l.15 (again: BuildKit still commits the mkdir), COPY --from l.16 → 2.
    // Final image = base + final → 1 + 2 = 3.
    file: 'docker__awesome-compose__aspnet-mssql__app__aspnetapp__Dockerfile',
    perStage: [1, 4, 1, 2], reaches: [true, false, false, true], final: 3,
    lines: [[3], [6, 7, 8, 9], [12], [15, 16]],
  },
  {
    // `# escape=`` ` (Windows): continuations end in a backtick.
    // python (l.2): FROM only → 0.
    // stage 2 (l.4, nanoserver image): COPY --from l.6, RUN l.13-22 (one instruction), RUN l.24 → 3.
    // Final image = stage 2 → 3.
    file: 'StefanScherer__dockerfiles-windows__python__Dockerfile',
    perStage: [0, 3], reaches: [false, true], final: 3,
    lines: [[], [6, 13, 24]],
  },
  {
    // download (l.2): RUN l.5-10 → 1.  stage 2 (l.12): COPY --from l.13 → 1 (the VOLUME on l.16 is a comment).
    file: 'StefanScherer__dockerfiles-windows__consul__Dockerfile',
    perStage: [1, 1], reaches: [false, true], final: 1,
    lines: [[5], [13]],
  },
];

function readCorpus(file: string): string {
  return readFileSync(join(CORPUS, file), 'utf8').replace(/^\ufeff/, '');
}

test('layer counts on corpus files match the hand counts', (t) => {
  if (!existsSync(CORPUS)) { t.skip(`SKIPPED: ${CORPUS} not found`); return; }
  for (const hc of HAND_COUNTS) {
    const path = join(CORPUS, hc.file);
    if (!existsSync(path)) { t.diagnostic(`SKIPPED: ${path} not found`); continue; }
    const model = buildModel(readCorpus(hc.file));
    const insight = layerInsight(model);
    assert.deepEqual(insight.stages.map((s) => s.layerCount), hc.perStage, `${hc.file}: layers per stage`);
    assert.deepEqual(insight.stages.map((s) => s.reachesFinalImage), hc.reaches, `${hc.file}: reaches the final image`);
    assert.equal(insight.finalLayerCount, hc.final, `${hc.file}: final image`);
    const lines = hc.perStage.map((_, i) => insight.layers.filter((l) => l.stage === i).map((l) => l.instruction.range.start.line + 1));
    assert.deepEqual(lines, hc.lines, `${hc.file}: layer lines`);
    for (const l of insight.layers) assert.equal(l.of, hc.perStage[l.stage], `${hc.file}: "of" of line ${l.instruction.range.start.line + 1}`);
  }
});

test('corpus: final-image numbering is 1..n without gaps, and agrees with the model on every file', (t) => {
  if (!existsSync(CORPUS)) { t.skip(`SKIPPED: ${CORPUS} not found`); return; }
  for (const file of readdirSync(CORPUS).filter((f) => f !== 'SOURCES.tsv')) {
    const model = buildModel(readCorpus(file));
    const insight = layerInsight(model);
    assert.deepEqual(insight.stages.map((s) => s.reachesFinalImage), model.stages.map((s) => s.reachesFinalImage), file);
    const numbers = insight.layers.filter((l) => l.finalNumber !== null).map((l) => l.finalNumber);
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1), `${file}: final numbering`);
    assert.equal(numbers.length, insight.finalLayerCount, file);
    const stack = layerStack(model, 'file:///x', 1);
    assert.equal(stack.stages.reduce((n, s) => n + s.layers.length, 0), insight.layers.length, file);
    JSON.stringify(stack); // plain JSON, as the custom request sends it
  }
});

test('corpus: ports of the consul Dockerfile (three EXPOSE lines)', (t) => {
  const file = 'StefanScherer__dockerfiles-windows__consul__Dockerfile';
  if (!existsSync(join(CORPUS, file))) { t.skip(`SKIPPED: ${file} not found`); return; }
  const stack = layerStack(buildModel(readCorpus(file)), 'file:///consul', 1);
  // Hand count: l.20 8300; l.25 8301 8301/udp 8302 8302/udp; l.29 8400 8500 8600 8600/udp → 9, and no VOLUME (commented out).
  assert.deepEqual(stack.stages[1].ports.map((p) => p.port), ['8300', '8301', '8301/udp', '8302', '8302/udp', '8400', '8500', '8600', '8600/udp']);
  assert.deepEqual(stack.stages[1].volumes, []);
});

const CHAIN = [
  'ARG TAG=3.20',
  'FROM alpine:${TAG} AS a',
  'RUN apk add --no-cache curl',
  'ENV A=1',
  'FROM a AS b',
  'RUN echo one \\',
  '    two',
  'COPY x /x',
  'ONBUILD RUN echo later',
  'FROM golang:1.22 AS tools',
  'RUN go install example.invalid/tool@v1',
  'FROM b',
  'ADD y.tar /',
  'VOLUME ["/data", "/logs"]',
  'VOLUME /cache',
  'EXPOSE 8080 9090/udp',
  'USER app',
  'CMD ["run"]',
  '',
].join('\n');

test('fixture: a three-stage chain plus a build-only stage', () => {
  const model = buildModel(CHAIN);
  const insight = layerInsight(model);
  assert.deepEqual(insight.stages.map((s) => s.layerCount), [1, 2, 1, 1]);
  assert.deepEqual(insight.finalChain, [0, 1, 3]);
  assert.equal(insight.finalLayerCount, 4);
  assert.deepEqual(insight.layers.map((l) => [l.stage, l.number, l.of, l.finalNumber]), [
    [0, 1, 1, 1], [1, 1, 2, 2], [1, 2, 2, 3], [2, 1, 1, null], [3, 1, 1, 4],
  ]);
  const titles = insight.layers.map((l) => layerTitle(insight, l));
  assert.equal(titles[1].en, 'layer 1 of 2 · stage b · layer 2 of 4 in the final image');
  assert.equal(titles[1].ru, 'слой 1 из 2 · этап b · слой 2 из 4 в итоговом образе');
  assert.equal(titles[3].en, 'layer 1 of 1 · stage tools (not in the final image)');
  assert.equal(titles[3].ru, 'слой 1 из 1 · этап tools (не попадает в итоговый образ)');
  assert.equal(stageTitle(insight, insight.stages[3]).en, 'stage 4 · on stage b · 1 layer · final image: 4 layers from this Dockerfile');
  assert.equal(stageTitle(insight, insight.stages[3]).ru, 'этап 4 · на этапе b · 1 слой · итоговый образ: 4 слоя из этого Dockerfile');
  assert.equal(stageTitle(insight, insight.stages[0]).en, 'stage a · FROM alpine:${TAG} · 1 layer · in the final image');
  assert.equal(stageTitle(insight, insight.stages[2]).ru, 'этап tools · FROM golang:1.22 · 1 слой · не попадает в итоговый образ');
});

test('fixture: the layer stack data (request result)', () => {
  const stack = layerStack(buildModel(CHAIN), 'file:///w/Dockerfile', 7);
  assert.equal(stack.version, 7);
  assert.equal(stack.finalStage, 3);
  assert.deepEqual(stack.finalChain, [0, 1, 3]);
  assert.deepEqual(stack.stages.map((s) => s.reachesFinalImage), [true, true, false, true]);
  assert.equal(stack.stages[0].base.resolved, 'alpine:3.20');
  assert.equal(stack.stages[3].base.fromStage, 1);
  assert.equal(stack.stages[1].layers[0].text, 'RUN echo one two', 'continuation joined');
  assert.equal(stack.stages[1].layers[0].source, 'RUN echo one \\\n    two');
  assert.deepEqual(stack.stages[3].volumes.map((v) => v.path), ['/data', '/logs', '/cache']);
  assert.deepEqual(stack.stages[3].ports.map((p) => p.port), ['8080', '9090/udp']);
  assert.deepEqual(stack.stages[3].config.map((c) => c.keyword), ['USER', 'CMD']);
  assert.deepEqual(stack.stages[1].config.map((c) => c.keyword), ['ONBUILD'], 'ONBUILD RUN adds no layer now');
  assert.equal(stack.stages[3].layers[0].copyFrom, null);
});

test('fixture: single stage, no FROM, heredoc, COPY --from', () => {
  const single = layerInsight(buildModel('FROM alpine:3.20\nRUN a\nENV X=1\nCOPY . /app\nADD f /f\nCMD ["x"]\n'));
  assert.equal(single.finalLayerCount, 3);
  assert.equal(layerTitle(single, single.layers[2]).en, 'layer 3 of 3 · stage 1 · final image');
  assert.equal(stageTitle(single, single.stages[0]).en, 'stage 1 · FROM alpine:3.20 · 3 layers · final image');

  const none = layerInsight(buildModel('# just a comment\nARG X=1\n'));
  assert.deepEqual([none.stages.length, none.layers.length, none.finalChain.length, none.finalLayerCount], [0, 0, 0, 0]);
  assert.equal(layerStack(buildModel(''), 'u', null).finalStage, -1);

  const heredoc = layerStack(buildModel('FROM alpine:3.20\nRUN <<EOF\napk add curl\necho done\nEOF\nCOPY --from=builder /a /b\n'), 'u', 1);
  assert.equal(heredoc.stages[0].layers.length, 2);
  assert.equal(heredoc.stages[0].layers[0].text, 'RUN <<EOF ↵ apk add curl ↵ echo done ↵ EOF');
  assert.equal(heredoc.stages[0].layers[1].copyFrom, 'builder');
});

test('helpers: Russian plurals, one-line text, VOLUME forms', () => {
  assert.deepEqual([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112].map((n) => ruPlural(n, 'слой', 'слоя', 'слоёв')),
    ['слой', 'слоя', 'слоя', 'слоёв', 'слоёв', 'слоёв', 'слоёв', 'слой', 'слоя', 'слоёв', 'слой', 'слоёв', 'слоёв']);
  assert.equal(oneLine('RUN a `\r\n  b', '`', false), 'RUN a b');
  assert.equal(oneLine('RUN a \\\n\tb   c', '\\', false), 'RUN a b c');
  const volumes = (args: string) => layerStack(buildModel(`FROM alpine:3.20\nVOLUME ${args}\n`), 'u', 1).stages[0].volumes.map((v) => v.path);
  assert.deepEqual(volumes('["/a", "/b"]'), ['/a', '/b']);
  assert.deepEqual(volumes('/a  /b'), ['/a', '/b']);
  // The builder splits the plain form at blanks first, then removes each word's quotes.
  assert.deepEqual(volumes('"/data" \'/logs\''), ['/data', '/logs']);
  assert.deepEqual(volumes('"/my data"'), ['/my', 'data']);
  assert.deepEqual(volumes('[not json'), ['[not', 'json']);
  const long = layerStack(buildModel(`FROM alpine:3.20\nRUN echo ${'x'.repeat(500)}\n`), 'u', 1).stages[0].layers[0];
  assert.equal(long.text.length, 160);
  assert.ok(long.text.endsWith('…'));
});

test('LSP: code lenses, inlay hints and the request result', () => {
  const model = buildModel(CHAIN);
  const lenses = layerLenses(model, 'en');
  assert.equal(lenses.length, 4 + 5, 'one per FROM and one per layer');
  assert.ok(lenses.every((l) => l.command && l.command.command === ''), 'plain labels without the lecture command');
  assert.deepEqual(lenses.map((l) => l.range.start.line), [1, 2, 4, 5, 7, 9, 10, 11, 12]);
  assert.equal(lenses[3].range.end.character, 'RUN echo one \\'.length, 'a lens spans the first line only');
  const withCommand = layerLenses(model, 'ru', { clientCommands: new Set([OPEN_LECTURE_COMMAND]), stageSummaries: false });
  assert.equal(withCommand.length, 5);
  assert.deepEqual(withCommand[0].command?.arguments, ['layers']);
  assert.equal(withCommand[0].command?.title, 'слой 1 из 1 · этап a · слой 1 из 4 в итоговом образе');

  const hints = layerInlayHints(model, 'en');
  assert.equal(hints.length, 5);
  assert.equal(hints[0].label, 'layer 1/1');
  assert.equal(hints[3].label, 'layer 1/1 ✕');
  assert.deepEqual(hints[0].position, { line: 2, character: 'RUN apk add --no-cache curl'.length });
  assert.equal(layerInlayHints(model, 'ru', { start: { line: 5, character: 0 }, end: { line: 8, character: 0 } }).length, 2);

  assert.equal(layersResult(null, 'u', 1), null);
  assert.equal(layersResult(model, 'u', 3)?.finalLayerCount, 4);
});
