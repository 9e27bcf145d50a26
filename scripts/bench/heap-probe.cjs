// Loaded with --require into each server the bench runs for its memory scenarios (ours and the
// peer alike): RSS says what the OS sees, this says what the V8 heap holds and how much time went
// to collecting garbage, written to BENCH_HEAP_FILE for the bench to read.
// A timer cannot see inside one synchronous analysis, so the peak is of the committed heap
// (heapTotal), which V8 grows before it can fill it and shrinks only lazily.
'use strict';
const { writeFileSync } = require('node:fs');
const { PerformanceObserver } = require('node:perf_hooks');

const file = process.env.BENCH_HEAP_FILE;
if (file) {
  let peakHeapTotal = 0;
  let gcMs = 0;
  let gcCount = 0;
  const sample = () => { peakHeapTotal = Math.max(peakHeapTotal, process.memoryUsage().heapTotal); };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { gcMs += entry.duration; gcCount++; }
    sample();
  }).observe({ entryTypes: ['gc'] });
  const write = () => {
    sample();
    const m = process.memoryUsage();
    writeFileSync(file, JSON.stringify({ heapUsed: m.heapUsed, heapTotal: m.heapTotal, peakHeapTotal, gcMs, gcCount }));
  };
  setInterval(sample, 10).unref();
  setInterval(write, 100).unref();
  process.on('exit', write);
}
