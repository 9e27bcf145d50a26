/** The language server over stdio, driven by a real LSP client (see test/support/lsp-client.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Command, Diagnostic, Hover, InitializeResult, Range } from 'vscode-languageserver-protocol/node';
import { applyEdits, builtFile, LspClient, REPO_ROOT, type StartOptions } from '../support/lsp-client';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/example.Dockerfile');
const EXAMPLE = fs.readFileSync(FIXTURE, 'utf8');
const URI = 'file:///work/example/Dockerfile';
const FIX_ALL = 'source.fixAll.dockerfileLectureHints';
const CYRILLIC = /[А-Яа-яЁё]/;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts a server, runs `body`, and always disposes of the server. */
async function withServer(options: StartOptions, body: (client: LspClient, init: InitializeResult) => Promise<void>): Promise<void> {
  const { client, init } = await LspClient.start(options);
  try {
    await body(client, init);
  } finally {
    await client.dispose();
  }
}

interface Expected { rule: string; line: number; character: number; length?: number }

/**
 * What the three rules should report for a simple Dockerfile (one instruction
 * per line), derived from the text so the fixture can change without edits here.
 */
function expectedFindings(text: string): Expected[] {
  const lines = text.split(/\r?\n/);
  assert.ok(!lines.some((l) => /\\\s*$/.test(l)), 'expectedFindings() handles no continuation lines');
  const args = new Map<string, string>();
  const stageNames = new Set<string>();
  const out: Expected[] = [];
  let prev = '';
  let lastFrom = -1;
  let hasUser = false;
  lines.forEach((line, n) => {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) return;
    const keyword = m[1].toUpperCase();
    if (keyword === 'ARG' && lastFrom < 0) {
      const [name, value = ''] = m[2].trim().split('=');
      args.set(name, value);
    } else if (keyword === 'FROM') {
      const words = m[2].trim().split(/\s+/).filter((w) => !w.startsWith('--'));
      const raw = words[0];
      if (words[1]?.toUpperCase() === 'AS') stageNames.add(words[2].toLowerCase());
      const image = raw.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (_, v: string) => args.get(v) ?? '');
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      if (!stageNames.has(image.toLowerCase()) && image !== 'scratch' && !image.includes('@') && (!tag || tag === 'latest')) {
        out.push({ rule: 'pin-image-tag', line: n, character: line.indexOf(raw), length: raw.length });
      }
      lastFrom = n;
      hasUser = false;
    } else if (keyword === 'RUN' && prev === 'RUN') {
      out.push({ rule: 'merge-consecutive-run', line: n, character: line.indexOf(m[1]), length: 3 });
    } else if (keyword === 'USER') {
      hasUser = true;
    }
    prev = keyword === 'FROM' ? '' : keyword;
  });
  if (lastFrom >= 0 && !hasUser) out.push({ rule: 'non-root-user', line: lastFrom, character: 0 });
  return out.sort((a, b) => a.line - b.line || a.character - b.character);
}

/** Diagnostic messages may be MarkupContent since LSP 3.18; this server sends strings. */
function msg(d: Diagnostic): string {
  assert.equal(typeof d.message, 'string', 'plain-text diagnostic message');
  return d.message as string;
}

function hoverText(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  const c = h.contents;
  assert.ok(typeof c === 'object' && 'kind' in c, 'hover contents are MarkupContent');
  assert.equal(c.kind, 'markdown');
  return c.value;
}

function actionsOnly(list: (Command | CodeAction)[] | null): CodeAction[] {
  // A bare Command has a string `command`; a CodeAction's `command` is an object.
  return (list ?? []).filter((a): a is CodeAction => typeof a.command !== 'string');
}

function editsOf(action: CodeAction, uri = URI): { range: Range; newText: string }[] {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `action "${action.title}" edits ${uri}`);
  return edits;
}

function lineOf(text: string, exact: string): number {
  const n = text.split(/\r?\n/).indexOf(exact);
  assert.ok(n >= 0, `line ${JSON.stringify(exact)} in the text`);
  return n;
}

const ALL: Range = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

