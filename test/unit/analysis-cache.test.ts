// The language server's analysis cache: the documents being edited keep their analysis, a document
// only opened does not (beyond the last one used).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../server/src/lsp/documents';
import { df } from '../support/rules';

const doc = (name: string, version = 1, extra = '') => TextDocument.create(`file:///cache/${name}/Dockerfile`, 'dockerfile', version, df('FROM debian:12', `RUN echo ${name}${extra}`));

test('of the documents only opened, just the last one used keeps its analysis; the others are analysed again when asked', () => {
  const cache = new AnalysisCache(2, 1);
  const [a, b, c] = ['a', 'b', 'c'].map((n) => doc(n));
  const first = cache.get(a, {});
  assert.equal(cache.get(a, {}), first, 'the same version and options: the same analysis');
  cache.get(b, {});
  cache.get(c, {});
  assert.deepEqual(cache.kept(), [c.uri]);
  const again = cache.get(a, {});
  assert.notEqual(again, first, 'analysed again');
  assert.deepEqual(again.findings, first.findings, 'with the same result');
  assert.deepEqual(cache.kept(), [a.uri]);
});

test('documents being edited keep theirs, the most recently edited first, next to the last document opened', () => {
  const cache = new AnalysisCache(2, 1);
  const versions = (name: string) => [doc(name, 1), doc(name, 2, ' more')];
  const [a1, a2] = versions('a');
  const [b1, b2] = versions('b');
  const [c1, c2] = versions('c');
  for (const d of [a1, a2, b1, b2, c1, c2]) cache.get(d, {});
  assert.deepEqual(cache.kept(), [b2.uri, c2.uri], 'a was edited least recently');
  const opened = doc('opened');
  cache.get(opened, {});
  assert.deepEqual(cache.kept(), [b2.uri, c2.uri, opened.uri], 'opening another document does not push out an edited one');
  const edited = cache.get(c2, {});
  assert.equal(cache.get(c2, {}), edited);
  assert.deepEqual(cache.kept(), [b2.uri, opened.uri, c2.uri], 'a hit makes a document recent');
});

test('a new version or other options replace the entry; forget drops it', () => {
  const cache = new AnalysisCache(2, 1);
  const v1 = doc('a');
  const first = cache.get(v1, {});
  const v2 = doc('a', 2, ' more');
  assert.notEqual(cache.get(v2, {}), first);
  assert.notEqual(cache.get(v2, { lang: 'ru' }), cache.get(v2, {}));
  assert.deepEqual(cache.kept(), [v2.uri], 'one entry per document');
  cache.forget(v2.uri);
  assert.deepEqual(cache.kept(), []);
});
