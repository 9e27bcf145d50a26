import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';
import { buildModel } from '../../server/src/model/build';
import { declaredNames } from '../../server/src/rules/support/declared-names';

const RULE = 'inline-comment';

/** Names and values the builder would declare for the instruction on `line` (1-based). */
function declared(text: string, line: number): [string, string | null][] {
  const model = buildModel(text);
  const ins = model.instructions.find((i) => i.range.start.line === line - 1)!;
  return declaredNames(model, ins).map((d) => [d.name, d.value]);
}

test('ARG with an inline comment declares the comment words as build arguments: warning, fix moves it above', () => {
  const text = df('FROM alpine:3.23', 'ARG RUN_TESTS=0 # set to 1 in CI');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.range, { start: { line: 1, character: 16 }, end: { line: 1, character: 32 } });
  assert.match(f.message, /`#`, `set`, `to`, `1`, `in`, `CI` are declared as build arguments/);
  assert.equal(f.fixes[0].safe, true);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', '# set to 1 in CI', 'ARG RUN_TESTS=0'));
  assert.deepEqual(declared(fixed, 3), [['RUN_TESTS', '0']]);
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('ENV key=value with an inline comment: the builder stops ("can\'t find =") — error', () => {
  const text = df('FROM alpine:3.23', '  ENV A=1 B="x y" # the defaults');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /can't find = in \\"#\\"/);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', '  # the defaults', '  ENV A=1 B="x y"'));
  assert.equal(findingsOf(df('FROM alpine:3.23', 'LABEL a=b # c'), RULE)[0].severity, 'error');
  // Every comment word a pair: accepted, but sets odd variables.
  assert.equal(findingsOf(df('FROM alpine:3.23', 'ENV A=1 #x=y'), RULE)[0].severity, 'warning');
});

test('legacy ENV key value: the comment becomes part of the value — warning, unsafe fix', () => {
  const text = df('FROM alpine:3.23', 'ENV PORT 8080 # http');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /`PORT` is set to `8080 # http`/);
  assert.equal(f.fixes[0].safe, false);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', '# http', 'ENV PORT 8080'));
  assert.deepEqual(declared(fixed, 3), [['PORT', '8080']]);
});

test('not a comment: `#` inside a value, quoted, escaped, or the legacy value itself; comment lines are fine', () => {
  for (const line of ['ENV COLOR=#fff', 'ENV COLOR #fff', 'ENV MSG="a # b"', 'ARG X=a\\ \\#b', 'LABEL x="# y"', 'ENV A=1#2']) {
    assert.deepEqual(linesOf(df('FROM alpine:3.23', line), RULE), [], line);
  }
  assert.deepEqual(linesOf(df('FROM alpine:3.23', '# a comment', 'ARG X=1', 'RUN echo 1 # shell comment'), RULE), []);
});

test('no fix when the comment sits on a continuation line above the last', () => {
  const text = df('FROM alpine:3.23', 'ARG A=1 # note \\', '  B=2');
  const [f] = findingsOf(text, RULE);
  assert.ok(f);
  assert.equal(f.fixes.length, 0);
  assert.match(findingsOf(text, RULE, 'ru')[0].message, /здесь не комментарий/);
});
