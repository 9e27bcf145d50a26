import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';
import { KNOWN_TAGS, KNOWN_TAGS_DATE } from '../../server/src/data/known-tags';
import { buildModel } from '../../server/src/model/build';

const RULE = 'pin-image-tag';

test('flags FROM without a tag and with latest', () => {
  const text = df('FROM node', 'FROM python:latest', 'FROM ghcr.io/acme/tool:LATEST', 'FROM alpine:3.23');
  assert.deepEqual(linesOf(text, RULE), [1, 2, 3]);
});

test('not for scratch, earlier stages, digests or pinned tags', () => {
  const text = df(
    'FROM golang:1.26.7 AS Build',
    'FROM build AS test',
    'FROM scratch',
    'FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000',
    'FROM localhost:5000/team/app:1.2',
    'COPY --from=build /x /x',
  );
  assert.deepEqual(linesOf(text, RULE), []);
});

test('resolves global ARGs: a version default is a pin, latest is not', () => {
  assert.deepEqual(linesOf(df('ARG V=20.11.1', 'FROM node:${V}'), RULE), []);
  assert.deepEqual(linesOf(df('ARG V=latest', 'FROM node:$V'), RULE), [2]);
  assert.deepEqual(linesOf(df('ARG IMAGE=node', 'FROM ${IMAGE}'), RULE), [2]);
  // No default: nothing is known, so nothing is claimed.
  assert.deepEqual(linesOf(df('ARG IMAGE', 'FROM ${IMAGE}'), RULE), []);
  assert.deepEqual(linesOf(df('ARG V', 'FROM node:${V:-22.1.0}'), RULE), []);
});

test('offline fix pins from the dated table, in FROM or in the ARG that holds the tag', () => {
  const [f] = findingsOf(df('FROM node AS app'), RULE);
  assert.equal(f.fixes.length, 1);
  assert.ok(f.fixes[0].title.includes(KNOWN_TAGS_DATE));
  assert.equal(f.fixes[0].safe, false, 'a table pin may change the version built, so fix-all never applies it');
  assert.equal(applyFix(df('FROM node AS app'), f), df(`FROM node:${KNOWN_TAGS.node} AS app`));

  const latest = df('FROM docker.io/library/python:latest');
  assert.equal(applyFix(latest, findingsOf(latest, RULE)[0]), df(`FROM docker.io/library/python:${KNOWN_TAGS.python}`));

  const viaArg = df('ARG NODE_TAG=latest', 'FROM node:${NODE_TAG}');
  assert.equal(applyFix(viaArg, findingsOf(viaArg, RULE)[0]), df(`ARG NODE_TAG=${KNOWN_TAGS.node}`, 'FROM node:${NODE_TAG}'));

  const wholeImage = df('ARG BASE=alpine', 'FROM $BASE');
  assert.equal(applyFix(wholeImage, findingsOf(wholeImage, RULE)[0]), df(`ARG BASE=alpine:${KNOWN_TAGS.alpine}`, 'FROM $BASE'));
});

test('no table fix for images the table does not know', () => {
  const [f] = findingsOf(df('FROM ghcr.io/acme/tool'), RULE);
  assert.equal(f.fixes.length, 0);
});

test('escape directive and CRLF do not disturb the image range', () => {
  const text = '# escape=`\r\nFROM node\r\nRUN echo hi\r\n';
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } });
  assert.equal(applyFix(text, f), `# escape=\`\r\nFROM node:${KNOWN_TAGS.node}\r\nRUN echo hi\r\n`);
});

test('messages in both languages cite the lecture', () => {
  assert.match(findingsOf(df('FROM node'), RULE, 'ru')[0].message, /всегда явно указывать теги версий/);
  assert.match(findingsOf(df('FROM node'), RULE, 'en')[0].message, /reproducible builds/);
});

