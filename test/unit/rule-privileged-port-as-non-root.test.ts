import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';

const RULE = 'privileged-port-as-non-root';

test('a port below 1024 in a final image that runs as a non-root user is info', () => {
  const text = df('FROM nginx:1.27.4', 'EXPOSE 80 8080 443/tcp', 'USER nginx');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.range.start.character), [7, 15]);
  assert.equal(findings[0].severity, 'info');
  assert.match(findings[0].message, /CAP_NET_BIND_SERVICE/);
  assert.equal(findings[0].fixes.length, 0);
});

test('root, no USER, variables, high ports and earlier stages are fine', () => {
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4', 'EXPOSE 80'), RULE), []);
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4', 'USER app', 'EXPOSE 80', 'USER root'), RULE), []);
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4', 'USER $APP_USER', 'EXPOSE 80'), RULE), []);
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4', 'USER 101', 'EXPOSE 8080 $PORT'), RULE), []);
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4 AS a', 'USER app', 'EXPOSE 80', 'FROM nginx:1.27.4'), RULE), []);
});

test('EXPOSE and USER inherited through FROM <stage> count', () => {
  const text = df('FROM nginx:1.27.4 AS base', 'EXPOSE 443', 'FROM base', 'USER 101:101');
  assert.deepEqual(linesOf(text, RULE), [2]);
});

test('a program given CAP_NET_BIND_SERVICE with setcap may bind low ports', () => {
  const text = df('FROM python:3.14.6', 'RUN cp /usr/local/bin/python3 /usr/local/bin/python3-cap && \\', '    setcap CAP_NET_BIND_SERVICE=+eip /usr/local/bin/python3-cap', 'USER 5050', 'EXPOSE 80 443');
  assert.deepEqual(linesOf(text, RULE), []);
});

test('the effective user is the one non-root-user sees: the last USER up the chain decides', () => {
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4 AS base', 'USER app', 'FROM base', 'USER 0:0', 'EXPOSE 80'), RULE), []);
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4 AS base', 'USER root', 'FROM base', 'USER www-data:www-data', 'EXPOSE 80'), RULE), [5]);
});
