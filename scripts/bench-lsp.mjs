// Measures two LSP costs from Issue 14 against dist/server.js:
//   first-diagnostics: time from didOpen of a 5 MB single-line file to its first publishDiagnostics;
//   cancel-storm: 1,500 requests (code actions, hovers, code lenses) on a 5,000-line file, each
//   cancelled right after it is sent, until every one is answered.
// Usage: node scripts/bench-lsp.mjs [first-diagnostics|cancel-storm]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, [join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
let buffer = Buffer.alloc(0);
const waiters = [];
child.stdout.on('data', (d) => {
  buffer = Buffer.concat([buffer, d]);
  for (;;) {
    const head = buffer.indexOf('\r\n\r\n');
    if (head < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, head).toString())[1]);
    if (buffer.length < head + 4 + length) return;
    const message = JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString());
    buffer = buffer.subarray(head + 4 + length);
    for (const w of [...waiters]) if (w.match(message)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(message); }
  }
});
const send = (m) => { const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m })); child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`); child.stdin.write(body); };
const wait = (match) => new Promise((resolve) => waiters.push({ match, resolve }));

send({ id: 0, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: { registry: { enabled: false } } } } });
await wait((m) => m.id === 0);
send({ method: 'initialized', params: {} });
const uri = 'file:///bench/Dockerfile';
const which = process.argv[2] ?? 'cancel-storm';

if (which === 'first-diagnostics') {
  const text = 'FROM alpine:3.20\nEXPOSE ' + '80 '.repeat(5e6 / 3);
  const t0 = performance.now();
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text } } });
  await wait((m) => m.method === 'textDocument/publishDiagnostics');
  console.log(`first diagnostics for a 5 MB single-line file: ${Math.round(performance.now() - t0)} ms`);
} else {
  const example = readFileSync(join(root, 'test/fixtures/example.Dockerfile'), 'utf8');
  let text = '';
  while (text.split('\n').length < 5000) text += example;
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text } } });
  await wait((m) => m.method === 'textDocument/publishDiagnostics');
  const lines = text.split('\n').length;
  const t0 = performance.now();
  const answers = [];
  for (let i = 1; i <= 1500; i++) {
    const line = (i * 37) % lines;
    const requests = [
      { method: 'textDocument/codeAction', params: { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines - 1, character: 0 } }, context: { diagnostics: [] } } },
      { method: 'textDocument/codeAction', params: { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.dockerfileLectureHints'] } } },
      { method: 'textDocument/hover', params: { textDocument: { uri }, position: { line, character: 1 } } },
      { method: 'textDocument/codeLens', params: { textDocument: { uri } } },
    ];
    answers.push(wait((m) => m.id === i));
    send({ id: i, ...requests[i % requests.length] });
    send({ method: '$/cancelRequest', params: { id: i } });
  }
  const all = await Promise.all(answers);
  const cancelled = all.filter((m) => m.error?.code === -32800).length;
  console.log(`cancel storm: 1500 requests on ${lines} lines answered in ${Math.round(performance.now() - t0)} ms (${cancelled} cancelled)`);
}
send({ id: 99999, method: 'shutdown' });
await wait((m) => m.id === 99999);
send({ method: 'exit' });
