// Where credentials may and may not go: imitation registries on loopback, and a stubbed
// fetch for Docker Hub hosts (no real network). Needs no docker-registry binary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageRef, parseImageRef, RegistryClient, RegistryError } from '../../server/src/registry';
import { startHttpServer, TestServer } from '../support/registry/http-server';

const USER = 'student:hunter2-pass';
const BASIC = 'Basic ' + Buffer.from(USER).toString('base64');
let tmp = '';
const servers: TestServer[] = [];

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'registry-leak-test-'));
});
after(async () => {
  for (const s of servers) await s.stop();
  await rm(tmp, { recursive: true, force: true });
});

async function serve(handler: Parameters<typeof startHttpServer>[0], host?: string) {
  const s = await startHttpServer(handler, host);
  servers.push(s);
  return s;
}

async function configFor(keys: string[]): Promise<string> {
  const auths = Object.fromEntries(keys.map((k) => [k, { auth: Buffer.from(USER).toString('base64') }]));
  const path = join(tmp, `config-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify({ auths }));
  return path;
}

const tagsBody = JSON.stringify({ name: 'team/app', tags: ['1.0.0', '1'] });

/** A registry imitation demanding `Bearer good-token`, pointing clients at `realm()`. */
function bearerRegistry(realm: () => string) {
  return serve((req, res) => {
    if (req.headers.authorization !== 'Bearer good-token') {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm()}",service="fake",scope="repository:team/app:pull"` });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(tagsBody);
  });
}

function tokenEndpoint(requireBasic: boolean): Parameters<typeof startHttpServer>[0] {
  return (req, res) => {
    if (requireBasic && req.headers.authorization !== BASIC) {
      res.writeHead(401);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: 'good-token', expires_in: 300 }));
  };
}

test('token realm on the same host gets the basic credentials', async () => {
  let self: TestServer | undefined;
  const token = tokenEndpoint(true);
  self = await serve((req, res, s) => {
    if (req.url?.startsWith('/token')) return token(req, res, s);
    if (req.headers.authorization !== 'Bearer good-token') {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${self!.url}/token",service="fake"` });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(tagsBody);
  });
  const client = new RegistryClient({ dockerConfigPath: await configFor([self.host]) });
  assert.deepEqual(await client.listTags(parseImageRef(`${self.host}/team/app`)!), ['1', '1.0.0']);
  const tokenReq = self.requests.find((r) => r.url.startsWith('/token'));
  assert.equal(tokenReq?.headers.authorization, BASIC);
  assert.match(tokenReq!.url, /scope=repository%3Ateam%2Fapp%3Apull/);
});

test('token realm on another host name is asked anonymously', async () => {
  const realm = await serve(tokenEndpoint(false), 'localhost');
  const registry = await bearerRegistry(() => `http://${realm.host}/token`);
  const client = new RegistryClient({ dockerConfigPath: await configFor([registry.host, `http://${registry.host}`]) });
  const app = parseImageRef(`${registry.host}/team/app:1`)!;
  // Two calls in parallel share one token request.
  const [tags] = await Promise.all([client.listTags(app), client.resolveDigest(app)]);
  assert.deepEqual(tags, ['1', '1.0.0']);
  assert.equal(realm.requests.length, 1);
  assert.equal(realm.requests[0].headers.authorization, undefined);
  assert.ok(registry.requests.every((r) => !r.headers.authorization?.startsWith('Basic')));
});

test('a mirror never receives Docker Hub credentials', async () => {
  const mirror = await serve((_req, res) => {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="mirror"' });
    res.end();
  });
  const client = new RegistryClient({
    mirror: mirror.url,
    dockerConfigPath: await configFor(['https://index.docker.io/v1/', 'docker.io', 'registry-1.docker.io']),
  });
  await assert.rejects(client.listTags(parseImageRef('node:20')!), (e: unknown) => e instanceof RegistryError && e.status === 401);
  assert.equal(mirror.requests.length, 1);
  assert.ok(mirror.requests.every((r) => r.headers.authorization === undefined));
});

test('Docker Hub credentials go to auth.docker.io over https, then a bearer token to the registry', async () => {
  const seen: { url: string; auth: string | null }[] = [];
  const fake: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const auth = new Headers(init?.headers).get('authorization');
    seen.push({ url: url.origin + url.pathname, auth });
    if (url.host === 'auth.docker.io') return Response.json({ token: 'hub-token' });
    if (auth !== 'Bearer hub-token') {
      return new Response(null, { status: 401, headers: {
        'www-authenticate': 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"',
      } });
    }
    return Response.json({ name: 'library/node', tags: ['20'] });
  };
  const client = new RegistryClient({ fetchImpl: fake, dockerConfigPath: await configFor(['https://index.docker.io/v1/']) });
  assert.deepEqual(await client.listTags(parseImageRef('node')!), ['20']);
  assert.deepEqual(seen, [
    { url: 'https://registry-1.docker.io/v2/library/node/tags/list', auth: null },
    { url: 'https://auth.docker.io/token', auth: BASIC },
    { url: 'https://registry-1.docker.io/v2/library/node/tags/list', auth: 'Bearer hub-token' },
  ]);
});

test('insecure realms and mirrors are refused before any request is made', async () => {
  const seen: string[] = [];
  const fake: typeof fetch = async (input) => {
    seen.push(String(input));
    return new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="http://evil.example/token"' } });
  };
  const client = new RegistryClient({ fetchImpl: fake, dockerConfigPath: await configFor(['ghcr.io']) });
  await assert.rejects(client.listTags(parseImageRef('ghcr.io/team/app:1')!), /insecure token realm/);
  assert.deepEqual(seen, ['https://ghcr.io/v2/team/app/tags/list?n=1000']);

  const mirrored = new RegistryClient({ fetchImpl: fake, mirror: 'http://10.0.0.8:5000' });
  await assert.rejects(mirrored.listTags(parseImageRef('node')!), /mirror must use https/);
  assert.equal(seen.length, 1);
});

test('credsStore / credHelpers are ignored: no credentials are sent', async () => {
  const registry = await serve((_req, res) => {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' });
    res.end();
  });
  const path = join(tmp, 'helpers.json');
  await writeFile(path, JSON.stringify({ credsStore: 'desktop', credHelpers: { [registry.host]: 'pass' }, auths: { [registry.host]: {} } }));
  const client = new RegistryClient({ dockerConfigPath: path });
  await assert.rejects(client.listTags(parseImageRef(`${registry.host}/team/app`)!), (e: unknown) => e instanceof RegistryError && e.status === 401);
  assert.ok(registry.requests.every((r) => r.headers.authorization === undefined));
});

test('a blob redirect to another origin does not carry the Authorization header', async () => {
  const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'riscv64' }));
  const configDigest = 'sha256:' + createHash('sha256').update(config).digest('hex');
  const storage = await serve((_req, res) => res.end(config), 'localhost');
  const manifest = JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest }, layers: [],
  });
  const registry = await serve((req, res) => {
    if (req.headers.authorization !== BASIC) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' });
      return res.end();
    }
    if (req.url?.includes('/blobs/')) {
      res.writeHead(307, { location: `${storage.url}/storage/blob?sig=abc` });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' });
    res.end(manifest);
  });
  const client = new RegistryClient({ dockerConfigPath: await configFor([registry.host]) });
  const ref = parseImageRef(`${registry.host}/team/app:1`) as ImageRef;
  const [p] = await client.platforms(ref);
  assert.equal(p.architecture, 'riscv64');
  assert.equal(storage.requests.length, 1);
  assert.equal(storage.requests[0].headers.authorization, undefined);
});
