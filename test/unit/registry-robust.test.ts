// Misbehaving registries (429, quota, hangs, garbage, 404, paging, odd HEAD answers),
// the request budget and offline mode. Imitation servers on loopback; no docker-registry needed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ImageRef, OfflineError, parseImageRef, RegistryClient, RegistryError } from '../../server/src/registry';
import { Handler, startHttpServer, TestServer } from '../support/registry/http-server';

const servers: TestServer[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

async function serve(handler: Handler): Promise<{ server: TestServer; ref: (name: string) => ImageRef & { tag: string } }> {
  const server = await startHttpServer(handler);
  servers.push(server);
  return { server, ref: (name) => parseImageRef(`${server.host}/${name}`) as ImageRef & { tag: string } };
}

function json(res: import('node:http').ServerResponse, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const isStatus = (status: number) => (e: unknown) => e instanceof RegistryError && e.status === status;

test('429 gives retryAfterMs and the host is left alone until then', async () => {
  const { server, ref } = await serve((_req, res) => {
    res.writeHead(429, { 'retry-after': '30' });
    res.end('slow down');
  });
  const client = new RegistryClient();
  await assert.rejects(client.listTags(ref('team/app:1')), (e: unknown) =>
    e instanceof RegistryError && e.status === 429 && e.retryAfterMs === 30_000);
  await assert.rejects(client.resolveDigest(ref('team/app:1')), (e: unknown) =>
    e instanceof RegistryError && e.status === 429 && (e.retryAfterMs ?? 0) > 25_000);
  assert.equal(server.requests.length, 1, 'no request after the 429');
});

test('ratelimit-remaining: 0 stops further requests to that host', async () => {
  const { server, ref } = await serve((_req, res) => json(res, { tags: ['1'] }, { 'ratelimit-remaining': '0;w=21600' }));
  const client = new RegistryClient();
  assert.deepEqual(await client.listTags(ref('team/app:1')), ['1']);
  await assert.rejects(client.listTags(ref('team/other:1')), isStatus(429));
  assert.equal(server.requests.length, 1);
});

test('a hanging server ends in a timeout RegistryError, quickly', async () => {
  const { ref } = await serve(() => undefined); // never answers
  const started = Date.now();
  await assert.rejects(new RegistryClient({ timeoutMs: 200 }).listTags(ref('team/app:1')), /timeout/);
  assert.ok(Date.now() - started < 2000);
});

test('a body that stalls after the headers also times out', async () => {
  const { ref } = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"tags":[');
  });
  await assert.rejects(new RegistryClient({ timeoutMs: 200 }).listTags(ref('team/app:1')),
    (e: unknown) => e instanceof RegistryError && /timeout/.test(e.message));
});

test('garbage bodies are RegistryErrors, not crashes', async () => {
  const { ref } = await serve((req, res) => {
    res.writeHead(200, { 'content-type': req.url?.includes('/manifests/') ? 'application/vnd.oci.image.index.v1+json' : 'application/json' });
    res.end(req.url?.includes('/tags/') ? '<html>not json' : '{"manifests": "nope"}');
  });
  const client = new RegistryClient();
  await assert.rejects(client.listTags(ref('team/app:1')), RegistryError);
  await assert.rejects(client.platforms(ref('team/app:1')), RegistryError);
  const { ref: ref2 } = await serve((_req, res) => json(res, { tags: 'all of them' }));
  await assert.rejects(new RegistryClient().listTags(ref2('team/app:1')), RegistryError);
});

test('404 is a RegistryError with status 404', async () => {
  const { ref } = await serve((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"errors":[{"code":"NAME_UNKNOWN"}]}');
  });
  const client = new RegistryClient();
  await assert.rejects(client.listTags(ref('team/app:1')), isStatus(404));
  await assert.rejects(client.resolveDigest(ref('team/app:1')), isStatus(404));
});

test('a closed port is a RegistryError', async () => {
  const { server, ref } = await serve(() => undefined);
  const r = ref('team/app:1');
  await server.stop();
  servers.splice(servers.indexOf(server), 1);
  await assert.rejects(new RegistryClient().listTags(r), RegistryError);
});

