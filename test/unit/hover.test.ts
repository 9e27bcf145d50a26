import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../server/src/hover';
import { buildModel } from '../../server/src/model/build';
import { note, quote, section } from '../../common/lecture/sections';
import { df } from '../support/rules';

const text = df('ARG TAG=3.23', 'FROM alpine:${TAG} AS base', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl', 'VOLUME /data', 'EXPOSE 8080', 'USER app');
const model = buildModel(text);

test('keyword hover shows the Russian quote first in ru and the English rendering too', () => {
  const h = hoverAt(model, { line: 2, character: 1 }, 'ru')!;
  const q = quote('layers.run-copy-add');
  assert.ok(h.markdown.indexOf(q.ru) >= 0 && h.markdown.indexOf(q.en) > h.markdown.indexOf(q.ru));
  assert.match(h.markdown, /Лекция 4 · Слоистая файловая система/);
  assert.deepEqual(h.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
});

test('in en the English rendering comes first', () => {
  const h = hoverAt(model, { line: 2, character: 1 }, 'en')!;
  const q = quote('layers.run-copy-add');
  assert.ok(h.markdown.indexOf(q.en) < h.markdown.indexOf(q.ru));
  assert.match(h.markdown, /Beyond the lecture/);
});

test('VOLUME, EXPOSE and USER hovers come from their lecture sections', () => {
  assert.ok(hoverAt(model, { line: 3, character: 2 }, 'ru')!.markdown.includes(quote('data.stateless').ru));
  assert.ok(hoverAt(model, { line: 4, character: 2 }, 'ru')!.markdown.includes(quote('net.ports').ru));
  assert.ok(hoverAt(model, { line: 5, character: 2 }, 'en')!.markdown.includes(quote('best.non-root').en));
});

test('image hover shows the reference, the ARG-resolved value and the lecture on tags', () => {
  const h = hoverAt(model, { line: 1, character: 8 }, 'en')!;
  assert.match(h.markdown, /alpine:\$\\\{TAG\\\}/);
  assert.match(h.markdown, /alpine:3\\\.23/);
  assert.ok(h.markdown.includes(quote('best.tags').en));
});

test('flag hover explains --mount', () => {
  const h = hoverAt(model, { line: 2, character: 8 }, 'en')!;
  assert.match(h.markdown, /RUN --mount/);
  assert.match(h.markdown, /type=cache/);
});

test('text from the Dockerfile is escaped in Markdown', () => {
  const evil = buildModel(df('FROM <img src=x onerror=alert(1)>[click](command:workbench.action.quit)'));
  const h = hoverAt(evil, { line: 0, character: 7 }, 'en')!;
  assert.ok(!h.markdown.includes('<img'), h.markdown);
  assert.ok(!h.markdown.includes('](command:'), h.markdown);
  assert.match(h.markdown, /&lt;img/);
});

test('no hover on arguments, comments or blank lines', () => {
  assert.equal(hoverAt(model, { line: 2, character: 60 }, 'en'), null);
  assert.equal(hoverAt(buildModel(df('# just a comment', '')), { line: 0, character: 3 }, 'en'), null);
});

test('notes beyond the lecture carry one Russian label, «Сверх лекции»', () => {
  const h = hoverAt(model, { line: 2, character: 1 }, 'ru')!;
  assert.match(h.markdown, /\*\*Сверх лекции:\*\*/);
  assert.ok(!h.markdown.includes('Точнее, чем в лекции'));
});

test('WORKDIR hover says it adds a layer in BuildKit (not "metadata only")', () => {
  const h = hoverAt(buildModel(df('FROM alpine:3.20', 'WORKDIR /app')), { line: 1, character: 2 }, 'en')!;
  assert.match(h.markdown, /adds a layer/);
  assert.ok(h.markdown.includes(note('layers.which-instructions').text.en));
  const ru = hoverAt(buildModel(df('FROM alpine:3.20', 'WORKDIR /app')), { line: 1, character: 2 }, 'ru')!;
  assert.match(ru.markdown, /рабочую директорию/);
});

test('USER hover: UID 0 in the container is UID 0 on the host without userns-remap or rootless', () => {
  const h = hoverAt(model, { line: 5, character: 2 }, 'en')!;
  assert.ok(h.markdown.includes(note('best.root-is-root').text.en));
});

test('architecture ties: EXPOSE 2375/2376, docker.sock, docker and dockerd in RUN', () => {
  const m = buildModel(df(
    'FROM alpine:3.20',
    'RUN apk add --no-cache docker && dockerd --version',
    'VOLUME /var/run/docker.sock',
    'RUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker ps',
    'EXPOSE 2375 2376/tcp 8080',
    'ENV DOCKER_HOST=unix:///var/run/docker.sock',
    'RUN apk add docker-compose',
  ));
  const at = (line: number, character: number) => hoverAt(m, { line, character }, 'en');
  const arch = section('architecture').title.en;
  const client = at(1, 'RUN apk add --no-cache d'.length)!;
  assert.match(client.markdown, /^\*\*docker\*\* — The Docker client/);
  assert.ok(client.markdown.includes(arch));
  assert.deepEqual(client.range, { start: { line: 1, character: 23 }, end: { line: 1, character: 29 } });
  assert.match(at(1, 'RUN apk add --no-cache docker && dock'.length)!.markdown, /^\*\*dockerd\*\* — The Docker daemon/);
  assert.match(at(2, 12)!.markdown, /^\*\*docker\.sock\*\*/);
  const mountSocket = at(3, 'RUN --mount=type=bind,source=/var/run/dock'.length)!;
  assert.match(mountSocket.markdown, /docker\.sock/, 'the socket inside --mount ties to the daemon, not to --mount');
  assert.match(at(3, 8)!.markdown, /RUN --mount/, 'elsewhere in the flag the --mount hover stays');
  assert.match(at(4, 8)!.markdown, /^\*\*EXPOSE 2375\*\* — /);
  assert.match(at(4, 14)!.markdown, /^\*\*EXPOSE 2376\*\* — /);
  assert.equal(at(4, 23), null, 'EXPOSE 8080 has no architecture tie');
  assert.match(at(5, 30)!.markdown, /docker\.sock/);
  assert.equal(at(6, 'RUN apk add docker-c'.length), null, 'docker-compose is not the Docker client');
  assert.ok(hoverAt(m, { line: 4, character: 8 }, 'ru')!.markdown.includes(section('architecture').title.ru));
});
