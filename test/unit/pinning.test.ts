// Registry pins, moving tags, stale digests, hovers and tag order against a real `docker-registry`
// on loopback used as the Docker Hub mirror (so `FROM node` resolves there, as it would on Hub).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Finding } from '../../server/src/index';
import { applyEdits } from '../../server/src/core/text';
import { hoverAt } from '../../server/src/hover';
import { KNOWN_TAGS, KNOWN_TAGS_DATE } from '../../server/src/data/known-tags';
import {
  createFactsProvider, fixAllWithFacts, imagesOf, orderTagsNewestFirst, registryImageDetails,
  RegistryFactsProvider, tagCompletionContext, type RegistryFacts,
} from '../../server/src/pinning';
import { parseImageRef, RegistryClient } from '../../server/src/registry';
import { seededRegistryForFile } from '../support/registry/seeded-registry';
import { startHttpServer, TestServer } from '../support/registry/http-server';
import { df } from '../support/rules';

const hub = seededRegistryForFile();
const { skip } = hub;
let shared: RegistryFactsProvider | undefined;
/** One provider over the seeded registry for the whole file, made when a test first needs it. */
const seededProvider = () => (shared ??= createFactsProvider({ profile: 'editor', mirror: hub.registry.url }));

const digestOf = (repoTag: string): string => {
  const d = hub.seeded.get(repoTag);
  assert.ok(d, `seeded ${repoTag}`);
  return d;
};

/** Facts for every image of `text`, platforms and same-image tags included. */
async function factsFor(text: string, p = seededProvider()): Promise<RegistryFacts> {
  return p.lookup(imagesOf(analyze(text).model!), true);
}

function findings(text: string, facts: RegistryFacts, rule: string, lang: 'en' | 'ru' = 'en'): Finding[] {
  const analysis = analyze(text, { lang, context: { registryFacts: facts } });
  assert.deepEqual(analysis.ruleErrors, []);
  return analysis.findings.filter((f) => f.rule === rule);
}

const fixed = (text: string, f: Finding, i = 0) => applyEdits(text, f.fixes[i].edits);

test('FROM node (no tag): safe tag pin and digest pin from the registry', { skip }, async () => {
  const text = df('FROM node AS app', 'USER node');
  const [f] = findings(text, await factsFor(text), 'pin-image-tag');
  assert.deepEqual(f.fixes.map((x) => [x.title.replace(/sha256:[0-9a-f]{12}…/, 'sha256:…'), x.safe]), [
    ['Pin to `node:20.11.1`', true],
    ['Pin to digest `node:20.11.1@sha256:…`', true],
  ]);
  assert.match(f.message, /Today it is `node:20\.11\.1`/);
  assert.equal(fixed(text, f), df('FROM node:20.11.1 AS app', 'USER node'));
  assert.equal(fixed(text, f, 1), df(`FROM node:20.11.1@${digestOf('library/node:20.11.1')} AS app`, 'USER node'));
});

test('moving tags (node:20, alpine:3, node:20-alpine) get an info with both pins; exact tags do not', { skip }, async () => {
  const text = df('FROM node:20 AS a', 'FROM alpine:3 AS b', 'FROM node:20-alpine AS c', 'FROM node:20.11.1 AS d', 'FROM node:18.19.0');
  const facts = await factsFor(text);
  const moving = findings(text, facts, 'moving-tag');
  assert.deepEqual(moving.map((f) => [f.range.start.line, f.severity]), [[0, 'info'], [1, 'info'], [2, 'info']]);
  assert.match(moving[0].message, /today it is `node:20\.11\.1`/);
  assert.deepEqual(moving.map((f) => f.fixes.map((x) => x.safe)), [[true, true], [true, true], [true, true]]);
  assert.equal(fixed(text, moving[1]).split('\n')[1], 'FROM alpine:3.19.1 AS b');
  assert.equal(fixed(text, moving[2]).split('\n')[2], 'FROM node:20.11.1-alpine AS c');
  assert.equal(fixed(text, moving[0], 1).split('\n')[0], `FROM node:20.11.1@${digestOf('library/node:20.11.1')} AS a`);
  assert.deepEqual(findings(text, facts, 'pin-image-tag'), []);
});

test('a digest pin whose tag moved: info "a newer node:20.11 exists", unsafe fix updates tag and digest', { skip }, async () => {
  const old = digestOf('library/node:20.11.0');
  const text = df(`FROM node:20.11@${old}`, `FROM node:20.11@${digestOf('library/node:20.11.1')} AS current`);
  const [f, ...rest] = findings(text, await factsFor(text), 'stale-digest-pin');
  assert.equal(rest.length, 0, 'a digest that is still current is not reported');
  assert.equal(f.severity, 'info');
  assert.match(f.message, /A newer `node:20\.11` exists/);
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].safe, false, 'moving to a newer image changes the build: never applied by fix-all');
  assert.equal(fixed(text, f).split('\n')[0], `FROM node:20.11.1@${digestOf('library/node:20.11.1')}`);
});

test('variables: the pin goes into the ARG (tag-only ARG and whole-image ARG)', { skip }, async () => {
  const tagArg = df('ARG NODE_VERSION=20', 'FROM node:${NODE_VERSION}');
  const [f] = findings(tagArg, await factsFor(tagArg), 'moving-tag');
  assert.equal(f.fixes[0].title, 'Pin to `node:20.11.1` (sets ARG NODE_VERSION)');
  assert.equal(fixed(tagArg, f), df('ARG NODE_VERSION=20.11.1', 'FROM node:${NODE_VERSION}'));

  const latestArg = df('ARG NODE_TAG=latest', 'FROM node:${NODE_TAG}');
  const [p] = findings(latestArg, await factsFor(latestArg), 'pin-image-tag');
  assert.equal(fixed(latestArg, p), df('ARG NODE_TAG=20.11.1', 'FROM node:${NODE_TAG}'));

  const whole = df('ARG BASE=alpine:3', 'FROM $BASE');
  const [w] = findings(whole, await factsFor(whole), 'moving-tag');
  assert.equal(fixed(whole, w), df('ARG BASE=alpine:3.19.1', 'FROM $BASE'));
});

