import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { builtFile } from '../support/lsp-client';

/** Raw JSON-RPC over stdio, so the test can also send what no client library would. */
class RawPeer {
  private buffer = Buffer.alloc(0);
  readonly messages: Record<string, unknown>[] = [];
  readonly child: ChildProcessWithoutNullStreams;

  constructor() {
    this.child = spawn(process.execPath, [builtFile('server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.resume();
    this.child.stdout.on('data', (d: Buffer) => this.read(d));
  }

  private read(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const head = this.buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, head).toString())?.[1]);
      if (this.buffer.length < head + 4 + length) return;
      this.messages.push(JSON.parse(this.buffer.subarray(head + 4, head + 4 + length).toString()));
      this.buffer = this.buffer.subarray(head + 4 + length);
    }
  }

  send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message));
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  raw(text: string): void { this.child.stdin.write(text); }

  async response(id: number, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.messages.find((x) => x.id === id && ('result' in x || 'error' in x));
      if (m) return m;
      if (Date.now() > deadline) throw new Error(`no response to request ${id}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  exited(timeoutMs: number): Promise<boolean> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.child.once('exit', () => { clearTimeout(timer); resolve(true); });
    });
  }

  kill(): void { if (this.child.exitCode === null) this.child.kill('SIGKILL'); }
}

async function initialized(): Promise<RawPeer> {
  const peer = new RawPeer();
  peer.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: { registry: { enabled: false } } } } });
  await peer.response(1);
  peer.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  return peer;
}

test('malformed JSON, unknown methods and requests for unopened documents do not stop the server', async () => {
  const peer = await initialized();
  try {
    const garbage = '{"jsonrpc": "2.0", "id": 2, "method": ';
    peer.raw(`Content-Length: ${garbage.length}\r\n\r\n${garbage}`);
    peer.send({ jsonrpc: '2.0', id: 3, method: 'no/such/method', params: {} });
    const unknown = await peer.response(3);
    assert.equal((unknown.error as { code: number }).code, -32601, 'MethodNotFound');
    peer.send({ jsonrpc: '2.0', id: 4, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///never/opened/Dockerfile' }, position: { line: 0, character: 0 } } });
    assert.equal((await peer.response(4)).result, null);
    peer.send({ jsonrpc: '2.0', id: 5, method: 'textDocument/codeAction', params: { textDocument: { uri: 'file:///never/opened/Dockerfile' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } } });
    assert.deepEqual((await peer.response(5)).result, []);
    // Still serving real work afterwards.
    peer.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///w/Dockerfile', languageId: 'dockerfile', version: 1, text: 'FROM node\nRUN a\nRUN b\n' } } });
    peer.send({ jsonrpc: '2.0', id: 6, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///w/Dockerfile' }, position: { line: 1, character: 1 } } });
    const hover = await peer.response(6);
    assert.match(JSON.stringify(hover.result), /RUN/);
  } finally {
    peer.kill();
  }
});

test('$/cancelRequest for a finished or unknown request is harmless', async () => {
  const peer = await initialized();
  try {
    peer.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 999 } });
    peer.send({ jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x' }, position: { line: 0, character: 0 } } });
    peer.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 7 } });
    const r = await peer.response(7);
    assert.ok('result' in r || (r.error as { code: number }).code === -32800, 'a result or RequestCancelled');
  } finally {
    peer.kill();
  }
});

test('the server exits when its client disappears (stdin closed)', async () => {
  const peer = await initialized();
  try {
    peer.child.stdin.end();
    assert.equal(await peer.exited(5000), true, 'still running 5 s after its client went away');
  } finally {
    peer.kill();
  }
});
