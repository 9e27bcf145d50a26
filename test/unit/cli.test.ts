/** The command-line linter, run as a child process on dist/cli.js. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtFile, REPO_ROOT } from '../support/lsp-client';

const FIXTURE_REL = 'test/fixtures/example.Dockerfile';
const EXAMPLE = fs.readFileSync(path.join(REPO_ROOT, FIXTURE_REL), 'utf8');
/** The rules this file checks findings of; other rules may be added to the catalogue. */
const RULE_IDS = ['merge-consecutive-run', 'pin-image-tag', 'non-root-user'];
/** The whole catalogue, as this build of the CLI lists it. */
const catalogue = (): string[] => JSON.parse(cli(['rules', '--format', 'json']).stdout).map((r: { id: string }) => r.id);
const CLEAN = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER nobody\nCMD ["sh"]\n';
const CYRILLIC = /[А-Яа-яЁё]/;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

let fileCount = 0;
function tempFile(content: string | Buffer, name = 'Dockerfile'): string {
  const dir = path.join(tmp, String(++fileCount));
  fs.mkdirSync(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

interface Run { status: number | null; stdout: string; stderr: string }

/** Runs the CLI with a neutral locale so the default language is English. */
function cli(args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}): Run {
  // Registry look-ups would make results depend on the network: tests run offline.
  const offline = args[0] === 'lint' && !args.includes('--offline') ? [args[0], '--offline', ...args.slice(1)] : args;
  const r = spawnSync(process.execPath, [builtFile('cli.js'), ...offline], {
    cwd: REPO_ROOT, input, encoding: 'utf8', timeout: 20_000, maxBuffer: 1 << 26,
    env: { PATH: process.env.PATH ?? '', LANG: 'C', NO_COLOR: '1', ...env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** 1-based line numbers of lines equal to `exact`. */
function lineNo(text: string, exact: string): number {
  const n = text.split(/\r?\n/).indexOf(exact);
  assert.ok(n >= 0, `line ${JSON.stringify(exact)}`);
  return n + 1;
}

function assertOneLineError(r: Run, pattern: RegExp): void {
  assert.equal(r.status, 2, `exit code 2 (stderr: ${r.stderr})`);
  const first = r.stderr.split('\n')[0];
  assert.match(first, /^error: /);
  assert.match(first, pattern);
  assert.doesNotMatch(r.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
  assert.doesNotMatch(r.stderr, /internal error|Error:/, 'no raw exception');
}

test('lint text output: file:line:col, severity, rule id and lecture section', () => {
  const r = cli(['lint', FIXTURE_REL]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colours when not a TTY');
  const lines = r.stdout.trimEnd().split('\n');
  // The build stage's layers are not shipped: its merge is only a hint (still listed, never fixed by --fix).
  const merge = `${FIXTURE_REL}:${lineNo(EXAMPLE, 'RUN npm run build')}:1: hint merge-consecutive-run (DL3059): `;
  const i = lines.findIndex((l) => l.startsWith(merge));
  assert.ok(i >= 0, `a line starting with ${merge}\n${r.stdout}`);
  assert.equal(lines[i + 1], '    lecture: Best practices');
  const ubuntu = lineNo(EXAMPLE, 'FROM ubuntu');
  assert.ok(lines.some((l) => l.startsWith(`${FIXTURE_REL}:${ubuntu}:6: warning pin-image-tag (DL3006, DL3007): `)));
  assert.ok(lines.some((l) => l.startsWith(`${FIXTURE_REL}:${ubuntu}:1: info non-root-user (DL3002): `)));
  const findings = lines.filter((l) => /^\S+:\d+:\d+: (error|warning|info|hint) [a-z-]+/.test(l));
  assert.equal(findings.filter((l) => RULE_IDS.some((id) => l.includes(` ${id} (`))).length, 5);
  assert.equal(lines[lines.length - 1], `${findings.length} finding(s) in 1 file(s)`);
});

/** Asserts an object's own keys, in order. */
function keys(value: unknown, expected: string[], where: string): Record<string, unknown> {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${where} is an object`);
  assert.deepEqual(Object.keys(value), expected, `keys of ${where}`);
  return value as Record<string, unknown>;
}

function position(value: unknown, where: string): void {
  const p = keys(value, ['line', 'character'], where);
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${where} holds integers`);
}

function range(value: unknown, where: string): void {
  const r = keys(value, ['start', 'end'], where);
  position(r.start, `${where}.start`);
  position(r.end, `${where}.end`);
}

test('--format json follows the contract exactly (keys and their order)', () => {
  const r = cli(['lint', '--format', 'json', FIXTURE_REL]);
  assert.equal(r.status, 0, r.stderr);
  const top = keys(JSON.parse(r.stdout), ['version', 'files'], 'report');
  assert.equal(top.version, 1);
  assert.ok(Array.isArray(top.files) && top.files.length === 1);
  const file = keys(top.files[0], ['path', 'diagnostics'], 'files[0]');
  assert.equal(file.path, FIXTURE_REL);
  assert.ok(Array.isArray(file.diagnostics));
  assert.deepEqual(file.diagnostics.map((d: { rule: string }) => d.rule).filter((id: string) => RULE_IDS.includes(id)),
    ['pin-image-tag', 'merge-consecutive-run', 'non-root-user', 'pin-image-tag', 'merge-consecutive-run']);
  const ids = catalogue();
  file.diagnostics.forEach((raw: unknown, i: number) => {
    const where = `diagnostics[${i}]`;
    // `beyondLecture` (only ever `true`) is the one key version 1 grew: on advice beyond the lecture.
    const beyond = (raw as { beyondLecture?: unknown }).beyondLecture !== undefined;
    const d = keys(raw, ['rule', 'aliases', 'severity', 'message', 'lecture', ...(beyond ? ['beyondLecture'] : []), 'range', 'fixes'], where);
    if (beyond) assert.equal(d.beyondLecture, true, `${where}.beyondLecture is true or absent`);
    assert.ok(ids.includes(d.rule as string));
    assert.ok(Array.isArray(d.aliases) && d.aliases.every((a) => typeof a === 'string'));
    assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity as string));
    assert.equal(typeof d.message, 'string');
    assert.ok(typeof d.lecture === 'string' && d.lecture.length > 0);
    range(d.range, `${where}.range`);
    assert.ok(Array.isArray(d.fixes));
    d.fixes.forEach((fx: unknown, j: number) => {
      const f = keys(fx, ['title', 'edits'], `${where}.fixes[${j}]`);
      assert.equal(typeof f.title, 'string');
      assert.ok(Array.isArray(f.edits) && f.edits.length > 0);
      f.edits.forEach((e: unknown, k: number) => {
        const edit = keys(e, ['range', 'newText'], `${where}.fixes[${j}].edits[${k}]`);
        range(edit.range, `${where}.fixes[${j}].edits[${k}].range`);
        assert.equal(typeof edit.newText, 'string');
      });
    });
  });
});

test('--format sarif is SARIF 2.1.0 with 1-based locations', () => {
  const r = cli(['lint', '--format', 'sarif', FIXTURE_REL]);
  assert.equal(r.status, 0, r.stderr);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  assert.equal(sarif.runs.length, 1);
  const driver = sarif.runs[0].tool.driver;
  assert.equal(typeof driver.name, 'string');
  const ids = catalogue();
  for (const id of RULE_IDS) assert.ok(ids.includes(id), `${id} in the catalogue`);
  assert.deepEqual(driver.rules.map((x: { id: string }) => x.id), ids);
  for (const rule of driver.rules) assert.equal(typeof rule.shortDescription.text, 'string');
  const results = sarif.runs[0].results as { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[];
  assert.equal(results.filter((x) => RULE_IDS.includes(x.ruleId)).length, 5);
  for (const res of results) {
    assert.ok(ids.includes(res.ruleId));
    assert.ok(['error', 'warning', 'note', 'none'].includes(res.level));
    assert.equal(typeof res.message.text, 'string');
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, FIXTURE_REL);
    for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(loc.region[k] >= 1, `${k} is 1-based`);
  }
  const merge = results.find((x) => x.ruleId === 'merge-consecutive-run')!;
  assert.equal(merge.level, 'note');
  assert.deepEqual(merge.locations[0].physicalLocation.region,
    { startLine: lineNo(EXAMPLE, 'RUN npm run build'), startColumn: 1, endLine: lineNo(EXAMPLE, 'RUN npm run build'), endColumn: 4 });
  assert.equal(results.find((x) => x.ruleId === 'pin-image-tag')!.level, 'warning');
});

test('--lang ru gives Russian messages (and LANG=ru_RU is the default language)', () => {
  for (const r of [cli(['lint', '--lang', 'ru', '--format', 'json', FIXTURE_REL]), cli(['lint', '--format', 'json', FIXTURE_REL], undefined, { LANG: 'ru_RU.UTF-8' })]) {
    assert.equal(r.status, 0, r.stderr);
    const diags = JSON.parse(r.stdout).files[0].diagnostics as { message: string; fixes: { title: string }[] }[];
    assert.ok(diags.length >= 5);
    for (const d of diags) {
      assert.match(d.message, CYRILLIC);
      for (const f of d.fixes) assert.match(f.title, CYRILLIC);
    }
  }
  const text = cli(['lint', '--lang', 'ru', FIXTURE_REL]);
  assert.match(text.stdout, /\n {4}(Лекция: |Сверх лекции \(ближайший раздел: )/);
  assert.ok(text.stdout.includes('объединять команды `RUN` для уменьшения числа слоев'));
  assert.ok(!cli(['lint', '--lang', 'en', FIXTURE_REL], undefined, { LANG: 'ru_RU.UTF-8' }).stdout.match(CYRILLIC), '--lang beats LANG');
});

test('exit codes follow --fail-on', () => {
  const clean = tempFile(CLEAN);
  const r = cli(['lint', clean]);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /^0 finding\(s\) in 1 file\(s\)$/m);
  assert.equal(cli(['lint', '--fail-on', 'hint', clean]).status, 0, 'a clean file passes even --fail-on hint');
  // The example has warnings and infos but no error.
  assert.equal(cli(['lint', FIXTURE_REL]).status, 0, 'default --fail-on error: warnings do not fail');
  assert.equal(cli(['lint', '--fail-on', 'error', FIXTURE_REL]).status, 0);
  assert.equal(cli(['lint', '--fail-on', 'warning', FIXTURE_REL]).status, 1);
  assert.equal(cli(['lint', '--fail-on=info', FIXTURE_REL]).status, 1);
  assert.equal(cli(['lint', '--fail-on', 'never', FIXTURE_REL]).status, 0);
  // Only infos: an info is below warning but at least info.
  const infos = tempFile('FROM alpine:3.20\nRUN a\nRUN b\nUSER nobody\n');
  assert.equal(cli(['lint', '--fail-on', 'warning', infos]).status, 0);
  assert.equal(cli(['lint', '--fail-on', 'info', infos]).status, 1);
});

test('exit code 2 with a one-line message: missing file, binary file, bad option', () => {
  const missing = path.join(tmp, 'does-not-exist', 'Dockerfile');
  const m = cli(['lint', missing]);
  assertOneLineError(m, /no such file/);
  assert.equal(m.stderr, `error: ${missing}: cannot read: no such file\n`);

  const binary = tempFile(Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02, 0xff, 0x00]), 'image.bin');
  const b = cli(['lint', binary]);
  assertOneLineError(b, /binary/);
  assert.equal(b.stderr.trimEnd().split('\n').length, 1);

  const bad = cli(['lint', '--bogus', FIXTURE_REL]);
  assertOneLineError(bad, /unknown option '--bogus'/);
  assertOneLineError(cli(['lint', '--format', 'xml', FIXTURE_REL]), /--format must be one of text\|json\|sarif\|checkstyle\|junit\|gitlab/);
  assertOneLineError(cli(['lint']), /no files given/);
  assertOneLineError(cli(['frobnicate']), /unknown command 'frobnicate'/);

  const mixed = cli(['lint', missing, FIXTURE_REL]);
  assert.equal(mixed.status, 2, 'an I/O error wins over findings');
  assert.match(mixed.stdout, /merge-consecutive-run/, 'the readable file is still linted');
});

test('stdin via -', () => {
  const r = cli(['lint', '--format', 'json', '-'], EXAMPLE);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.files[0].path, '-');
  assert.deepEqual(report, JSON.parse(cli(['lint', '--format', 'json', FIXTURE_REL]).stdout.replace(JSON.stringify(FIXTURE_REL), '"-"')), 'same report as for the file');
  assert.equal(cli(['lint', '-'], CLEAN).status, 0);

  const fixed = cli(['lint', '--fix', '-'], 'FROM alpine:3.20\nRUN a\nRUN b\nUSER nobody\n');
  assert.equal(fixed.status, 0, fixed.stderr);
  assert.equal(fixed.stdout, 'FROM alpine:3.20\nRUN a \\\n    && b\nUSER nobody\n', 'the fixed text on stdout');
  assert.match(fixed.stderr, /0 finding\(s\) in 1 file\(s\)/, 'the report on stderr');
});

test('--fix rewrites the file in place; a second --fix changes nothing', () => {
  const file = tempFile(EXAMPLE);
  const r = cli(['lint', '--fix', file]);
  assert.equal(r.status, 0, r.stderr);
  const once = fs.readFileSync(file, 'utf8');
  // The build stage's merge is a hint (its layers are not shipped): --fix leaves it alone.
  const expected = EXAMPLE
    .replace('RUN apt-get update\n# tools the app shells out to\nRUN apt-get install -y curl ca-certificates\n', 'RUN apt-get update \\\n# tools the app shells out to\n    && apt-get install -y curl ca-certificates && rm -rf /var/lib/apt/lists/*\n');
  assert.equal(once, expected, 'the final stage\'s merge and the apt-lists clean-up applied, nothing else (the other fixes are unsafe or of hints)');
  assert.match(r.stdout, /hint merge-consecutive-run/, 'the report is of the fixed text: only the build stage\'s hint is left');
  assert.doesNotMatch(r.stdout, /info merge-consecutive-run/, 'the report is of the fixed text');
  const mtime = fs.statSync(file).mtimeMs;
  const again = cli(['lint', '--fix', file]);
  assert.equal(again.status, 0);
  assert.equal(fs.readFileSync(file, 'utf8'), once);
  assert.equal(fs.statSync(file).mtimeMs, mtime, 'not rewritten');
});

test('--fix keeps CRLF line endings', () => {
  const file = tempFile(EXAMPLE.replace(/\n/g, '\r\n'));
  assert.equal(cli(['lint', '--fix', file]).status, 0);
  const out = fs.readFileSync(file, 'utf8');
  assert.ok(out.includes('RUN apt-get update \\\r\n# tools the app shells out to\r\n    && apt-get install'), JSON.stringify(out));
  assert.doesNotMatch(out, /[^\r]\n/, 'every line break is CRLF');
});

test('--fix keeps a UTF-8 BOM', () => {
  const file = tempFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('FROM alpine:3.20\nRUN a\nRUN b\nUSER nobody\n')]));
  assert.equal(cli(['lint', '--fix', file]).status, 0);
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is still there');
  assert.equal(bytes.subarray(3).toString('utf8'), 'FROM alpine:3.20\nRUN a \\\n    && b\nUSER nobody\n');
});

