import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';

const RULE = 'duplicate-stage-name';

test('a second stage with the same name (any case) is an error on the later one', () => {
  const text = df('FROM alpine:3.23 AS build', 'RUN a', 'FROM alpine:3.23 AS Build', 'FROM alpine:3.23 AS build');
  assert.deepEqual(linesOf(text, RULE), [3, 4]);
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /line 1/);
  assert.equal(f.fixes.length, 0);
});

test('distinct names and unnamed stages are fine', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23 AS a', 'FROM alpine:3.23 AS b', 'FROM alpine:3.23', 'FROM alpine:3.23'), RULE), []);
});

test('aliases and Russian', () => {
  const [f] = findingsOf(df('FROM alpine:3.23 AS a', 'FROM alpine:3.23 AS a'), RULE, 'ru');
  assert.deepEqual(f.aliases, ['DL3024', 'DuplicateStageName']);
  assert.match(f.message, /уже занято/);
});
