// "Know the base image": config blobs (user, env, entrypoint, history, layer sizes) from a real
// `docker-registry` on loopback, used as the Docker Hub mirror, with images this file pushes itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { analyze, type Finding } from '../../server/src/index';
import { hoverAt } from '../../server/src/hover';
import {
  baseImageLayers, imagesOf, registryImageDetails, RegistryFactsProvider, type ImageFacts, type RegistryFacts,
} from '../../server/src/pinning';
import { MAX_CONFIG_BYTES, RegistryClient, RegistryError, parseImageRef } from '../../server/src/registry';
import {
  baseCmd, baseCreated, baseDownloadSize, baseEntrypoint, baseEnv, baseExposedPorts, baseUser, baseWorkdir, slimVariantSize,
} from '../../server/src/rules/support/base-image';
import { STALE_AFTER_DAYS } from '../../server/src/rules/stale-base-image';
import { seededRegistryForFile } from '../support/registry/seeded-registry';
import { pushConfigImage, pushConfigIndex, DOCKER_MANIFEST, type PushedImage } from '../support/registry/config-images';
import { Seeder } from '../support/registry/seed';
import { startHttpServer } from '../support/registry/http-server';
import { df } from '../support/rules';

const hub = seededRegistryForFile();
const { skip } = hub;
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

let python: { digest: string; children: PushedImage[] };
let slim: PushedImage;
const HOSTILE_USER = '`<img src=x onerror=alert(1)>`[x](command:evil)';

let seeding: Promise<void> | undefined;
/** The images of this file, pushed once, when the first test needs them (after the registry started). */
const pushed = () => (seeding ??= pushImages());

async function pushImages(): Promise<void> {
  const seeder = new Seeder(hub.registry.url);
  python = await pushConfigIndex(seeder, 'library/python', '3.12', [
    {
      platform: AMD64,
      created: '2020-03-01T10:00:00Z',
      config: {
        Env: ['PATH=/usr/local/bin:/usr/bin', 'PYTHON_VERSION=3.12.1'], Cmd: ['python3'], WorkingDir: '/srv',
        ExposedPorts: { '8000/tcp': {} }, Labels: { maintainer: 'test' },
      },
      history: [
        { created_by: '/bin/sh -c #(nop) ADD file:abc in / ', created: '2020-02-01T00:00:00Z' },
        { created_by: '/bin/sh -c #(nop)  ENV PYTHON_VERSION=3.12.1', empty_layer: true },
        { created_by: 'RUN /bin/sh -c apt-get update && apt-get install -y python3 # buildkit' },
        { created_by: '/bin/sh -c #(nop)  CMD ["python3"]', empty_layer: true },
      ],
      layerBytes: [30_000, 50_000],
    },
    { platform: ARM64, created: '2020-03-01T10:00:00Z', config: { User: 'armuser', Env: ['PATH=/usr/bin'] }, layerBytes: [1000] },
  ]);
  slim = await pushConfigImage(seeder, 'library/python', {
    platform: AMD64, created: daysAgo(10), config: { Env: ['PATH=/usr/bin', 'PIP_NO_CACHE_DIR=1'], Cmd: ['python3'] }, layerBytes: [5000],
  }, '3.12-slim', DOCKER_MANIFEST);
  await pushConfigImage(seeder, 'team/hostile', {
    platform: AMD64, created: daysAgo(3), config: { User: HOSTILE_USER, Entrypoint: ['a`b', '**x**'], ExposedPorts: { '80/tcp': {} } }, layerBytes: [100],
  }, '1');
  await pushConfigImage(seeder, 'team/epoch', { platform: AMD64, created: '1970-01-01T00:00:00Z', config: {}, layerBytes: [100] }, '1');
  await pushConfigImage(seeder, 'team/big', {
    platform: AMD64, config: {}, layerBytes: [100], extra: { padding: 'x'.repeat(MAX_CONFIG_BYTES + 10) },
  }, '1');
}

/** A provider of its own per test, with a budget large enough for the whole test. */
function provider(): RegistryFactsProvider {
  return new RegistryFactsProvider({ client: new RegistryClient({ mirror: hub.registry.url, maxRequests: 400 }) });
}