test('initialize announces incremental sync, hover and both code action kinds', () => withServer({ locale: 'en' }, async (_client, init) => {
  const { textDocumentSync: sync, hoverProvider, codeActionProvider: ca } = init.capabilities;
  assert.ok(typeof sync === 'object', 'textDocumentSync is an options object');
  assert.equal(sync.change, 2, 'TextDocumentSyncKind.Incremental');
  assert.equal(sync.openClose, true);
  assert.equal(hoverProvider, true);
  assert.ok(typeof ca === 'object', 'codeActionProvider lists its kinds');
  assert.ok(ca.codeActionKinds?.includes('quickfix'));
  assert.ok(ca.codeActionKinds?.includes(FIX_ALL));
}));

test('the example file gets the expected diagnostics, each with a lecture', () => withServer({ locale: 'en' }, async (client) => {
  await client.didOpen(URI, EXAMPLE);
  const pub = await client.nextDiagnostics(URI);
  assert.equal(pub.version, 1);
  const expected = expectedFindings(EXAMPLE);
  assert.ok(expected.length >= 3, 'the fixture exercises all three rules');
  const known = new Set(['merge-consecutive-run', 'pin-image-tag', 'non-root-user']);
  const ours = pub.diagnostics.filter((d) => known.has(String(d.code)));
  const got = ours.map((d) => ({ rule: String(d.code), line: d.range.start.line, character: d.range.start.character }));
  assert.deepEqual(got, expected.map(({ rule, line, character }) => ({ rule, line, character })));
  const lines = EXAMPLE.split(/\r?\n/);
  for (const d of pub.diagnostics) assert.equal(typeof (d.data as { lecture?: unknown })?.lecture, 'string', `data.lecture on ${d.code}`);
  ours.forEach((d: Diagnostic, i) => {
    const e = expected[i];
    assert.equal(d.source, 'lecture-hints');
    const data = d.data as { rule?: string; lecture?: string; aliases?: string[] };
    assert.equal(data.lecture, 'best-practices');
    assert.equal(data.rule, d.code);
    assert.ok(Array.isArray(data.aliases));
    assert.ok(!CYRILLIC.test(msg(d)), 'English messages for locale en');
    const end = e.length === undefined ? lines[e.line].length : e.character + e.length;
    assert.deepEqual(d.range, { start: { line: e.line, character: e.character }, end: { line: e.line, character: end } });
    // The build stage's merge is a hint (4): its layers never reach the final image.
    const buildStageMerge = e.rule === 'merge-consecutive-run' && e.line < lineOf(EXAMPLE, 'FROM ubuntu');
    const severity = buildStageMerge ? 4 : { 'merge-consecutive-run': 3, 'pin-image-tag': 2, 'non-root-user': 3 }[e.rule];
    assert.equal(d.severity, severity, `severity of ${e.rule}`);
  });
  const pin = pub.diagnostics.find((d) => d.code === 'pin-image-tag');
  assert.ok(pin && msg(pin).includes('node:latest'), 'the ARG default is resolved');
  await sleep(300);
  client.clearDiagnostics(URI);
  await client.didClose(URI);
  const cleared = await client.nextDiagnostics(URI);
  assert.deepEqual(cleared.diagnostics, [], 'closing clears the diagnostics');
}));

test('opening a document publishes its diagnostics once', () => withServer({ locale: 'en' }, async (client) => {
  await client.didOpen(URI, EXAMPLE);
  await client.nextDiagnostics(URI);
  await sleep(400);
  const versions = client.published.filter((p) => p.uri === URI).map((p) => p.version);
  assert.deepEqual(versions, [1], 'one publication for version 1');
}));

const RU_QUOTE = 'объединять команды `RUN` для уменьшения числа слоев';
const EN_QUOTE = 'combine `RUN` commands to reduce the number of layers';

