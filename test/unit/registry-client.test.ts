// RegistryClient against a real `docker-registry` on loopback, seeded with every manifest kind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageRef, parseImageRef, RegistryClient, RegistryError } from '../../server/src/registry';
import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST } from '../support/registry/seed';
import { seededRegistryForFile } from '../support/registry/seeded-registry';

const hub = seededRegistryForFile();
const { skip } = hub;
let tmp: string;

before(async () => {
  if (skip) return;
  tmp = await mkdtemp(join(tmpdir(), 'registry-client-test-'));
});

after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function local(name: string): ImageRef & { tag: string } {
  const ref = parseImageRef(`${hub.registry.host}/${name}`);
  assert.ok(ref?.tag, `bad test ref ${name}`);
  return ref as ImageRef & { tag: string };
}

/** A fetch that counts (and records) what goes over the wire. */
function countingFetch() {
  const calls: { method: string; url: string }[] = [];
  const impl: typeof fetch = (input, init) => {
    calls.push({ method: init?.method ?? 'GET', url: String(input) });
    return fetch(input, init);
  };
  return { calls, impl };
}

test('listTags returns every tag once, sorted by version', { skip }, async () => {
  const tags = await new RegistryClient().listTags(local('library/node:20'));
  assert.deepEqual(tags, [
    '18', '18.19', '18.19.0', '20', '20-alpine', '20.9', '20.9.0', '20.11', '20.11-alpine',
    '20.11.0', '20.11.1', '20.11.1-alpine', 'alpine', 'latest',
  ]);
  assert.deepEqual(await new RegistryClient().listTags(local('team/app:1')), ['1', '1.9', '1.9.0', '1.10', '1.10.0', 'latest']);
});

test('resolveDigest reports each manifest kind with the uploaded digest (HEAD only)', { skip }, async () => {
  const { calls, impl } = countingFetch();
  const client = new RegistryClient({ fetchImpl: impl });
  const cases: [string, string, string][] = [
    ['library/node:20', 'library/node:20.11.1', OCI_INDEX],
    ['library/node:18', 'library/node:18.19.0', DOCKER_LIST],
    ['library/alpine:3', 'library/alpine:3.19.1', DOCKER_MANIFEST],
    ['team/app:1', 'team/app:1.10.0', OCI_MANIFEST],
  ];
  for (const [name, seededAs, mediaType] of cases) {
    const got = await client.resolveDigest(local(name));
    assert.deepEqual(got, { digest: hub.seeded.get(seededAs), mediaType }, name);
  }
  assert.deepEqual(calls.map((c) => c.method), ['HEAD', 'HEAD', 'HEAD', 'HEAD']);
});

test('resolveDigest accepts a digest-only reference', { skip }, async () => {
  const digest = hub.seeded.get('library/alpine:3.18.6')!;
  const ref = parseImageRef(`${hub.registry.host}/library/alpine@${digest}`)!;
  assert.equal(ref.tag, undefined);
  assert.deepEqual(await new RegistryClient().resolveDigest(ref), { digest, mediaType: DOCKER_MANIFEST });
});

test('docker.io names resolve through the mirror (node:20 → library/node)', { skip }, async () => {
  const { calls, impl } = countingFetch();
  const client = new RegistryClient({ mirror: hub.registry.url, fetchImpl: impl });
  const ref = parseImageRef('node:20') as ImageRef & { tag: string };
  assert.equal(ref.registry, 'docker.io');
  assert.equal((await client.resolveDigest(ref)).digest, hub.seeded.get('library/node:20.11.1'));
  assert.deepEqual(await client.pinTag(ref), { tag: '20.11.1', digest: hub.seeded.get('library/node:20.11.1') });
  assert.ok(calls.every((c) => c.url.startsWith(`${hub.registry.url}/v2/library/node/`)), JSON.stringify(calls));
});

test('platforms walks indexes and lists, and reads a single image config', { skip }, async () => {
  const client = new RegistryClient();
  const node = await client.platforms(local('library/node:20'));
  assert.deepEqual(node.map((p) => [p.os, p.architecture, p.variant]), [['linux', 'amd64', undefined], ['linux', 'arm64', 'v8']]);
  assert.ok(node.every((p) => /^sha256:[0-9a-f]{64}$/.test(p.digest) && p.digest !== hub.seeded.get('library/node:20')));

  const alpineList = await client.platforms(local('library/node:20-alpine'));
  assert.deepEqual(alpineList.map((p) => `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`), ['linux/amd64', 'linux/arm/v7']);

  assert.deepEqual(await client.platforms(local('library/alpine:3')),
    [{ os: 'linux', architecture: 'amd64', digest: hub.seeded.get('library/alpine:3.19.1') }]);
  assert.deepEqual(await client.platforms(local('team/app:1.9')),
    [{ os: 'linux', architecture: 'arm', variant: 'v7', digest: hub.seeded.get('team/app:1.9.0') }]);
});

