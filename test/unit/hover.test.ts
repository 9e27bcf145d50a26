import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../server/src/hover';
import { buildModel } from '../../server/src/model/build';
import { quote } from '../../common/lecture/sections';
import { df } from '../support/rules';

const text = df('ARG TAG=3.23', 'FROM alpine:${TAG} AS base', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl', 'VOLUME /data', 'EXPOSE 8080', 'USER app');
const model = buildModel(text);

test('keyword hover shows the Russian quote first in ru and the English rendering too', () => {
  const h = hoverAt(model, { line: 2, character: 1 }, 'ru')!;
  const q = quote('layers.run-copy-add');
  assert.ok(h.markdown.indexOf(q.ru) >= 0 && h.markdown.indexOf(q.en) > h.markdown.indexOf(q.ru));
  assert.match(h.markdown, /Лекция 4 · Слоистая файловая система/);
  assert.deepEqual(h.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
});

test('in en the English rendering comes first', () => {
  const h = hoverAt(model, { line: 2, character: 1 }, 'en')!;
  const q = quote('layers.run-copy-add');
  assert.ok(h.markdown.indexOf(q.en) < h.markdown.indexOf(q.ru));
  assert.match(h.markdown, /Beyond the lecture/);
});

test('VOLUME, EXPOSE and USER hovers come from their lecture sections', () => {
  assert.ok(hoverAt(model, { line: 3, character: 2 }, 'ru')!.markdown.includes(quote('data.stateless').ru));
  assert.ok(hoverAt(model, { line: 4, character: 2 }, 'ru')!.markdown.includes(quote('net.ports').ru));
  assert.ok(hoverAt(model, { line: 5, character: 2 }, 'en')!.markdown.includes(quote('best.non-root').en));
});

test('image hover shows the reference, the ARG-resolved value and the lecture on tags', () => {
  const h = hoverAt(model, { line: 1, character: 8 }, 'en')!;
  assert.match(h.markdown, /alpine:\$\\\{TAG\\\}/);
  assert.match(h.markdown, /alpine:3\\\.23/);
  assert.ok(h.markdown.includes(quote('best.tags').en));
});

test('flag hover explains --mount', () => {
  const h = hoverAt(model, { line: 2, character: 8 }, 'en')!;
  assert.match(h.markdown, /RUN --mount/);
  assert.match(h.markdown, /type=cache/);
});

test('text from the Dockerfile is escaped in Markdown', () => {
  const evil = buildModel(df('FROM <img src=x onerror=alert(1)>[click](command:workbench.action.quit)'));
  const h = hoverAt(evil, { line: 0, character: 7 }, 'en')!;
  assert.ok(!h.markdown.includes('<img'), h.markdown);
  assert.ok(!h.markdown.includes('](command:'), h.markdown);
  assert.match(h.markdown, /&lt;img/);
});

test('no hover on arguments, comments or blank lines', () => {
  assert.equal(hoverAt(model, { line: 2, character: 60 }, 'en'), null);
  assert.equal(hoverAt(buildModel(df('# just a comment', '')), { line: 0, character: 3 }, 'en'), null);
});
