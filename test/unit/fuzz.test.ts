import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { analyze, fixAll } from '../../server/src/index';
import { applyEdits } from '../../server/src/core/text';
import { buildModel } from '../../server/src/model/build';
import { assertRangesInside } from '../support/invariants';

/** The invariants every input must keep: no throw, ranges inside, fixes apply and re-parse. */
function checkInvariants(text: string, label: string): void {
  const a = analyze(text);
  assert.deepEqual(a.ruleErrors, [], `${label}: a rule threw`);
  if (!a.model) return;
  assertRangesInside(text, a.findings, label);
  for (const f of a.findings) for (const fix of f.fixes) buildModel(applyEdits(text, fix.edits));
}

function checkFixAllConverges(text: string, label: string): void {
  const once = fixAll(text);
  assert.equal(fixAll(once.text).applied, 0, `${label}: fix-all did not reach a fixed point`);
}

const INSTRUCTIONS = ['FROM alpine:3.23', 'FROM node AS build', 'from debian', 'RUN apt-get update', 'RUN apt-get install curl', 'RUN cd /app && make', 'RUN echo "a && b" | tee x', 'RUN <<EOF', 'EOF', 'COPY . .', 'ADD a.tar.gz /', 'USER root', 'USER app', 'EXPOSE 80/TCP', 'VOLUME /data', 'WORKDIR app', 'CMD node x', 'ENTRYPOINT ["x"]', 'ARG V=1', 'ENV PASSWORD=x', 'MAINTAINER me', 'HEALTHCHECK CMD true', 'SHELL ["/bin/bash", "-c"]', '# comment', '# escape=`', '', '\\', '`', 'RUN a \\', '  && b', 'RUN "unterminated', "RUN 'x", 'COPY --from=build /a /b', 'RUN --mount=type=cache,target=/root/.cache pip install x', 'ONBUILD RUN x', 'STOPSIGNAL 9', 'LABEL a=b'];

test('generated Dockerfiles keep the invariants and fix-all converges', () => {
  fc.assert(fc.property(
    fc.array(fc.constantFrom(...INSTRUCTIONS), { maxLength: 25 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
    (lines, eol, bom) => {
      const text = (bom ? '\ufeff' : '') + lines.join(eol) + eol;
      checkInvariants(text, JSON.stringify(text));
      checkFixAllConverges(text, JSON.stringify(text));
    },
  ), { numRuns: 400, seed: 20261128 });
});

test('random strings and bytes never break the core', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => {
    checkInvariants(text, JSON.stringify(text.slice(0, 80)));
  }), { numRuns: 300, seed: 7 });
});

test('hard inputs: long lines, many continuations, NUL bytes, unbalanced heredocs, mixed escape directives', () => {
  const cases: Record<string, string> = {
    // Lines over 64 KiB are not analysed at all (MAX_LINE_LENGTH): these stay just under it.
    '60 KB line': 'FROM alpine:3.23\nRUN echo ' + 'x'.repeat(60_000) + '\n',
    '10,000 continuation lines': 'FROM alpine:3.23\nRUN echo start \\\n' + '  && echo x \\\n'.repeat(10_000) + '  && echo end\n',
    'NUL bytes': 'FROM alpine\u0000:3.23\nRUN a\u0000b\n',
    'unbalanced heredoc': 'FROM alpine:3.23\nRUN <<EOF\necho never closed\nRUN b\n',
    'unbalanced quotes': 'FROM alpine:3.23\nRUN echo "a\nRUN echo \'b\nRUN echo `c\n',
    'mixed escape directives': '# escape=`\n# escape=\\\nFROM a\nRUN x `\n  y\nRUN z \\\n  w\n',
    'only a BOM': '\ufeff',
    'CR only line breaks': 'FROM a\rRUN b\rRUN c\r',
    'half-typed': 'FROM alpine:3.23\nRU\nRUN apt-get ins\nCOPY --from=\nFROM \n',
    // Long runs that a backtracking regex would scan again from every position (seconds at 80,000 characters).
    '60,000 escapes before the line end': 'FROM alpine:3.23\nRUN echo ' + '\\'.repeat(60_000) + 'x\nRUN b\n',
    '60,000 blanks after a heredoc opener': 'FROM alpine:3.23\nRUN <<EOF' + ' '.repeat(60_000) + 'x\necho hi\nEOF\n',
    // Rules that walk the stages a stage builds on must stay linear on long chains.
    '2,000 chained stages': Array.from({ length: 2000 }, (_, i) => (i === 0 ? 'FROM debian:trixie AS s0\n' : `FROM s${i - 1} AS s${i}\n`) + `WORKDIR w${i}\nRUN apt-get update && cd x && echo ${i} | tee y\nRUN apt-get install -y p${i}\n`).join(''),
  };
  for (const [label, text] of Object.entries(cases)) {
    const started = Date.now();
    checkInvariants(text, label);
    checkFixAllConverges(text, label);
    // A generous bound that only a hang or a quadratic blow-up can exceed; speed is measured by npm run bench.
    assert.ok(Date.now() - started < 60_000, `${label}: took ${Date.now() - started} ms`);
  }
});

