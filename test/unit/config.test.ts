import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/index';
import { parseHadolintConfig } from '../../server/src/config/hadolint';
import { projectOptionsFor } from '../../server/src/config/project';
import { df } from '../support/rules';
import { LspClient } from '../support/lsp-client';
import { pathToFileURL } from 'node:url';

const sample = df('FROM node', 'RUN a', 'RUN b');

test('reads ignored, override, trustedRegistries and failure-threshold from .hadolint.yaml', () => {
  const c = parseHadolintConfig('ignored: [DL3059]\noverride:\n  error: [DL3006]\n  style: [DL3002]\ntrustedRegistries:\n  - docker.io\nfailure-threshold: warning\n');
  assert.deepEqual(c.rules, { DL3059: 'off', DL3006: 'error', DL3002: 'hint' });
  assert.deepEqual(c.trustedRegistries, ['docker.io']);
  assert.equal(c.failureThreshold, 'warning');
  assert.deepEqual(c.problems, []);
});

test('bad YAML or shapes are reported as problems, not thrown', () => {
  assert.match(parseHadolintConfig('ignored: [DL3059').problems[0], /invalid YAML/);
  assert.match(parseHadolintConfig('- a\n- b\n').problems[0], /mapping/);
  assert.match(parseHadolintConfig('ignored: DL3059\n').problems[0], /expected a list/);
  assert.match(parseHadolintConfig('override:\n  fatal: [DL3006]\n').problems[0], /unknown level/);
  assert.deepEqual(parseHadolintConfig('').rules, {});
});

test('the nearest config applies through aliases, and user settings win over it', () => {
  const root = mkdtempSync(join(tmpdir(), 'lh-config-'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, '.hadolint.yaml'), 'ignored: [DL3059]\noverride:\n  error: [DL3006]\n');
  const dockerfile = join(root, 'app', 'Dockerfile');
  writeFileSync(dockerfile, sample);
  const project = projectOptionsFor(dockerfile);
  assert.equal(project.configPath, join(root, '.hadolint.yaml'));
  const findings = analyze(sample, project.analyze).findings;
  assert.ok(!findings.some((f) => f.rule === 'merge-consecutive-run'));
  assert.equal(findings.find((f) => f.rule === 'pin-image-tag')?.severity, 'error');
  const withUser = analyze(sample, projectOptionsFor(dockerfile, undefined, { 'merge-consecutive-run': 'warning' }).analyze).findings;
  assert.equal(withUser.find((f) => f.rule === 'merge-consecutive-run')?.severity, 'warning');
});

test('trusted-registry flags images from other registries only when a list is configured', () => {
  const text = df('FROM ghcr.io/acme/app:1.0', 'FROM node:24.19.0', 'FROM node:24.19.0 AS b', 'FROM b');
  assert.equal(analyze(text).findings.filter((f) => f.rule === 'trusted-registry').length, 0);
  const found = analyze(text, { context: { trustedRegistries: ['docker.io'] } }).findings.filter((f) => f.rule === 'trusted-registry');
  assert.deepEqual(found.map((f) => f.range.start.line), [0]);
  assert.deepEqual(found[0].aliases, ['DL3026']);
});

test('inline suppressions: own syntax, hadolint pragmas and check=skip, per instruction and per file', () => {
  const lines = (f: { rule: string; range: { start: { line: number } } }[]) => f.filter((x) => x.rule === 'merge-consecutive-run').map((x) => x.range.start.line + 1);
  const base = ['FROM alpine:3.23', 'USER app', 'RUN a', 'RUN b', 'RUN c'];
  assert.deepEqual(lines(analyze(df(...base)).findings), [4, 5]);
  assert.deepEqual(lines(analyze(df('FROM alpine:3.23', 'USER app', 'RUN a', '# lecture-hints ignore=merge-consecutive-run -- vendor script', 'RUN b', 'RUN c')).findings), [6]);
  assert.deepEqual(lines(analyze(df('FROM alpine:3.23', 'USER app', 'RUN a', '# hadolint ignore=DL3059,DL3008', 'RUN b', 'RUN c')).findings), [6]);
  assert.deepEqual(lines(analyze(df('FROM alpine:3.23', 'USER app', 'RUN a', '# check=skip=DL3059', 'RUN b', 'RUN c')).findings), [6]);
  assert.deepEqual(lines(analyze(df('# check=skip=DL3059', ...base)).findings), []);
  assert.deepEqual(lines(analyze(df(...base, '# hadolint global ignore=DL3059')).findings), []);
  assert.deepEqual(lines(analyze(df('# lecture-hints global ignore=merge-consecutive-run', ...base)).findings), []);
  // A comment separated from the instruction by a blank line does not apply to it.
  assert.deepEqual(lines(analyze(df('FROM alpine:3.23', 'USER app', 'RUN a', '# hadolint ignore=DL3059', '', 'RUN b')).findings), [6]);
});

test('the CLI finds the nearest .hadolint.yaml, honours --config and failure-threshold', () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const cli = join(__dirname, '../../../dist/cli.js');
  const root = mkdtempSync(join(tmpdir(), 'lh-cli-config-'));
  mkdirSync(join(root, 'svc'));
  const dockerfile = join(root, 'svc', 'Dockerfile');
  writeFileSync(dockerfile, sample);
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'lint', '--offline', '--format', 'json', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
  const rules = (r: { stdout: string }) => (JSON.parse(r.stdout).files[0].diagnostics as { rule: string; severity: string }[]);

  assert.ok(rules(run(dockerfile)).some((d) => d.rule === 'merge-consecutive-run'));
  writeFileSync(join(root, '.hadolint.yaml'), 'ignored: [DL3059]\nfailure-threshold: warning\n');
  const withConfig = run(dockerfile);
  assert.ok(!rules(withConfig).some((d) => d.rule === 'merge-consecutive-run'), 'ignored through the alias');
  assert.equal(withConfig.status, 1, 'failure-threshold: warning makes the pin-image-tag warning fail the run');
  assert.equal(run('--fail-on', 'error', dockerfile).status, 0, '--fail-on beats the file');

  const other = join(root, 'strict.yaml');
  writeFileSync(other, 'override:\n  error: [DL3059]\n');
  assert.equal(rules(run('--config', other, dockerfile)).find((d) => d.rule === 'merge-consecutive-run')?.severity, 'error');
  const missing = run('--config', join(root, 'nope.yaml'), dockerfile);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.yaml: cannot read/);
  writeFileSync(join(root, '.hadolint.yaml'), 'ignored: [DL3059\n');
  assert.match(run(dockerfile).stderr, /warning: .*\.hadolint\.yaml: invalid YAML/);
});

test('the language server applies the .hadolint.yaml next to a file on disk', async () => {
  const root = mkdtempSync(join(tmpdir(), 'lh-lsp-config-'));
  writeFileSync(join(root, '.hadolint.yaml'), 'ignored: [DL3059]\noverride:\n  error: [DL3006]\n');
  const uri = pathToFileURL(join(root, 'Dockerfile')).href;
  const { client } = await LspClient.start({ locale: 'en' });
  try {
    await client.didOpen(uri, sample);
    const published = await client.nextDiagnostics(uri);
    assert.ok(!published.diagnostics.some((d) => d.code === 'merge-consecutive-run'));
    assert.equal(published.diagnostics.find((d) => d.code === 'pin-image-tag')?.severity, 1, 'DiagnosticSeverity.Error');
  } finally {
    await client.dispose();
  }
});
