import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df } from '../support/rules';
import { analyze, fixAll, safeEdits } from '../../server/src/index';

test('fix-all merges only the RUNs whose finding is visible (info), not the deliberate splits (hints)', () => {
  const text = df('FROM debian:trixie',
    'RUN apt-get update', 'RUN apt-get install -y curl',
    'RUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool',
    'USER nobody');
  const out = fixAll(text).text;
  assert.equal(out, df('FROM debian:trixie',
    'RUN apt-get update \\', '    && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'RUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool',
    'USER nobody'));
});

test('safeEdits skips the safe fixes of hints', () => {
  const text = df('FROM golang:1.24', 'RUN go mod download', 'RUN go build ./...', 'USER nobody');
  const findings = analyze(text).findings.filter((f) => f.rule === 'merge-consecutive-run');
  assert.equal(findings[0].severity, 'hint');
  assert.equal(findings[0].fixes[0].safe, true, 'the lightbulb still offers it');
  assert.deepEqual(safeEdits(findings), []);
  assert.equal(fixAll(text).applied, 0);
});

test('fix-all re-analyses between the fixes of different rules', () => {
  // Two rules fix the same RUNs: the merge and the apt lists clean-up. Applied together from one analysis
  // they would clash; one rule per pass, each later fix is worked out on the text the earlier one produced.
  const text = df('FROM debian:trixie', 'RUN apt-get update', 'run apt-get install -y curl', 'USER nobody');
  const result = fixAll(text);
  assert.ok(result.passes >= 2, `passes: ${result.passes}`);
  assert.equal(fixAll(result.text).applied, 0, 'a fixed point');
  assert.equal(result.text, df('FROM debian:trixie', 'RUN apt-get update \\', '    && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', 'USER nobody'));
});

test('fix-all stays fast on a file with thousands of RUN groups', () => {
  // One rule per pass bounds the passes by the rules, not by the file: 3,000 groups merge in one pass.
  const text = 'FROM alpine:3.23\n' + Array.from({ length: 3000 }, (_, i) => `RUN echo ${i} > /a${i}\nRUN echo ${i} > /b${i}\nENV X${i}=${i}\n`).join('') + 'USER nobody\n';
  const started = Date.now();
  const result = fixAll(text);
  assert.ok(result.passes <= 3, `passes: ${result.passes}`);
  assert.equal(analyze(result.text).findings.filter((f) => f.rule === 'merge-consecutive-run').length, 0);
  assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
});