test('global ARG defaults that use other ARGs are expanded; what depends on the build platform is not guessed', () => {
  // FLAVOR is amd64 or arm64 at build time: earlier stages, nothing is pulled.
  const flavor = df('ARG FLAVOR=${TARGETARCH}', 'FROM scratch AS amd64', 'FROM scratch AS arm64', 'FROM ${FLAVOR} AS image');
  assert.deepEqual(linesOf(flavor, RULE), []);
  // A pattern substitution (${v/a/b}) is not worked out: its `/` must not split the name from the tag.
  const dashes = df('ARG GO_VERSION=1.22', 'ARG DASHES=${TARGETPLATFORM/\\//-}', 'FROM gotify/build:${GO_VERSION}-${DASHES} AS builder');
  assert.deepEqual(linesOf(dashes, RULE), []);
  const chained = df('ARG GO=1.22', 'ARG IMAGE=golang:${GO}', 'FROM ${IMAGE}');
  assert.equal(buildModel(chained).stages[0].base.resolved, 'golang:1.22');
  assert.deepEqual(linesOf(chained, RULE), []);
  const untagged = df('ARG REGISTRY=quay.io', 'ARG BASE=$REGISTRY/jupyter/base-notebook', 'FROM $BASE');
  const [f] = findingsOf(untagged, RULE);
  assert.match(f.message, /^`quay\.io\/jupyter\/base-notebook` has no tag/);
  // Only ARGs declared above count, as in the builder.
  const later = df('ARG IMAGE=alpine:${V}', 'ARG V=3.20', 'FROM ${IMAGE}');
  assert.equal(buildModel(later).stages[0].base.resolved, null);
});

test('no pin into an ARG that something else reads too', () => {
  // Another FROM builds on the same ARG: a digest written into it would land in the middle of `node:…-alpine`.
  const twoFroms = df('ARG NODE_TAG=latest', 'FROM node:${NODE_TAG}', 'FROM node:${NODE_TAG}-alpine');
  for (const f of findingsOf(twoFroms, RULE)) assert.equal(f.fixes.length, 0, f.message);
  // A stage declares it again to download the matching release.
  const inRun = df('ARG NODE_TAG=latest', 'FROM node:${NODE_TAG}', 'ARG NODE_TAG', 'RUN curl -O https://example.com/v${NODE_TAG}/x');
  assert.equal(findingsOf(inRun, RULE)[0].fixes.length, 0);
  // Another ARG built from it would change too.
  const viaArg = df('ARG V=latest', 'ARG IMG=node:${V}-alpine', 'FROM node:${V}', 'FROM ${IMG}');
  for (const f of findingsOf(viaArg, RULE)) assert.equal(f.fixes.length, 0, f.message);
  // A whole-image ARG with a variable of its own has no single place for the pin.
  const nested = df('ARG V', 'ARG IMG=alpine:${V:-latest}', 'FROM ${IMG}');
  assert.equal(findingsOf(nested, RULE)[0].fixes.length, 0);
  const alone = df('ARG NODE_TAG=latest', 'FROM node:${NODE_TAG}');
  assert.equal(findingsOf(alone, RULE)[0].fixes.length, 1, 'an ARG only this FROM reads still gets the pin');
});

test('ARGs are worked out in declaration order, as the builder does', () => {
  const base = (text: string) => buildModel(text).stages.at(-1)!.base.resolved;
  // A redeclaration sees the value before it.
  assert.equal(base(df('ARG A=3.20', 'ARG IMAGE=alpine:${A}', 'ARG A=3.21', 'FROM ${IMAGE}')), 'alpine:3.20');
  // A default does not replace a value known only at build time.
  assert.equal(base(df('ARG X=${TARGETARCH}', 'FROM node:${X:-latest}')), null);
  // Quotes around a modifier's word are removed.
  assert.equal(base(df('ARG S=1', 'ARG T=${S:+"supported"}', 'FROM scratch AS delve-supported', 'FROM delve-${T}')), 'delve-supported');
  // moby: a chain of pattern removals on TARGETPLATFORM stays unknown, so the stage reference is not taken for an image.
  const moby = df('ARG D=${TARGETPLATFORM#linux/amd64}', 'ARG D=${D#linux/arm64}', 'ARG D=${D:+"unsupported"}', 'FROM scratch AS delve-supported', 'FROM scratch AS delve-unsupported', 'FROM delve-${D}');
  assert.deepEqual(linesOf(moby, RULE), []);
  // Long chains are a loop, not a recursion.
  const chain = ['ARG V0=1.0', ...Array.from({ length: 5000 }, (_, i) => `ARG V${i + 1}=\${V${i}}`), 'FROM alpine:${V5000}'];
  assert.equal(base(df(...chain)), 'alpine:1.0');
});

test('a global ARG with several pairs declares each of them', () => {
  assert.equal(buildModel(df('ARG NAME=alpine TAG=3.20', 'FROM ${NAME}:${TAG}')).stages[0].base.resolved, 'alpine:3.20');
});