async function factsFor(text: string): Promise<RegistryFacts> {
  return provider().lookup(imagesOf(analyze(text).model!), true);
}

function findings(text: string, facts: RegistryFacts | undefined, rule: string): Finding[] {
  const analysis = analyze(text, { context: { registryFacts: facts } });
  assert.deepEqual(analysis.ruleErrors, []);
  return analysis.findings.filter((f) => f.rule === rule);
}

const local = (repoTag: string) => `${hub.registry.host}/${repoTag}`;

test('facts carry the config of the build platform: user, env, cmd, workdir, ports, history, compressed layer sizes', { skip }, async () => {
  await pushed();
  const facts = await factsFor(df('FROM python:3.12', 'FROM --platform=linux/arm64 python:3.12 AS arm'));
  const entry = facts['docker.io/library/python:3.12'] as ImageFacts;
  assert.deepEqual(Object.keys(entry.config ?? {}).sort(), ['linux/amd64', 'linux/arm64'], 'one look-up, both platforms');
  const amd = entry.config!['linux/amd64'];
  assert.equal(amd.platform, 'linux/amd64');
  assert.equal(amd.manifestDigest, python.children[0].digest);
  assert.equal(amd.user, '');
  assert.deepEqual(amd.env, ['PATH=/usr/local/bin:/usr/bin', 'PYTHON_VERSION=3.12.1']);
  assert.deepEqual(amd.cmd, ['python3']);
  assert.equal(amd.entrypoint, null);
  assert.equal(amd.workingDir, '/srv');
  assert.deepEqual(amd.exposedPorts, ['8000/tcp']);
  assert.deepEqual(amd.labels, { maintainer: 'test' });
  assert.equal(amd.created, '2020-03-01T10:00:00Z');
  assert.deepEqual(amd.history.map((h) => h.emptyLayer), [false, true, false, true]);
  assert.deepEqual(amd.layers.map((l) => l.size), python.children[0].layerSizes);
  assert.equal(amd.downloadSize, python.children[0].layerSizes[0] + python.children[0].layerSizes[1]);
  assert.equal(entry.config!['linux/arm64'].user, 'armuser', 'arm64 without a variant picks the v8 entry');
  assert.equal(entry.config!['linux/arm64'].platform, 'linux/arm64/v8');
});

test('the slim variant of a final-image base is looked up too (config only) and sizes both', { skip }, async () => {
  await pushed();
  const text = df('FROM python:3.12');
  const lookups = imagesOf(analyze(text).model!);
  assert.deepEqual(lookups.map((l) => [l.key, l.configOnly === true]), [
    ['docker.io/library/python:3.12', false], ['docker.io/library/python:3.12-slim', true],
  ]);
  const facts = await provider().lookup(lookups);
  const model = analyze(text).model!;
  const sizes = slimVariantSize(model, model.stages[0], facts)!;
  assert.equal(sizes.variant, 'python:3.12-slim');
  assert.deepEqual([sizes.base.source, sizes.slim.source], ['registry', 'registry']);
  assert.equal(sizes.slim.value.bytes, slim.layerSizes[0]);
  assert.equal(sizes.base.value.approximate, false);
  const builder = analyze(df('FROM python:3.12 AS build', 'FROM alpine:3')).model!;
  assert.ok(!imagesOf(builder).some((l) => l.key.endsWith('-slim')), 'a builder stage does not reach the image: no slim look-up');
});

