// Precision sample (issue 15): lint ../shared/corpus with the CLI, draw a seeded sample of up to
// N findings per rule and write a review sheet to label by hand.
//
//   node scripts/build.mjs && node scripts/precision-sample.mjs [--corpus DIR] [--seed N] [--per-rule N]
//
// Writes test/precision/sheet.md (what a reviewer reads) and test/precision/sample.json (the
// cases and the per-rule counts over the whole corpus). Labels live in test/precision/labels.json,
// keyed by case id; a case already labelled keeps its label, a new one is listed as needing one.
//
// Case id = sha1(rule | file | flagged instruction text, whitespace-collapsed | occurrence index
// among findings of that rule on that same instruction text in that file). It contains no line
// number and no message, so it survives edits elsewhere in the product, shifted lines and reworded
// messages; it changes only when the finding moves to another instruction.
//
// Sampling is "bottom-k": every finding gets the key sha1(seed | id) and each rule keeps its N
// smallest keys. A finding that appears or disappears changes the sample by at most that one case,
// so after the rules change a re-run asks only for the genuinely new cases to be labelled.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '..');
export const OUT_DIR = join(ROOT, 'test/precision');
export const LABELS = join(OUT_DIR, 'labels.json');
export const DEFAULT_SEED = 15;
export const DEFAULT_PER_RULE = 8;
export const VISIBLE = new Set(['error', 'warning', 'info']);

