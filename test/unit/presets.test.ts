import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/rules/index';
import { presetRuleSettings, presetSeverity } from '../../server/src/presets';

test('the hadolint preset runs exactly the rules that report a hadolint code, off-by-default pinning included', () => {
  const settings = presetRuleSettings('hadolint', RULES);
  assert.equal(settings['pin-package-versions'], 'on', 'DL3008 and friends are on in hadolint');
  assert.equal(settings['merge-consecutive-run'], 'on');
  assert.equal(settings['moving-tag'], 'off', 'no hadolint code');
  assert.equal(settings['heredoc-errexit'], 'off');
  for (const r of RULES) assert.ok(settings[r.id] === 'on' || settings[r.id] === 'off', r.id);
  assert.deepEqual(presetRuleSettings('default', RULES), {});
});

test('findings take hadolint severities by their own codes; style is our hint; codes hadolint lacks keep theirs', () => {
  assert.equal(presetSeverity('hadolint', { aliases: ['DL3059'], severity: 'hint' }), 'info');
  assert.equal(presetSeverity('hadolint', { aliases: ['DL4000', 'MaintainerDeprecated'], severity: 'warning' }), 'error');
  assert.equal(presetSeverity('hadolint', { aliases: ['DL3048'], severity: 'warning' }), 'hint');
  assert.equal(presetSeverity('hadolint', { aliases: ['UndefinedVar'], severity: 'warning' }), 'warning');
  assert.equal(presetSeverity('default', { aliases: ['DL3059'], severity: 'hint' }), 'hint');
});