test('rules --format markdown lists every rule id', () => {
  for (const lang of ['en', 'ru']) {
    const r = cli(['rules', '--format', 'markdown', '--lang', lang]);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\n');
    assert.match(rows[0], /^\|.*\|$/);
    assert.match(rows[1], /^\|(---\|)+$/);
    const ids = rows.slice(2).map((row) => /^\| `([a-z-]+)` \|/.exec(row)?.[1]);
    assert.deepEqual(ids, catalogue());
    for (const id of RULE_IDS) assert.ok(ids.includes(id), id);
    assert.ok(r.stdout.includes('DL3059') && r.stdout.includes('DL3002'));
  }
});

test('a JSON report of 20,000 one-line RUNs is written, not an out-of-memory crash', () => {
  // The group's merge used to be repeated on each of its 19,999 findings: gigabytes of JSON.
  const file = tempFile(`FROM alpine:3.23\n${Array.from({ length: 20_000 }, (_, i) => `RUN echo ${i}`).join('\n')}\n`);
  // ShellCheck over 20,000 scripts is a different question (its own time bounds): off here.
  const run = cli(['lint', '--format', 'json', '--fail-on', 'never', '--shellcheck', 'off', file]);
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { files: { diagnostics: { rule: string }[] }[] };
  assert.equal(report.files[0].diagnostics.filter((d) => d.rule === 'merge-consecutive-run').length, 19_999);
});
