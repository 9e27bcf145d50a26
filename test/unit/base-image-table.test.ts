// The offline side of "know the base image": the bundled, dated table and the accessors without registry facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/index';
import { BASE_IMAGES_DATE, TABLE_KEYS, tableFactsOf, tableKeyOf } from '../../server/src/data/base-images';
import { parseImageRef } from '../../server/src/registry';
import {
  baseCmd, baseDownloadSize, baseDropsPrivilegesTo, baseEntrypoint, baseEnv, baseProvidedUser, baseUser, baseWorkdir,
  formatDownloadSize, imageDownloadSize, isRootUser, slimVariantSize,
} from '../../server/src/rules/support/base-image';
import { slimVariantTag } from '../../server/src/rules/support/image-variants';
import { buildPlatformOf, imagesOf } from '../../server/src/rules/support/registry-facts';
import { df } from '../support/rules';

const key = (reference: string) => tableKeyOf(parseImageRef(reference)!);
const stages = (text: string) => {
  const model = analyze(text).model!;
  return { model, stages: model.stages };
};

test('the table recognises official images, their variants, and refuses what it does not describe', () => {
  assert.equal(key('node:20'), 'node');
  assert.equal(key('node:20-bookworm-slim'), 'node:slim');
  assert.equal(key('docker.io/library/python:3.12-alpine3.20'), 'python:alpine');
  assert.equal(key('php:8.3-fpm-alpine'), 'php:fpm');
  assert.equal(key('eclipse-temurin:21-jre'), 'eclipse-temurin:jre');
  assert.equal(key('gcr.io/distroless/static-debian12:nonroot'), 'distroless/static:nonroot');
  assert.equal(key('mcr.microsoft.com/dotnet/aspnet:8.0'), 'dotnet/aspnet');
  assert.equal(key('mcr.microsoft.com/dotnet/aspnet:6.0'), null, 'APP_UID came with .NET 8');
  assert.equal(key('mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled'), null);
  assert.equal(key('redis:7-alpine'), null, 'a variant the table has no entry for is not given the full image\'s facts');
  assert.equal(key('python:3.12-windowsservercore'), null);
  assert.equal(key('ghcr.io/acme/node:20'), null, 'only the official images');
  assert.equal(key('acme/python:3'), null);
  assert.ok(TABLE_KEYS.length >= 30, `about 30 images (${TABLE_KEYS.length})`);
  assert.match(BASE_IMAGES_DATE, /^\d{4}-\d{2}-\d{2}$/);
});

test('facts the table is sure of: who runs, what starts, what is provided', () => {
  const facts = (r: string) => tableFactsOf(parseImageRef(r)!)!;
  assert.deepEqual([facts('node:20').user, facts('node:20').providedUser], ['', { name: 'node', uid: 1000 }]);
  assert.deepEqual(facts('node:20-alpine').entrypoint, ['docker-entrypoint.sh']);
  assert.equal(facts('nginx:1.27').dropsTo, 'nginx');
  assert.equal(facts('gcr.io/distroless/base-debian12:nonroot').user, '65532');
  assert.equal(facts('mcr.microsoft.com/dotnet/runtime:9.0').env?.APP_UID, '1654');
  assert.equal(facts('ubuntu:24.04').providedUser?.name, 'ubuntu');
  assert.equal(facts('ubuntu:22.04').providedUser, undefined, 'jammy has no ubuntu user');
  assert.equal(facts('gradle:8').user, undefined, 'unknown is left out, not guessed');
  assert.equal(facts('python:3.12').env?.PIP_NO_CACHE_DIR, undefined, 'the official python image does not set it');
});

test('accessors without facts answer from the table with its date; unknown images give null', () => {
  const { model, stages: [node, app] } = stages(df('FROM node:20 AS web', 'FROM acme/app:1'));
  assert.deepEqual(baseUser(model, node, undefined), { value: '', source: 'table', asOf: BASE_IMAGES_DATE });
  assert.ok(isRootUser(baseUser(model, node, undefined)!.value));
  assert.deepEqual(baseProvidedUser(node)?.value, { name: 'node', uid: 1000 });
  assert.deepEqual(baseEntrypoint(model, node, undefined)?.value, ['docker-entrypoint.sh']);
  assert.deepEqual(baseCmd(model, node, undefined)?.value, ['node']);
  const env = baseEnv(model, node, undefined)!;
  assert.equal(env.value.complete, false, 'a table lists some names, not all');
  assert.ok(env.value.vars.has('NODE_VERSION'));
  for (const ask of [baseUser, baseEnv, baseEntrypoint, baseCmd, baseWorkdir, baseDownloadSize]) assert.equal(ask(model, app, undefined), null);
  assert.equal(baseDropsPrivilegesTo(stages(df('FROM postgres:16')).stages[0])?.value, 'postgres');
});

