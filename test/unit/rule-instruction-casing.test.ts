import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';
import { fixAll } from '../../server/src/index';

const RULE = 'instruction-casing';

test('the majority case wins; minority and mixed-case keywords are reported', () => {
  const text = df('FROM alpine:3.23', 'RUN a', 'run b', 'Copy x y');
  assert.deepEqual(linesOf(text, RULE), [3, 4]);
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].safe, true);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'RUN a', 'RUN b', 'Copy x y'));
});

test('an all-lower-case file is consistent; a lower-case majority recases the upper-case ones', () => {
  assert.deepEqual(linesOf(df('from alpine:3.23', 'run a', 'copy x y'), RULE), []);
  const text = df('from alpine:3.23', 'run a', 'RUN b');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('from alpine:3.23', 'run a', 'run b'));
});

test('AS must follow the case of FROM', () => {
  const text = df('FROM alpine:3.23 as build', 'RUN a');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.range.start.character, 17);
  assert.match(f.message, /`as` does not match/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23 AS build', 'RUN a'));
  assert.deepEqual(linesOf(fixed, RULE), []);
  assert.deepEqual(linesOf(df('from alpine:3.23 as build', 'run a'), RULE), []);
});

test('fix-all reaches a consistent file in one pass even when FROM itself is recased', () => {
  const text = df('from alpine:3.23 AS build', 'RUN a', 'COPY x y');
  // A hint by default, so fix-all leaves it alone; a user who raises it to info gets it fixed on save.
  assert.equal(fixAll(text, { rules: { 'instruction-casing': 'on' } }).text, text);
  const result = fixAll(text, { rules: { 'instruction-casing': 'info' } });
  assert.equal(result.text.split('\n')[0], 'FROM alpine:3.23 AS build');
  assert.deepEqual(linesOf(result.text, RULE), []);
});

test('ONBUILD triggers count; unknown instructions and heredoc bodies do not', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'ONBUILD run a', 'RUN b'), RULE), [2]);
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'RUN <<EOF', 'copy a b', 'EOF', 'foo bar'), RULE), []);
});

test('CRLF and aliases', () => {
  const text = 'FROM alpine:3.23\r\nRUN a\r\nrun b\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'FROM alpine:3.23\r\nRUN a\r\nRUN b\r\n');
  assert.deepEqual(f.aliases, ['ConsistentInstructionCasing', 'FromAsCasing']);
});

test('mixed keyword case is a hint: always right, but the builder reads any case (no cost at build or run time)', () => {
  for (const f of findingsOf(df('FROM alpine:3.23', 'run echo a', 'Copy x y'), RULE)) assert.equal(f.severity, 'hint');
});