// Docker Official Images in the corpus: everything under docker-library/*, plus the repositories
// the official-images library file builds from (nginx, node, eclipse-temurin, mariadb, rust, perl,
// caddy, nextcloud, erlang, elixir, haskell, swift, influxdb/telegraf, sonarqube, kong, nats).
// Examples shipped beside them (nextcloud .examples/, nginx modules/) are not official images.
const OFFICIAL_REPOS = new Set([
  'nginxinc/docker-nginx', 'nodejs/docker-node', 'adoptium/containers', 'MariaDB/mariadb-docker',
  'rust-lang/docker-rust', 'Perl/docker-perl', 'caddyserver/caddy-docker', 'nextcloud/docker',
  'erlang/docker-erlang-otp', 'erlef/docker-elixir', 'haskell/docker-haskell', 'swiftlang/swift-docker',
  'influxdata/influxdata-docker', 'SonarSource/docker-sonarqube', 'Kong/docker-kong', 'nats-io/nats-docker',
]);
export function isOfficial(source) {
  if (!source) return false;
  if (/^\.examples\/|^modules\//.test(source.path)) return false;
  return source.repo.startsWith('docker-library/') || OFFICIAL_REPOS.has(source.repo);
}

export function parseArgs(argv) {
  const opts = { corpus: resolve(ROOT, '../shared/corpus'), seed: DEFAULT_SEED, perRule: DEFAULT_PER_RULE, flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--corpus') opts.corpus = resolve(argv[++i]);
    else if (a === '--seed') opts.seed = Number(argv[++i]);
    else if (a === '--per-rule') opts.perRule = Number(argv[++i]);
    else if (a.startsWith('--')) opts.flags.add(a);
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!Number.isInteger(opts.seed) || !Number.isInteger(opts.perRule)) throw new Error('--seed and --per-rule take integers');
  return opts;
}

const sha1 = (s) => createHash('sha1').update(s).digest('hex');

export function readSources(corpus) {
  const map = new Map();
  const p = join(corpus, 'SOURCES.tsv');
  if (!existsSync(p)) return map;
  const [head, ...rows] = readFileSync(p, 'utf8').split('\n').filter(Boolean);
  const cols = head.split('\t');
  for (const row of rows) {
    const cells = row.split('\t');
    const o = Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
    map.set(o.file, o);
  }
  return map;
}

const readText = (path) => readFileSync(path, 'utf8').replace(/^\ufeff/, '');

const KEYWORDS = /^(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)(\s|$)/i;

// Splits a Dockerfile into instructions: [{ start, end }] as 0-based line numbers (inclusive),
// following line continuations (the escape directive's character) and heredoc bodies.
// Deliberately independent of the product's parser: ids must not move when the parser changes.
export function instructions(lines) {
  let escape = '\\';
  for (const l of lines) {
    const m = /^#\s*escape\s*=\s*(\S)/i.exec(l.trim());
    if (m) { escape = m[1]; break; }
    if (!/^#/.test(l.trim()) && l.trim()) break;
  }
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const t = lines[i].trim();
    if (!KEYWORDS.test(t)) { i++; continue; }
    const start = i;
    const heredocs = [];
    const heredocCapable = /^(RUN|COPY|ADD)\s/i.test(t);
    for (;;) {
      const line = lines[i].replace(/\s+$/, '');
      const skipped = i !== start && (/^\s*#/.test(line) || line === '');
      if (!skipped && heredocCapable) {
        for (const m of line.matchAll(/(?<!<)<<(-?)\s*(["']?)([A-Za-z_][\w.-]*)\2/g)) heredocs.push({ tag: m[3], strip: m[1] === '-' });
      }
      // The builder skips comment and empty lines inside a continuation; the next line continues.
      if (!skipped && !line.endsWith(escape)) break;
      if (i + 1 >= lines.length) break;
      i++;
    }
    for (const h of heredocs) {
      while (i + 1 < lines.length) {
        i++;
        const body = h.strip ? lines[i].replace(/^\t+/, '') : lines[i];
        if (body.replace(/\r$/, '') === h.tag) break;
      }
    }
    out.push({ start, end: i });
    i++;
  }
  return out;
}

function instructionAt(instrs, line) {
  for (const ins of instrs) if (ins.start <= line && line <= ins.end) return ins;
  return { start: line, end: line };
}

const normalise = (s) => s.replace(/\r/g, '').replace(/\s+/g, ' ').trim();

// Runs the CLI over every corpus file and returns { files, findings } with one entry per finding:
// { id, rule, severity, file, line (1-based), range, message, fixes, instr: {start,end} }.
export function collectFindings(corpus) {
  const cli = join(ROOT, 'dist/cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js not found: run node scripts/build.mjs first');
  const names = readdirSync(corpus).filter((f) => f !== 'SOURCES.tsv' && !f.startsWith('.')).sort();
  const r = spawnSync(process.execPath, [cli, 'lint', '--offline', '--format', 'json', '--fail-on', 'never', ...names.map((f) => join(corpus, f))],
    { encoding: 'utf8', maxBuffer: 1 << 28, cwd: corpus });
  if (r.status !== 0) throw new Error(`CLI failed (${r.status}): ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  if (json.version !== 1) throw new Error(`unexpected CLI JSON version ${json.version}`);
  const findings = [];
  for (const f of json.files) {
    const file = basename(f.path);
    const lines = readText(f.path).split('\n');
    const instrs = instructions(lines);
    const seen = new Map();
    const diags = [...f.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const d of diags) {
      const ins = instructionAt(instrs, d.range.start.line);
      const text = normalise(lines.slice(ins.start, ins.end + 1).join('\n'));
      const key = `${d.rule}|${file}|${text}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      findings.push({
        id: sha1(`${key}|${n}`).slice(0, 12), rule: d.rule, severity: d.severity, file,
        line: d.range.start.line + 1, range: d.range, message: d.message, fixes: d.fixes ?? [], instr: ins,
      });
    }
  }
  return { files: names, findings };
}

// Per-rule counts over the whole corpus: { rule: { total, visible, bySeverity, official, officialVisible } }.
export function countByRule(findings, sources) {
  const counts = {};
  for (const f of findings) {
    const c = counts[f.rule] ??= { total: 0, visible: 0, bySeverity: {}, official: 0, officialVisible: 0 };
    c.total++;
    c.bySeverity[f.severity] = (c.bySeverity[f.severity] ?? 0) + 1;
    const vis = VISIBLE.has(f.severity);
    if (vis) c.visible++;
    if (isOfficial(sources.get(f.file))) { c.official++; if (vis) c.officialVisible++; }
  }
  return counts;
}

export function loadLabels() {
  return existsSync(LABELS) ? JSON.parse(readFileSync(LABELS, 'utf8')) : {};
}

// Applies LSP edits (0-based line/character, UTF-16) to text.
function applyEdits(text, edits) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const sorted = edits.map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

// A unified diff of two texts (3 lines of context), enough for a review sheet.
function unifiedDiff(a, b, name) {
  const A = a.split('\n'), B = b.split('\n');
  let p = 0;
  while (p < A.length && p < B.length && A[p] === B[p]) p++;
  let s = 0;
  while (s < A.length - p && s < B.length - p && A[A.length - 1 - s] === B[B.length - 1 - s]) s++;
  const midA = A.slice(p, A.length - s), midB = B.slice(p, B.length - s);
  // LCS over the changed middle, so that distant edits become separate hunks.
  let ops = [];
  if (midA.length * midB.length <= 250000) {
    const L = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1));
    for (let i = midA.length - 1; i >= 0; i--) for (let j = midB.length - 1; j >= 0; j--) {
      L[i][j] = midA[i] === midB[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    }
    let i = 0, j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) { ops.push([' ', midA[i]]); i++; j++; }
      else if (i < midA.length && (j >= midB.length || L[i + 1][j] >= L[i][j + 1])) { ops.push(['-', midA[i]]); i++; }
      else { ops.push(['+', midB[j]]); j++; }
    }
  } else {
    ops = [...midA.map((l) => ['-', l]), ...midB.map((l) => ['+', l])];
  }
  ops = [...A.slice(0, p).map((l) => [' ', l]), ...ops, ...A.slice(A.length - s).map((l) => [' ', l])];
  const C = 3;
  const changed = ops.map((o, k) => (o[0] !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) return '(the fix changes nothing)';
  const hunks = [];
  for (const k of changed) {
    const last = hunks[hunks.length - 1];
    if (last && k - last.to <= 2 * C) last.to = k; else hunks.push({ from: k, to: k });
  }
  const out = [`--- a/${name}`, `+++ b/${name}`];
  for (const h of hunks) {
    const from = Math.max(0, h.from - C), to = Math.min(ops.length - 1, h.to + C);
    let aLine = 1, bLine = 1;
    for (let k = 0; k < from; k++) { if (ops[k][0] !== '+') aLine++; if (ops[k][0] !== '-') bLine++; }
    const body = ops.slice(from, to + 1);
    const aN = body.filter((o) => o[0] !== '+').length, bN = body.filter((o) => o[0] !== '-').length;
    out.push(`@@ -${aLine},${aN} +${bLine},${bN} @@`);
    for (const [op, l] of body) out.push(op + l.replace(/\r$/, ''));
  }
  return out.join('\n');
}

// Bottom-k per rule: the N visible findings with the smallest sha1(seed|id).
// Only visible findings (info+) are drawn: a hint has no squiggle, so precision targets leave it out.
export function drawSample(findings, seed, perRule) {
  const byRule = new Map();
  for (const f of findings) {
    if (!VISIBLE.has(f.severity)) continue;
    if (!byRule.has(f.rule)) byRule.set(f.rule, []);
    byRule.get(f.rule).push({ f, key: sha1(`${seed}|${f.id}`) });
  }
  const sample = [];
  for (const rule of [...byRule.keys()].sort()) {
    const picked = byRule.get(rule).sort((a, b) => (a.key < b.key ? -1 : 1)).slice(0, perRule).map((x) => x.f);
    sample.push(...picked.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line));
  }
  return sample;
}

const fence = (s) => { const n = Math.max(3, ...[...s.matchAll(/`+/g)].map((m) => m[0].length + 1)); return '`'.repeat(n); };

function sheetEntry(c, corpus, sources, label) {
  const text = readText(join(corpus, c.file));
  const lines = text.split('\n');
  const l0 = c.range.start.line, l1 = c.range.end.line;
  const from = Math.max(0, Math.min(l0 - 3, c.instr.start - 1)), to = Math.min(lines.length - 1, Math.max(l1 + 3, Math.min(c.instr.end, l0 + 12)));
  const code = [];
  for (let i = from; i <= to; i++) code.push(`${i >= l0 && i <= l1 ? '>>' : '  '}${String(i + 1).padStart(5)}| ${lines[i].replace(/\r$/, '')}`);
  const src = sources.get(c.file);
  const codeText = code.join('\n');
  const out = [
    `### ${c.id} · \`${c.rule}\` · ${c.severity}`,
    '',
    `- **Where:** \`${c.file}:${c.line}\`${src ? ` (${src.repo} \`${src.path}\`)` : ''}`,
    `- **Label:** ${label ? `${label.label} / fix ${label.fix} — ${label.why}` : '**NEEDS LABEL**'}`,
    `- **Message:** ${c.message.replace(/\n/g, ' ')}`,
    '',
    fence(codeText) + 'dockerfile', codeText, fence(codeText),
  ];
  for (const fix of c.fixes) {
    const diff = unifiedDiff(text, applyEdits(text, fix.edits), c.file);
    out.push('', `Fix: **${fix.title}**`, '', fence(diff) + 'diff', diff, fence(diff));
  }
  if (!c.fixes.length) out.push('', 'Fix: none');
  return out.join('\n');
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(opts.corpus)) { console.log(`SKIPPED precision sample: ${opts.corpus} not found`); return; }
  const sources = readSources(opts.corpus);
  const { files, findings } = collectFindings(opts.corpus);
  const counts = countByRule(findings, sources);
  const sample = drawSample(findings, opts.seed, opts.perRule);
  const labels = loadLabels();

  const officialFiles = files.filter((f) => isOfficial(sources.get(f)));
  console.log(`${findings.length} findings on ${files.length} corpus files (${officialFiles.length} official-image files)`);
  console.log('rule                           total  visible(info+)  sampled');
  for (const rule of Object.keys(counts).sort()) {
    const c = counts[rule];
    console.log(`${rule.padEnd(30)} ${String(c.total).padStart(5)}  ${String(c.visible).padStart(14)}  ${String(sample.filter((s) => s.rule === rule).length).padStart(7)}`);
  }

  mkdirSync(OUT_DIR, { recursive: true });
  const cases = sample.map((c) => ({
    id: c.id, rule: c.rule, severity: c.severity, file: c.file, line: c.line, message: c.message,
    range: c.range, fixes: c.fixes.map((x) => ({ title: x.title, edits: x.edits })), labelled: Object.hasOwn(labels, c.id),
  }));
  writeFileSync(join(OUT_DIR, 'sample.json'), JSON.stringify({
    seed: opts.seed, perRule: opts.perRule, corpusFiles: files.length, officialFiles: officialFiles.length, counts, cases,
  }, null, 1) + '\n');

  const sheet = [
    '# Precision review sheet',
    '',
    `Generated by \`node scripts/precision-sample.mjs --seed ${opts.seed} --per-rule ${opts.perRule}\` over ${files.length} corpus files.`,
    'Label each case in `test/precision/labels.json` under its id: label TRUE (a careful Docker engineer wants this squiggle here),',
    'DEBATABLE (technically right, not worth a squiggle), FALSE (untrue here, or harmful advice); fix OK / BREAKS / n/a; why: one sentence.',
    'Lines marked `>>` are the finding\'s range.',
    '',
    ...sample.map((c) => sheetEntry(c, opts.corpus, sources, labels[c.id]) + '\n'),
  ].join('\n');
  writeFileSync(join(OUT_DIR, 'sheet.md'), sheet);

  const missing = cases.filter((c) => !c.labelled);
  const stale = Object.keys(labels).filter((id) => !findings.some((f) => f.id === id));
  console.log(`\n${cases.length} cases sampled: ${cases.length - missing.length} already labelled, ${missing.length} need a label.`);
  for (const c of missing) console.log(`  NEEDS LABEL ${c.id} ${c.rule} ${c.severity} ${c.file}:${c.line}`);
  if (stale.length) console.log(`${stale.length} labels no longer match a finding (rule changed or fixed); kept for history.`);
  console.log(`Wrote ${join('test/precision', 'sheet.md')} and ${join('test/precision', 'sample.json')}.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
