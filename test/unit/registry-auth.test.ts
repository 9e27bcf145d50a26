// Basic (htpasswd) and token (Docker-style JWT) auth against real `docker-registry` instances.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageRef, parseImageRef, RegistryClient, RegistryError } from '../../server/src/registry';
import { RunningRegistry, startRegistry } from '../support/registry/registry-server';
import { DOCKER_MANIFEST, OCI_INDEX, Seeder } from '../support/registry/seed';
import { fetchToken, startTokenServer, TokenServer } from '../support/registry/token-server';
import { registrySkipReason } from '../support/registry/tools';

const skip = registrySkipReason();
const USER = { username: 'lecturer', password: 's3cret-Pa55word' };
const BASIC = 'Basic ' + Buffer.from(`${USER.username}:${USER.password}`).toString('base64');
const SECRETS = [USER.password, Buffer.from(`${USER.username}:${USER.password}`).toString('base64')];

let tmp = '';
let basicRegistry: RunningRegistry | undefined;
let tokens: TokenServer | undefined;
let tokenRegistry: RunningRegistry | undefined;
let basicDigest = '';
let tokenDigest = '';

before(async () => {
  if (skip) return;
  tmp = await mkdtemp(join(tmpdir(), 'registry-auth-test-'));
  basicRegistry = await startRegistry({ htpasswd: USER });
  const basicSeeder = new Seeder(basicRegistry.url, async () => BASIC);
  basicDigest = (await basicSeeder.image('library/alpine', DOCKER_MANIFEST, { os: 'linux', architecture: 'amd64' }, 'a', '3.19.1')).digest;
  await basicSeeder.retag('library/alpine', '3.19.1', ['3.19', '3']);

  tokens = await startTokenServer(USER);
  tokenRegistry = await startRegistry({ token: tokens });
  const ts = tokens;
  const tokenSeeder = new Seeder(tokenRegistry.url, (repo) => fetchToken(ts, repo, BASIC));
  tokenDigest = (await tokenSeeder.multi('library/node', OCI_INDEX, [{ os: 'linux', architecture: 'amd64' }], 'n', '20.11.1')).digest;
  await tokenSeeder.retag('library/node', '20.11.1', ['20']);
  await tokenSeeder.image('private/app', DOCKER_MANIFEST, { os: 'linux', architecture: 'amd64' }, 'p', '1.0.0');
});

after(async () => {
  await basicRegistry?.stop();
  await tokenRegistry?.stop();
  await tokens?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

let configCount = 0;
async function dockerConfig(content: object): Promise<string> {
  const path = join(tmp, `config-${++configCount}.json`);
  await writeFile(path, JSON.stringify(content));
  return path;
}

function ref(host: string, name: string): ImageRef & { tag: string } {
  return parseImageRef(`${host}/${name}`) as ImageRef & { tag: string };
}

function assertNoSecrets(text: string, where: string) {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${where} contains a credential`);
}

test('basic auth: without credentials the registry answers 401', { skip }, async () => {
  const client = new RegistryClient({ dockerConfigPath: join(tmp, 'absent.json') });
  await assert.rejects(client.listTags(ref(basicRegistry!.host, 'library/alpine:3')),
    (e: unknown) => e instanceof RegistryError && e.status === 401);
});

test('basic auth: "auth" entry for the host is used; nothing secret is logged or cached', { skip }, async () => {
  const auths = { [basicRegistry!.host]: { auth: Buffer.from(`${USER.username}:${USER.password}`).toString('base64') } };
  const logs: string[] = [];
  const cacheDir = join(tmp, 'basic-cache');
  const client = new RegistryClient({ dockerConfigPath: await dockerConfig({ auths }), cacheDir, log: (m) => logs.push(m) });
  const r = ref(basicRegistry!.host, 'library/alpine:3');
  assert.deepEqual(await client.listTags(r), ['3', '3.19', '3.19.1']);
  assert.equal((await client.resolveDigest(r)).digest, basicDigest);
  assert.equal((await client.pinTag(r))?.tag, '3.19.1');
  assert.ok(logs.length > 0);
  assertNoSecrets(logs.join('\n'), 'log');
  for (const f of await readdir(cacheDir)) assertNoSecrets(await readFile(join(cacheDir, f), 'utf8'), `cache file ${f}`);
});

test('basic auth: username/password fields work, a key for another host does not', { skip }, async () => {
  const good = new RegistryClient({
    dockerConfigPath: await dockerConfig({ auths: { [`http://${basicRegistry!.host}`]: { username: USER.username, password: USER.password } } }),
  });
  assert.equal((await good.resolveDigest(ref(basicRegistry!.host, 'library/alpine:3.19'))).digest, basicDigest);

  const otherHost = basicRegistry!.host.replace('127.0.0.1', 'localhost');
  const wrong = new RegistryClient({ dockerConfigPath: await dockerConfig({ auths: { [otherHost]: { auth: BASIC.slice(6) } } }) });
  await assert.rejects(wrong.resolveDigest(ref(basicRegistry!.host, 'library/alpine:3')),
    (e: unknown) => e instanceof RegistryError && e.status === 401);
});

test('token auth: anonymous bearer token, reused across calls', { skip }, async () => {
  tokens!.requests.length = 0;
  const client = new RegistryClient({ dockerConfigPath: join(tmp, 'absent.json') });
  const r = ref(tokenRegistry!.host, 'library/node:20');
  assert.deepEqual(await client.listTags(r), ['20', '20.11.1']);
  assert.deepEqual(await client.resolveDigest(r), { digest: tokenDigest, mediaType: OCI_INDEX });
  assert.deepEqual((await client.platforms(r)).map((p) => p.architecture), ['amd64']);
  assert.equal(tokens!.requests.length, 1, 'one token serves every pull of the repository');
  const q = new URL(tokens!.requests[0].url, 'http://x').searchParams;
  assert.equal(q.get('service'), tokens!.service);
  assert.deepEqual(q.getAll('scope'), ['repository:library/node:pull']);
  assert.equal(tokens!.requests[0].headers.authorization, undefined);
});

test('token auth: credentials for the registry never go to a realm on another host', { skip }, async () => {
  tokens!.requests.length = 0;
  const auths = { [tokenRegistry!.host]: { auth: BASIC.slice(6) } };
  const client = new RegistryClient({ dockerConfigPath: await dockerConfig({ auths }) });
  // The realm is 127.0.0.1:<other port>: a different host, so the token is asked for anonymously
  // and the anonymous token carries no access to private/ — the pull is denied.
  await assert.rejects(client.resolveDigest(ref(tokenRegistry!.host, 'private/app:1.0.0')),
    (e: unknown) => e instanceof RegistryError && e.status === 401);
  assert.ok(tokens!.requests.length >= 1);
  for (const r of tokens!.requests) assert.equal(r.headers.authorization, undefined);
});