test('hover on RUN in locale ru: Russian first, with the lecture quote and the English rendering', () => withServer({ locale: 'ru' }, async (client) => {
  await client.didOpen(URI, EXAMPLE);
  const line = lineOf(EXAMPLE, 'RUN npm ci');
  const hover = await client.hover(URI, { line, character: 1 });
  const md = hoverText(hover);
  assert.match(md.split('\n')[0], /^\*\*RUN\*\* — [А-Яа-яЁё]/, 'the first line is Russian');
  assert.ok(md.includes(RU_QUOTE), 'the Russian lecture quote');
  assert.ok(md.includes(EN_QUOTE), 'the English rendering');
  assert.ok(md.indexOf(RU_QUOTE) < md.indexOf(EN_QUOTE));
  assert.deepEqual(hover?.range, { start: { line, character: 0 }, end: { line, character: 3 } });
}));

test('hover in locale en puts English first; hover on the FROM image shows the image', () => withServer({ locale: 'en' }, async (client) => {
  await client.didOpen(URI, EXAMPLE);
  const md = hoverText(await client.hover(URI, { line: lineOf(EXAMPLE, 'RUN npm ci'), character: 0 }));
  assert.match(md.split('\n')[0], /^\*\*RUN\*\* — [A-Z][a-z]/);
  assert.ok(md.includes(EN_QUOTE) && md.includes(RU_QUOTE));
  assert.ok(md.indexOf(EN_QUOTE) < md.indexOf(RU_QUOTE));

  const ubuntu = lineOf(EXAMPLE, 'FROM ubuntu');
  const image = hoverText(await client.hover(URI, { line: ubuntu, character: 'FROM ub'.length }));
  assert.ok(image.includes('**Image:** ubuntu'), image);
  assert.ok(image.includes('none (means `latest`)'));

  const nodeLine = EXAMPLE.split('\n').findIndex((l) => l.startsWith('FROM node:'));
  const nodeHover = await client.hover(URI, { line: nodeLine, character: 'FROM no'.length });
  const nodeMd = hoverText(nodeHover);
  assert.ok(nodeMd.includes('**Image:** node'), nodeMd);
  assert.ok(nodeMd.includes('**With ARG defaults:** node:latest'), 'the ARG default is shown');
  assert.equal(nodeHover?.range?.start.character, 'FROM '.length);
}));

test('initializationOptions.settings.language beats the client locale', () => withServer({ locale: 'en', initializationOptions: { settings: { language: 'ru' } } }, async (client) => {
  await client.didOpen(URI, EXAMPLE);
  const pub = await client.nextDiagnostics(URI);
  assert.ok(pub.diagnostics.length > 0);
  for (const d of pub.diagnostics) assert.match(msg(d), CYRILLIC, `Russian message for ${d.code}`);
  const md = hoverText(await client.hover(URI, { line: lineOf(EXAMPLE, 'RUN npm ci'), character: 0 }));
  assert.match(md.split('\n')[0], /^\*\*RUN\*\* — [А-Яа-яЁё]/);
}));

