/** `lint --preset hadolint` and `--shellcheck`: run as a child process on dist/cli.js. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtFile, REPO_ROOT } from '../support/lsp-client';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-preset-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

let count = 0;
function dockerfile(text: string, extra: Record<string, string> = {}): string {
  const dir = path.join(tmp, String(++count));
  fs.mkdirSync(dir);
  for (const [name, content] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), content);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  return path.join(dir, 'Dockerfile');
}

interface Diag { rule: string; aliases: string[]; severity: string; range: { start: { line: number } } }
function lint(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; diags: Diag[]; stderr: string } {
  const r = spawnSync(process.execPath, [builtFile('cli.js'), 'lint', '--offline', '--format', 'json', '--fail-on', 'never', ...args], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', LANG: 'C', NO_COLOR: '1', ...env },
  });
  if (r.error) throw r.error;
  return { status: r.status, diags: JSON.parse(r.stdout).files[0].diagnostics, stderr: r.stderr };
}

const HADOLINT_CASE = 'FROM ubuntu\nMAINTAINER someone@example.com\nRUN apt-get update\nRUN apt-get install -y curl\nRUN set -e; cat <<EOF\nx\nEOF\n';

test('--preset hadolint: hadolint rules at hadolint severities, and nothing without a DL/SC code', () => {
  const file = dockerfile(HADOLINT_CASE);
  const plain = lint(['--shellcheck', 'off', file]).diags;
  assert.ok(!plain.some((d) => d.rule === 'pin-package-versions'), 'pin-package-versions is off by default');
  const { diags } = lint(['--shellcheck', 'off', '--preset', 'hadolint', file]);
  const sev = (code: string) => diags.filter((d) => d.aliases.includes(code)).map((d) => d.severity);
  assert.ok(sev('DL3059').length > 0 && sev('DL3059').every((s) => s === 'info'), `DL3059 at info: ${sev('DL3059')}`);
  assert.deepEqual(sev('DL3008'), ['warning'], 'on under the preset');
  assert.deepEqual(sev('DL4000'), ['error'], 'hadolint calls MAINTAINER an error');
  for (const d of diags) assert.ok(d.aliases.some((a) => /^(DL|SC)\d{4}$/.test(a)), `${d.rule} has a hadolint or ShellCheck code`);
  assert.ok(plain.some((d) => !d.aliases.some((a) => /^(DL|SC)\d{4}$/.test(a))), 'the default preset does report rules without a code');
  for (const id of ['moving-tag', 'heredoc-errexit', 'apt-update-alone']) assert.ok(!diags.some((d) => d.rule === id), `${id} is not a hadolint rule`);
});

test('--preset hadolint: .hadolint.yaml settings win over the preset', () => {
  const yaml = 'override:\n  warning:\n    - DL4000\nignored:\n  - DL3059\n';
  const { diags, stderr } = lint(['--shellcheck', 'off', '--preset', 'hadolint', dockerfile(HADOLINT_CASE, { '.hadolint.yaml': yaml })]);
  assert.equal(stderr, '');
  assert.deepEqual(diags.filter((d) => d.aliases.includes('DL4000')).map((d) => d.severity), ['warning'], 'override beats the preset severity');
  assert.ok(!diags.some((d) => d.aliases.includes('DL3059')), 'ignored beats the preset');
  assert.ok(diags.some((d) => d.aliases.includes('DL3008')), 'the rest of the preset stays');
});

const SCRIPT = 'FROM alpine:3.20\nRUN echo $HOME\nUSER nobody\n';

test('--shellcheck: findings from the real shellcheck (auto), none with off, a note when absent', () => {
  const file = dockerfile(SCRIPT);
  const auto = lint([file]);
  assert.equal(auto.stderr, '');
  assert.deepEqual(auto.diags.filter((d) => d.rule === 'shellcheck').map((d) => [d.aliases[0], d.range.start.line]), [['SC2086', 1]],
    'the CI check installs shellcheck: it must run here');
  assert.equal(lint(['--shellcheck', 'off', file]).diags.filter((d) => d.rule === 'shellcheck').length, 0);
  const absent = lint(['--shellcheck', path.join(tmp, 'no-such-shellcheck'), file]);
  assert.equal(absent.status, 0, 'never an error');
  assert.equal(absent.diags.filter((d) => d.rule === 'shellcheck').length, 0);
  assert.match(absent.stderr, /^note: .*not an executable.*\n$/);
  const noPath = lint([file], { PATH: path.join(tmp, 'empty') });
  assert.equal(noPath.status, 0);
  assert.equal(noPath.stderr.split('\n').filter((l) => l.startsWith('note: ')).length, 1, `one note: ${noPath.stderr}`);
});

test('--shellcheck with --fix: scripts the fixes rewrote are checked again', () => {
  // The merge fix joins the two RUNs into one script that ShellCheck has not seen.
  const file = dockerfile('FROM alpine:3.20\nRUN true\nRUN echo $HOME\nUSER nobody\n');
  const { diags } = lint(['--fix', file]);
  assert.equal(fs.readFileSync(file, 'utf8'), 'FROM alpine:3.20\nRUN true \\\n    && echo $HOME\nUSER nobody\n');
  const sc = diags.filter((d) => d.rule === 'shellcheck');
  assert.ok(sc.some((d) => d.aliases[0] === 'SC2086' && d.range.start.line === 2), JSON.stringify(sc));
});
