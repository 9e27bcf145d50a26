// Findings per rule on ../shared/corpus, for the README: visible findings (error, warning,
// info) and hints over all files, and visible findings on the official-image files (the
// same set the precision review uses, scripts/precision-sample.mjs). Offline; ShellCheck
// as the CLI finds it. Usage: node scripts/corpus-stats.mjs (after node scripts/build.mjs)
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { isOfficial, readSources } from './precision-sample.mjs';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(root, '../shared/corpus');
if (!existsSync(dir)) { console.log('SKIPPED corpus stats: ../shared/corpus not found'); process.exit(0); }
const files = readdirSync(dir).filter((f) => f !== 'SOURCES.tsv').map((f) => join(dir, f));
const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--offline', '--format', 'json', '--fail-on', 'never', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
const rules = JSON.parse(spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'rules', '--format', 'json'], { encoding: 'utf8' }).stdout);
const sources = readSources(dir);
const official = (p) => isOfficial(sources.get(basename(p)));
const rows = new Map(rules.map((x) => [x.id, { visible: 0, hints: 0, official: 0 }]));
for (const file of JSON.parse(r.stdout).files) {
  for (const d of file.diagnostics) {
    const row = rows.get(d.rule);
    if (d.severity === 'hint') { row.hints++; continue; }
    row.visible++;
    if (official(file.path)) row.official++;
  }
}
const officialCount = files.filter(official).length;
const sum = (k) => [...rows.values()].reduce((s, x) => s + x[k], 0);
console.log(`| Rule | Visible (error/warning/info) on ${files.length} corpus files | Hints | Visible on ${officialCount} official-image files |`);
console.log('|---|---|---|---|');
for (const [id, row] of rows) if (row.visible || row.hints) console.log(`| \`${id}\` | ${row.visible} | ${row.hints} | ${row.official} |`);
console.log(`| **all rules** | **${sum('visible')}** (${(sum('visible') / files.length).toFixed(2)} per file) | ${sum('hints')} | **${sum('official')}** (${(sum('official') / officialCount).toFixed(2)} per file) |`);
