import { ancestry } from '../../server/src/model/lineage';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../../server/src/index';
import { RULES } from '../../server/src/rules/index';
import { buildModel } from '../../server/src/model/build';
import { applyEdits } from '../../server/src/core/text';
import type { InstructionInfo } from '../../server/src/model/types';
import { APT_ARG_OPTIONS, commandsOf, findCommands, hasOption, mountTargets, optionValue, subcommandOf } from '../../server/src/rules/support/run-commands';
import { appendCommand, insertAfterWord, replaceWord, scriptRange } from '../../server/src/rules/support/script-edits';
import { copyOperands, normalizePath, resolvePath, workdirAt } from '../../server/src/rules/support/paths';
import { runsPosixShell, shellOf } from '../../server/src/rules/support/shell-context';
import { df } from '../support/rules';

function runAt(text: string, n = 0): { model: ReturnType<typeof buildModel>; run: InstructionInfo } {
  const model = buildModel(text);
  const run = model.instructions.filter((i) => i.keyword === 'RUN')[n];
  return { model, run };
}

test('commandsOf finds nested commands and the real command behind wrappers', () => {
  const { model, run } = runAt(df('FROM debian:trixie', 'RUN if true; then sudo -E apt-get install -y x; fi && (cd /a && env A=1 make)'));
  assert.deepEqual(commandsOf(model, run).map((c) => c.name), ['true', 'apt-get', 'cd', 'make']);
});

