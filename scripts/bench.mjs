// Benchmark (not a test): our language server and CLI side by side with the
// server Microsoft's Docker extension bundles, driven by the same client.
// Prints medians/p95 and ratios; exits non-zero only when something crashes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import os from 'node:os';
import { startServer } from './bench/lsp.mjs';
import { measureMemory } from './bench/memory.mjs';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '../shared');
if (!existsSync(join(shared, 'corpus'))) { console.log('SKIPPED bench: ../shared/corpus not found'); process.exit(0); }
const corpus = readdirSync(join(shared, 'corpus')).filter((f) => f !== 'SOURCES.tsv').map((f) => join(shared, 'corpus', f));
const large = ['big-1k', 'big-5k', 'big-20k'].map((n) => join(shared, 'corpus-large', `${n}.Dockerfile`));

const SERVERS = [
  { label: 'lecture-hints', cmd: process.execPath, args: [join(root, 'dist/server.js'), '--stdio'], versioned: true },
  { label: 'dockerfile-language-server-nodejs', cmd: process.execPath, args: [join(root, 'node_modules/dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'], versioned: false },
];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] : NaN; };
const fmt = (ms) => (Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : '—');
const uriOf = (path, tag = '') => `file:///bench${tag}/${path.split('/').pop()}`;

/** Index of a line inside a RUN in the middle of the text, where an edit lands. */
function editPosition(text) {
  const lines = text.split('\n');
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) if (/^RUN /.test(lines[i])) return { line: i, character: 4 };
  return { line: 0, character: 0 };
}

const nameOf = (path) => path.split('/').pop().replace('.Dockerfile', '');

/** big-20k: open, five single edits one at a time, then a burst of 20 edits 5 ms apart. */
async function editBig20k(s, spec) {
  const r = {};
  const uri20k = uriOf(large[2], '-large');
  const text20k = readFileSync(large[2], 'utf8');
  r['open:big-20k'] = (await s.open(uri20k, text20k)).ms;
  const at = editPosition(text20k);
  const accept = (v) => (p) => (spec.versioned ? p.version === v : true);
  const edits = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const v = s.change(uri20k, [{ range: { start: at, end: at }, text: 'x' }]);
    edits.push((await s.diagnosticsAfter(uri20k, t, accept(v))).at - t);
  }
  r.editMedian = median(edits);

  const burstStart = performance.now();
  let last = 0;
  let lastVersion = 0;
  for (let i = 0; i < 20; i++) {
    lastVersion = s.change(uri20k, [{ range: { start: at, end: at }, text: 'y' }]);
    last = performance.now();
    await new Promise((res) => setTimeout(res, 5));
  }
  if (spec.versioned) {
    r.burstMs = (await s.diagnosticsAfter(uri20k, burstStart, accept(lastVersion), 120000)).at - last;
  } else {
    // No version in its diagnostics: wait until it has answered every edit or has been quiet for 3 s.
    const deadline = performance.now() + 120000;
    for (;;) {
      const after = s.published.filter((p) => p.uri === uri20k && p.at >= burstStart);
      const quiet = after.length && performance.now() - after[after.length - 1].at > 3000;
      if (after.length >= 20 || quiet || performance.now() > deadline) { r.burstMs = (after.length ? after[after.length - 1].at : NaN) - last; break; }
      await new Promise((res) => setTimeout(res, 50));
    }
  }
  return r;
}

// For working on one part: BENCH_ONLY=memory skips the latency run, BENCH_CLI=off the CLI timing.
const only = process.env.BENCH_ONLY;

async function measureServer(spec) {
  const r = { label: spec.label };
  if (only === 'memory') return { ...r, memory: await measureMemory(spec, corpus, large[2], (m) => editBig20k(m, spec)) };
  const starts = [];
  for (let i = 0; i < 5; i++) { const s = await startServer(spec.label, spec.cmd, spec.args); starts.push(s.initMs); await s.stop(); }
  r.initMs = median(starts);

  const s = await startServer(spec.label, spec.cmd, spec.args);
  const corpusMs = [];
  for (const f of corpus) {
    const uri = uriOf(f);
    corpusMs.push((await s.open(uri, readFileSync(f, 'utf8'))).ms);
    s.close(uri);
  }
  r.corpusMedian = median(corpusMs);
  r.corpusP95 = p95(corpusMs);

  for (const f of large.slice(0, 2)) {
    const uri = uriOf(f, '-large');
    r[`open:${nameOf(f)}`] = (await s.open(uri, readFileSync(f, 'utf8'))).ms;
    s.close(uri);
  }
  Object.assign(r, await editBig20k(s, spec));
  const uri20k = uriOf(large[2], '-large');
  const text20k = readFileSync(large[2], 'utf8');
  const lines20k = text20k.split('\n');
  const hoverMs = [];
  const actionMs = [];
  for (let i = 1; i <= 10; i++) {
    const line = Math.floor((lines20k.length * i) / 11);
    const t = performance.now();
    await s.request('textDocument/hover', { textDocument: { uri: uri20k }, position: { line, character: 1 } });
    hoverMs.push(performance.now() - t);
    const t2 = performance.now();
    await s.request('textDocument/codeAction', { textDocument: { uri: uri20k }, range: { start: { line, character: 0 }, end: { line, character: 1 } }, context: { diagnostics: [] } });
    actionMs.push(performance.now() - t2);
  }
  r.hoverMedian = median(hoverMs);
  r.actionMedian = median(actionMs);
  r.peakRss = s.peakRssMiB();
  r.crashed = Boolean(s.exited);
  await s.stop();
  const memory = await measureMemory(spec, corpus, large[2], (m) => editBig20k(m, spec));
  r.crashed ||= memory.crashed;
  return { ...r, memory };
}

