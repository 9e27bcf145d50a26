import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/rules/index';
import { HADOLINT_CODES, hadolintTable, rulesForCode } from '../../server/src/data/hadolint-codes';

test('every hadolint code is either covered by a rule alias or says why not, never both', () => {
  for (const c of HADOLINT_CODES) {
    const ours = rulesForCode(c.code, RULES);
    if (ours.length) assert.equal(c.notImplemented, undefined, `${c.code} is covered by ${ours.join(', ')} but says it is not`);
    else assert.ok(c.notImplemented, `${c.code} has no rule and no reason`);
  }
});

test('every DL alias of a rule is a real hadolint code, listed once', () => {
  const codes = new Set(HADOLINT_CODES.map((c) => c.code));
  assert.equal(codes.size, HADOLINT_CODES.length);
  for (const r of RULES) for (const a of r.aliases) if (/^DL\d+$/.test(a)) assert.ok(codes.has(a), `${r.id} claims ${a}`);
});

test('the README table has a row per code', () => {
  const table = hadolintTable(RULES);
  assert.equal(table.trim().split('\n').length, HADOLINT_CODES.length + 2);
  assert.match(table, /\| DL3021 \| error \| .* \| `copy-to-directory` \|/);
});
