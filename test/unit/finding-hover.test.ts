import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/index';
import { RULES } from '../../server/src/rules/index';
import { findingHoverLines, otherToolCodes } from '../../server/src/finding-hover';
import { OTHER_TOOL_CODES } from '../../server/src/data/other-tools';
import { df } from '../support/rules';

test('the hover of a finding names its source and the same problem in hadolint, BuildKit, Trivy and Checkov', () => {
  const text = df('FROM node:latest', 'MAINTAINER me@example.test', 'CMD ["node", "x.js"]');
  const { findings } = analyze(text);
  const pin = findings.find((f) => f.rule === 'pin-image-tag')!;
  const lines = findingHoverLines(findings.concat(pin), pin.range.start, 'en').filter((l) => l.startsWith('`pin-image-tag`'));
  assert.equal(lines.length, 1, 'one line per rule under the cursor');
  assert.match(lines[0], /^`pin-image-tag` · lecture: Best practices · in other tools: hadolint DL3006, DL3007; Trivy DS001; Checkov CKV_DOCKER_7$/);
  const maintainer = findings.find((f) => f.rule === 'maintainer-deprecated')!;
  const [ru] = findingHoverLines(findings, maintainer.range.start, 'ru');
  assert.match(ru, /Сверх лекции \(ближайший раздел: /);
  assert.match(ru, /BuildKit MaintainerDeprecated/);
  assert.match(ru, /Trivy DS022; Checkov CKV_DOCKER_6/);
  assert.deepEqual(findingHoverLines(findings, { line: 2, character: 0 }, 'en').filter((l) => l.includes('pin-image-tag')), []);
});

test('per-finding aliases are what the hover shows', () => {
  assert.deepEqual(otherToolCodes({ rule: 'shellcheck', aliases: ['SC2086'] }), ['ShellCheck SC2086']);
});

test('the table of other tools names only rules that exist, with well-formed ids', () => {
  const ids = new Set(RULES.map((r) => r.id));
  for (const [rule, codes] of Object.entries(OTHER_TOOL_CODES)) {
    assert.ok(ids.has(rule), `${rule} is not a rule`);
    for (const id of codes.trivy) assert.match(id, /^DS0\d\d$/);
    for (const id of codes.checkov) assert.match(id, /^CKV_DOCKER_\d+$/);
  }
});
