import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';
import { buildModel } from '../../server/src/model/build';
import { declaredNames } from '../../server/src/rules/support/declared-names';

const RULE = 'legacy-key-value';

/** Names and values the builder would declare for the ENV/LABEL on `line` (1-based). */
function declared(text: string, line: number): [string, string | null][] {
  const model = buildModel(text);
  const ins = model.instructions.find((i) => i.range.start.line === line - 1)!;
  return declaredNames(model, ins).map((d) => [d.name, d.value]);
}

test('legacy ENV key value: a hint at the key (the builder warns already), BuildKit alias, safe fix to key=value', () => {
  const text = df('FROM alpine:3.23', 'ENV NODE_ENV production');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'hint');
  assert.deepEqual(f.aliases, ['LegacyKeyValueFormat']);
  assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } });
  assert.equal(f.fixes[0].safe, true);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', 'ENV NODE_ENV=production'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('the fix keeps the same key and value, re-parsed: blanks get double quotes, $ still expands, one quoted word stays', () => {
  const cases: [string, string][] = [
    ['ENV A B C', 'ENV A="B C"'],
    ['ENV PATH /opt/bin:$PATH', 'ENV PATH=/opt/bin:$PATH'],
    ['ENV GREETING  hello   big world', 'ENV GREETING="hello   big world"'],
    ['ENV MSG "hello world"', 'ENV MSG="hello world"'],
    ['ENV HOME_DIR ${HOME}/app x', 'ENV HOME_DIR="${HOME}/app x"'],
  ];
  for (const [before, after] of cases) {
    const text = df('FROM alpine:3.23', before);
    const fixed = applyFix(text, findingsOf(text, RULE)[0]);
    assert.equal(fixed, df('FROM alpine:3.23', after), before);
    assert.deepEqual(declared(fixed, 2), declared(text, 2), before);
    assert.deepEqual(linesOf(fixed, RULE), [], before);
  }
  assert.deepEqual(declared(df('FROM alpine:3.23', 'ENV A B C'), 2), [['A', 'B C']]);
  const label = df('FROM alpine:3.23', 'LABEL maintainer ops@example.com');
  assert.equal(applyFix(label, findingsOf(label, RULE)[0]), df('FROM alpine:3.23', 'LABEL maintainer=ops@example.com'));
});

test('the message shows the pitfall: several words are one value', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'ENV A B C'), RULE);
  assert.match(f.message, /here `A` gets `B C`, not 2 separate settings/);
  assert.match(findingsOf(df('FROM alpine:3.23', 'ENV A B'), RULE, 'ru')[0].message, /устаревшую форму/);
});

test('no fix when quotes or escapes in a multi-word value would change meaning, or across lines', () => {
  for (const lines of [['ENV A "x" y'], ['ENV A it\\\'s here'], ['ENV A x \\', '  y'], ['ENV A 1 # note']]) {
    const [f] = findingsOf(df('FROM alpine:3.23', ...lines), RULE);
    assert.ok(f, lines.join(' / '));
    assert.equal(f.fixes.length, 0, lines.join(' / '));
  }
});

test('the key=value form and a lone key are not flagged', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'ENV A=1 B="2 3"', 'LABEL a=b', 'ARG X 1'), RULE), []);
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'ENV A'), RULE), []);
});
