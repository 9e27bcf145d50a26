import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'clean-package-cache';

test('apt: update + install without removing the lists', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl');
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 37 } });
  assert.deepEqual(f.aliases, ['DL3009', 'DL3019', 'DL3042', 'DL3032', 'DL3040', 'DL3060']);
  assert.equal(f.fixes[0].safe, true);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('apt: removal, dist-clean or a cache mount in the same RUN is enough', () => {
  for (const run of [
    'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists',
    'RUN apt-get update; apt-get install -y curl; apt-get dist-clean',
    'RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl',
    'RUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y curl',
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', run), RULE), [], run);
  // A mount below the lists directory keeps only that subdirectory out of the layer.
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN --mount=type=tmpfs,target=/var/lib/apt/lists/partial apt-get update && apt-get install -y curl'), RULE), [2]);
  // The lists are in /var/lib/apt/lists: a mount on /var/cache/apt keeps only the .deb files out of the layer.
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl'), RULE), [2]);
});

test('apt: the message names the update as written; the clean-up goes through sudo when the install does', () => {
  const apt = findingsOf(df('FROM debian:trixie', 'RUN apt update && apt upgrade -y && apt install -y curl'), RULE)[0];
  assert.match(apt.message, /^`apt install` after `apt update` leaves/);
  const text = df('FROM debian:trixie', 'USER dev', 'RUN sudo apt-get update && sudo apt-get install -y curl');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM debian:trixie', 'USER dev', 'RUN sudo apt-get update && sudo apt-get install -y curl && sudo rm -rf /var/lib/apt/lists/*'));
  const yum = df('FROM rockylinux:9', 'RUN sudo yum install -y git');
  assert.equal(applyFix(yum, findingsOf(yum, RULE)[0]), df('FROM rockylinux:9', 'RUN sudo yum install -y git && sudo yum clean all'));
});

test('apt: no fix when a later step reads the lists in any way, ONBUILD included (the fix would break it)', () => {
  for (const later of ['RUN apt-get download hello', 'RUN apt-cache policy curl', 'ONBUILD RUN apt-get install -y git', 'RUN apt-get install -y git']) {
    const [f] = findingsOf(df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl', later), RULE);
    assert.equal(f.fixes.length, 0, later);
    assert.match(f.message, /The RUN at line 3 reads the lists without its own `apt-get update`/, later);
  }
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl', 'RUN apt-get purge -y curl'), RULE);
  assert.equal(f.fixes[0].safe, true, 'purge does not read the lists');
  for (const later of ['ONBUILD COPY apt.conf /etc/apt/', 'RUN ["echo", "hi"]', 'RUN python3 <<EOF\nprint("adapt")\nEOF']) {
    const [g] = findingsOf(df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl', ...later.split('\n')), RULE);
    assert.equal(g.fixes[0].safe, true, `${later}: names no apt command`);
  }
});

test('apt: a factory image whose ONBUILD trigger removes the lists keeps them on purpose: a hint without fix', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl', 'ONBUILD RUN apt-get install -y $EXTRA', 'ONBUILD RUN rm -rf /var/lib/apt/lists/*');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'hint');
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /ONBUILD trigger on line 4 removes them/);
});

test('apt: an update after the last removal of the lists downloads them again', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && apt-get update');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.range.start.character, 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && '.length);
  assert.match(f.message, /after the package lists were removed/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && apt-get update && rm -rf /var/lib/apt/lists/*'));
  assert.deepEqual(linesOf(fixed, RULE), []);
  // Two rounds, each cleaned up: fine.
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y b && apt-get dist-clean'), RULE), []);
});

test('apt: multi-line RUN gets the removal on its last line; CRLF and escape kept', () => {
  const text = '# escape=`\r\nFROM debian:trixie\r\nRUN apt-get update `\r\n    && apt-get install -y curl\r\n';
  const [f] = findingsOf(text, RULE);
  const fixed = applyFix(text, f);
  assert.equal(fixed, '# escape=`\r\nFROM debian:trixie\r\nRUN apt-get update `\r\n    && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\r\n');
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('apt: no fix when appending could change the RUN (trailing comment or operator)', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl # tools'), RULE);
  assert.equal(f.fixes.length, 0);
});

test('stages that do not reach the final image are skipped', () => {
  const text = df('FROM debian:trixie AS build', 'RUN apt-get update && apt-get install -y gcc', 'FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl');
  assert.deepEqual(linesOf(text, RULE), [4]);
  const chained = df('FROM debian:trixie AS base', 'RUN apt-get update && apt-get install -y gcc', 'FROM base');
  assert.deepEqual(linesOf(chained, RULE), [2]);
});

test('quotes, heredocs and exec form are not installs', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN echo "apt-get update && apt-get install -y x"'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN ["apt-get", "install", "-y", "x"]'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN cat <<EOF > /notes', 'apt-get update && apt-get install -y x', 'EOF'), RULE), []);
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'RUN echo "apk add curl" && echo pip install x'), RULE), []);
});

test('apk: add without --no-cache; fix inserts it after `add` in every apk add of the RUN', () => {
  const text = df('FROM alpine:3.23', 'RUN apk add curl && apk add --virtual .b gcc');
  const findings = findingsOf(text, RULE);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].fixes[0].safe, true);
  const fixed = applyFix(text, findings[0]);
  assert.equal(fixed, df('FROM alpine:3.23', 'RUN apk add --no-cache curl && apk add --no-cache --virtual .b gcc'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('apk: --no-cache, --no-network, rm of /var/cache/apk or a cache mount are fine', () => {
  for (const run of ['RUN apk add --no-cache curl', 'RUN apk --no-cache add curl', 'RUN apk add --no-network .deps', 'RUN apk add curl && rm -rf /var/cache/apk/*', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl', 'RUN --mount=type=cache,target=/etc/apk/cache apk add curl']) {
    assert.deepEqual(linesOf(df('FROM alpine:3.23', run), RULE), [], run);
  }
});

test('apk: with `apk update` in the RUN the fix also removes the index it downloaded', () => {
  const text = df('FROM alpine:3.23', 'RUN apk update && apk add curl');
  const [f] = findingsOf(text, RULE);
  assert.match(f.message, /drop `apk update`/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', 'RUN apk update && apk add --no-cache curl && rm -rf /var/cache/apk/*'));
  assert.deepEqual(linesOf(fixed, RULE), []);
  // `apk update` before `apk add --no-cache` leaves the index too.
  const update = df('FROM alpine:3.23', 'RUN apk update && apk add --no-cache curl');
  const [g] = findingsOf(update, RULE);
  assert.match(g.message, /^`apk update` downloads the package index/);
  assert.equal(applyFix(update, g), df('FROM alpine:3.23', 'RUN apk update && apk add --no-cache curl && rm -rf /var/cache/apk/*'));
  // No fix when the removal cannot be appended: `--no-cache` alone would not do what it says.
  assert.deepEqual(findingsOf(df('FROM alpine:3.23', 'RUN apk update && apk add curl # tools'), RULE)[0].fixes, []);
});

test('pip: install without --no-cache-dir; fix inserts the flag', () => {
  const text = df('FROM python:3.14-slim', 'RUN pip install -r requirements.txt && python3 -m pip install gunicorn');
  const [f] = findingsOf(text, RULE);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM python:3.14-slim', 'RUN pip install --no-cache-dir -r requirements.txt && python3 -m pip install --no-cache-dir gunicorn'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('pip: ENV/ARG PIP_NO_CACHE_DIR, inline or exported variable, abbreviations and cache mounts', () => {
  for (const lines of [
    ['ENV PIP_NO_CACHE_DIR=1', 'RUN pip install x'],
    ['ARG PIP_NO_CACHE_DIR=1', 'RUN pip install x'],
    ['RUN PIP_NO_CACHE_DIR=1 pip install x'],
    ['RUN export PIP_NO_CACHE_DIR=1 && pip install x'],
    ['RUN pip install --no-cache x'],
    ['RUN --mount=type=cache,target=/root/.cache/pip pip install x'],
    ['RUN --mount=type=cache,target=/home/app/.cache/pip-cache pip install x'],
    ['RUN pip install x && rm -rf /root/.cache/pip'],
    ['RUN pip install x && pip cache purge'],
    ['RUN uv pip install x'],
  ]) assert.deepEqual(linesOf(df('FROM python:3.14-slim', ...lines), RULE), [], lines.join(' / '));
});

test('pip: PIP_NO_CACHE_DIR as pip reads it: any boolean disables the cache, anything else does not', () => {
  // pip's _handle_no_cache_dir disables the cache for every value that parses as a boolean, `0`/`false`/`off` included.
  for (const value of ['1', 'true', 'yes', 'on', '0', 'false', 'off', 'no', '"1"', '$NO_CACHE']) {
    for (const kw of ['ENV', 'ARG']) assert.deepEqual(linesOf(df('FROM python:3.14-slim', `${kw} PIP_NO_CACHE_DIR=${value}`, 'RUN pip install x'), RULE), [], `${kw} ${value}`);
  }
  assert.deepEqual(linesOf(df('FROM python:3.14-slim', 'ENV PIP_NO_CACHE_DIR true', 'RUN pip install x'), RULE), [], 'legacy ENV form');
  // Not a boolean: pip stops with an option error, the variable disables nothing. An ARG without default sets nothing.
  for (const lines of [['ENV PIP_NO_CACHE_DIR=maybe'], ['ARG PIP_NO_CACHE_DIR'], ['ENV PIP_NO_CACHE_DIR_X=1'], ['ENV PIP_CACHE_DIR=/tmp/pip']]) {
    assert.deepEqual(linesOf(df('FROM python:3.14-slim', ...lines, 'RUN pip install x'), RULE), [3], lines.join(' / '));
  }
  // An ENV wins over an ARG of the same name.
  assert.deepEqual(linesOf(df('FROM python:3.14-slim', 'ENV PIP_NO_CACHE_DIR=1', 'ARG PIP_NO_CACHE_DIR', 'RUN pip install x'), RULE), []);
  assert.deepEqual(linesOf(df('FROM python:3.14-slim', 'RUN PIP_NO_CACHE_DIR=maybe pip install x'), RULE), [2]);
  assert.deepEqual(linesOf(df('FROM python:3.14-slim', 'RUN PIP_NO_CACHE_DIR=off pip install x'), RULE), []);
});

test('pip: --no-cache-dir before `install` counts too', () => {
  assert.deepEqual(linesOf(df('FROM python:3.13', 'RUN pip --no-cache-dir install flask'), RULE), []);
  assert.deepEqual(linesOf(df('FROM python:3.13', 'RUN python3 -m pip --no-cache-dir install flask'), RULE), []);
});

test('yum/dnf: install without clean all; fix appends the clean-up of the same tool', () => {
  const text = df('FROM fedora:42', 'RUN dnf install -y git');
  const [f] = findingsOf(text, RULE);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM fedora:42', 'RUN dnf install -y git && dnf clean all'));
  assert.deepEqual(linesOf(fixed, RULE), []);
  assert.deepEqual(linesOf(df('FROM centos:7', 'RUN yum -y install git && yum clean all'), RULE), []);
  assert.deepEqual(linesOf(df('FROM centos:7', 'RUN yum -y install git && rm -rf /var/cache/yum'), RULE), []);
  assert.deepEqual(linesOf(df('FROM fedora:42', 'RUN --mount=type=cache,target=/var/cache/dnf dnf install -y git'), RULE), []);
});

test('yarn: install without cache clean (unsafe fix); Yarn 2+ and cache mounts are left alone', () => {
  const text = df('FROM node:24-slim', 'RUN yarn install --frozen-lockfile');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].safe, false);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM node:24-slim', 'RUN yarn install --frozen-lockfile && yarn cache clean'));
  assert.deepEqual(linesOf(fixed, RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'RUN yarn'), RULE), [2]);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'RUN yarn build'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'RUN corepack enable', 'RUN yarn install'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'RUN yarn install --immutable'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install'), RULE), []);
});

test('Russian messages quote the lecture verbatim', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'RUN apk add curl'), RULE, 'ru');
  assert.match(f.message, /«каждая инструкция `RUN`, `COPY` или `ADD` создает отдельный слой, и их оптимизация напрямую влияет на размер итогового образа»/);
  assert.match(f.fixes[0].title, /Добавить/);
});
