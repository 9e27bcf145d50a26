import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';

const RULE = 'docker-api-exposed';

test('EXPOSE 2375 (also in a range, or /tcp) is the plain-text Docker API: a warning tied to the architecture section', () => {
  const [f] = findingsOf(df('FROM docker:27-dind', 'EXPOSE 2375', 'CMD ["dockerd", "--host=tcp://0.0.0.0:2375"]'), RULE);
  assert.equal(f.severity, 'warning');
  assert.equal(f.lecture, 'architecture');
  assert.equal(f.beyondLecture, false);
  assert.deepEqual(f.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 11 } });
  assert.match(f.message, /2376/);
  const [ru] = findingsOf(df('FROM docker:27-dind', 'EXPOSE 2375'), RULE, 'ru');
  assert.match(ru.message, /Лекция: «\*\*Docker client\*\* взаимодействует с демоном через REST API/);
  assert.deepEqual(linesOf(df('FROM docker:27-dind', 'EXPOSE 2370-2380/tcp 80'), RULE), [2]);
});

test('the TLS port, other ports and UDP are fine', () => {
  assert.deepEqual(linesOf(df('FROM docker:27-dind', 'EXPOSE 2376', 'EXPOSE 8080 2375/udp'), RULE), []);
});

test('next to the TLS port 2376 (docker:dind serves TLS by default) 2375 is only a hint', () => {
  const [f] = findingsOf(df('FROM alpine:3.21', 'EXPOSE 2375 2376'), RULE);
  assert.equal(f.severity, 'hint');
});
