// The ShellCheck provider: caching, batching, time limits and a missing executable. The slow,
// broken and scripted executables here are real processes (small sh scripts in a temp folder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { analyze } from '../../server/src/index';
import { buildModel } from '../../server/src/model/build';
import {
  checkModels, parseShellcheckSetting, shellcheckJobs, ShellcheckProvider, withShellcheckFacts,
  type ShellcheckProviderOptions,
} from '../../server/src/shellcheck';
import { shellcheckTargets } from '../../server/src/rules/support/shellcheck-facts';
import { df } from '../support/rules';
import { shellcheckFindings, shellcheckSkipReason } from '../support/shellcheck';

const skip = shellcheckSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'shellcheck-provider-test-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A stand-in executable: answers --version and --help like ShellCheck 0.9, then runs `body` for a check. */
function fakeShellcheck(name: string, body: string, help = '--format=FORMAT (checkstyle, diff, gcc, json, json1, quiet, tty)\n --norc'): string {
  const path = join(dir, name);
  writeFileSync(path, [
    '#!/bin/sh',
    'PATH=/usr/bin:/bin:$PATH',
    'case "$1" in',
    `  --version) printf 'ShellCheck - shell script analysis tool\\nversion: 0.9.0\\n'; exit 0 ;;`,
    `  --help) printf '%s\\n' '${help}'; exit 0 ;;`,
    'esac',
    body,
  ].join('\n') + '\n');
  chmodSync(path, 0o755);
  return path;
}

function provider(options: Partial<ShellcheckProviderOptions> & { lines?: string[] } = {}): ShellcheckProvider {
  const lines = options.lines;
  return new ShellcheckProvider({ setting: { mode: 'auto' }, log: (l) => lines?.push(l), ...options });
}

const modelOf = (...lines: string[]) => buildModel(df(...lines));

test('settings: empty and auto search PATH, off disables, anything else is a path from the working folder', () => {
  assert.deepEqual(parseShellcheckSetting(undefined), { mode: 'auto' });
  assert.deepEqual(parseShellcheckSetting(' AUTO '), { mode: 'auto' });
  assert.deepEqual(parseShellcheckSetting('off'), { mode: 'off' });
  assert.deepEqual(parseShellcheckSetting('bin/shellcheck', '/work'), { mode: 'path', path: resolve('/work', 'bin/shellcheck') });
});

test('results are cached per script text, dialect and names: a second look-up or an edit elsewhere runs nothing', { skip }, async () => {
  const p = provider();
  const text = df('FROM example/app', 'RUN echo $a', 'RUN echo $b', 'SHELL ["bash", "-c"]', 'RUN echo $c');
  const first = await checkModels(p, [buildModel(text)]);
  assert.equal(first.size, 3);
  assert.deepEqual(p.stats, { processes: 2, scriptsChecked: 3, timeouts: 0 }, 'one process per dialect');
  await checkModels(p, [buildModel(text)]);
  await checkModels(p, [buildModel(text.replace('FROM example/app', 'FROM example/app\nLABEL x=1'))]);
  assert.equal(p.stats.processes, 2, 'cache hits');
  assert.deepEqual(p.known(shellcheckJobs(buildModel(text))).missing, []);
  await checkModels(p, [buildModel(text.replace('echo $b', 'echo "$b"'))]);
  assert.deepEqual(p.stats, { processes: 3, scriptsChecked: 4, timeouts: 0 }, 'only the edited script');
  await checkModels(p, [buildModel(text.replace('FROM example/app', 'FROM example/app\nARG a'))]);
  assert.deepEqual(p.stats, { processes: 5, scriptsChecked: 7, timeouts: 0 }, 'a new ARG name is a new key for the scripts after it (two dialects)');
});

test('concurrent look-ups of the same scripts share one process; batches are bounded', { skip }, async () => {
  const p = provider({ batchSize: 2 });
  const model = modelOf('FROM example/app', 'RUN echo 1', 'RUN echo 2', 'RUN echo 3', 'RUN echo 4', 'RUN echo 5');
  const [a, b] = await Promise.all([checkModels(p, [model]), checkModels(p, [model])]);
  assert.equal(a.size, 5);
  assert.equal(b.size, 5);
  assert.equal(p.stats.processes, 3, '5 scripts in batches of 2');
});

test('the snapshot hands the rule only what is known; the analysis gains findings when results arrive', { skip }, async () => {
  const p = provider();
  const text = df('FROM example/app', 'RUN echo $zz');
  const base = analyze(text);
  const jobs = shellcheckJobs(base.model!);
  const before = p.known(jobs);
  assert.equal(before.facts.size, 0);
  assert.equal(before.missing.length, 1);
  assert.equal(p.pending(jobs), true);
  assert.equal(withShellcheckFacts(base, before.facts), base, 'nothing known: the same analysis');
  await p.lookup(before.missing);
  const after = withShellcheckFacts(base, p.known(jobs).facts);
  assert.deepEqual(after.findings.filter((f) => f.rule === 'shellcheck').map((f) => f.aliases[0]), ['SC2154', 'SC2086']);
  assert.equal(p.pending(jobs), false);
  assert.equal(base.findings.some((f) => f.rule === 'shellcheck'), false, 'the input analysis is not modified');
});

