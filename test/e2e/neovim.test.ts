/**
 * The language server in a second, independent LSP client: headless Neovim 0.7
 * (Debian) runs test/e2e/neovim/probe.lua, which starts `node dist/server.js --stdio`,
 * opens an example file and prints diagnostics, hovers and code actions as JSON
 * lines. The expectations are the same tables as the VS Code suite (suite/cases.ts),
 * in both display languages. Quick-fix and fix-all edits are applied here, in
 * Node, and the text compared exactly.
 *
 *   node scripts/build.mjs && npx tsc -p . && node --test out/test/e2e/neovim.test.js
 * E2E_SERVER_JS=/path/to/server.js tests another build of the server.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './tools/paths';
import { requireTools } from './tools/discovery';
import { isolatedEnv, makeTempDir } from './tools/processes';
import { printTime, TIMEOUTS } from './tools/timing';
import { type Lang, prepareWorkspace } from './tools/workspace';
import {
  ACTIONS, APPLY, DIAGNOSTICS, FIX_ALL_KIND, HOVERS, LECTURE_LABEL, MESSAGE_MARK, SAVE,
  type ExpectedDiagnostic, type Matcher,
} from './suite/cases';

const SUITE = 'neovim (LSP over stdio)';
const PROBE = join(REPO_ROOT, 'test', 'e2e', 'neovim', 'probe.lua');
const LANGS: Lang[] = ['en', 'ru'];
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
/** Offered only to clients that said they have the openLecture command (VS Code); never to Neovim. */
const CLIENT_COMMAND_TITLE = /^(Open the lecture|Открыть лекцию)/;

interface Position { line: number; character: number }
interface LspRange { start: Position; end: Position }
interface LspTextEdit { range: LspRange; newText: string }
interface LspDiagnostic { range: LspRange; severity: number; code: string; source: string; message: string }
interface LspAction { title: string; kind: string | null; edit: { changes?: Record<string, LspTextEdit[]> } | null }
interface ProbeOutput { diagnostics: LspDiagnostic[]; hovers: (string | null)[]; actions: LspAction[][]; uri: string }

function serverJs(): string {
  if (process.env.E2E_SERVER_JS) return resolve(process.env.E2E_SERVER_JS);
  const built = join(REPO_ROOT, 'dist', 'server.js');
  const newestSource = newest(join(REPO_ROOT, 'server', 'src'));
  if (!existsSync(built) || statSync(built).mtimeMs < newestSource) {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: TIMEOUTS.package });
    if (r.status !== 0) throw new Error(`node scripts/build.mjs failed:\n${r.stdout}\n${r.stderr}`);
    console.log('# dist/ was older than server/src: rebuilt with scripts/build.mjs');
  }
  return built;
}

function newest(dir: string): number {
  let t = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) t = Math.max(t, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs);
  return t;
}

/** 0-based position inside the first `word` on 1-based `line` of `text`. */
function positionOf(text: string, line: number, word: string): Position {
  const l = text.split('\n')[line - 1] ?? '';
  const col = l.indexOf(word);
  if (col < 0) throw new Error(`"${word}" is not on line ${line}: ${JSON.stringify(l)}`);
  return { line: line - 1, character: col + Math.min(1, word.length - 1) };
}

