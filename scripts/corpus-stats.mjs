// Findings per rule on ../shared/corpus, for the README: all files, and the
// official-image files (docker-library, nginxinc, nodejs) by severity.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(root, '../shared/corpus');
if (!existsSync(dir)) { console.log('SKIPPED corpus stats: ../shared/corpus not found'); process.exit(0); }
const files = readdirSync(dir).filter((f) => f !== 'SOURCES.tsv').map((f) => join(dir, f));
const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--offline', '--format', 'json', '--fail-on', 'never', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
const rules = JSON.parse(spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'rules', '--format', 'json'], { encoding: 'utf8' }).stdout);
const official = (p) => /\/(docker-library|nginxinc|nodejs)__/.test(p);
const rows = new Map(rules.map((x) => [x.id, { all: 0, official: { error: 0, warning: 0, info: 0, hint: 0 } }]));
for (const file of JSON.parse(r.stdout).files) {
  for (const d of file.diagnostics) {
    const row = rows.get(d.rule);
    row.all++;
    if (official(file.path)) row.official[d.severity]++;
  }
}
const officialCount = files.filter(official).length;
console.log(`| Rule | Findings on ${files.length} corpus files | On ${officialCount} official-image files (errors / warnings / infos) |`);
console.log('|---|---|---|');
for (const [id, row] of rows) {
  const o = row.official;
  console.log(`| \`${id}\` | ${row.all} | ${o.error} / ${o.warning} / ${o.info + o.hint} |`);
}
