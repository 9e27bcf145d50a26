import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { oneWritePerMessageWriter } from '../../server/src/lsp/stdio-writer';

function recorder() {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(Buffer.from(chunk)); done(); } });
  return { out, chunks };
}

test('each message leaves in one write: header and body together, in order', async () => {
  const { out, chunks } = recorder();
  const writer = oneWritePerMessageWriter(out);
  const messages = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///ä', diagnostics: [] } },
    { jsonrpc: '2.0', id: 1, result: { message: 'Слой — это изменение файловой системы' } },
  ];
  for (const m of messages) await writer.write(m as never);
  assert.equal(chunks.length, 2, 'one write per message');
  chunks.forEach((chunk, i) => {
    const text = chunk.toString('utf8');
    const [header, body] = text.split('\r\n\r\n');
    assert.equal(Number(/^Content-Length: (\d+)$/.exec(header)?.[1]), Buffer.byteLength(body, 'utf8'), 'the length counts UTF-8 bytes');
    assert.deepEqual(JSON.parse(body), messages[i]);
  });
});

test('a failed write rejects and is reported on the writer', async () => {
  const out = new Writable({ write(_chunk, _enc, done) { done(new Error('pipe closed')); } });
  out.on('error', () => { /* reported through the writer */ });
  const writer = oneWritePerMessageWriter(out);
  const errors: unknown[] = [];
  writer.onError((e) => errors.push(e));
  await assert.rejects(writer.write({ jsonrpc: '2.0', method: 'a' } as never));
  assert.ok(errors.length > 0, 'the error is reported');
});
