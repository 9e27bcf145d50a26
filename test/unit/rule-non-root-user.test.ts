import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'non-root-user';
const severities = (text: string): string[] => findingsOf(text, RULE).map((f) => f.severity);

test('explicit USER root as the last USER of a runtime image is a warning on that line', () => {
  for (const user of ['root', '0', 'root:root', '0:0']) {
    const [f] = findingsOf(df('FROM debian:trixie', 'COPY app /app', 'USER app', `USER ${user}`, 'CMD ["/app"]'), RULE);
    assert.equal(f.severity, 'warning', user);
    assert.equal(f.range.start.line, 3);
  }
});

test('an app image with no USER on a root-running official base: info, citing the lecture and the host UID', () => {
  const text = df('FROM python:3.14-slim', 'COPY . /app', 'CMD ["python", "/app/main.py"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'info');
  assert.equal(f.range.start.line, 0);
  assert.match(f.message, /UID 0 on the host/);
  const ru = findingsOf(text, RULE, 'ru')[0].message;
  assert.match(ru, /«запускать процессы от непривилегированного пользователя»/);
  assert.match(ru, /За рамками лекции/);
});

test('non-root users, variables, inherited users and non-root bases are fine', () => {
  const app = (...lines: string[]) => df(...lines, 'COPY . /app', 'CMD ["/app/run"]');
  assert.deepEqual(linesOf(app('FROM debian:trixie', 'USER app'), RULE), []);
  assert.deepEqual(linesOf(app('FROM debian:trixie', 'USER root', 'RUN x', 'USER 1000:1000'), RULE), []);
  assert.deepEqual(linesOf(app('FROM debian:trixie', 'USER ${APP_USER}'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie AS base', 'USER app', 'FROM base', 'COPY . /app', 'CMD ["x"]'), RULE), []);
  assert.deepEqual(linesOf(app('FROM gcr.io/distroless/static:nonroot'), RULE), []);
  assert.deepEqual(linesOf(app('FROM nginxinc/nginx-unprivileged:1.27'), RULE), []);
  assert.deepEqual(linesOf(app('FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled'), RULE), []);
});

test('only the final stage matters; an inherited root is implicit (info)', () => {
  assert.deepEqual(linesOf(df('FROM golang:1.26.7 AS build', 'USER root', 'FROM alpine:3.23', 'USER nobody', 'CMD ["x"]'), RULE), []);
  assert.deepEqual(severities(df('FROM debian:trixie AS base', 'USER root', 'FROM base', 'COPY . /app', 'CMD ["/app/x"]')), ['info']);
});

test('images that are not run as they are get nothing: base, toolchain, dev container, scratch bundle, Windows', () => {
  // Base image meant to be extended (an official language image's own Dockerfile): creates an opt-in user, CMD is a prompt.
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'RUN addgroup -g 1000 node && adduser -u 1000 -G node -D node', 'COPY docker-entrypoint.sh /usr/local/bin/', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD [ "node" ]'), RULE), []);
  // A runtime built on a runtime-deps image with no CMD at all.
  assert.deepEqual(linesOf(df('ARG REPO=mcr.microsoft.com/dotnet/runtime-deps', 'FROM $REPO:10.0.1-noble', 'COPY --from=installer /dotnet /usr/share/dotnet'), RULE), []);
  // Build environment used by CI: a compiler image / a build stage with only a shell.
  assert.deepEqual(linesOf(df('ARG BASEIMAGE=almalinux:8', 'FROM $BASEIMAGE', 'RUN dnf install -y gcc', 'ENTRYPOINT ["manylinux-entrypoint"]', 'CMD ["/bin/bash"]'), RULE), []);
  // A last stage that only runs RUN steps during the build (uploads an artifact).
  assert.deepEqual(linesOf(df('FROM node:24 AS build', 'COPY . .', 'FROM company/base:2 AS upload-artifact', 'COPY --from=build /app /app', 'RUN ./upload.sh'), RULE), []);
  // Dev-environment target.
  assert.deepEqual(linesOf(df('FROM python:3.12-slim AS builder', 'COPY . /app', 'FROM builder AS dev-envs', 'RUN useradd -m vscode'), RULE), []);
  assert.deepEqual(linesOf(df('FROM ubuntu:noble', 'COPY notice.txt /tmp/', 'CMD [ "sleep", "infinity" ]'), RULE), []);
  // Scratch bundle for --output.
  assert.deepEqual(linesOf(df('FROM golang:1.26 AS build', 'RUN go build -o /out/app', 'FROM scratch', 'COPY --from=build /out /'), RULE), []);
});

test('Windows images are left alone: no root, no UID 0, and a numeric USER would not start', () => {
  assert.deepEqual(linesOf(df('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'COPY app.exe C:/app/', 'CMD ["C:/app/app.exe"]'), RULE), []);
  assert.deepEqual(linesOf(df('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build', 'RUN echo hi', 'FROM build', 'COPY app.exe C:/app/', 'CMD ["C:/app/app.exe"]'), RULE), []);
  assert.deepEqual(linesOf(df('FROM mcr.microsoft.com/dotnet/framework/sdk:4.8.1 AS build', 'RUN msbuild', 'FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8.1', 'COPY --from=build /app/. ./'), RULE), []);
});

test('entrypoints that start as root and drop privileges themselves: a hint without a fix', () => {
  const gosu = df('FROM python:3.12-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends gosu', 'COPY . /app', 'COPY start.py /start.py', 'ENTRYPOINT ["/start.py"]');
  for (const text of [gosu,
    df('FROM alpine:3.23', 'RUN apk add --no-cache su-exec', 'COPY . /app', 'ENTRYPOINT ["/app/entry"]'),
    df('FROM debian:trixie', 'COPY . /app', 'ENTRYPOINT ["setpriv", "--reuid=1000", "--regid=1000", "--init-groups", "/app/run"]'),
    df('FROM debian:trixie', 'COPY . /app', 'RUN apt-get install -y supervisor', 'CMD ["supervisord", "-n"]'),
    df('FROM ubuntu:24.04', 'ADD https://github.com/just-containers/s6-overlay/releases/download/v3.2.0.2/s6-overlay-noarch.tar.xz /tmp', 'COPY . /app', 'ENTRYPOINT ["/init"]')]) {
    const [f] = findingsOf(text, RULE);
    assert.equal(f.severity, 'hint', text);
    assert.equal(f.fixes.length, 0, text);
    assert.match(f.message, /starts as root on purpose/);
  }
});

test('services whose master process starts as root: a hint naming an unprivileged variant, never a USER fix', () => {
  const [nginx] = findingsOf(df('FROM nginx:1.27.4', 'COPY dist /usr/share/nginx/html'), RULE);
  assert.equal(nginx.severity, 'hint');
  assert.equal(nginx.fixes.length, 0);
  assert.match(nginx.message, /nginxinc\/nginx-unprivileged/);
  for (const from of ['httpd:2.4', 'php:8.4-apache', 'postgres:18', 'mysql:8.4', 'mariadb:11.8']) {
    const findings = findingsOf(df(`FROM ${from}`, 'COPY app/ /srv/app/'), RULE);
    assert.deepEqual(findings.map((f) => [f.severity, f.fixes.length]), [['hint', 0]], from);
  }
  // The nginx image's own Dockerfile: the program itself starts as root.
  const own = findingsOf(df('FROM debian:trixie-slim', 'RUN apt-get install -y nginx', 'COPY site/ /usr/share/nginx/html/', 'CMD ["nginx", "-g", "daemon off;"]'), RULE);
  assert.deepEqual(own.map((f) => [f.severity, f.fixes.length]), [['hint', 0]]);
});

test('a file that creates a user and starts through an entrypoint script: a hint (the script may switch)', () => {
  const [f] = findingsOf(df('FROM debian:stable-slim', 'RUN useradd --uid 1993 --user-group deno', 'COPY --from=bin /deno /usr/bin/deno', 'COPY . /app', 'ENTRYPOINT ["/tini", "--", "docker-entrypoint.sh"]', 'CMD ["run", "app.ts"]'), RULE);
  assert.equal(f.severity, 'hint');
  assert.match(f.message, /`deno`/);
});

test('a program packaged without app code (an image for others to build on): a hint', () => {
  const [f] = findingsOf(df('FROM eclipse-temurin:21-jdk-noble', 'ENV CATALINA_HOME /usr/local/tomcat', 'RUN curl -fsSL https://example.org/tomcat.tgz | tar -xz', 'CMD ["catalina.sh", "run"]'), RULE);
  assert.equal(f.severity, 'hint');
  assert.equal(f.fixes.length, 0);
});

test('unknown base (variable or private image): a hint saying the base may set a USER', () => {
  for (const from of ['${BASE_IMAGE}', 'company/python-base:3']) {
    const [f] = findingsOf(df(`ARG BASE_IMAGE=company/base:1`, `FROM ${from}`, 'COPY . /app', 'CMD ["/app/run"]'), RULE);
    assert.equal(f.severity, 'hint', from);
    assert.match(f.message, /base image .*sets a user/);
    assert.equal(f.fixes.length, 0, 'no guess about an unknown distribution');
  }
});

test('fix creates a user for Debian and RHEL bases before CMD, keeping its comment attached', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update', 'COPY . /app', '# start the app', 'CMD ["/app/run"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].safe, false);
  assert.equal(applyFix(text, f), df('FROM debian:trixie', 'RUN apt-get update', 'COPY . /app', 'RUN groupadd --system app && useradd --system --gid app --create-home app', 'USER app', '# start the app', 'CMD ["/app/run"]'));
  // AlmaLinux/RHEL: groupadd/useradd, never alpine's addgroup.
  const alma = df('FROM almalinux:9', 'RUN dnf install -y python3', 'COPY . /app', 'CMD ["/app/run"]');
  assert.match(applyFix(alma, findingsOf(alma, RULE)[0]), /RUN groupadd --system app && useradd --system --gid app --create-home app\nUSER app\n/);
  const temurin = df('FROM eclipse-temurin:21-jre-ubi9-minimal', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]');
  assert.match(applyFix(temurin, findingsOf(temurin, RULE)[0]), /USER 65532:65532/, 'ubi-minimal has no useradd');
});

test('fix reuses existing users: the file\'s own, node, $APP_UID, distroless nonroot; numeric on scratch', () => {
  const own = df('FROM python:3.12-slim', 'RUN useradd -ms /bin/bash web', 'COPY . /app', 'CMD ["python", "/app/main.py"]');
  const [f] = findingsOf(own, RULE);
  assert.equal(f.severity, 'info');
  assert.equal(applyFix(own, f), df('FROM python:3.12-slim', 'RUN useradd -ms /bin/bash web', 'COPY . /app', 'USER web', 'CMD ["python", "/app/main.py"]'));
  const alpineOwn = df('FROM alpine:3.23', 'RUN addgroup -S svc && adduser -S -D -H -G svc -s /bin/sh svc', 'COPY . /app', 'CMD ["/app/run"]');
  assert.match(applyFix(alpineOwn, findingsOf(alpineOwn, RULE)[0]), /\nUSER svc\nCMD/);
  const node = df('FROM node:24.19.0-bookworm', 'COPY . .', 'CMD ["node", "index.js"]');
  assert.equal(applyFix(node, findingsOf(node, RULE)[0]), df('FROM node:24.19.0-bookworm', 'COPY . .', 'USER node', 'CMD ["node", "index.js"]'));
  const dotnet = df('FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build', 'FROM mcr.microsoft.com/dotnet/aspnet:9.0', 'COPY --from=build /app .', 'ENTRYPOINT ["dotnet", "app.dll"]');
  assert.match(applyFix(dotnet, findingsOf(dotnet, RULE)[0]), /\nUSER \$APP_UID\nENTRYPOINT/);
  const distroless = df('FROM golang:1.26 AS build', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
  assert.match(applyFix(distroless, findingsOf(distroless, RULE)[0]), /\nUSER nonroot\nENTRYPOINT/);
  const scratch = df('FROM golang:1.26.7 AS build', 'FROM scratch', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
  assert.equal(applyFix(scratch, findingsOf(scratch, RULE)[0]), df('FROM golang:1.26.7 AS build', 'FROM scratch', 'COPY --from=build /app /app', 'USER 65532:65532', 'ENTRYPOINT ["/app"]'));
});

test('fix gives the user the literal VOLUME paths before the VOLUME, or is not offered', () => {
  const text = df('FROM node:24-slim', 'COPY . /app', 'VOLUME /data', 'CMD ["node", "/app/server.js"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM node:24-slim', 'COPY . /app', 'RUN mkdir -p /data && chown node:node /data', 'VOLUME /data', 'USER node', 'CMD ["node", "/app/server.js"]'));
  assert.match(f.fixes[0].title, /giving it \/data/);
  const created = df('FROM debian:trixie', 'COPY . /app', 'VOLUME ["/data", "/logs"]', 'CMD ["/app/run"]');
  assert.equal(applyFix(created, findingsOf(created, RULE)[0]), df('FROM debian:trixie', 'COPY . /app',
    'RUN groupadd --system app && useradd --system --gid app --create-home app && mkdir -p /data /logs && chown app:app /data /logs', 'VOLUME ["/data", "/logs"]', 'USER app', 'CMD ["/app/run"]'));
  for (const t of [df('FROM debian:trixie', 'ENV DATA=/data', 'COPY . /app', 'VOLUME $DATA', 'CMD ["/app/run"]'),
    df('FROM debian:trixie AS base', 'VOLUME /data', 'FROM base', 'COPY . /app', 'CMD ["/app/run"]'),
    df('FROM golang:1.26 AS build', 'FROM scratch', 'COPY --from=build /app /app', 'VOLUME /data', 'ENTRYPOINT ["/app"]')]) {
    assert.equal(findingsOf(t, RULE)[0].fixes.length, 0, t);
  }
});

test('fix follows lower-case keywords and CRLF', () => {
  const text = 'from alpine:3.23\r\ncopy . /app\r\nuser root\r\ncmd ["/app/run"]\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'warning');
  const fixed = applyFix(text, f);
  assert.equal(fixed, 'from alpine:3.23\r\ncopy . /app\r\nuser root\r\nrun addgroup -S app && adduser -S -D -G app app\r\nuser app\r\ncmd ["/app/run"]\r\n');
  assert.deepEqual(linesOf(fixed, RULE), []);
});