test('a slow executable is killed at the time limit: no findings, one log line, retried only after a while', async () => {
  const slow = fakeShellcheck('slow-shellcheck', 'exec sleep 30');
  const lines: string[] = [];
  const p = provider({ setting: { mode: 'path', path: slow }, timeoutMs: 300, lines });
  const model = modelOf('FROM example/app', 'RUN echo $a', 'RUN echo $b');
  const started = Date.now();
  const facts = await checkModels(p, [model]);
  assert.ok(Date.now() - started < 3000, `waited ${Date.now() - started} ms`);
  assert.equal(facts.size, 2);
  for (const r of facts.values()) assert.match((r as { error: string }).error, /timed out after 300 ms/);
  assert.equal(p.stats.timeouts, 1);
  assert.deepEqual(lines, ['shellcheck: 2 script(s) not checked: timed out after 300 ms']);
  const analysis = withShellcheckFacts(analyze(df('FROM example/app', 'RUN echo $a', 'RUN echo $b')), facts);
  assert.deepEqual(analysis.findings.filter((f) => f.rule === 'shellcheck'), []);
  assert.deepEqual(p.known(shellcheckJobs(model)).missing, [], 'not retried on every keystroke');
  const eager = provider({ setting: { mode: 'path', path: slow }, timeoutMs: 200, errorTtlMs: 0 });
  await checkModels(eager, [model]);
  assert.equal(eager.known(shellcheckJobs(model)).missing.length, 2, 'retried once the error is old');
});

test('no shellcheck: one line in the log, no error, nothing pending', async () => {
  const lines: string[] = [];
  const p = provider({ env: { PATH: join(dir, 'nowhere') }, lines });
  const model = modelOf('FROM example/app', 'RUN echo $a');
  assert.equal((await checkModels(p, [model])).size, 0);
  assert.equal((await checkModels(p, [model])).size, 0);
  assert.deepEqual(lines, ['shellcheck: no shellcheck executable on PATH; RUN scripts are not checked by ShellCheck']);
  assert.deepEqual(p.known(shellcheckJobs(model)), { facts: new Map(), missing: [] });
  assert.equal(p.pending(shellcheckJobs(model)), false);

  const missingPath: string[] = [];
  await checkModels(provider({ setting: { mode: 'path', path: join(dir, 'absent') }, lines: missingPath }), [model]);
  assert.match(missingPath.join(), /absent is not an executable file/);

  const notShellcheck: string[] = [];
  const impostor = join(dir, 'impostor');
  writeFileSync(impostor, '#!/bin/sh\necho hello\n');
  chmodSync(impostor, 0o755);
  await checkModels(provider({ setting: { mode: 'path', path: impostor }, lines: notShellcheck }), [model]);
  assert.match(notShellcheck.join(), /did not answer like ShellCheck/);

  const off: string[] = [];
  const disabled = provider({ setting: { mode: 'off' }, lines: off });
  assert.equal((await checkModels(disabled, [model])).size, 0);
  assert.deepEqual(off, []);
});

test('a relative PATH entry is never searched: it would run whatever the opened folder holds', async () => {
  const local = join(dir, 'local-bin');
  rmSync(local, { recursive: true, force: true });
  mkdirSync(local);
  writeFileSync(join(local, 'shellcheck'), '#!/bin/sh\necho "ShellCheck"; echo "version: 9.9.9"\n');
  chmodSync(join(local, 'shellcheck'), 0o755);
  const lines: string[] = [];
  await checkModels(provider({ env: { PATH: relative(process.cwd(), local) }, lines }), [modelOf('FROM example/app', 'RUN echo $a')]);
  assert.match(lines.join(), /no shellcheck executable on PATH/);
});

