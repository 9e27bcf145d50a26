import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/model/build';
import { imageKind } from '../../server/src/rules/support/image-kind';
import { df } from '../support/rules';

const kindOf = (text: string, path = ''): string | undefined => imageKind(buildModel(text), path)?.kind;

test('runtime: a CMD/ENTRYPOINT that starts a program, or a service image inherited as it is', () => {
  assert.equal(kindOf(df('FROM python:3.14-slim', 'COPY . /app', 'CMD ["python", "/app/main.py"]')), 'runtime');
  assert.equal(kindOf(df('FROM golang:1.26 AS build', 'RUN go build -o /app', 'FROM scratch', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]')), 'runtime');
  assert.equal(kindOf(df('FROM nginx:1.27', 'COPY dist /usr/share/nginx/html')), 'runtime', 'inherits nginx');
  assert.equal(kindOf(df('FROM node:24 AS base', 'CMD ["node", "server.js"]', 'FROM base', 'COPY . .')), 'runtime', 'CMD up the chain');
  assert.equal(kindOf(df('FROM alpine:3.23', 'ENTRYPOINT ["docker-entrypoint.sh"]')), 'runtime', 'a wrapper alone runs the image\'s own program');
});

test('base: no CMD/ENTRYPOINT, or only a bare shell or interpreter prompt', () => {
  assert.equal(kindOf(df('FROM debian:trixie', 'RUN apt-get update')), 'base');
  assert.equal(kindOf(df('FROM alpine:3.23', 'RUN adduser -D node', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD [ "node" ]')), 'base', 'node official image');
  assert.equal(kindOf(df('FROM debian:trixie-slim', 'CMD ["python3"]')), 'base');
  assert.equal(kindOf(df('FROM debian:trixie-slim', 'CMD php -a')), 'base');
  assert.equal(kindOf(df('FROM debian:stable-slim', 'ENTRYPOINT ["/tini", "--", "docker-entrypoint.sh"]', 'CMD ["eval", "console.log(1)"]')), 'base', 'a demo CMD');
  assert.equal(kindOf(df('ARG BASE=company/base:1', 'FROM $BASE', 'RUN apt-get update && apt-get install -y curl')), 'base');
});

test('toolchain: no program to run on a compiler image or in a stage named like a build/CI step', () => {
  assert.equal(kindOf(df('FROM golang:1.26', 'RUN go install golang.org/x/tools/gopls@latest')), 'toolchain');
  assert.equal(kindOf(df('FROM golang:1.26', 'CMD ["bash"]')), 'toolchain');
  assert.equal(kindOf(df('FROM ubuntu:24.04 AS upload-artifact', 'RUN ./upload.sh')), 'toolchain');
  assert.equal(kindOf(df('FROM ubuntu:24.04 AS builder', 'RUN make')), 'toolchain');
});

test('devcontainer: by path, by base image, by stage name, or a container kept alive for exec', () => {
  assert.equal(kindOf(df('FROM python:3.14', 'CMD ["python", "app.py"]'), '/repo/.devcontainer/Dockerfile'), 'devcontainer');
  assert.equal(kindOf(df('FROM python:3.14', 'CMD ["python", "app.py"]'), 'C:\\repo\\.devcontainer\\Dockerfile'), 'devcontainer');
  assert.equal(kindOf(df('FROM python:3.14', 'CMD ["python", "app.py"]'), '/repo/Dockerfile'), 'runtime');
  assert.equal(kindOf(df('FROM mcr.microsoft.com/devcontainers/python:3.12', 'RUN pip install x')), 'devcontainer');
  assert.equal(kindOf(df('FROM python:3.14 AS app', 'COPY . .', 'FROM app AS dev-envs', 'RUN apt-get install -y git')), 'devcontainer');
  assert.equal(kindOf(df('FROM ubuntu:24.04', 'COPY notice.txt /tmp/', 'CMD [ "sleep", "infinity" ]')), 'devcontainer');
});

test('bundle: a scratch image with nothing to run', () => {
  assert.equal(kindOf(df('FROM golang:1.26 AS build', 'RUN go build -o /out/app', 'FROM scratch', 'COPY --from=build /out /')), 'bundle');
});

test('windows: by image name, by # escape=`, and .NET Framework images', () => {
  assert.equal(kindOf(df('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'CMD ["app.exe"]')), 'windows');
  assert.equal(kindOf(df('FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8.1', 'COPY site/ /inetpub/wwwroot')), 'windows');
  assert.equal(kindOf('# escape=`\nFROM company/winbase:1\nCMD ["app.exe"]\n'), 'windows');
});

test('app code: COPY from the context or a stage of the file counts; entrypoint scripts and other images do not', () => {
  const app = (...lines: string[]) => imageKind(buildModel(df('FROM golang:1.26 AS build', 'FROM debian:trixie', ...lines, 'CMD ["prog"]')))!.bringsAppCode;
  assert.equal(app('COPY . /app'), true);
  assert.equal(app('COPY --from=build /out/prog /usr/bin/'), true);
  assert.equal(app('COPY docker-entrypoint.sh /usr/local/bin/'), false);
  assert.equal(app('COPY --from=tianon/gosu /gosu /usr/local/bin/'), false);
  assert.equal(app('RUN apt-get install -y prog'), false);
});

test('no stages: null; the answer is cached per model', () => {
  assert.equal(imageKind(buildModel('# nothing\n')), null);
  const model = buildModel(df('FROM debian:trixie', 'CMD ["x"]'));
  assert.equal(imageKind(model), imageKind(model));
});
