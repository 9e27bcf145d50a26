// The language server with registry facts (node dist/server.js --stdio, a real LSP client):
// diagnostics never wait for the registry; facts re-publish the same version when they arrive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompletionRequest, type CodeAction, type CompletionItem, type CompletionList, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { LspClient, type StartOptions } from '../support/lsp-client';
import { startHttpServer } from '../support/registry/http-server';
import { seededRegistryForFile } from '../support/registry/seeded-registry';

const hub = seededRegistryForFile();
const { skip } = hub;
const URI = 'file:///work/pinning/Dockerfile';
const LINE0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

async function withServer(options: StartOptions, body: (client: LspClient) => Promise<void>): Promise<void> {
  const { client } = await LspClient.start({ locale: 'en', timeoutMs: 10_000, ...options });
  try {
    await body(client);
  } finally {
    await client.dispose();
  }
}

/** The helper has no completion or custom notifications; its connection is private, but this is a test. */
function connectionOf(client: LspClient): ProtocolConnection {
  return (client as unknown as { connection: ProtocolConnection }).connection;
}

const mirror = (url: string, extra: object = {}) => ({ initializationOptions: { settings: { registry: { mirror: url } }, ...extra } });
/** Only the pinning rules: other rules come and go while this project grows. */
const PINNING = new Set(['pin-image-tag', 'moving-tag', 'stale-digest-pin']);
const rules = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => String(d.code)).filter((r) => PINNING.has(r));

async function actionTitles(client: LspClient): Promise<CodeAction[]> {
  return (await client.codeAction(URI, LINE0, { diagnostics: [], only: ['quickfix'] }) ?? []) as CodeAction[];
}

test('diagnostics go out without facts first, then the same version is re-published with them', { skip }, () => withServer(mirror(hub.registry.url), async (client) => {
  await client.didOpen(URI, 'FROM node:20\nUSER node\n');
  const first = await client.nextDiagnostics(URI);
  assert.equal(first.version, 1);
  assert.ok(!rules(first).includes('moving-tag'), 'the first publication does not wait for the registry');
  const second = await client.nextDiagnostics(URI);
  assert.equal(second.version, 1, 'facts are published for the version they were looked up for');
  assert.deepEqual(rules(second), ['moving-tag']);
  assert.match(String(second.diagnostics.find((d) => d.code === 'moving-tag')?.message), /today it is ‘node:20\.11\.1’/);

  const actions = await actionTitles(client);
  const pin = actions.find((a) => a.title === 'Pin to `node:20.11.1`');
  assert.ok(pin, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(pin.isPreferred, true, 'a registry pin is safe');
  assert.ok(actions.some((a) => a.title.startsWith('Pin to digest `node:20.11.1@sha256:')));

  const hover = await client.hover(URI, { line: 0, character: 6 });
  const md = (hover?.contents as { value: string }).value;
  assert.ok(md.includes(hub.seeded.get('library/node:20.11.1')!), md);
  assert.ok(md.includes('**Platforms:** `linux/amd64`, `linux/arm64/v8`'), md);
  assert.ok(md.includes('**Same image as:** `20.11`, `20.11.1`, `latest`'), md);

  // An edit elsewhere keeps the known facts: published at once, with the info still there.
  const v2 = await client.didChange(URI, [{ range: { start: { line: 1, character: 9 }, end: { line: 1, character: 9 } }, text: '\nCMD ["node"]' }]);
  const third = await client.diagnosticsForVersion(URI, v2);
  assert.deepEqual(rules(third), ['moving-tag']);
}));

test('completion after `FROM node:` lists the registry tags, newest version first', { skip }, () => withServer(mirror(hub.registry.url), async (client) => {
  await client.didOpen(URI, 'FROM node:\n');
  await client.nextDiagnostics(URI);
  const result = await connectionOf(client).sendRequest(CompletionRequest.type, {
    textDocument: { uri: URI }, position: { line: 0, character: 10 }, context: { triggerKind: 2, triggerCharacter: ':' },
  });
  const items = (Array.isArray(result) ? result : (result as CompletionList | null)?.items ?? []) as CompletionItem[];
  const ordered = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
  assert.deepEqual(ordered.slice(0, 4), ['20.11.1', '20.11.1-alpine', '20.11.0', '20.11']);
  assert.deepEqual(ordered.slice(-2), ['alpine', 'latest']);
}));

test('a registry that never answers does not delay the first diagnostics or later edits', async () => {
  const dead = await startHttpServer(() => { /* never answers */ });
  try {
    await withServer(mirror(dead.url), async (client) => {
      let started = Date.now();
      await client.didOpen(URI, 'FROM node:20\nFROM alpine\n');
      const first = await client.nextDiagnostics(URI);
      assert.ok(Date.now() - started < 2500, `first diagnostics after ${Date.now() - started} ms`);
      assert.deepEqual(rules(first), ['pin-image-tag']);
      started = Date.now();
      const v2 = await client.didChange(URI, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'USER nobody\n' }]);
      await client.diagnosticsForVersion(URI, v2);
      assert.ok(Date.now() - started < 2500, `diagnostics for an edit after ${Date.now() - started} ms`);
      assert.ok(dead.requests.length > 0, 'the look-up was attempted');
      started = Date.now();
      const hover = await client.hover(URI, { line: 0, character: 6 });
      assert.ok(Date.now() - started < 3000, `hover after ${Date.now() - started} ms`);
      assert.match((hover?.contents as { value: string }).value, /\*\*Repository:\*\* library\/node/);
    });
  } finally {
    await dead.stop();
  }
});

test('untrusted workspace: no request at all until trust is granted', async () => {
  const recorder = await startHttpServer((_req, res) => { res.statusCode = 503; res.end(); });
  try {
    await withServer(mirror(recorder.url, { workspaceTrusted: false }), async (client) => {
      await client.didOpen(URI, 'FROM node\n');
      await client.nextDiagnostics(URI);
      const titles = (await actionTitles(client)).map((a) => a.title);
      assert.ok(titles.some((t) => t.includes('registry not asked: workspace not trusted')), JSON.stringify(titles));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(recorder.requests.length, 0, 'no request while untrusted');

      await connectionOf(client).sendNotification('dockerfileLectureHints/workspaceTrust', { trusted: true });
      for (let i = 0; i < 100 && recorder.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(recorder.requests.length > 0, 'look-ups start once trusted');
    });
  } finally {
    await recorder.stop();
  }
});