test('pinTag finds the most specific version tag with the same variant', { skip }, async () => {
  const client = new RegistryClient({ maxRequests: 100 });
  const pin = async (name: string) => (await client.pinTag(local(name)))?.tag;
  assert.equal(await pin('library/node:20'), '20.11.1');
  assert.equal(await pin('library/node:20.11'), '20.11.1');
  assert.equal(await pin('library/node:latest'), '20.11.1');
  assert.equal(await pin('library/node:20-alpine'), '20.11.1-alpine');
  assert.equal(await pin('library/node:alpine'), '20.11.1-alpine');
  assert.equal(await pin('library/node:18'), '18.19.0');
  assert.equal(await pin('library/node:20.9'), '20.9.0');
  assert.equal(await pin('library/alpine:3'), '3.19.1');
  assert.equal(await pin('team/app:latest'), '1.10.0');
  const full = await client.pinTag(local('library/node:20'));
  assert.equal(full?.digest, hub.seeded.get('library/node:20.11.1'));
});

test('pinTag stays within the request budget', { skip }, async () => {
  const { calls, impl } = countingFetch();
  const client = new RegistryClient({ maxRequests: 3, fetchImpl: impl });
  // 1 HEAD for 20, 1 tag list, then only one candidate check is affordable: 20.11.1 is it.
  assert.equal((await client.pinTag(local('library/node:20')))?.tag, '20.11.1');
  assert.equal(calls.length, 3);
  const starved = new RegistryClient({ maxRequests: 2 });
  assert.equal(await starved.pinTag(local('library/node:latest')), null);
});

test('sameDigestTags lists every alias of a manifest', { skip }, async () => {
  const client = new RegistryClient({ maxRequests: 100 });
  assert.deepEqual(await client.sameDigestTags(local('library/node:20')), ['20', '20.11', '20.11.1', 'latest']);
  assert.deepEqual(await client.sameDigestTags(local('library/node:20-alpine')),
    ['20-alpine', '20.11-alpine', '20.11.1-alpine', 'alpine']);
});

test('missing repositories and tags are RegistryError 404', { skip }, async () => {
  const client = new RegistryClient();
  await assert.rejects(client.resolveDigest(local('library/node:99')), (e: unknown) => e instanceof RegistryError && e.status === 404);
  await assert.rejects(client.listTags(local('nobody/here:1')), (e: unknown) => e instanceof RegistryError && e.status === 404);
  await assert.rejects(client.platforms(local('library/node:99')), (e: unknown) => e instanceof RegistryError && e.status === 404);
});

test('second identical calls are served from memory, then from disk in a new client', { skip }, async () => {
  const cacheDir = join(tmp, 'cache');
  const first = countingFetch();
  const a = new RegistryClient({ cacheDir, fetchImpl: first.impl });
  const tags = await a.listTags(local('library/alpine:3'));
  const digest = await a.resolveDigest(local('library/alpine:3'));
  assert.equal(first.calls.length, 2);
  assert.deepEqual(await a.listTags(local('library/alpine:3')), tags);
  assert.deepEqual(await a.resolveDigest(local('library/alpine:3')), digest);
  assert.equal(first.calls.length, 2, 'memory cache hit makes no request');

  const files = (await readdir(cacheDir)).filter((f) => f.endsWith('.json'));
  assert.equal(files.length, 2);
  assert.ok(files.every((f) => /^[0-9a-f]{64}\.json$/.test(f)), 'file names are hashes');
  for (const f of files) JSON.parse(await readFile(join(cacheDir, f), 'utf8'));

  const second = countingFetch();
  const b = new RegistryClient({ cacheDir, fetchImpl: second.impl });
  assert.deepEqual(await b.listTags(local('library/alpine:3')), tags);
  assert.deepEqual(await b.resolveDigest(local('library/alpine:3')), digest);
  assert.equal(second.calls.length, 0, 'disk cache hit makes no request');

  const expired = countingFetch();
  const c = new RegistryClient({ cacheDir, cacheTtlMs: 0, fetchImpl: expired.impl });
  await c.listTags(local('library/alpine:3'));
  assert.equal(expired.calls.length, 1, 'expired entries are fetched again');
});
