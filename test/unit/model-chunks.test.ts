import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DockerfileParser, type Copy } from 'dockerfile-ast';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildModel, reusableChunkCount } from '../../server/src/model/build';
import type { DockerfileModel } from '../../server/src/model/types';

/** Everything rules can see, in comparable form. */
function snapshot(m: DockerfileModel) {
  return {
    escape: m.escapeChar,
    instructions: m.instructions.map((i) => ({ k: i.keyword, t: i.keywordText, r: i.range, kr: i.keywordRange, ar: i.argsRange, a: i.args, f: i.flags, e: i.execForm, h: i.heredoc, s: i.stage, script: i.script?.text ?? null })),
    stages: m.stages.map((s) => ({ name: s.name, nr: s.nameRange, base: s.base, layers: s.layers.length, final: s.reachesFinalImage })),
    args: [...m.globalArgs.values()],
    comments: m.comments,
    directives: m.directives,
  };
}

function assertSameAsWholeParse(text: string, label: string): void {
  assert.deepEqual(snapshot(buildModel(text)), snapshot(buildModel(text, { wholeFile: true })), label);
}

const tricky: Record<string, string> = {
  'FROM inside a heredoc': 'FROM alpine:3.23\nRUN <<EOF\nFROM not-a-stage\nEOF\nFROM debian:trixie\nRUN echo\n',
  'FROM after a continuation': 'FROM alpine:3.23\nRUN echo a \\\nFROM b\nFROM debian:trixie\n',
  'comment inside a continuation': 'FROM alpine:3.23\nRUN echo a \\\n# note\n  && echo b\nFROM debian:trixie\n',
  'backtick escape': '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  c:\\\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS two\nCOPY --from=0 c:\\x c:\\x\n',
  'CRLF': 'ARG V=1\r\nFROM alpine:${V}\r\nRUN a\r\n\r\nfrom debian AS d\r\nRUN b \\\r\n c\r\n',
  'no trailing newline': 'FROM a\nFROM b',
  'tab-stripped heredoc': 'FROM a\nRUN <<-EOT\n\tFROM x\n\tEOT\nFROM b\n',
  'blank line in continuation': 'FROM a\nRUN x \\\n\nFROM b\n',
  'empty': '',
  'only comments': '# syntax=docker/dockerfile:1\n# hello\n',
};

test('chunked parse equals the whole-file parse on tricky inputs', () => {
  for (const [label, text] of Object.entries(tricky)) assertSameAsWholeParse(text, label);
});

test('chunked parse equals the whole-file parse on every corpus file', (t) => {
  const shared = resolve(__dirname, '../../../../shared');
  if (!existsSync(join(shared, 'corpus'))) { t.skip('SKIPPED: ../shared/corpus not found'); return; }
  for (const dir of ['corpus', 'corpus-large']) {
    for (const f of readdirSync(join(shared, dir)).filter((n) => n !== 'SOURCES.tsv' && n !== 'big-20k.Dockerfile')) {
      assertSameAsWholeParse(readFileSync(join(shared, dir, f), 'utf8'), f);
    }
  }
});

test('an edit re-parses only its own stage and gives the same model as a fresh parse', () => {
  const stages = Array.from({ length: 50 }, (_, i) => `FROM alpine:3.${i} AS s${i}\nRUN echo ${i}\n`).join('');
  buildModel(stages);
  const edited = stages.replace('RUN echo 25', 'RUN echo twenty-five');
  assertSameAsWholeParse(edited, 'edited');
  assert.equal(buildModel(edited).stages[25].instructions[0].args, 'echo twenty-five');
});

test("dockerfile-ast's argument list, kept once per instruction, is handed out as a fresh copy each time", () => {
  // The library shifts flags off the array it gets; a shared array would lose arguments on the second call.
  buildModel('FROM a\n'); // loads the model, which installs the per-instruction argument list
  const ins = DockerfileParser.parse('FROM a\nCOPY --from=b --chown=1:1 src dst\n').getInstructions()[1] as Copy;
  const values = () => ins.getArguments().map((a) => a.getValue());
  assert.deepEqual(values(), ['src', 'dst']);
  ins.getArguments().pop();
  assert.deepEqual(values(), ['src', 'dst']);
  assert.deepEqual(ins.getFlags().map((f) => f.getName()), ['from', 'chown']);
  assert.equal(ins.getArgumentsContent(), 'src dst');
});

test('chunks of dropped models are freed, while a live model keeps its chunks reusable', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const settle = async () => { for (let i = 0; i < 3; i++) { await new Promise((r) => setImmediate(r)); gc(); } };
  const kept = Array.from({ length: 100 }, (_, i) => `FROM alpine:3.${i} AS kept${i}\nRUN echo ${i}\n`).join('');
  let live: ReturnType<typeof buildModel> | null = buildModel(kept);
  for (let i = 0; i < 300; i++) buildModel(`FROM debian:${i}\nRUN echo dropped ${i}\n`);
  await settle();
  const withLive = reusableChunkCount();
  assert.ok(withLive >= 100, `the live model's 100 chunks are still found (${withLive})`);
  assert.ok(withLive <= 100 + 64, `dropped models' chunks beyond the recent 64 are gone (${withLive})`);
  // Still reused: an edit in the last stage leaves the first stage's instruction objects as they were.
  assert.equal(buildModel(kept.replace('RUN echo 99', 'RUN echo ninety-nine')).stages[0].instructions[0], live.stages[0].instructions[0]);
  live = null;
  for (let i = 0; i < 100; i++) buildModel(`FROM busybox:${i}\n`);
  await settle();
  assert.ok(reusableChunkCount() <= 64, `nothing but the recent chunks is left (${reusableChunkCount()})`);
});

test('editing one stage after another does not keep every version of the text alive', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const settle = async () => { for (let i = 0; i < 3; i++) { await new Promise((r) => setImmediate(r)); gc(); } };
  // 100 stages of ~20 KB: a 2 MB file. A chunk that is a slice of the text it came from keeps that whole text alive.
  const stage = (i: number, version: number) => `FROM alpine:3.23 AS s${i}\nRUN echo ${version} ${'x'.repeat(20000)}\n`;
  const stages = Array.from({ length: 100 }, (_, i) => stage(i, 0));
  let model = buildModel(stages.join(''));
  await settle();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 60; i++) {
    stages[i] = stage(i, 1);
    model = buildModel(stages.join(''));
  }
  await settle();
  const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  assert.equal(model.stages.length, 100);
  // Sixty retained versions would be ~120 MB; the chunks themselves add nothing (same sizes).
  assert.ok(grown < 40, `the heap grew by ${grown.toFixed(0)} MB over 60 edits`);
});