test('tag pages follow Link headers (relative and absolute), de-duplicated, same origin only', async () => {
  const { server, ref } = await serve((req, res, self) => {
    const url = new URL(req.url ?? '/', self.url);
    const last = url.searchParams.get('last');
    if (!last) return json(res, { tags: ['1.9', 'latest', '1.10'] }, { link: '</v2/team/app/tags/list?n=3&last=1.10>; rel="next"' });
    if (last === '1.10') return json(res, { tags: ['1.10', '2'] }, { link: `<${self.url}/v2/team/app/tags/list?n=3&last=2>; rel="next"` });
    // The last page tries to send the client (and its credentials) elsewhere.
    return json(res, { tags: ['1.2'] }, { link: '<http://localhost:1/v2/team/app/tags/list?last=x>; rel="next"' });
  });
  assert.deepEqual(await new RegistryClient().listTags(ref('team/app:1')), ['1.2', '1.9', '1.10', '2', 'latest']);
  assert.equal(server.requests.length, 3);
  assert.match(server.requests[0].url, /^\/v2\/team\/app\/tags\/list\?n=\d+$/);
});

test('HEAD without Docker-Content-Digest falls back to GET and hashes the body', async () => {
  const body = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'sha256:' + 'a'.repeat(64) }, layers: [] });
  const { server, ref } = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  const got = await new RegistryClient().resolveDigest(ref('team/app:1'));
  assert.equal(got.digest, 'sha256:' + createHash('sha256').update(body).digest('hex'));
  assert.equal(got.mediaType, 'application/vnd.oci.image.manifest.v1+json');
  assert.deepEqual(server.requests.map((r) => r.method), ['HEAD', 'GET']);
  const types = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'];
  for (const r of server.requests) {
    for (const t of types) assert.ok(String(r.headers.accept).includes(t), `Accept lacks ${t}`);
  }
});

test('HEAD answered 405 falls back to GET and its digest header, which must match the body', async () => {
  const body = '{"schemaVersion":2}';
  const right = 'sha256:' + createHash('sha256').update(body).digest('hex');
  const { server, ref } = await serve((req, res) => {
    if (req.method === 'HEAD') {
      res.writeHead(405);
      return res.end();
    }
    const lying = req.url?.endsWith('/manifests/2');
    res.writeHead(200, { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json', 'docker-content-digest': lying ? 'sha256:' + 'b'.repeat(64) : right });
    res.end(body);
  });
  const client = new RegistryClient();
  assert.deepEqual(await client.resolveDigest(ref('team/app:1')), { digest: right, mediaType: 'application/vnd.docker.distribution.manifest.v2+json' });
  assert.deepEqual(server.requests.map((r) => r.method), ['HEAD', 'GET']);
  await assert.rejects(client.resolveDigest(ref('team/app:2')), /digest mismatch/);
});

test('the request budget is enforced per client', async () => {
  const { server, ref } = await serve((_req, res) => json(res, { tags: ['1'] }));
  const client = new RegistryClient({ maxRequests: 2 });
  await client.listTags(ref('a/one:1'));
  await client.listTags(ref('a/two:1'));
  await assert.rejects(client.listTags(ref('a/three:1')), (e: unknown) => e instanceof RegistryError && e.message === 'budget');
  assert.equal(server.requests.length, 2);
  const windowed = new RegistryClient({ maxRequests: 1, budgetWindowMs: 50 });
  await windowed.listTags(ref('b/one:1'));
  await assert.rejects(windowed.listTags(ref('b/two:1')), /budget/);
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(await windowed.listTags(ref('b/two:1')), ['1'], 'a new window has a new budget');
});

test('identical concurrent calls share one request', async () => {
  const { server, ref } = await serve((_req, res) => setTimeout(() => json(res, { tags: ['1'] }), 50));
  const client = new RegistryClient();
  const results = await Promise.all([1, 2, 3].map(() => client.listTags(ref('team/app:1'))));
  assert.deepEqual(results, [['1'], ['1'], ['1']]);
  assert.equal(server.requests.length, 1);
});

test('offline: every call rejects with OfflineError without touching the network', async () => {
  let calls = 0;
  const client = new RegistryClient({ offline: true, fetchImpl: async () => { calls++; return new Response(); } });
  const ref = parseImageRef('node:20') as ImageRef & { tag: string };
  const started = Date.now();
  await assert.rejects(client.listTags(ref), OfflineError);
  await assert.rejects(client.resolveDigest(ref), OfflineError);
  await assert.rejects(client.platforms(ref), OfflineError);
  await assert.rejects(client.pinTag(ref), OfflineError);
  await assert.rejects(client.sameDigestTags(ref), OfflineError);
  assert.equal(calls, 0);
  assert.ok(Date.now() - started < 200);
});
