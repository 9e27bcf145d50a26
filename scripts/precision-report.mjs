// Precision report (issue 15): per-rule precision from the hand labels in test/precision/labels.json,
// weighted by how often each rule fires at info or above over ../shared/corpus.
//
//   node scripts/build.mjs && node scripts/precision-report.mjs [--corpus DIR] [--markdown] [--from-sample]
//
// By default the corpus is linted afresh, so the counts and severities are those of the current
// code; only labels whose case id still matches a current finding count (the others are reported
// as stale). With --from-sample the counts and cases of test/precision/sample.json are used instead.
//
// A rule's precision is estimated from its labelled cases (TRUE / DEBATABLE / FALSE). Overall
// %TRUE and %FALSE weight each rule by its visible (info+) findings on the corpus; rules with
// visible findings but no labels are listed and left out of the weighting.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectFindings, countByRule, isOfficial, loadLabels, OUT_DIR, parseArgs, readSources, VISIBLE } from './precision-sample.mjs';

const opts = parseArgs(process.argv.slice(2));
const markdown = opts.flags.has('--markdown');
const labels = loadLabels();

let counts, current, fileCount, officialCount;
if (opts.flags.has('--from-sample')) {
  const sample = JSON.parse(readFileSync(join(OUT_DIR, 'sample.json'), 'utf8'));
  counts = sample.counts;
  current = new Map(sample.cases.map((c) => [c.id, c]));
  fileCount = sample.corpusFiles;
  officialCount = sample.officialFiles;
} else {
  if (!existsSync(opts.corpus)) { console.log(`SKIPPED precision report: ${opts.corpus} not found (try --from-sample)`); process.exit(0); }
  const sources = readSources(opts.corpus);
  const { files, findings } = collectFindings(opts.corpus);
  counts = countByRule(findings, sources);
  current = new Map(findings.map((f) => [f.id, f]));
  fileCount = files.length;
  officialCount = files.filter((f) => isOfficial(sources.get(f))).length;
}

const rows = new Map();
const row = (rule) => {
  if (!rows.has(rule)) rows.set(rule, { rule, n: 0, TRUE: 0, DEBATABLE: 0, FALSE: 0, breaks: 0, fixes: 0, counts: counts[rule] ?? { total: 0, visible: 0, official: 0, officialVisible: 0 } });
  return rows.get(rule);
};
for (const rule of Object.keys(counts)) row(rule);
let stale = 0, hidden = 0;
for (const [id, l] of Object.entries(labels)) {
  const f = current.get(id);
  if (!f) { stale++; continue; }
  // The label counts under the rule's current severity: a case now shown as a hint leaves the figures.
  if (!VISIBLE.has(f.severity)) { hidden++; continue; }
  const r = row(f.rule);
  r.n++;
  r[l.label]++;
  if (l.fix !== 'n/a') r.fixes++;
  if (l.fix === 'BREAKS') r.breaks++;
}

const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : '–');
const list = [...rows.values()].sort((a, b) => b.counts.visible - a.counts.visible || a.rule.localeCompare(b.rule));
function weighted(key) {
  let w = 0, t = 0, f = 0, d = 0;
  for (const r of list) {
    const v = r.counts[key];
    if (!v || !r.n) continue;
    w += v; t += v * r.TRUE / r.n; f += v * r.FALSE / r.n; d += v * r.DEBATABLE / r.n;
  }
  return { w, t: t / w, f: f / w, d: d / w, trueCount: t, falseCount: f };
}
const all = weighted('visible'), off = weighted('officialVisible');
const visibleAll = list.reduce((s, r) => s + r.counts.visible, 0);
const visibleOff = list.reduce((s, r) => s + r.counts.officialVisible, 0);
const unlabelled = list.filter((r) => r.counts.visible && !r.n);

if (markdown) {
  console.log(`| Rule | Labelled | TRUE / DEBATABLE / FALSE | Precision (TRUE) | Fixes that break | Visible findings on ${fileCount} files | On ${officialCount} official-image files |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const r of list) {
    if (!r.counts.visible && !r.n) continue;
    console.log(`| \`${r.rule}\` | ${r.n} | ${r.TRUE} / ${r.DEBATABLE} / ${r.FALSE} | ${pct(r.TRUE / r.n)} | ${r.fixes ? `${r.breaks} of ${r.fixes}` : '–'} | ${r.counts.visible} | ${r.counts.officialVisible} |`);
  }
  console.log('');
  console.log(`Weighted by visible (info+) findings: **${pct(all.t)} TRUE, ${pct(all.d)} DEBATABLE, ${pct(all.f)} FALSE**; ` +
    `${(visibleAll / fileCount).toFixed(2)} visible findings per file (${(all.trueCount / fileCount).toFixed(2)} TRUE, ${(all.falseCount / fileCount).toFixed(2)} FALSE). ` +
    `On official images: ${pct(off.t)} TRUE, ${pct(off.f)} FALSE, ${(visibleOff / officialCount).toFixed(2)} visible findings per file.`);
} else {
  console.log(`${Object.keys(labels).length} labels; ${stale} no longer match a current finding, ${hidden} are on findings now below info.`);
  console.log('rule                           lab  TRUE  DEB FALSE  prec  breaks  visible  official');
  for (const r of list) {
    if (!r.counts.visible && !r.n) continue;
    console.log(`${r.rule.padEnd(30)} ${String(r.n).padStart(3)} ${String(r.TRUE).padStart(5)} ${String(r.DEBATABLE).padStart(4)} ${String(r.FALSE).padStart(5)} ${pct(r.TRUE / r.n).padStart(5)} ${(r.fixes ? `${r.breaks}/${r.fixes}` : '-').padStart(7)} ${String(r.counts.visible).padStart(8)} ${String(r.counts.officialVisible).padStart(9)}`);
  }
  console.log('');
  console.log(`All ${fileCount} corpus files: ${visibleAll} visible findings (${(visibleAll / fileCount).toFixed(2)} per file); weighted ${pct(all.t)} TRUE, ${pct(all.d)} DEBATABLE, ${pct(all.f)} FALSE` +
    ` (~${(all.trueCount / fileCount).toFixed(2)} TRUE and ~${(all.falseCount / fileCount).toFixed(2)} FALSE per file).`);
  console.log(`${officialCount} official-image files: ${visibleOff} visible findings (${(visibleOff / officialCount).toFixed(2)} per file); weighted ${pct(off.t)} TRUE, ${pct(off.d)} DEBATABLE, ${pct(off.f)} FALSE.`);
  if (unlabelled.length) console.log(`Unlabelled rules left out of the weighting: ${unlabelled.map((r) => `${r.rule} (${r.counts.visible})`).join(', ')} — run precision-sample.mjs and label them.`);
}
