// A longer run of the incremental-edit fuzz test (test/unit/incremental-fuzz.test.ts) than the unit suite's.
// Usage: node scripts/fuzz.mjs [--seeds N] [--steps N] [--seconds N]   (compiles with tsc first)
// Each seed runs its own document; a failure names the seed and the step, reproducible with
// FUZZ_SEED=<seed> FUZZ_STEPS=<steps> node --test out/test/unit/incremental-fuzz.test.js
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const seeds = arg('seeds', 20);
const steps = arg('steps', 2000);
const seconds = arg('seconds', 600);

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
let failed = 0;
for (let seed = 1; seed <= seeds; seed++) {
  const r = spawnSync(process.execPath, ['--test', join(root, 'out/test/unit/incremental-fuzz.test.js')], {
    stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_STEPS: String(steps), FUZZ_SECONDS: String(seconds) },
  });
  const ok = r.status === 0;
  if (!ok) { failed++; process.stdout.write(r.stdout); }
  console.log(`seed ${seed}: ${ok ? 'ok' : 'FAILED'}`);
}
process.exit(failed ? 1 : 0);