function timeCli() {
  const ours = (files) => spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'json', '--fail-on', 'never', '--offline', ...(process.env.BENCH_SHELLCHECK ? ['--shellcheck', process.env.BENCH_SHELLCHECK] : []), ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const peer = (file) => spawnSync(process.execPath, [join(root, 'node_modules/dockerfile-utils/bin/dockerfile-utils'), 'lint', file], { encoding: 'utf8' });
  let t = performance.now();
  const one = ours(corpus);
  const oursOneProcess = performance.now() - t;
  t = performance.now();
  for (const f of corpus) ours([f]);
  const oursPerFile = performance.now() - t;
  t = performance.now();
  for (const f of corpus) peer(f);
  const peerPerFile = performance.now() - t;
  return { oursOneProcess, oursPerFile, peerPerFile, crashed: one.status === 2 };
}

const results = [];
let crashed = false;
for (const spec of SERVERS) {
  try {
    const r = await measureServer(spec);
    crashed ||= r.crashed;
    results.push(r);
  } catch (e) {
    console.error(`${spec.label}: ${e.message}`);
    crashed = true;
  }
}
const cli = process.env.BENCH_CLI === 'off' || only ? { oursPerFile: NaN, peerPerFile: NaN, oursOneProcess: NaN } : timeCli();
crashed ||= cli.crashed;

const rows = [
  ['server start → initialize result', 'initMs'],
  [`open → diagnostics, corpus median (${corpus.length} files)`, 'corpusMedian'],
  ['open → diagnostics, corpus p95', 'corpusP95'],
  ['open → diagnostics, big-1k', 'open:big-1k'],
  ['open → diagnostics, big-5k', 'open:big-5k'],
  ['open → diagnostics, big-20k', 'open:big-20k'],
  ['one edit on big-20k → diagnostics (median of 5)', 'editMedian'],
  ['burst of 20 edits on big-20k: last edit → final diagnostics', 'burstMs'],
  ['hover on big-20k (median of 10)', 'hoverMedian'],
  ['code actions on big-20k (median of 10)', 'actionMedian'],
];
const [ours, peer] = results;
const vsix = join(root, 'dockerfile-lecture-hints.vsix');
console.log(`\nBenchmark ${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}\n`);
console.log('| measure (ms) | lecture-hints | dockerfile-language-server-nodejs 0.15 | ratio |');
console.log('|---|---|---|---|');
for (const [label, key] of rows) {
  const a = ours?.[key];
  const b = peer?.[key];
  console.log(`| ${label} | ${fmt(a)} | ${fmt(b)} | ${Number.isFinite(a / b) ? (a / b).toFixed(2) : '—'} |`);
}
const memoryRows = [
  ['20 corpus files opened and kept open: RSS', 'rss20'],
  ['… their V8 heap in use', 'heap20'],
  [`all ${corpus.length} corpus files open: RSS`, 'rssAll'],
  ['… their V8 heap in use', 'heapAll'],
  ['… RSS kept per open file beyond the first 20 (KiB)', 'perFileKiB'],
  ['big-20k open, 5 edits and a burst of 20: peak RSS', 'bigPeakRss'],
  ['… peak committed V8 heap', 'bigPeakHeap'],
  ['… time in garbage collection (ms)', 'bigGcMs'],
  ['peak RSS over the whole latency run above', 'peakRss'],
];
console.log('\n| memory (MiB) | lecture-hints | dockerfile-language-server-nodejs 0.15 | ratio |');
console.log('|---|---|---|---|');
for (const [label, key] of memoryRows) {
  const a = ours?.memory?.[key] ?? ours?.[key];
  const b = peer?.memory?.[key] ?? peer?.[key];
  console.log(`| ${label} | ${Number.isFinite(a) ? a.toFixed(0) : '—'} | ${Number.isFinite(b) ? b.toFixed(0) : '—'} | ${Number.isFinite(a / b) ? (a / b).toFixed(2) : '—'} |`);
}
console.log('\n| CLI (ms) | lecture-hints | peer | ratio |');
console.log('|---|---|---|---|');
console.log(`| CLI over the corpus (${corpus.length} files), one process each | ${fmt(cli.oursPerFile)} | ${fmt(cli.peerPerFile)} (dockerfile-utils lint) | ${(cli.oursPerFile / cli.peerPerFile).toFixed(2)} |`);
console.log(`| CLI over the corpus, all files in one process | ${fmt(cli.oursOneProcess)} | — | — |`);
if (existsSync(vsix)) console.log(`\n.vsix size: ${(statSync(vsix).size / 1024).toFixed(0)} KiB`);
// Activation is measured by VS Code itself (Running Extensions: code loading + activate call) in the UI test.
const activation = join(root, 'test-results/activation.json');
if (existsSync(activation)) {
  const runs = Object.entries(JSON.parse(readFileSync(activation, 'utf8')));
  console.log(`Extension activation as VS Code reports it, last UI test run (npm run test:ui): ${runs.map(([pass, r]) => `${pass} ${r.ms} ms (${r.at.slice(0, 16)})`).join(', ')}`);
} else {
  console.log('Extension activation: run `npm run test:ui` to have VS Code measure it (test-results/activation.json).');
}
process.exit(crashed ? 1 : 0);
