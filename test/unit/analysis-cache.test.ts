// The language server's analysis cache: a document in a background tab does not keep its model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../server/src/lsp/documents';
import { df } from '../support/rules';

const doc = (name: string, version = 1, extra = '') => TextDocument.create(`file:///cache/${name}/Dockerfile`, 'dockerfile', version, df('FROM debian:12', `RUN echo ${name}${extra}`));

test('only the most recently used documents keep their analysis; the others are analysed again when asked', () => {
  const cache = new AnalysisCache(2);
  const [a, b, c] = ['a', 'b', 'c'].map((n) => doc(n));
  const first = cache.get(a, {});
  assert.equal(cache.get(a, {}), first, 'the same version and options: the same analysis');
  cache.get(b, {});
  cache.get(c, {});
  assert.deepEqual(cache.kept(), [b.uri, c.uri], 'a was used least recently');
  const again = cache.get(a, {});
  assert.notEqual(again, first, 'analysed again');
  assert.deepEqual(again.findings, first.findings, 'with the same result');
  assert.deepEqual(cache.kept(), [c.uri, a.uri]);
  cache.get(c, {});
  assert.deepEqual(cache.kept(), [a.uri, c.uri], 'a hit makes a document recent');
});

test('a new version or other options replace the entry; forget drops it', () => {
  const cache = new AnalysisCache(2);
  const v1 = doc('a');
  const first = cache.get(v1, {});
  const v2 = doc('a', 2, ' more');
  assert.notEqual(cache.get(v2, {}), first);
  assert.notEqual(cache.get(v2, { lang: 'ru' }), cache.get(v2, {}));
  assert.deepEqual(cache.kept(), [v2.uri], 'one entry per document');
  cache.forget(v2.uri);
  assert.deepEqual(cache.kept(), []);
});
