import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';
import { analyze } from '../../server/src/index';

const RULE = 'minimal-base-image';

const APP = ['COPY . /app', 'CMD ["/app/run"]'];

test('node with a plain version: -slim and -alpine fixes, neither safe, citing the lecture', () => {
  const text = df('FROM node:24.19.0', 'COPY . .', 'CMD ["node", "app.js"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'info');
  assert.match(findingsOf(text, RULE, 'ru')[0].message, /«использовать минимальные базовые образы \(alpine\)»/);
  assert.deepEqual(f.fixes.map((x) => x.safe), [false, false]);
  const slim = applyFix(text, f, 0);
  assert.equal(slim, df('FROM node:24.19.0-slim', 'COPY . .', 'CMD ["node", "app.js"]'));
  assert.deepEqual(linesOf(slim, RULE), []);
  assert.equal(applyFix(text, f, 1), df('FROM node:24.19.0-alpine', 'COPY . .', 'CMD ["node", "app.js"]'));
  assert.match(findingsOf(text, RULE, 'ru')[0].message, /«скачиваются только измененные слои»/);
  assert.match(f.fixes[1].title, /musl/);
});

test('never Alpine for a stage that uses apt-get, dpkg or glibc: only -slim, or nothing', () => {
  const [f] = findingsOf(df('FROM python:3.14.6', 'RUN apt-get update && apt-get install -y --no-install-recommends curl', ...APP), RULE);
  assert.deepEqual(f.fixes.map((x) => x.edits[0].newText), ['python:3.14.6-slim']);
  const later = findingsOf(df('FROM node:24 AS base', ...APP, 'FROM base', 'RUN dpkg -i /tmp/tool.deb'), RULE);
  assert.deepEqual(later[0].fixes.map((x) => x.edits[0].newText), ['node:24-slim']);
  assert.deepEqual(linesOf(df('FROM golang:1.26', 'RUN apt-get update && apt-get install -y libsqlite3-dev', 'COPY . .', 'RUN go build -o /app', 'CMD ["/app"]'), RULE), [], 'golang only has an alpine variant');
});

test('per-image variants', () => {
  const offers = (from: string): string[] => findingsOf(df(`FROM ${from}`, ...APP), RULE).flatMap((f) => f.fixes.map((x) => x.edits[0].newText));
  assert.deepEqual(offers('debian:trixie'), ['debian:trixie-slim']);
  assert.deepEqual(offers('debian:13'), ['debian:13-slim']);
  assert.deepEqual(offers('python:3.14-trixie'), ['python:3.14-slim-trixie', 'python:3.14-alpine']);
  assert.deepEqual(offers('node:24-trixie'), ['node:24-trixie-slim', 'node:24-alpine']);
  assert.deepEqual(offers('ruby:3.4'), ['ruby:3.4-slim', 'ruby:3.4-alpine']);
  assert.deepEqual(offers('golang:1.26'), ['golang:1.26-alpine']);
  assert.deepEqual(offers('eclipse-temurin:21-noble'), ['eclipse-temurin:21-jre-noble']);
  assert.deepEqual(offers('eclipse-temurin:21'), ['eclipse-temurin:21-jre']);
  assert.deepEqual(offers('openjdk:17'), ['eclipse-temurin:17-jre']);
  assert.deepEqual(offers('docker.io/library/node:24'), ['docker.io/library/node:24-slim', 'docker.io/library/node:24-alpine']);
});

test('variants, digests, other images, scratch and variables without a plain tag are left alone', () => {
  for (const from of ['node:24-slim', 'node:24-alpine', 'python:3.14-slim-trixie', 'ubuntu:24.04', 'node', 'node:latest', 'php:8.4-apache-trixie',
    'node:24@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'bitnami/node:24', 'scratch', 'eclipse-temurin:21-jre',
    // Already slim-based (every Debian php image) or a deliberate JDK.
    'php:8.4-fpm', 'php:8.4', 'eclipse-temurin:21-jdk-noble']) {
    assert.deepEqual(linesOf(df(`FROM ${from}`, ...APP), RULE), [], from);
  }
});

test('only stages whose layers reach the final image; JDK kept when the final image compiles', () => {
  assert.deepEqual(linesOf(df('FROM golang:1.26.7 AS build', 'RUN go build', 'FROM scratch', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24.19.0 AS base', 'FROM base', ...APP), RULE), [1]);
  assert.deepEqual(linesOf(df('FROM eclipse-temurin:21', 'COPY . .', 'RUN ./mvnw package', 'CMD ["java", "-jar", "app.jar"]'), RULE), []);
  // Builds native code against the JDK's headers (tomcat-native needs jni.h from $JAVA_HOME).
  assert.deepEqual(linesOf(df('FROM eclipse-temurin:21-noble', 'COPY . .', 'RUN ./configure --with-java-home="$JAVA_HOME" && make', 'CMD ["catalina.sh", "run"]'), RULE), []);
});

test('a tag from an ARG gets the suffix after the variable', () => {
  const text = df('ARG NODE_VERSION=24.19.0', 'FROM node:${NODE_VERSION}', ...APP);
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('ARG NODE_VERSION=24.19.0', 'FROM node:${NODE_VERSION}-slim', ...APP));
});

test('CRLF', () => {
  const text = 'FROM debian:trixie\r\nCOPY . /app\r\nCMD ["/app/run"]\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'FROM debian:trixie-slim\r\nCOPY . /app\r\nCMD ["/app/run"]\r\n');
});

test('the «…» quotes of the lecture-citing rules are verbatim fragments of the lecture', (t) => {
  const lecturePath = resolve(__dirname, '../../../../shared/lecture/lecture-4.ru.md');
  if (!existsSync(lecturePath)) { t.skip(`SKIPPED: ${lecturePath} not found`); return; }
  const lecture = readFileSync(lecturePath, 'utf8');
  const text = df('FROM node:24.19.0', 'VOLUME /data', 'RUN touch /data/x', 'COPY a /data/a', 'EXPOSE 8080:80', 'CMD ["node", "/data/a"]');
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

test('only runtime images: no advice for toolchain, dev-container, base or variable-named images', () => {
  // A Go build environment on Debian (cgo, apt-get), never run as a service.
  assert.deepEqual(linesOf(df('ARG GO_VERSION=1.26.7', 'FROM golang:${GO_VERSION}-bookworm', 'RUN apt-get update && apt-get install -y libseccomp-dev', 'COPY . /src'), RULE), []);
  // A devcontainer, by path and by base image.
  assert.deepEqual(findingsOf(df('ARG VARIANT=3.12', 'FROM python:${VARIANT}', ...APP), RULE).length, 1);
  assert.deepEqual(linesOf(df('FROM python:3.12', 'RUN pip install black', 'CMD ["sleep", "infinity"]'), RULE), []);
  // buildpack-deps is the full image by identity; a base meant to be extended has no CMD.
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl'), RULE), []);
  // The repository itself comes from a variable: a build script picks it.
  assert.deepEqual(linesOf(df('ARG BASE=debian:13', 'FROM $BASE', ...APP), RULE), []);
});

test('a Dockerfile under .devcontainer/ (path from the analysis options) is a dev container: no advice', () => {
  const text = df('ARG VARIANT=3.12', 'FROM python:${VARIANT}', ...APP);
  const of = (filePath?: string) => analyze(text, { context: { filePath } }).findings.filter((f) => f.rule === RULE).length;
  assert.equal(of('/repo/.devcontainer/Dockerfile'), 0);
  assert.equal(of('/repo/Dockerfile'), 1);
  assert.equal(of(undefined), 1);
});
