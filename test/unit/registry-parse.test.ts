// Pure helpers of the registry client: references, endpoints, version ordering, challenges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareVersionTags, parseChallenge, parseImageRef, pinCandidates, registryEndpoint, variantOf,
} from '../../server/src/registry';

const D = 'sha256:' + 'c'.repeat(64);

test('parseImageRef: Docker Hub defaults and official images', () => {
  assert.deepEqual(parseImageRef('node'), { registry: 'docker.io', repository: 'library/node' });
  assert.deepEqual(parseImageRef('node:20-alpine'), { registry: 'docker.io', repository: 'library/node', tag: '20-alpine' });
  assert.deepEqual(parseImageRef('bitnami/redis:7.2'), { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2' });
  assert.deepEqual(parseImageRef('docker.io/node:20'), { registry: 'docker.io', repository: 'library/node', tag: '20' });
  assert.deepEqual(parseImageRef('index.docker.io/library/node'), { registry: 'docker.io', repository: 'library/node' });
  assert.deepEqual(parseImageRef(`node:20@${D}`), { registry: 'docker.io', repository: 'library/node', tag: '20', digest: D });
});

test('parseImageRef: other registries by ".", ":" or localhost', () => {
  assert.deepEqual(parseImageRef('ghcr.io/a/b:1'), { registry: 'ghcr.io', repository: 'a/b', tag: '1' });
  assert.deepEqual(parseImageRef('quay.io/prometheus/node-exporter'), { registry: 'quay.io', repository: 'prometheus/node-exporter' });
  assert.deepEqual(parseImageRef('mcr.microsoft.com/dotnet/sdk:8.0'), { registry: 'mcr.microsoft.com', repository: 'dotnet/sdk', tag: '8.0' });
  assert.deepEqual(parseImageRef('gcr.io/distroless/static-debian12:nonroot'),
    { registry: 'gcr.io', repository: 'distroless/static-debian12', tag: 'nonroot' });
  assert.deepEqual(parseImageRef('localhost:5000/x'), { registry: 'localhost:5000', repository: 'x' });
  assert.deepEqual(parseImageRef('localhost/x:2'), { registry: 'localhost', repository: 'x', tag: '2' });
  assert.deepEqual(parseImageRef(`registry:5000/x@${D}`), { registry: 'registry:5000', repository: 'x', digest: D });
  assert.deepEqual(parseImageRef('[::1]:5000/team/app:1'), { registry: '[::1]:5000', repository: 'team/app', tag: '1' });
  // Without '.', ':' or localhost the first component is a Docker Hub namespace.
  assert.deepEqual(parseImageRef('registry/x'), { registry: 'docker.io', repository: 'registry/x' });
});

test('parseImageRef: invalid references and unresolved variables give null', () => {
  for (const bad of ['', '  ', '$BASE', 'node:$TAG', '${REGISTRY}/app', 'Node', 'node:', 'node@sha256:123',
    'http://ghcr.io/a', 'a//b', 'node:20 AS build', '-node', `node@sha256:${'g'.repeat(64)}`, 'host:99999/x',
    'ghcr.io/a/b:' + 'x'.repeat(200)]) {
    assert.equal(parseImageRef(bad), null, JSON.stringify(bad));
  }
});

test('registryEndpoint: Hub, mirror, https elsewhere, http only on loopback', () => {
  assert.equal(registryEndpoint('docker.io'), 'https://registry-1.docker.io');
  assert.equal(registryEndpoint('docker.io', 'http://127.0.0.1:5000/'), 'http://127.0.0.1:5000');
  assert.equal(registryEndpoint('ghcr.io', 'http://127.0.0.1:5000'), 'https://ghcr.io');
  assert.equal(registryEndpoint('registry:5000'), 'https://registry:5000');
  assert.equal(registryEndpoint('localhost:5000'), 'http://localhost:5000');
  assert.equal(registryEndpoint('127.0.0.2:80'), 'http://127.0.0.2:80');
  assert.equal(registryEndpoint('[::1]:5000'), 'http://[::1]:5000');
  assert.equal(registryEndpoint('127.example.com'), 'https://127.example.com');
  assert.equal(registryEndpoint('localhost.evil.com:5000'), 'https://localhost.evil.com:5000');
});

test('compareVersionTags: numeric, more specific higher, variants apart, non-versions last', () => {
  assert.ok(compareVersionTags('20.11.1', '20.11') > 0);
  assert.ok(compareVersionTags('20.11', '20.9.0') > 0);
  assert.ok(compareVersionTags('1.10', '1.9') > 0);
  assert.ok(compareVersionTags('v2', '1.99') > 0);
  assert.equal(compareVersionTags('20.11.1', '20.11.1'), 0);
  const sorted = ['latest', '1.9-alpine', '20.11.1-alpine', 'bookworm', '1.10', '20.11', '1.9', '20.11.1', '20.9.0', '20-alpine']
    .sort(compareVersionTags);
  assert.deepEqual(sorted, ['1.9', '1.9-alpine', '1.10', '20-alpine', '20.9.0', '20.11', '20.11.1', '20.11.1-alpine', 'bookworm', 'latest']);
});

test('variantOf and pinCandidates keep flavour and version prefix', () => {
  assert.equal(variantOf('20.11.1-alpine3.19'), 'alpine3.19');
  assert.equal(variantOf('latest'), '');
  assert.equal(variantOf('lts-bookworm-slim'), 'bookworm-slim');
  assert.equal(variantOf('alpine'), 'alpine');
  const tags = ['18.19.0', '20', '20.11', '20.11.1', '20.11.1-alpine', '20.9.0', 'latest', '20-alpine', '21.0.0', '2.0'];
  assert.deepEqual(pinCandidates('20', tags), ['20.11.1', '20.11', '20.9.0', '20']);
  assert.deepEqual(pinCandidates('20-alpine', tags), ['20.11.1-alpine', '20-alpine']);
  assert.deepEqual(pinCandidates('latest', tags), ['21.0.0', '20.11.1', '20.11', '20.9.0', '20', '18.19.0', '2.0']);
  assert.deepEqual(pinCandidates('alpine', tags), ['20.11.1-alpine', '20-alpine']);
});

test('parseChallenge reads Bearer and Basic challenges, commas inside quotes included', () => {
  assert.deepEqual(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull,push"'), {
    scheme: 'bearer',
    params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/node:pull,push' },
  });
  assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
  assert.deepEqual(parseChallenge('Bearer realm=https://x/t, service=s'), { scheme: 'bearer', params: { realm: 'https://x/t', service: 's' } });
  assert.equal(parseChallenge(null), null);
  assert.equal(parseChallenge('   '), null);
});
