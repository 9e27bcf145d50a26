import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';
import { buildModel } from '../../server/src/model/build';

const RULE = 'stage-name-casing';

test('renames the stage and every reference to it (FROM, COPY --from, RUN --mount from=)', () => {
  const text = df(
    'FROM golang:1.26.7 AS Builder',
    'RUN go build -o /app',
    'FROM BUILDER AS Test',
    'RUN --mount=type=bind,from=Builder,source=/app,target=/app /app -test',
    'FROM alpine:3.23',
    'COPY --from=builder /app /app',
    'COPY --from=Builder /app /app2',
  );
  assert.deepEqual(linesOf(text, RULE), [1, 3]);
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].safe, true);
  assert.match(f.fixes[0].title, /update 3 references/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df(
    'FROM golang:1.26.7 AS builder',
    'RUN go build -o /app',
    'FROM builder AS Test',
    'RUN --mount=type=bind,from=builder,source=/app,target=/app /app -test',
    'FROM alpine:3.23',
    'COPY --from=builder /app /app',
    'COPY --from=builder /app /app2',
  ));
  assert.deepEqual(linesOf(fixed, RULE), [3]);
  // The rename keeps every stage connected the same way.
  assert.deepEqual(buildModel(fixed).stages.map((s) => s.base.fromStage), buildModel(text).stages.map((s) => s.base.fromStage));
});

test('lower-case names and an image that happens to share the name are left alone', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23 AS build', 'FROM build'), RULE), []);
  const text = df('FROM Alpine AS Alpine2', 'COPY --from=Alpine /x /y');
  const [f] = findingsOf(text, RULE);
  // `Alpine` in FROM is an image reference, not this stage: only the name changes.
  assert.equal(applyFix(text, f), df('FROM Alpine AS alpine2', 'COPY --from=Alpine /x /y'));
});

test('CRLF and escape=` files', () => {
  const text = 'FROM alpine:3.23 AS Base\r\nFROM Base\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'FROM alpine:3.23 AS base\r\nFROM base\r\n');
  const tick = df('# escape=`', 'FROM alpine:3.23 AS Base', 'COPY --from=Base `', '    /x /y');
  const [g] = findingsOf(tick, RULE);
  assert.equal(applyFix(tick, g), df('# escape=`', 'FROM alpine:3.23 AS base', 'COPY --from=base `', '    /x /y'));
});