test('a stage built on an earlier stage: what that stage set, then its base', () => {
  const text = df('FROM node:20 AS base', 'ENV APP_ENV=prod', 'WORKDIR /app', 'USER node', 'ENTRYPOINT ["tini", "--"]', 'FROM base AS final', 'FROM scratch AS empty');
  const { model, stages: [, final, empty] } = stages(text);
  assert.deepEqual(baseUser(model, final, undefined), { value: 'node', source: 'dockerfile' });
  assert.equal(baseWorkdir(model, final, undefined)?.value, '/app');
  assert.deepEqual(baseEntrypoint(model, final, undefined)?.value, ['tini', '--']);
  assert.equal(baseCmd(model, final, undefined)?.value, null, 'ENTRYPOINT resets the inherited CMD');
  const env = baseEnv(model, final, undefined)!.value.vars;
  assert.equal(env.get('APP_ENV'), 'prod');
  assert.ok(env.has('NODE_VERSION'), 'and the table\'s names of the base');
  assert.deepEqual(baseUser(model, empty, undefined), { value: '', source: 'dockerfile' });
  assert.equal(baseDownloadSize(model, final, undefined), null, 'no size for a stage of this file');
});

test('slim variant sizes offline: "python:3.12 is about 380 MB, python:3.12-slim about 45 MB"', () => {
  const { model, stages: [py] } = stages(df('FROM python:3.12'));
  const sizes = slimVariantSize(model, py, undefined)!;
  assert.equal(sizes.variant, 'python:3.12-slim');
  assert.deepEqual(formatDownloadSize(sizes.base), { en: 'about 380 MB as of 2026-11-01', ru: 'около 380 МБ на 2026-11-01' });
  assert.equal(formatDownloadSize(sizes.slim).en, 'about 45 MB as of 2026-11-01');
  assert.equal(formatDownloadSize({ value: { bytes: 3_600_000, approximate: false }, source: 'registry' }).ru, '3,6 МБ');
  assert.equal(slimVariantSize(model, stages(df('FROM ruby:3.3')).stages[0], undefined), null, 'no sizes in the table: nothing claimed');
  assert.equal(imageDownloadSize('node:22-alpine', 'linux/amd64', undefined)?.value.bytes, 55e6, 'any variant minimal-base-image offers');
  assert.equal(slimVariantTag('node', '20-bookworm'), '20-bookworm-slim');
  assert.equal(slimVariantTag('python', '3.12-bookworm'), '3.12-slim-bookworm');
  assert.equal(slimVariantTag('node', '20-alpine'), null);
  assert.equal(slimVariantTag('nginx', '1.27'), null);
});

test('look-ups: build platform from --platform, images copied from, slim variants; bounded', () => {
  const text = df(
    'FROM --platform=linux/arm64 node:20 AS build',
    'COPY --from=busybox:1.36 /bin/busybox /bin/',
    'RUN --mount=type=bind,from=alpine:3.20,source=/etc,target=/x true',
    'COPY --from=build /a /b',
    'FROM --platform=$BUILDPLATFORM python:3.12',
    'COPY --from=0 /a /b',
  );
  const { model } = stages(text);
  assert.equal(buildPlatformOf(model.stages[0]), 'linux/arm64');
  assert.equal(buildPlatformOf(model.stages[1]), 'linux/amd64', 'a variable: the host platform, assumed amd64');
  assert.deepEqual(imagesOf(model).map((l) => [l.key, l.platforms, l.configOnly === true]), [
    ['docker.io/library/node:20', ['linux/arm64'], false],
    ['docker.io/library/python:3.12', ['linux/amd64'], false],
    ['docker.io/library/busybox:1.36', ['linux/arm64'], true],
    ['docker.io/library/alpine:3.20', ['linux/arm64'], true],
    ['docker.io/library/python:3.12-slim', ['linux/amd64'], true],
  ]);
  const many = df(...Array.from({ length: 12 }, (_, i) => `FROM node:${i + 1}`));
  assert.equal(imagesOf(stages(many).model).length, 8);
});

test('stale-base-image is silent offline and registered', () => {
  const analysis = analyze(df('FROM python:2.7'));
  assert.deepEqual(analysis.findings.filter((f) => f.rule === 'stale-base-image'), []);
});