test('accessors read the registry config, and fall back to the table without facts', { skip }, async () => {
  await pushed();
  const text = df('FROM python:3.12 AS py', 'FROM scratch AS empty', 'FROM py AS child', 'USER app');
  const facts = await factsFor(text);
  const model = analyze(text).model!;
  const [py, , child] = model.stages;
  assert.deepEqual(baseUser(model, py, facts), { value: '', source: 'registry' });
  const env = baseEnv(model, py, facts)!;
  assert.equal(env.value.complete, true);
  assert.equal(env.value.vars.get('PYTHON_VERSION'), '3.12.1');
  assert.deepEqual(baseCmd(model, py, facts)?.value, ['python3']);
  assert.deepEqual(baseEntrypoint(model, py, facts)?.value, null);
  assert.equal(baseWorkdir(model, py, facts)?.value, '/srv');
  assert.deepEqual(baseExposedPorts(model, py, facts)?.value, ['8000/tcp']);
  assert.equal(baseCreated(py, facts)?.value, '2020-03-01T10:00:00Z');
  assert.equal(baseDownloadSize(model, py, facts)?.source, 'registry');
  // `FROM py`: the first stage's facts flow through.
  assert.equal(baseWorkdir(model, child, facts)?.value, '/srv');
  // No facts: the dated table, which does not know this image's WORKDIR of /srv.
  const table = baseWorkdir(model, py, undefined)!;
  assert.deepEqual([table.source, table.asOf], ['table', '2026-11-01']);
  assert.equal(table.value, '');
  assert.equal(baseCreated(py, undefined), null, 'a table cannot know when a tag was built');
});

test('stale-base-image: a tag last built years ago, with its age; not for fresh, epoch-dated or digest-pinned images', { skip }, async () => {
  await pushed();
  const text = df('FROM python:3.12 AS build', `FROM ${local('team/epoch:1')} AS epoch`, 'FROM python:3.12-slim');
  const facts = await factsFor(text);
  const found = findings(text, facts, 'stale-base-image');
  assert.equal(found.length, 1);
  const [f] = found;
  assert.equal(f.range.start.line, 0);
  assert.equal(f.severity, 'hint', 'a builder stage only gets a hint');
  assert.ok(f.beyondLecture);
  const days = Math.floor((Date.now() - Date.parse('2020-03-01T10:00:00Z')) / DAY);
  assert.ok(days > STALE_AFTER_DAYS);
  assert.match(f.message, new RegExp(`built on 2020-03-01, ${days} days ago`));
  const final = df('FROM python:3.12');
  assert.equal(findings(final, await factsFor(final), 'stale-base-image')[0].severity, 'info');
  const pinned = df(`FROM python:3.12@${python.digest}`);
  assert.deepEqual(findings(pinned, await factsFor(pinned), 'stale-base-image'), [], 'an old digest pin is the point of pinning');
  assert.deepEqual(findings(final, undefined, 'stale-base-image'), [], 'offline: silent');
});

test('hover: download size (compressed), layers, build date, user, start command, ports; hostile strings escaped', { skip }, async () => {
  await pushed();
  const text = df('FROM python:3.12', `FROM ${local('team/hostile:1')}`);
  const facts = await factsFor(text);
  const model = analyze(text).model!;
  const md = hoverAt(model, { line: 0, character: 6 }, 'en', registryImageDetails(model, facts))!.markdown;
  const kb = Math.round(python.children[0].layerSizes.reduce((a, b) => a + b) / 1e3);
  assert.ok(md.includes(`**Download:** ${kb} kB compressed (linux/amd64, 2 layers)`), md);
  assert.match(md, /\*\*Built:\*\* 2020-03-01 \(\d+ days ago\)/);
  assert.ok(md.includes('**User:** root (no USER set)'), md);
  assert.ok(md.includes('**Starts:** ENTRYPOINT —, CMD \\["python3"\\]'), md);
  assert.ok(md.includes('**WORKDIR:** /srv'), md);
  assert.ok(md.includes('**Exposes:** 8000/tcp'), md);
  assert.ok(md.includes('**Platforms:** `linux/amd64`, `linux/arm64/v8`'), md);
  const ru = hoverAt(model, { line: 0, character: 6 }, 'ru', registryImageDetails(model, facts))!.markdown;
  assert.ok(ru.includes('в сжатом виде'), ru);

  const hostile = hoverAt(model, { line: 1, character: 6 }, 'en', registryImageDetails(model, facts))!.markdown;
  assert.ok(!hostile.includes('<img'), hostile);
  assert.ok(!hostile.includes('](command:'), hostile);
  assert.ok(hostile.includes('\\`&lt;img src=x onerror=alert\\(1\\)\\>\\`\\[x\\]\\(command:evil\\)'), hostile);
  assert.ok(hostile.includes('a\\`b') && hostile.includes('\\*\\*x\\*\\*'), hostile);
});