test('code actions at a merge diagnostic: the merge fix and both ignores; no fix-all of one visible fix', () => withServer({ locale: 'en' }, async (client) => {
  await client.didOpen(URI, EXAMPLE);
  const pub = await client.nextDiagnostics(URI);
  const diag = pub.diagnostics.find((d) => d.code === 'merge-consecutive-run');
  assert.ok(diag, 'a merge diagnostic');
  const first = lineOf(EXAMPLE, 'RUN npm ci');
  assert.equal(diag.range.start.line, lineOf(EXAMPLE, 'RUN npm run build'));
  const actions = actionsOnly(await client.codeAction(URI, diag.range, { diagnostics: [diag] }));
  const byTitle = (t: string) => {
    const a = actions.find((x) => x.title === t);
    assert.ok(a, `action "${t}" among ${JSON.stringify(actions.map((x) => x.title))}`);
    assert.equal(a.kind, 'quickfix');
    return a;
  };

  const merge = byTitle(`Merge 2 consecutive RUN instructions (lines ${first + 1}–${diag.range.start.line + 1}) into one`);
  assert.equal(merge.isPreferred, true);
  assert.equal(merge.diagnostics?.[0]?.code, 'merge-consecutive-run');
  const merged = applyEdits(EXAMPLE, editsOf(merge));
  const expectedMerge = EXAMPLE.replace(
    'RUN npm ci\n# compile the sources\nRUN npm run build\n',
    'RUN npm ci \\\n# compile the sources\n    && npm run build\n',
  );
  assert.notEqual(expectedMerge, EXAMPLE, 'the fixture still has the lines this test merges');
  assert.equal(merged, expectedMerge);

  // "Fix all" counts only visible findings' fixes: this build-stage merge is a hint, and the one
  // visible merge (the final stage's) is a single fix, so there is nothing to fix "all" of.
  assert.equal(actions.find((x) => x.title === 'Fix all merge-consecutive-run problems'), undefined);

  const here = byTitle('Ignore merge-consecutive-run for this instruction');
  const ignoredHere = applyEdits(EXAMPLE, editsOf(here));
  assert.equal(ignoredHere, EXAMPLE.replace('\nRUN npm run build\n', '\n# lecture-hints ignore=merge-consecutive-run\nRUN npm run build\n'));
  const v2 = await client.didChange(URI, [{ text: ignoredHere }]);
  const after = await client.diagnosticsForVersion(URI, v2);
  const mergesLeft = after.diagnostics.filter((d) => d.code === 'merge-consecutive-run').map((d) => d.range.start.line);
  assert.deepEqual(mergesLeft, [lineOf(ignoredHere, 'RUN apt-get install -y curl ca-certificates')], 'only the other merge is left');

  const inFile = byTitle('Ignore merge-consecutive-run in this file');
  const ignoredFile = applyEdits(EXAMPLE, editsOf(inFile));
  const [directive, ...rest] = EXAMPLE.split('\n');
  assert.equal(ignoredFile, [directive, '# lecture-hints global ignore=merge-consecutive-run', ...rest].join('\n'), 'after the parser directive');
  const v3 = await client.didChange(URI, [{ text: ignoredFile }]);
  const none = await client.diagnosticsForVersion(URI, v3);
  assert.deepEqual(none.diagnostics.filter((d) => d.code === 'merge-consecutive-run'), [], 'the inserted global ignore suppresses every merge finding');
  assert.ok(none.diagnostics.some((d) => d.code === 'pin-image-tag'), 'other rules still report');
}));

test('"Ignore … for this instruction" works on an instruction at the top of the file', () => withServer({ locale: 'en' }, async (client) => {
  const text = 'FROM ubuntu\nUSER nobody\n';
  await client.didOpen(URI, text);
  const pin = (await client.nextDiagnostics(URI)).diagnostics.find((d) => d.code === 'pin-image-tag');
  assert.ok(pin, 'a pin-image-tag diagnostic on line 1');
  const action = actionsOnly(await client.codeAction(URI, pin.range, { diagnostics: [pin] }))
    .find((a) => a.title === 'Ignore pin-image-tag for this instruction');
  assert.ok(action);
  const ignored = applyEdits(text, editsOf(action));
  assert.equal(ignored, '# lecture-hints ignore=pin-image-tag\n' + text);
  const after = await client.diagnosticsForVersion(URI, await client.didChange(URI, [{ text: ignored }]));
  assert.deepEqual(after.diagnostics.filter((d) => d.code === 'pin-image-tag'), [], 'the inserted comment suppresses the finding');
}));

