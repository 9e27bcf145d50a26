import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'minimal-base-image';

test('node with a plain version: -slim and -alpine fixes, neither safe, citing the lecture', () => {
  const text = df('FROM node:24.19.0', 'CMD ["node", "app.js"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'info');
  assert.match(findingsOf(text, RULE, 'ru')[0].message, /«использовать минимальные базовые образы \(alpine\)»/);
  assert.deepEqual(f.fixes.map((x) => x.safe), [false, false]);
  const slim = applyFix(text, f, 0);
  assert.equal(slim, df('FROM node:24.19.0-slim', 'CMD ["node", "app.js"]'));
  assert.deepEqual(linesOf(slim, RULE), []);
  assert.equal(applyFix(text, f, 1), df('FROM node:24.19.0-alpine', 'CMD ["node", "app.js"]'));
  assert.match(f.fixes[1].title, /musl/);
});

test('the alpine fix warns about apk when the image uses apt-get', () => {
  const [f] = findingsOf(df('FROM python:3.14.6', 'RUN apt-get update && apt-get install -y --no-install-recommends curl'), RULE);
  assert.match(f.fixes[1].title, /apt-get becomes apk/);
});

test('per-image variants', () => {
  const offers = (from: string): string[] => findingsOf(df(`FROM ${from}`), RULE).flatMap((f) => f.fixes.map((x) => x.edits[0].newText));
  assert.deepEqual(offers('debian:trixie'), ['debian:trixie-slim']);
  assert.deepEqual(offers('debian:13'), ['debian:13-slim']);
  assert.deepEqual(offers('python:3.14-trixie'), ['python:3.14-slim-trixie', 'python:3.14-alpine']);
  assert.deepEqual(offers('node:24-trixie'), ['node:24-trixie-slim', 'node:24-alpine']);
  assert.deepEqual(offers('ruby:3.4'), ['ruby:3.4-slim', 'ruby:3.4-alpine']);
  assert.deepEqual(offers('golang:1.26'), ['golang:1.26-alpine']);
  assert.deepEqual(offers('php:8.4-fpm'), ['php:8.4-fpm-alpine']);
  assert.deepEqual(offers('eclipse-temurin:21-jdk-noble'), ['eclipse-temurin:21-jre-noble']);
  assert.deepEqual(offers('eclipse-temurin:21'), ['eclipse-temurin:21-jre']);
  assert.deepEqual(offers('openjdk:17'), ['eclipse-temurin:17-jre']);
  assert.deepEqual(offers('docker.io/library/node:24'), ['docker.io/library/node:24-slim', 'docker.io/library/node:24-alpine']);
});

test('variants, digests, other images, scratch and variables without a plain tag are left alone', () => {
  for (const from of ['node:24-slim', 'node:24-alpine', 'python:3.14-slim-trixie', 'ubuntu:24.04', 'node', 'node:latest', 'php:8.4-apache-trixie',
    'node:24@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'bitnami/node:24', 'scratch', 'eclipse-temurin:21-jre']) {
    assert.deepEqual(linesOf(df(`FROM ${from}`), RULE), [], from);
  }
});

test('only stages whose layers reach the final image; JDK kept when the final image compiles', () => {
  assert.deepEqual(linesOf(df('FROM golang:1.26.7 AS build', 'RUN go build', 'FROM scratch', 'COPY --from=build /app /app'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24.19.0 AS base', 'FROM base', 'CMD ["node"]'), RULE), [1]);
  assert.deepEqual(linesOf(df('FROM eclipse-temurin:21-jdk', 'RUN ./mvnw package'), RULE), []);
});

test('a tag from an ARG gets the suffix after the variable', () => {
  const text = df('ARG NODE_VERSION=24.19.0', 'FROM node:${NODE_VERSION}');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('ARG NODE_VERSION=24.19.0', 'FROM node:${NODE_VERSION}-slim'));
});

test('CRLF', () => {
  const text = 'FROM debian:trixie\r\nRUN true\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'FROM debian:trixie-slim\r\nRUN true\r\n');
});

test('the «…» quotes of the lecture-citing rules are verbatim fragments of the lecture', (t) => {
  const lecturePath = resolve(__dirname, '../../../../shared/lecture/lecture-4.ru.md');
  if (!existsSync(lecturePath)) { t.skip(`SKIPPED: ${lecturePath} not found`); return; }
  const lecture = readFileSync(lecturePath, 'utf8');
  const text = df('FROM node:24.19.0', 'VOLUME /data', 'RUN touch /data/x', 'COPY a /data/a', 'EXPOSE 8080:80');
  const rules = ['minimal-base-image', 'volume-discards-changes', 'expose-port-range'];
  let quotes = 0;
  for (const rule of rules) {
    for (const f of findingsOf(text, rule, 'ru')) {
      for (const m of f.message.matchAll(/«([^»]+)»/g)) {
        quotes++;
        assert.ok(lecture.includes(m[1]), `${rule}: «${m[1]}» is not in the lecture`);
      }
    }
  }
  assert.ok(quotes >= 4);
});