test('layers data: the history with compressed sizes, config-only entries marked', { skip }, async () => {
  await pushed();
  const text = df('FROM python:3.12');
  const facts = await factsFor(text);
  const model = analyze(text).model!;
  const layers = baseImageLayers(model.stages[0], facts)!;
  assert.equal(layers.image, 'python:3.12');
  assert.equal(layers.platform, 'linux/amd64');
  assert.equal(layers.layerCount, 2);
  assert.deepEqual(layers.layers.map((l) => [l.configOnly, l.size]), [
    [false, python.children[0].layerSizes[0]], [true, null], [false, python.children[0].layerSizes[1]], [true, null],
  ]);
  assert.match(layers.layers[2].createdBy, /^RUN \/bin\/sh -c apt-get update/);
  assert.equal(JSON.stringify(JSON.parse(JSON.stringify(layers))), JSON.stringify(layers), 'plain JSON');
  assert.equal(baseImageLayers(model.stages[0], undefined), null, 'offline: no history to show');
});

test('limits: a config blob over 1 MiB is refused; the pins still work', { skip }, async () => {
  await pushed();
  const text = df(`FROM ${local('team/big:1')}`);
  const facts = await factsFor(text);
  const entry = facts[`${hub.registry.host}/team/big:1`] as ImageFacts;
  assert.ok(entry.digest.startsWith('sha256:'), 'the pin facts are there');
  assert.equal(entry.config, undefined);
  assert.match(entry.configError ?? '', /larger than 1048576/);
});

test('limits: a blob that does not match its digest, or is bigger than declared, is refused', async () => {
  const good = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', config: { User: 'good' } }));
  const evil = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', config: { User: 'evil' } }));
  const huge = Buffer.alloc(MAX_CONFIG_BYTES + 100, 0x20);
  const digest = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');
  const manifestFor = (config: string, size: number) => Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: { mediaType: 'application/vnd.docker.container.image.v1+json', size, digest: config }, layers: [],
  }));
  const manifests: Record<string, Buffer> = { swapped: manifestFor(digest(good), good.length), lying: manifestFor(digest(huge), 10) };
  const server = await startHttpServer((req, res) => {
    const url = req.url ?? '';
    const m = /\/manifests\/(\w+)$/.exec(url);
    if (m && manifests[m[1]]) {
      res.setHeader('content-type', DOCKER_MANIFEST);
      res.setHeader('docker-content-digest', digest(manifests[m[1]]));
      res.end(manifests[m[1]]);
    } else if (url.endsWith(digest(good))) {
      res.end(evil); // a registry or CDN substituting the content
    } else if (url.endsWith(digest(huge))) {
      res.end(huge);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  try {
    const client = new RegistryClient({ mirror: server.url });
    await assert.rejects(client.imageConfig(parseImageRef('x/swapped:swapped')!, 'linux/amd64'), (e: unknown) => e instanceof RegistryError && /digest mismatch/.test(e.message));
    await assert.rejects(client.imageConfig(parseImageRef('x/lying:lying')!, 'linux/amd64'), (e: unknown) => e instanceof RegistryError && /larger than 1048576/.test(e.message));
  } finally {
    await server.stop();
  }
});

test('no network when offline: the accessors answer from the table, dated', async () => {
  const offline = new RegistryFactsProvider({ offlineReason: 'untrusted' });
  const text = df('FROM node:20');
  const facts = await offline.lookup(imagesOf(analyze(text).model!));
  const model = analyze(text).model!;
  const size = baseDownloadSize(model, model.stages[0], facts)!;
  assert.deepEqual([size.source, size.asOf, size.value.approximate], ['table', '2026-11-01', true]);
  const md = hoverAt(model, { line: 0, character: 6 }, 'en', registryImageDetails(model, facts))!.markdown;
  assert.ok(md.includes('**Download:** about 390 MB as of 2026-11-01 compressed (linux/amd64)'), md);
  assert.ok(md.includes('the image has a user node \\(uid 1000\\)') || md.includes('the image has a user node (uid 1000)'), md);
  assert.ok(md.includes('from the bundled table as of 2026-11-01'), md);
});