test('the command line, and what is dropped: our appended line, SC3xxx when sh stands in for BusyBox', async () => {
  const argsFile = join(dir, 'args.txt');
  // Comments for the last file argument: a portability warning, one on the appended export line, a parse error at the end.
  const scripted = fakeShellcheck('scripted-shellcheck', [
    `printf '%s\\n' "$@" > '${argsFile}'`,
    'for f; do last="$f"; done',
    'c() { printf \'{"file":"%s","line":%s,"endLine":%s,"column":1,"endColumn":2,"level":"%s","code":%s,"message":"m%s"}\' "$last" "$1" "$1" "$2" "$3" "$3"; }',
    'printf \'{"comments":[\'; c 1 warning 3010; printf ,; c 3 info 2317; printf ,; c 3 error 1072; printf \']}\'',
    'exit 1',
  ].join('\n'));
  const p = provider({ setting: { mode: 'path', path: scripted } });
  const model = modelOf('FROM alpine:3.20', 'ARG version', 'RUN [[ -n "$version" ]] && \\', '  echo ok');
  const [result] = (await checkModels(p, [model])).values();
  assert.deepEqual('comments' in result ? result.comments.map((c) => c.code) : result, [1072]);
  const args = readFileSync(argsFile, 'utf8').trim().split('\n');
  assert.deepEqual(args.slice(0, 5), ['--format=json1', '--shell=sh', '--norc', '--exclude=SC1090,SC1091,SC2187', '--']);
  assert.equal(args.length, 6);
  // The file it read: the script as the builder runs it, then the exported names.
  const withBusybox = fakeShellcheck('busybox-shellcheck', `printf '%s\\n' "$@" > '${argsFile}'; cat "$6" >> '${argsFile}'; echo '{"comments":[]}'`, 'json1 --norc (sh, bash, dash, ksh, busybox)');
  await checkModels(provider({ setting: { mode: 'path', path: withBusybox } }), [model]);
  const seen = readFileSync(argsFile, 'utf8').split('\n');
  assert.equal(seen[1], '--shell=busybox');
  assert.deepEqual(seen.slice(6), ['[[ -n "$version" ]] &&   echo ok', 'export all_proxy=1 ftp_proxy=1 http_proxy=1 https_proxy=1 no_proxy=1 version=1', '']);
});

test('bad output is an error entry, not a crash', async () => {
  const garbage = fakeShellcheck('garbage-shellcheck', 'echo not json; exit 1');
  const lines: string[] = [];
  const facts = await checkModels(provider({ setting: { mode: 'path', path: garbage }, lines }), [modelOf('FROM example/app', 'RUN echo $a')]);
  assert.deepEqual([...facts.values()], [{ error: 'output is not JSON' }]);
  assert.equal(lines.length, 1);
});

test('dispose removes the temporary folder', { skip }, async () => {
  const p = provider();
  await checkModels(p, [modelOf('FROM example/app', 'RUN echo disposable')]);
  const tmp = (p as unknown as { tmp: string }).tmp;
  assert.ok(existsSync(tmp));
  p.dispose();
  assert.equal(existsSync(tmp), false);
});

test('the shared helper agrees with a fresh provider', { skip }, async () => {
  const text = df('FROM example/app', 'RUN echo $q');
  assert.deepEqual((await shellcheckFindings(text, {}, provider())).length, 2);
});

test('a look-up whose document changed drops its batches not yet started; a caller sharing them still gets results', { skip }, async () => {
  const p = provider({ batchSize: 1, concurrency: 1 });
  const jobs = shellcheckJobs(modelOf('FROM example/app', 'RUN echo 1', 'RUN echo 2', 'RUN echo 3', 'RUN echo 4'));
  const edited = new AbortController();
  const dropped = p.lookup(jobs, edited.signal);
  // The first batch is already running when the next keystroke comes; the three queued behind it are dropped.
  await untilProcesses(p, 1);
  edited.abort();
  const facts = await dropped;
  assert.equal(p.stats.processes, 1, 'only the batch that had started ran');
  assert.ok(facts.size <= 1);
  assert.equal(p.known(jobs).missing.length, 3, 'dropped scripts stay unknown, so the next version asks for them');

  // Another document waits on the same scripts when the first one's batches are dropped: it runs them itself.
  const q = provider({ batchSize: 1, concurrency: 1 });
  const other = new AbortController();
  const first = q.lookup(jobs, other.signal);
  const second = q.lookup(jobs);
  await untilProcesses(q, 1);
  other.abort();
  await first;
  assert.equal((await second).size, 4);
  assert.equal(q.stats.processes, 4);
});

async function untilProcesses(p: ShellcheckProvider, n: number): Promise<void> {
  for (let waited = 0; p.stats.processes < n; waited += 2) {
    if (waited > 10_000) throw new Error(`no ShellCheck process started in ${waited} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

test('a stage\'s scripts are collected once while it and its parents are unchanged; an ENV added upstream re-keys them', () => {
  const text = df('FROM debian:12 AS base', 'ENV A=1', 'RUN echo $A', 'FROM base', 'RUN echo $B', 'FROM debian:12', 'RUN echo 3');
  const before = shellcheckTargets(buildModel(text));
  const editedLast = shellcheckTargets(buildModel(text.replace('echo 3', 'echo 4')));
  assert.equal(editedLast[0], before[0], 'the first stage is untouched: its target is the very same object');
  assert.equal(editedLast[1], before[1], 'so is the stage built on it');
  assert.notEqual(editedLast[2], before[2]);
  const withB = shellcheckTargets(buildModel(text.replace('ENV A=1', 'ENV A=1 B=2')));
  assert.deepEqual(withB.map((t) => t.job.exported.filter((n) => n.length === 1)), [['A', 'B'], ['A', 'B'], []], 'the child stage sees the new ENV');
  assert.deepEqual(before.map((t) => t.job.exported.filter((n) => n.length === 1)), [['A'], ['A'], []]);
});
