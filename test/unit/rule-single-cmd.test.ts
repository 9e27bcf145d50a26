import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

test('earlier CMDs of a stage are reported; the last one is not', () => {
  const text = df('FROM alpine:3.23', 'CMD ["a"]', 'RUN x', 'CMD ["b"]', 'CMD ["c"]');
  assert.deepEqual(linesOf(text, 'single-cmd'), [2, 4]);
  const [f] = findingsOf(text, 'single-cmd');
  assert.match(f.message, /line 5/);
});

test('one CMD per stage in several stages is fine; ONBUILD CMD does not count', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23 AS a', 'CMD ["a"]', 'FROM a', 'CMD ["b"]'), 'single-cmd'), []);
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'ONBUILD CMD ["a"]', 'CMD ["b"]'), 'single-cmd'), []);
});

test('the fix removes the earlier CMD with its continuation lines, and is not safe', () => {
  const text = df('FROM alpine:3.23', '# first', 'CMD app \\', '    --a', 'CMD ["b"]');
  const [f] = findingsOf(text, 'single-cmd');
  assert.equal(f.fixes[0].safe, false);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', '# first', 'CMD ["b"]'));
  assert.deepEqual(linesOf(fixed, 'single-cmd'), []);
});

test('works at the end of a file without a final newline and with CRLF', () => {
  const text = 'FROM alpine:3.23\r\nCMD ["a"]\r\nCMD ["b"]';
  const [f] = findingsOf(text, 'single-cmd');
  assert.equal(applyFix(text, f), 'FROM alpine:3.23\r\nCMD ["b"]');
});

test('ENTRYPOINT and HEALTHCHECK have their own rules with their own codes', () => {
  const text = df('FROM alpine:3.23', 'ENTRYPOINT ["a"]', 'HEALTHCHECK CMD true', 'ENTRYPOINT ["b"]', 'HEALTHCHECK NONE');
  assert.deepEqual(linesOf(text, 'single-entrypoint'), [2]);
  assert.deepEqual(linesOf(text, 'single-healthcheck'), [3]);
  assert.deepEqual(findingsOf(text, 'single-entrypoint')[0].aliases, ['DL4004', 'MultipleInstructionsDisallowed']);
  assert.deepEqual(findingsOf(text, 'single-healthcheck')[0].aliases, ['DL3012', 'MultipleInstructionsDisallowed']);
  const fixed = applyFix(text, findingsOf(text, 'single-healthcheck')[0]);
  assert.equal(fixed, df('FROM alpine:3.23', 'ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]', 'HEALTHCHECK NONE'));
});

test('MultipleInstructionsDisallowed can be suppressed with the BuildKit name', () => {
  const text = df('# check=skip=MultipleInstructionsDisallowed', 'FROM alpine:3.23', 'CMD ["a"]', 'CMD ["b"]', 'ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]');
  assert.deepEqual(linesOf(text, 'single-cmd'), []);
  assert.deepEqual(linesOf(text, 'single-entrypoint'), []);
});

test('Russian message', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'CMD ["a"]', 'CMD ["b"]'), 'single-cmd', 'ru');
  assert.match(f.message, /действует|не влияет/);
});
