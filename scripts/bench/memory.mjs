// The three memory scenarios of issue #20, each in a fresh server process so one scenario's
// garbage does not count in the next, with the heap probe loaded into ours and the peer alike.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './lsp.mjs';

const probe = join(import.meta.dirname, 'heap-probe.cjs');
const SETTLE_MS = 1500;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MiB = 2 ** 20;

async function withProbedServer(spec, run) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-heap-'));
  const heapFile = join(dir, 'heap.json');
  const s = await startServer(spec.label, spec.cmd, ['--require', probe, ...spec.args], { ...process.env, BENCH_HEAP_FILE: heapFile });
  try {
    await run(s);
    await sleep(SETTLE_MS);
    const heap = JSON.parse(readFileSync(heapFile, 'utf8'));
    return { rss: s.rssMiB(), peakRss: s.peakRssMiB(), heapUsed: heap.heapUsed / MiB, peakHeap: heap.peakHeapTotal / MiB, gcMs: heap.gcMs, gcCount: heap.gcCount, crashed: Boolean(s.exited) };
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens the files one after the other, each once its predecessor's diagnostics are in, and keeps them open. */
async function openAll(s, files) {
  for (const f of files) await s.open(`file:///bench-memory/${f.split('/').pop()}`, readFileSync(f, 'utf8'));
}

export async function measureMemory(spec, corpus, big20k, editsOn) {
  const some = await withProbedServer(spec, (s) => openAll(s, corpus.slice(0, 20)));
  const all = await withProbedServer(spec, (s) => openAll(s, corpus));
  const big = await withProbedServer(spec, (s) => editsOn(s, big20k));
  return {
    rss20: some.rss, heap20: some.heapUsed,
    rssAll: all.rss, heapAll: all.heapUsed,
    perFileKiB: ((all.rss - some.rss) * 1024) / (corpus.length - 20),
    bigPeakRss: big.peakRss, bigPeakHeap: big.peakHeap, bigGcMs: big.gcMs, bigGcCount: big.gcCount,
    crashed: some.crashed || all.crashed || big.crashed,
  };
}
