// A minimal LSP client for benchmarks: the same code drives every server.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import rpc from 'vscode-jsonrpc/node';

export async function startServer(label, command, args, env = process.env) {
  const t0 = performance.now();
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  if (process.env.BENCH_STDERR) child.stderr.pipe(process.stderr); else child.stderr.resume();
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  const published = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    published.push({ ...p, at });
    for (const w of waiters.splice(0)) w();
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: null, locale: 'en',
    // Registry look-ups are a network feature the peer does not have: off, so both do the same work.
    // ShellCheck (a second program the peer does not run) follows BENCH_SHELLCHECK: unset = as users get it (auto).
    initializationOptions: { settings: { registry: { enabled: false }, ...(process.env.BENCH_SHELLCHECK ? { shellcheck: { path: process.env.BENCH_SHELLCHECK } } : {}) } },
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } } },
  });
  const initMs = performance.now() - t0;
  conn.sendNotification('initialized', {});
  let version = 0;
  const server = {
    label, initMs, published, pid: child.pid,
    /** Resolves with the first diagnostics for uri published after `since` that pass `accept`. */
    async diagnosticsAfter(uri, since, accept = () => true, timeoutMs = 60000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const hit = published.find((p) => p.uri === uri && p.at >= since && accept(p));
        if (hit) return hit;
        if (performance.now() > deadline) throw new Error(`${label}: no diagnostics for ${uri}`);
        await new Promise((r) => { waiters.push(r); setTimeout(r, 50); });
      }
    },
    async open(uri, text) {
      const t = performance.now();
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: ++version, text } });
      const p = await server.diagnosticsAfter(uri, t);
      return { ms: p.at - t, count: p.diagnostics.length };
    },
    change(uri, changes) {
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: changes });
      return version;
    },
    close(uri) { conn.sendNotification('textDocument/didClose', { textDocument: { uri } }); },
    request(method, params) { return conn.sendRequest(method, params); },
    /** The most resident memory the process has had so far (VmHWM). */
    peakRssMiB: () => procStatusMiB(child.pid, 'VmHWM'),
    /** Resident memory now (VmRSS). */
    rssMiB: () => procStatusMiB(child.pid, 'VmRSS'),
    async stop() {
      try { await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]); conn.sendNotification('exit'); } catch { /* already gone */ }
      setTimeout(() => child.kill('SIGKILL'), 500).unref();
      conn.dispose();
    },
    get version() { return version; },
  };
  child.on('exit', (code, signal) => { server.exited = { code, signal }; });
  return server;
}

function procStatusMiB(pid, field) {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch { return NaN; }
}