test('source.fixAll gives one action whose edits produce what `lint --fix` writes', () => withServer({ locale: 'en' }, async (client) => {
  await client.didOpen(URI, EXAMPLE);
  await client.nextDiagnostics(URI);
  const actions = actionsOnly(await client.codeAction(URI, ALL, { diagnostics: [], only: ['source.fixAll'] }));
  assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(actions[0].kind, FIX_ALL);
  const fixed = applyEdits(EXAMPLE, editsOf(actions[0]));
  assert.notEqual(fixed, EXAMPLE);

  const cli = builtFile('cli.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-fixall-'));
  try {
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, EXAMPLE);
    const r = spawnSync(process.execPath, [cli, 'lint', '--fix', '--lang', 'en', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fixed, fs.readFileSync(file, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}));

test('context.only: [\'source\'] includes the fix-all action (kinds are hierarchical)', () => withServer({ locale: 'en' }, async (client) => {
  await client.didOpen(URI, EXAMPLE);
  const actions = actionsOnly(await client.codeAction(URI, ALL, { diagnostics: [], only: ['source'] }));
  assert.deepEqual(actions.map((a) => a.kind), [FIX_ALL]);
}));

/** Twenty incremental edits in a burst; the last one appends a RUN right after another RUN. */
async function burst(client: LspClient): Promise<void> {
  const uri = 'file:///work/burst/Dockerfile';
  const start = 'FROM alpine:3.20\nUSER nobody\nRUN echo start\n';
  await client.didOpen(uri, start);
  let text = start;
  const edits: { range: Range; text: string }[] = [];
  const lineCount = () => text.split('\n').length - 1;
  for (let i = 1; i <= 20; i++) {
    let edit: { range: Range; text: string };
    if (i === 8) edit = { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 16 } }, text: '' };
    else if (i === 14) edit = { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, text: ':3.21' };
    else if (i === 20) edit = { range: { start: { line: lineCount(), character: 0 }, end: { line: lineCount(), character: 0 } }, text: 'RUN echo done\n' };
    else edit = { range: { start: { line: lineCount(), character: 0 }, end: { line: lineCount(), character: 0 } }, text: `# edit ${i}\n` };
    text = applyEdits(text, [{ range: edit.range, newText: edit.text }]);
    edits.push(edit);
  }
  for (const e of edits) await client.didChange(uri, [e]);
  const finalVersion = client.version(uri);
  assert.equal(finalVersion, 21);
  const last = await client.diagnosticsForVersion(uri, finalVersion);
  assert.equal(last.version, finalVersion);
  const lastLine = lineOf(text, 'RUN echo done');
  assert.deepEqual(last.diagnostics.map((d) => [d.code, d.range.start.line]), [['merge-consecutive-run', lastLine]], 'findings of the final text only');
  await sleep(400);
  const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? -1);
  assert.equal(versions[versions.length - 1], finalVersion, `nothing older after the newest: ${versions.join(',')}`);
  for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `versions never go back: ${versions.join(',')}`);
}

test('a burst of 20 incremental changes ends with the diagnostics of the final text', () => withServer({ locale: 'en' }, burst));

test('the same burst with a slow workspace/configuration client', () => withServer({
  locale: 'en',
  configuration: (item) => new Promise((resolve) => setTimeout(() => resolve(item.section === 'dockerfileLectureHints' ? {} : null), 80)),
}, burst));

test('requests for an unopened document return null/[] and the server keeps working', () => withServer({ locale: 'en' }, async (client) => {
  const ghost = 'file:///nowhere/Dockerfile';
  assert.equal(await client.hover(ghost, { line: 0, character: 0 }), null);
  assert.deepEqual(await client.codeAction(ghost, ALL, { diagnostics: [] }) ?? [], []);
  assert.deepEqual(await client.codeAction(ghost, ALL, { diagnostics: [], only: ['source.fixAll'] }) ?? [], []);
  await client.didOpen(URI, EXAMPLE);
  const pub = await client.nextDiagnostics(URI);
  assert.ok(pub.diagnostics.length > 0);
  assert.equal(client.exitCode, null, 'the server is still running');
  assert.deepEqual(client.logs.filter((l) => /uncaught|failed/.test(l)), []);
}));

test('workspace/configuration turning a rule off removes its diagnostics', () => withServer({
  locale: 'en',
  configuration: (item) => (item.section === 'dockerfileLectureHints' ? { rules: { 'merge-consecutive-run': 'off' } } : null),
}, async (client) => {
  await client.didOpen(URI, EXAMPLE);
  const pub = await client.nextDiagnostics(URI);
  assert.deepEqual(pub.diagnostics.filter((d) => d.code === 'merge-consecutive-run'), []);
  assert.ok(pub.diagnostics.some((d) => d.code === 'pin-image-tag'), 'the other rules still run');
  assert.ok(client.configurationRequests.some((i) => i.section === 'dockerfileLectureHints' && i.scopeUri === URI));
}));