function runProbe(nvim: string, server: string, file: string, lang: Lang, hovers: Position[], actions: (Position & { only?: string[]; wholeDocument?: boolean })[], root: string): ProbeOutput {
  const config = join(root, `probe-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(config, JSON.stringify({ cmd: [process.execPath, server, '--stdio'], file, lang, timeoutMs: TIMEOUTS.neovim / 2, hovers, actions }));
  const r = spawnSync(nvim, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${PROBE}`], {
    cwd: root, encoding: 'utf8', timeout: TIMEOUTS.neovim, env: isolatedEnv(join(root, 'nvim-env'), { PROBE_CONFIG: config }),
  });
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  const error = lines.find((l) => l.kind === 'error');
  if (r.status !== 0 || error || !lines.some((l) => l.kind === 'done')) {
    throw new Error(`nvim probe failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}): ${error?.message ?? ''}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  return {
    diagnostics: (lines.find((l) => l.kind === 'diagnostics')?.items ?? []) as LspDiagnostic[],
    hovers: lines.filter((l) => l.kind === 'hover').sort((a, b) => Number(a.index) - Number(b.index)).map((l) => (typeof l.markdown === 'string' ? l.markdown : null)),
    actions: lines.filter((l) => l.kind === 'actions').sort((a, b) => Number(a.index) - Number(b.index)).map((l) => l.items as LspAction[]),
    uri: String(lines.find((l) => l.kind === 'done')?.uri ?? ''),
  };
}

/** Applies LSP text edits (non-overlapping, as the server sends them) to `text`. */
function applyEdits(text: string, edits: LspTextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Position) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

const key = (d: ExpectedDiagnostic) => `${d.rule}@${d.line}:${d.severity}`;
const matches = (title: string, m: Matcher) => (typeof m === 'string' ? title === m : m.test(title));

test(SUITE, { timeout: TIMEOUTS.testFile }, async (t) => {
  const started = Date.now();
  const tools = requireTools(SUITE, ['nvim'], t);
  if (!tools) return;
  const version = spawnSync(tools.nvim, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const server = serverJs();
  console.log(`# ${version}; server ${server}`);
  const root = makeTempDir('neovim');
  try {
    for (const lang of LANGS) {
      const other: Lang = lang === 'ru' ? 'en' : 'ru';
      const ws = prepareWorkspace(lang, `nvim-${lang}`);
      const text = (file: string) => readFileSync(join(ws.dir, file), 'utf8');

      for (const c of DIAGNOSTICS) {
        await t.test(`[${lang}] ${c.file}: diagnostics, hovers, code actions, fixes`, () => {
          const file = join(ws.dir, c.file);
          const src = text(c.file);
          const hoverCases = HOVERS.filter((h) => h.file === c.file);
          const actionCases = ACTIONS.filter((a) => a.file === c.file);
          const applyCases = APPLY.filter((a) => a.file === c.file);
          const out = runProbe(tools.nvim, server, file, lang,
            hoverCases.map((h) => positionOf(src, h.line, h.word)),
            [...actionCases, ...applyCases].map((a) => positionOf(src, a.line, a.word)), root);

          const got = out.diagnostics.filter((d) => d.source === 'lecture-hints')
            .map((d) => key({ rule: String(d.code), line: d.range.start.line + 1, severity: SEVERITY[d.severity] as ExpectedDiagnostic['severity'] })).sort();
          assert.deepEqual(got, c.expect.map(key).sort(), 'diagnostics');
          for (const d of out.diagnostics) assert.ok(d.message.includes(MESSAGE_MARK[lang]), `message not in ${lang}: ${d.message}`);

          hoverCases.forEach((h, i) => {
            const md = out.hovers[i];
            assert.ok(md, `no hover for ${h.name}`);
            assert.ok(md.startsWith(`**${h.heading}**`), `${h.name}: hover starts with ${JSON.stringify(md.slice(0, 40))}`);
            assert.ok(md.includes(LECTURE_LABEL[lang]), `${h.name}: no "${LECTURE_LABEL[lang]}"`);
            const a = md.indexOf(h.quote[lang]);
            const b = md.indexOf(h.quote[other]);
            assert.ok(a >= 0 && b > a, `${h.name}: the ${lang} quote must come first, then the ${other} one:\n${md}`);
            for (const s of h.also?.[lang] ?? []) assert.ok(md.includes(s), `${h.name}: no "${s}"`);
          });

          actionCases.forEach((a, i) => {
            const titles = out.actions[i].map((x) => x.title);
            if (a.none) return assert.deepEqual(titles, [], `${a.name}: no action expected`);
            for (const m of a.titles[lang].filter((m) => !(typeof m === 'string' && CLIENT_COMMAND_TITLE.test(m)))) {
              assert.ok(titles.some((s) => matches(s, m)), `${a.name}: no action ${String(m)} among ${JSON.stringify(titles)}`);
            }
            assert.ok(!titles.some((s) => CLIENT_COMMAND_TITLE.test(s)), `${a.name}: a VS Code-only command was offered to Neovim: ${JSON.stringify(titles)}`);
          });

          applyCases.forEach((a, i) => {
            const actions = out.actions[actionCases.length + i];
            const action = actions.find((x) => matches(x.title, a.title[lang]));
            assert.ok(action?.edit?.changes, `${a.name}: no action ${String(a.title[lang])} with an edit among ${JSON.stringify(actions.map((x) => x.title))}`);
            const edits = action.edit.changes[out.uri] ?? Object.values(action.edit.changes)[0];
            assert.equal(applyEdits(src, edits), a.expectText, `${a.name}: text after the edit`);
          });
        });
      }

      for (const s of SAVE) {
        await t.test(`[${lang}] ${s.file}: ${FIX_ALL_KIND}`, () => {
          const file = join(ws.dir, s.file);
          const lines = text(s.file).split('\n');
          lines.splice(s.beforeLine - 1, 0, s.insert.replace(/\n$/, ''));
          const src = lines.join('\n');
          writeFileSync(file, src);
          const out = runProbe(tools.nvim, server, file, lang, [], [{ line: 0, character: 0, only: [FIX_ALL_KIND], wholeDocument: true }], root);
          const fixAll = out.actions[0].find((x) => x.kind === FIX_ALL_KIND);
          assert.ok(fixAll?.edit?.changes, `no ${FIX_ALL_KIND} action among ${JSON.stringify(out.actions[0])}`);
          assert.equal(fixAll.title, s.fixAllTitle[lang]);
          assert.equal(applyEdits(src, fixAll.edit.changes[out.uri] ?? Object.values(fixAll.edit.changes)[0]), s.expectText);
        });
      }
    }
  } finally {
    printTime(SUITE, started);
  }
});