test('a 100,000-line heredoc body is analysed without a rule error, in bounded time', () => {
  // Rules once looked at every earlier command, or re-read the whole RUN, for each command: 115 s at this size.
  const body = Array.from({ length: 100_000 }, (_, i) => ['touch /tmp/f' + i, 'rm -f /tmp/f' + (i - 1), 'echo ' + i, 'apt-get install -y p' + i, 'curl -s u | tar x', 'cd /x'][i % 6]).join('\n');
  const started = Date.now();
  const analysis = analyze(`FROM debian:trixie\nCOPY x /tmp/x\nRUN <<EOF\n${body}\nEOF\nRUN rm /tmp/x\n`);
  assert.deepEqual(analysis.ruleErrors, []);
  assert.ok(analysis.findings.some((f) => f.rule === 'no-install-recommends'));
  // A generous bound that only a quadratic pass can exceed; speed is measured by npm run bench.
  assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
});

test('every corpus file truncated at every 7th line keeps the invariants', (t) => {
  const dir = resolve(__dirname, '../../../../shared/corpus');
  if (!existsSync(dir)) { t.skip('SKIPPED: ../shared/corpus not found'); return; }
  for (const f of readdirSync(dir).filter((n) => n !== 'SOURCES.tsv')) {
    const lines = readFileSync(join(dir, f), 'utf8').split('\n');
    for (let n = 1; n < lines.length; n += 7) checkInvariants(lines.slice(0, n).join('\n'), `${f} truncated at ${n}`);
  }
});

test('corpus files with random byte mutations keep the invariants', (t) => {
  const dir = resolve(__dirname, '../../../../shared/corpus');
  if (!existsSync(dir)) { t.skip('SKIPPED: ../shared/corpus not found'); return; }
  const files = readdirSync(dir).filter((n) => n !== 'SOURCES.tsv').slice(0, 60).map((f) => readFileSync(join(dir, f), 'utf8'));
  fc.assert(fc.property(
    fc.integer({ min: 0, max: files.length - 1 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('"', "'", '\\', '`', '\n', '<<EOF\n', '\u0000', '#', '$', '{', ' && ', 'FROM x\n')), { minLength: 1, maxLength: 6 }),
    (i, mutations) => {
      let text = files[i];
      for (const [at, piece] of mutations) { const p = at % (text.length + 1); text = text.slice(0, p) + piece + text.slice(p); }
      checkInvariants(text, `mutated corpus file ${i}`);
    },
  ), { numRuns: 150, seed: 42 });
});

test('a FROM chain of 30,000 stages: no rule runs out of stack', () => {
  // Rules that follow a stage's FROM chain must walk it, not recurse once per stage.
  const text = Array.from({ length: 30_000 }, (_, i) => (i === 0 ? 'FROM debian:trixie AS s0\n' : `FROM s${i - 1} AS s${i}\n`) + 'RUN echo\n').join('')
    + 'COPY . /app\nCMD ["/app/run"]\n'; // a runtime image: non-root-user only reports those
  const a = analyze(text);
  assert.deepEqual(a.ruleErrors.map((e) => `${e.rule}: ${e.error.split('\n')[0]}`), []);
  assert.equal(a.model?.stages.length, 30_000);
  assert.ok(a.findings.some((f) => f.rule === 'non-root-user'), 'the final stage, root by inheritance, is reported');
});