test('fix-all applies the registry tag pins and reaches a fixed point', { skip }, async () => {
  const text = df('FROM node AS build', 'FROM alpine:3', 'USER nobody');
  const out = fixAllWithFacts(text, { lang: 'en' }, await factsFor(text));
  assert.equal(out.text, df('FROM node:20.11.1 AS build', 'FROM alpine:3.19.1', 'USER nobody'));
  assert.equal(out.applied, 2);
});

test('hover: registry, repository, digest, platforms and the other tags of the same image', { skip }, async () => {
  const text = df('FROM node:20');
  const model = analyze(text).model!;
  const facts = await factsFor(text);
  const md = hoverAt(model, { line: 0, character: 6 }, 'en', registryImageDetails(model, facts))!.markdown;
  assert.ok(md.includes('**Registry:** docker\\.io'), md);
  assert.ok(md.includes('**Repository:** library/node'), md);
  assert.ok(md.includes(`\`${digestOf('library/node:20.11.1')}\``), md);
  assert.ok(md.includes('**Platforms:** `linux/amd64`, `linux/arm64/v8`'), md);
  assert.ok(md.includes('**Same image as:** `20.11`, `20.11.1`, `latest`'), md);
  assert.ok(md.includes('always name version tags explicitly'), 'the lecture quote is still there');
  assert.doesNotMatch(md, /unknown/, 'attestation entries are not platforms');
});

test('tag completion context and order: newest version first, plain before flavours, words last', { skip }, async () => {
  assert.deepEqual(tagCompletionContext('FROM --platform=linux/amd64 node:2'), { image: 'node', prefix: '2', startCharacter: 33 });
  assert.deepEqual(tagCompletionContext('  from localhost:5000/team/app:'), { image: 'localhost:5000/team/app', prefix: '', startCharacter: 31 });
  assert.equal(tagCompletionContext('FROM localhost:5000/team/app'), null, 'a port is not a tag');
  assert.equal(tagCompletionContext('FROM node:${V}'), null);
  assert.equal(tagCompletionContext('RUN node:'), null);
  const tags = await seededProvider().tags(parseImageRef('node')!, 3000);
  assert.deepEqual(orderTagsNewestFirst(tags), [
    '20.11.1', '20.11.1-alpine', '20.11.0', '20.11', '20.11-alpine', '20.9.0', '20.9', '20', '20-alpine',
    '18.19.0', '18.19', '18', 'alpine', 'latest',
  ]);
  assert.deepEqual(orderTagsNewestFirst(['1.9', '1.10', 'x](y)', 'v2']), ['v2', '1.10', '1.9'], 'junk from the wire is dropped');
});

test('rule settings and inline suppressions apply to the registry rules', { skip }, async () => {
  const text = df('FROM node:20', '# lecture-hints ignore=moving-tag', 'FROM alpine:3');
  const facts = await factsFor(text);
  assert.deepEqual(findings(text, facts, 'moving-tag').map((f) => f.range.start.line), [0]);
  assert.deepEqual(analyze(text, { rules: { 'moving-tag': 'off' }, context: { registryFacts: facts } }).findings.filter((f) => f.rule === 'moving-tag'), []);
  assert.equal(analyze(text, { rules: { 'moving-tag': 'warning' }, context: { registryFacts: facts } }).findings.find((f) => f.rule === 'moving-tag')?.severity, 'warning');
});

test('offline: no request, the table fix says it is offline and from the dated table', async () => {
  const offline = createFactsProvider({ profile: 'cli', offlineReason: 'offline' });
  const text = df('FROM node');
  const facts = await factsFor(text, offline);
  for (const lang of ['en', 'ru'] as const) {
    const [f] = findings(text, facts, 'pin-image-tag', lang);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].safe, false);
    assert.ok(f.fixes[0].title.includes(KNOWN_TAGS_DATE));
    assert.match(f.fixes[0].title, lang === 'en' ? /registry not asked: offline/ : /реестр не опрашивался: без сети/);
    assert.equal(fixed(text, f), df(`FROM node:${KNOWN_TAGS.node}`));
  }
  assert.deepEqual(findings(df('FROM node:20'), facts, 'moving-tag'), [], 'nothing is claimed about moving tags offline');
});

test('a registry that never answers: bounded wait, then the table fix names the failure', async () => {
  let dead: TestServer | undefined;
  try {
    dead = await startHttpServer(() => { /* never answers */ });
    const p = new RegistryFactsProvider({ client: new RegistryClient({ mirror: dead.url, timeoutMs: 300 }) });
    const started = Date.now();
    const facts = await p.lookupWithin(imagesOf(analyze(df('FROM node')).model!), 5000);
    assert.ok(Date.now() - started < 3000, 'gave up after the request timeout');
    const [f] = findings(df('FROM node'), facts, 'pin-image-tag');
    assert.match(f.fixes[0].title, /registry unavailable: timeout/);
    assert.ok(f.fixes[0].title.includes(KNOWN_TAGS_DATE));
    assert.equal(p.known(imagesOf(analyze(df('FROM node')).model!)).missing.length, 0, 'a failure is not retried on every keystroke');
  } finally {
    await dead?.stop();
  }
});
