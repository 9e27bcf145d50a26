/** CI report formats of `lint` (checkstyle, junit, gitlab), --output, and where each finding's advice comes from. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtFile, REPO_ROOT } from '../support/lsp-client';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-formats-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Image name with markup, a CDATA end, C0 controls (not allowed in XML 1.0) and a bidi override: quoted in a message. */
const HOSTILE_IMAGE = 'a<b&"c\x01\x1b\u202e]]>';
const HOSTILE = `FROM ${HOSTILE_IMAGE}\nMAINTAINER me\nRUN a\nRUN b\n`;
const dockerfile = path.join(tmp, 'Dockerfile');
fs.writeFileSync(dockerfile, HOSTILE);

interface Run { status: number | null; stdout: string; stderr: string }
function cli(args: string[]): Run {
  const r = spawnSync(process.execPath, [builtFile('cli.js'), 'lint', '--offline', '--shellcheck', 'off', ...args], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '', LANG: 'C', NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

/**
 * A small strict XML reader, enough for reports: declaration, elements, attributes in
 * double quotes, text, the five entities and numeric references. Throws on anything
 * not well-formed: a raw `<` or `&`, unbalanced tags, characters XML 1.0 forbids.
 */
function parseXml(xml: string): XmlElement {
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/, 'no character XML 1.0 forbids');
  const decode = (s: string, where: string) => {
    assert.doesNotMatch(s, /<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i, `no raw < or & in ${where}: ${JSON.stringify(s)}`);
    return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]);
  };
  let i = 0;
  const decl = /^<\?xml [^?]*\?>\s*/.exec(xml);
  assert.ok(decl, 'XML declaration');
  i = decl[0].length;
  const stack: XmlElement[] = [{ name: '#document', attrs: {}, children: [], text: '' }];
  const token = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  while (i < xml.length) {
    token.lastIndex = i;
    const m = token.exec(xml);
    assert.ok(m, `well-formed at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
    i = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) { top.text += decode(m[5], `text of <${top.name}>`); continue; }
    if (m[1]) { assert.equal(top.name, m[2], `</${m[2]}> closes <${top.name}>`); stack.pop(); continue; }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([\w.-]+)="([^"]*)"/g)) {
      assert.ok(!(a[1] in attrs), `attribute ${a[1]} once`);
      attrs[a[1]] = decode(a[2], `attribute ${a[1]}`);
    }
    const el: XmlElement = { name: m[2], attrs, children: [], text: '' };
    top.children.push(el);
    if (!m[4]) stack.push(el);
  }
  assert.equal(stack.length, 1, 'every element closed');
  const roots = stack[0].children;
  assert.equal(roots.length, 1, 'one root element');
  assert.equal(stack[0].text.trim(), '', 'nothing but space outside the root');
  return roots[0];
}

const all = (el: XmlElement, name: string): XmlElement[] => el.children.flatMap((c) => (c.name === name ? [c] : []).concat(all(c, name)));

test('checkstyle: well-formed XML, hostile Dockerfile text escaped and intact', () => {
  const r = cli(['--format', 'checkstyle', dockerfile]);
  assert.equal(r.status, 0, r.stderr);
  const root = parseXml(r.stdout);
  assert.equal(root.name, 'checkstyle');
  const files = all(root, 'file');
  assert.deepEqual(files.map((f) => f.attrs.name), [dockerfile]);
  const errors = all(root, 'error');
  assert.deepEqual(errors.map((e) => [e.attrs.source, e.attrs.line, e.attrs.severity]),
    [['pin-image-tag', '1', 'warning'], ['maintainer-deprecated', '2', 'warning'], ['merge-consecutive-run', '4', 'info']]);
  // Markup survives as text; the controls XML cannot hold are shown as \xNN, the bidi override kept.
  assert.ok(errors[0].attrs.message.includes('a<b&"c\\x01\\x1b\u202e]]>'), errors[0].attrs.message);
  assert.match(errors[0].attrs.message, /\(DL3006, DL3007\)$/);
  assert.equal(errors[0].attrs.column, '6');
});

test('junit: one testsuite per file, one failing testcase per finding, an unreadable file is an error', () => {
  const clean = path.join(tmp, 'clean.Dockerfile');
  fs.writeFileSync(clean, 'FROM alpine:3.20\nUSER nobody\n');
  const missing = path.join(tmp, 'missing', 'Dockerfile');
  const r = cli(['--format', 'junit', dockerfile, clean, missing]);
  assert.equal(r.status, 2, 'a missing file is still exit 2');
  const root = parseXml(r.stdout);
  assert.equal(root.name, 'testsuites');
  const suites = all(root, 'testsuite');
  assert.deepEqual(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.errors]),
    [[dockerfile, '3', '3', '0'], [clean, '1', '0', '0'], [missing, '1', '0', '1']]);
  assert.deepEqual([root.attrs.tests, root.attrs.failures, root.attrs.errors], ['5', '3', '1']);
  const failures = all(suites[0], 'failure');
  assert.equal(failures.length, 3);
  assert.equal(failures[0].attrs.type, 'warning');
  assert.ok(failures[0].attrs.message.includes('a<b&"c'), failures[0].attrs.message);
  assert.ok(failures[0].text.endsWith('\nlecture: Best practices'), failures[0].text);
  assert.ok(failures[1].text.endsWith('\nbeyond the lecture (nearest section: Best practices)'), failures[1].text);
  assert.equal(all(suites[1], 'failure').length, 0, 'a clean file passes');
  assert.match(all(suites[2], 'error')[0].attrs.message, /cannot read/);
});

interface GitlabIssue { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }

test('gitlab: Code Quality issues with stable fingerprints and GitLab severities', () => {
  const r = cli(['--format', 'gitlab', dockerfile]);
  assert.equal(r.status, 0, r.stderr);
  const issues = JSON.parse(r.stdout) as GitlabIssue[];
  assert.deepEqual(issues.map((i) => Object.keys(i)), issues.map(() => ['description', 'check_name', 'fingerprint', 'severity', 'location']));
  assert.deepEqual(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
    [['pin-image-tag', 'major', dockerfile, 1], ['maintainer-deprecated', 'major', dockerfile, 2], ['merge-consecutive-run', 'minor', dockerfile, 4]]);
  assert.ok(issues[0].description.includes(HOSTILE_IMAGE), 'JSON keeps the exact text');
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 3, 'fingerprints differ per finding');
  assert.ok(issues.every((i) => /^[0-9a-f]{32}$/.test(i.fingerprint)));
  assert.deepEqual((JSON.parse(cli(['--format', 'gitlab', dockerfile]).stdout) as GitlabIssue[]).map((i) => i.fingerprint),
    issues.map((i) => i.fingerprint), 'same run, same fingerprints');
  const errors = JSON.parse(cli(['--format', 'gitlab', '--preset', 'hadolint', dockerfile]).stdout) as GitlabIssue[];
  assert.equal(errors.find((i) => i.check_name === 'maintainer-deprecated')?.severity, 'blocker', 'error is a blocker');
});

test('several reports at once: each --output takes the --format before it; one may go to stdout', () => {
  const json = path.join(tmp, 'a.json');
  const sarif = path.join(tmp, 'b.sarif');
  const r = cli(['--format', 'json', '--output', json, '--format', 'sarif', '--output', sarif, '--format', 'gitlab', dockerfile]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(fs.readFileSync(json, 'utf8')).version, 1);
  assert.equal(JSON.parse(fs.readFileSync(sarif, 'utf8')).version, '2.1.0');
  assert.ok(Array.isArray(JSON.parse(r.stdout)), 'the gitlab report on stdout');
  const text = path.join(tmp, 'report.txt');
  const t = cli(['--output', text, dockerfile]);
  assert.equal(t.stdout, '', '--output alone: the text report goes to the file');
  assert.match(fs.readFileSync(text, 'utf8'), /3 finding\(s\) in 1 file\(s\)\n$/);
  assert.equal(cli(['--format', 'json', '--format', 'sarif', dockerfile]).status, 2, 'two reports on stdout is a usage error');
  assert.equal(cli(['--format', 'json', '--output', json, '--output', sarif, dockerfile]).status, 2, 'two --output for one --format');
  const unwritable = cli(['--format', 'json', '--output', path.join(tmp, 'no', 'such', 'dir.json'), dockerfile]);
  assert.equal(unwritable.status, 2, 'a report not written is not a clean run');
  assert.match(unwritable.stderr, /^error: .*cannot write the report: no such folder$/m);
});

test('the advice source: text line, JSON and SARIF beyondLecture', () => {
  const text = cli([dockerfile]).stdout.split('\n');
  const maintainer = text.findIndex((l) => l.includes(' maintainer-deprecated '));
  assert.equal(text[maintainer + 1], '    beyond the lecture (nearest section: Best practices)');
  const merge = text.findIndex((l) => l.includes(' merge-consecutive-run '));
  assert.equal(text[merge + 1], '    lecture: Best practices');
  const ru = cli(['--lang', 'ru', dockerfile]).stdout;
  assert.ok(ru.includes('\n    Сверх лекции (ближайший раздел: '), ru);
  const diags = JSON.parse(cli(['--format', 'json', dockerfile]).stdout).files[0].diagnostics as { rule: string; beyondLecture?: boolean }[];
  assert.deepEqual(diags.map((d) => [d.rule, d.beyondLecture]),
    [['pin-image-tag', undefined], ['maintainer-deprecated', true], ['merge-consecutive-run', undefined]]);
  const results = JSON.parse(cli(['--format', 'sarif', dockerfile]).stdout).runs[0].results as { ruleId: string; properties: { beyondLecture?: boolean } }[];
  assert.deepEqual(results.map((x) => x.properties.beyondLecture), [undefined, true, undefined]);
});

test('rules catalogue in Russian says "off by default" in Russian', () => {
  const r = spawnSync(process.execPath, [builtFile('cli.js'), 'rules', '--format', 'markdown', '--lang', 'ru'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.ok(r.stdout.includes('(выключено по умолчанию)'));
  assert.ok(!r.stdout.includes('off by default'));
});