test('quoted text, heredocs, exec form, unparsable text and PowerShell have no commands', () => {
  for (const line of ['RUN echo "apt-get install x"', 'RUN ["apt-get", "install", "x"]', 'RUN apt-get install "x']) {
    const { model, run } = runAt(df('FROM debian:trixie', line));
    assert.deepEqual(findCommands(model, run, ['apt-get'], ['install']), [], line);
  }
  const heredoc = runAt(df('FROM debian:trixie', 'RUN cat <<EOF > /notes', 'apt-get install -y x', 'EOF'));
  assert.deepEqual(commandsOf(heredoc.model, heredoc.run), []);
  const ps = runAt(df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN apt-get install x'));
  assert.deepEqual(commandsOf(ps.model, ps.run), []);
  const win = runAt(df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN echo a | findstr a'));
  assert.equal(runsPosixShell(win.model, win.run), false);
});

test('subcommands skip options and their values', () => {
  const { model, run } = runAt(df('FROM debian:trixie', 'RUN apt-get -o Dpkg::Options::=--force-confold -qq install x'));
  const [c] = commandsOf(model, run);
  assert.deepEqual(subcommandOf(c, APT_ARG_OPTIONS), { index: 4, value: 'install' });
  assert.equal(findCommands(model, run, ['apt-get'], ['install'], APT_ARG_OPTIONS)[0].sub, 4);
});

test('hasOption understands long names, =values and combined short letters', () => {
  const { model, run } = runAt(df('FROM debian:trixie', 'RUN apt-get install -qy --no-install-recommends=true x -- -z'));
  const [c] = commandsOf(model, run);
  assert.equal(hasOption(c.cmd, 1, [], 'y'), true);
  assert.equal(hasOption(c.cmd, 1, ['--no-install-recommends']), true);
  assert.equal(hasOption(c.cmd, 1, [], 'z'), false, 'after --');
  assert.equal(hasOption(c.cmd, 1, ['--yes']), false);
});

test('optionValue reads -o FILE, -oFILE, -fsSLo FILE and --output=FILE', () => {
  const cases: [string, string][] = [
    ['curl -o /tmp/a url', '/tmp/a'], ['curl -o/tmp/b url', '/tmp/b'], ['curl -fsSLo /tmp/c url', '/tmp/c'],
    ['curl --output=/tmp/d url', '/tmp/d'], ['curl --output /tmp/e url', '/tmp/e'],
  ];
  for (const [line, want] of cases) {
    const { model, run } = runAt(df('FROM alpine:3.23', `RUN ${line}`));
    const [c] = commandsOf(model, run);
    assert.equal(optionValue(c.cmd, 1, ['--output'], 'o')?.value, want, line);
  }
  const { model, run } = runAt(df('FROM alpine:3.23', 'RUN curl -fsSL url'));
  assert.equal(optionValue(commandsOf(model, run)[0].cmd, 1, ['--output'], 'o'), null);
});

test('edits land at the right document positions across continuations and CRLF', () => {
  const text = 'FROM debian:trixie\r\nRUN apt-get update && apt-get install \\\r\n    curl\r\n';
  const { model, run } = runAt(text);
  const [, install] = commandsOf(model, run);
  const word = install.cmd.words[install.at + 1];
  assert.equal(applyEdits(text, [insertAfterWord(model, run.script!, word, ' -y')]), 'FROM debian:trixie\r\nRUN apt-get update && apt-get install -y \\\r\n    curl\r\n');
  const curl = install.cmd.words[2];
  assert.deepEqual(scriptRange(model, run.script!, curl.start, curl.end), { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
  assert.equal(applyEdits(text, [replaceWord(model, run.script!, curl, 'wget')]), text.replace('curl', 'wget'));
});

test('insertAfterWord before a continuation stays on the word\'s line', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get install\\', '  curl');
  const { model, run } = runAt(text);
  const [c] = commandsOf(model, run);
  assert.equal(applyEdits(text, [insertAfterWord(model, run.script!, c.cmd.words[1], ' -y')]), df('FROM debian:trixie', 'RUN apt-get install -y\\', '  curl'));
});

test('appendCommand appends on the last line, and refuses when that would change more', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update \\', '  && apt-get install -y curl   ');
  const { model, run } = runAt(text);
  const edit = appendCommand(model, run, 'rm -rf /var/lib/apt/lists/*')!;
  assert.equal(applyEdits(text, [edit]), df('FROM debian:trixie', 'RUN apt-get update \\', '  && apt-get install -y curl && rm -rf /var/lib/apt/lists/*   '));
  for (const line of ['RUN make # build', 'RUN make &', 'RUN make;', 'RUN make && exit 0', 'RUN make ||']) {
    const r = runAt(df('FROM debian:trixie', line));
    if (!r.run) continue;
    assert.equal(appendCommand(r.model, r.run, 'true'), null, line);
  }
  const quoted = runAt(df('FROM debian:trixie', 'RUN echo "#x"'));
  assert.ok(appendCommand(quoted.model, quoted.run, 'true'));
});

test('mount targets are read from --mount flags of every type', () => {
  const { run } = runAt(df('FROM debian:trixie', 'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=bind,target=/x --mount=type=tmpfs,destination=/tmp/t --mount=type=cache,dst=/root/.cache/pip true'));
  assert.deepEqual(mountTargets(run), ['/var/cache/apt', '/x', '/tmp/t', '/root/.cache/pip']);
});

test('copyOperands reads whitespace and JSON forms', () => {
  const model = buildModel(df('FROM alpine:3.23', 'COPY --chown=1:1 a b /dst/', 'COPY ["x y", "/z"]', 'COPY <<EOF /f', 'hi', 'EOF'));
  const [a, b, h] = model.stages[0].instructions;
  assert.deepEqual(copyOperands(a), { sources: ['a', 'b'], dest: '/dst/' });
  assert.deepEqual(copyOperands(b), { sources: ['x y'], dest: '/z' });
  assert.equal(copyOperands(h), null);
});

test('paths: normalisation, resolution and the working directory', () => {
  assert.equal(normalizePath('/a//b/./c/../d/'), '/a/b/d');
  assert.equal(resolvePath('x/y', '/w'), '/w/x/y');
  assert.equal(resolvePath('x', null), null);
  assert.equal(resolvePath('$HOME/x', '/w'), null);
  assert.equal(resolvePath('~/x', '/w'), null);
  const model = buildModel(df('FROM alpine:3.23 AS a', 'WORKDIR /app', 'WORKDIR sub', 'FROM a', 'RUN true', 'WORKDIR $X', 'RUN true'));
  const [first, second] = model.instructions.filter((i) => i.keyword === 'RUN');
  assert.equal(workdirAt(model, first), '/app/sub');
  assert.equal(workdirAt(model, second), null);
  assert.deepEqual(ancestry(model, model.stages[1]).map((s) => s.index), [1, 0]);
  assert.equal(workdirAt(buildModel(df('FROM alpine:3.23', 'RUN true')), buildModel(df('FROM alpine:3.23', 'RUN true')).instructions[1]), null);
});

test('shellOf follows SHELL through the stages a stage builds on', () => {
  const model = buildModel(df('FROM debian:trixie AS a', 'SHELL ["/bin/bash", "-c"]', 'FROM a', 'RUN true'));
  assert.deepEqual(shellOf(model, model.instructions[3]), ['/bin/bash', '-c']);
  assert.equal(shellOf(model, model.instructions[1]), null);
});

test('escape=` means Windows only when the base image is not a known Linux image', () => {
  const linux = runAt(df('# escape=`', 'FROM debian:trixie', 'RUN true'));
  assert.equal(runsPosixShell(linux.model, linux.run), true);
  const other = runAt(df('# escape=`', 'FROM myorg/builder:1', 'RUN true'));
  assert.equal(runsPosixShell(other.model, other.run), false);
});

const LECTURE = resolve(__dirname, '../../../../shared/lecture/lecture-4.ru.md');
const MINE = ['apt-update-alone', 'clean-package-cache', 'no-install-recommends', 'delete-in-later-layer', 'cache-busting-copy', 'prefer-copy', 'pin-package-versions', 'use-workdir', 'pipefail', 'no-sudo', 'apt-get-yes', 'apt-not-apt-get'];
const SAMPLES = [
  df('FROM debian:trixie', 'RUN apt-get update', 'RUN apt install curl', 'COPY x.tgz /tmp/x.tgz', 'RUN curl -sL u | sh && rm /tmp/x.tgz && sudo cd /'),
  df('FROM node:24-alpine', 'WORKDIR /app', 'ADD . .', 'RUN apk add git && npm ci && yarn install && pip install x', 'RUN cd /app && make'),
  df('FROM fedora:42', 'RUN dnf install -y git'),
];

test('every finding of these rules speaks both languages and quotes the lecture verbatim', (t) => {
  const lecture = existsSync(LECTURE) ? readFileSync(LECTURE, 'utf8') : null;
  if (!lecture) t.diagnostic(`lecture not found at ${LECTURE}: quotes not checked`);
  const seen = new Set<string>();
  for (const text of SAMPLES) {
    const en = analyze(text, { lang: 'en', rules: { 'pin-package-versions': 'on' } }).findings.filter((f) => MINE.includes(f.rule));
    const ru = analyze(text, { lang: 'ru', rules: { 'pin-package-versions': 'on' } }).findings.filter((f) => MINE.includes(f.rule));
    assert.equal(en.length, ru.length);
    en.forEach((f, i) => {
      seen.add(f.rule);
      assert.ok(!/[А-Яа-яЁё]/.test(f.message), `${f.rule}: English message has Cyrillic`);
      assert.ok(/[А-Яа-яЁё]/.test(ru[i].message), `${f.rule}: Russian message`);
      for (const fix of f.fixes) assert.ok(!/[А-Яа-яЁё]/.test(fix.title), f.rule);
      for (const fix of ru[i].fixes) assert.ok(/[А-Яа-яЁё]/.test(fix.title), f.rule);
      for (const [, quote] of ru[i].message.matchAll(/«([^»]+)»/g)) {
        if (lecture) assert.ok(lecture.includes(quote), `${f.rule}: «${quote}» is not verbatim in the lecture`);
      }
    });
  }
  assert.deepEqual([...seen].sort(), [...MINE].sort());
  for (const id of MINE) {
    const rule = RULES.find((r) => r.id === id)!;
    assert.ok(rule.description.en && /[А-Яа-яЁё]/.test(rule.description.ru), id);
  }
});

test('a RUN that starts with `[` but is not a JSON array is shell form, as the builder reads it', () => {
  const shell = runAt(df('FROM debian:trixie', 'RUN [ -d /opt ] && apt-get install -y curl'));
  assert.equal(shell.run.execForm, false);
  assert.deepEqual(commandsOf(shell.model, shell.run).map((c) => c.name), ['[', 'apt-get']);
  assert.equal(runAt(df('FROM debian:trixie', 'RUN ["echo", "hi"]')).run.execForm, true);
  assert.equal(runAt(df('FROM debian:trixie', 'RUN ["echo", \\', '  "hi"]')).run.execForm, true, 'continued over lines');
  assert.equal(runAt(df('FROM debian:trixie', 'RUN ["a", "b"] && echo x')).run.execForm, false, 'text after the array makes it shell form');
});
