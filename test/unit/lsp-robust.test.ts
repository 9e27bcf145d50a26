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

test('didOpen without text (or with a non-string) is reported once and ignored, not thrown again on every settings change', async () => {
  const peer = await initialized();
  try {
    const logs = () => peer.messages.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message);
    peer.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///w/a/Dockerfile', languageId: 'dockerfile', version: 1 } } });
    peer.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///w/b/Dockerfile', languageId: 'dockerfile', version: 1, text: 42 } } });
    peer.send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///w/b/Dockerfile', version: 2 }, contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }] } });
    peer.send({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: {} } });
    peer.send({ jsonrpc: '2.0', method: 'dockerfileLectureHints/workspaceTrust', params: { trusted: false } });
    peer.send({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: {} } });
    // A good document afterwards is analysed and published as usual.
    peer.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///w/c/Dockerfile', languageId: 'dockerfile', version: 1, text: 'FROM node\n' } } });
    peer.send({ jsonrpc: '2.0', id: 8, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///w/a/Dockerfile' }, position: { line: 0, character: 0 } } });
    assert.equal((await peer.response(8)).result, null, 'the invalid document was never opened');
    const deadline = Date.now() + 5000;
    while (!peer.messages.some((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === 'file:///w/c/Dockerfile') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(peer.messages.some((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === 'file:///w/c/Dockerfile'), 'the good document is published');
    assert.ok(!peer.messages.some((m) => m.method === 'textDocument/publishDiagnostics' && /\/w\/[ab]\//.test((m.params as { uri: string }).uri)), 'nothing published for the invalid ones');
    const invalid = logs().filter((l) => /invalid params/.test(l));
    assert.deepEqual(invalid.map((l) => l.replace(/ \(.*/, '')), ['textDocument/didOpen: invalid params', 'textDocument/didOpen: invalid params', 'textDocument/didChange: invalid params']);
    assert.match(invalid[0], /text is not a string/);
    assert.deepEqual(logs().filter((l) => /uncaught|TypeError/.test(l)), [], 'no uncaught error');
  } finally {
    peer.kill();
  }
});

test('code actions: one ignore pair per rule and instruction, however many findings it has', async () => {
  const peer = await initialized();
  try {
    const uri = 'file:///w/expose/Dockerfile';
    peer.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nEXPOSE 99999 99998 99997\n' } } });
    peer.send({ jsonrpc: '2.0', id: 9, method: 'textDocument/codeAction', params: { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 24 } }, context: { diagnostics: [] } } });
    const actions = (await peer.response(9)).result as { title: string; diagnostics?: unknown[] }[];
    const titles = actions.map((a) => a.title);
    assert.equal(new Set(titles).size, titles.length, `no duplicate titles: ${titles.join(' | ')}`);
    const ignores = actions.filter((a) => /^Ignore expose-port-range/.test(a.title));
    assert.deepEqual(ignores.map((a) => a.title), ['Ignore expose-port-range for this instruction', 'Ignore expose-port-range in this file']);
    assert.equal(ignores[0].diagnostics?.length, 3, 'the one action names all three findings');
  } finally {
    peer.kill();
  }
});

test('a request cancelled before it starts is answered RequestCancelled without running', async () => {
  const peer = await initialized();
  try {
    const uri = 'file:///w/storm/Dockerfile';
    const text = 'FROM alpine:3.20\n' + 'RUN apt update\nRUN echo x\n'.repeat(2500);
    peer.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text } } });
    const started = Date.now();
    // Written in one go, as a client's storm arrives: every request is still queued when its cancel is read.
    const storm: unknown[] = [];
    for (let id = 100; id < 400; id++) {
      storm.push({ jsonrpc: '2.0', id, method: 'textDocument/codeAction', params: { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.dockerfileLectureHints'] } } });
      storm.push({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
    }
    peer.raw(storm.map((m) => { const body = JSON.stringify(m); return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`; }).join(''));
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => peer.response(100 + i, 60_000)));
    const cancelled = answers.filter((a) => (a.error as { code: number } | undefined)?.code === -32800).length;
    assert.ok(cancelled >= 299, `${cancelled} of 300 answered RequestCancelled`);
    // A fix-all of this file takes about a second: running them all would take minutes.
    assert.ok(Date.now() - started < 30_000, `${Date.now() - started} ms`);
  } finally {
    peer.kill();
  }
});
