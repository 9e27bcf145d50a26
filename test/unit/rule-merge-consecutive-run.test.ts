import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';
import { buildModel } from '../../server/src/model/build';

const RULE = 'merge-consecutive-run';

test('flags every RUN that directly follows another RUN in the same stage', () => {
  const text = df('FROM alpine:3.23', 'RUN apk add curl', 'RUN echo one', 'RUN echo two', 'WORKDIR /x', 'RUN echo three');
  assert.deepEqual(linesOf(text, RULE), [3, 4]);
});

test('each finding names the RUN right before it, not the first of the group', () => {
  const text = df('FROM alpine:3.23', 'RUN echo one', 'RUN echo two', '# note', 'RUN echo three');
  assert.deepEqual(findingsOf(text, RULE).map((f) => /follows another RUN \(line (\d+)\)/.exec(f.message)?.[1]), ['2', '3']);
});

test('comments and blank lines do not separate RUNs; other instructions and stages do', () => {
  const text = df('FROM alpine:3.23', 'RUN a', '', '# why b', 'RUN b', 'ENV X=1', 'RUN c', 'FROM alpine:3.23', 'RUN d');
  assert.deepEqual(linesOf(text, RULE), [5]);
});

test('merges with the file\'s own escape character and keeps comments in order', () => {
  const text = df('# escape=`', 'FROM alpine:3.23', 'RUN echo a', '', '# second step', 'RUN echo b');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('# escape=`', 'FROM alpine:3.23', 'RUN echo a `', '# second step', '    && echo b'));
});

test('no merge with cmd.exe, the default shell of a Windows image', () => {
  // setx changes the machine PATH for new processes only: `pwsh` is found by the next RUN, not by `&& pwsh`.
  const text = df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN setx /M PATH "C:\\pwsh;%PATH%"', 'RUN pwsh -Command Get-Module');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /cmd\.exe or PowerShell/);
});

test('no merge that would change what runs: a trailing comment, a background job, state in { }, errexit', () => {
  const refused = (lines: string[], why: RegExp) => {
    const [f] = findingsOf(df('FROM alpine:3.23', ...lines), RULE);
    assert.equal(f.fixes.length, 0, lines.join(' / '));
    assert.match(f.message, why, lines.join(' / '));
  };
  // The group braces would end up inside the comment.
  refused(['RUN echo a', 'RUN echo b; echo c # note'], /shell comment/);
  // `apt-get update && Xvfb :99 &` would send the update to the background.
  refused(['RUN apt-get update', 'RUN Xvfb :99 &'], /ends with `&`/);
  // A brace group and a function body run in the RUN's own shell.
  refused(['RUN mkdir -p /opt/x && { cd /opt/x; echo in; }', 'RUN touch marker'], /changes shell state/);
  refused(['RUN go_tmp() { cd /tmp; }; go_tmp', 'RUN touch marker'], /changes shell state/);
  refused(['RUN test -f /etc/x && { echo skip; exit 0; }', 'RUN echo important > /done'], /changes shell state/);
  // The pragma would sit inside the merged RUN's continuation and no longer be above an instruction.
  refused(['RUN echo a', '# hadolint ignore=DL3003', 'RUN cd /x && make'], /suppression comment/);
  // Under -e, `false; echo two` fails the RUN; inside `&& { …; }` it would not.
  refused(['SHELL ["/bin/bash", "-euo", "pipefail", "-c"]', 'RUN echo one', 'RUN false; echo two'], /stops on errors/);
});

test('the refusal names the RUN that stops the merge', () => {
  const text = df('FROM alpine:3.23', 'RUN echo a', 'RUN cd /x && make', 'RUN echo c');
  for (const f of findingsOf(text, RULE)) assert.match(f.message, /No automatic merge: the RUN at line 3 changes shell state/);
});

test('a subshell keeps its cd to itself, so it merges; -e is fine when no group is needed', () => {
  const text = df('FROM alpine:3.23', 'RUN (cd /src && make)', 'RUN make install');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'RUN (cd /src && make) \\', '    && make install'));
  const errexitNoGroup = df('FROM alpine:3.23', 'SHELL ["/bin/sh", "-e", "-c"]', 'RUN echo one', 'RUN echo two');
  assert.equal(findingsOf(errexitNoGroup, RULE)[0].fixes.length, 1);
});

test('follows an existing trailing `&& \\` style and indentation', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update && \\', '  apt-get install -y curl', 'RUN echo done');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM debian:trixie', 'RUN apt-get update && \\', '  apt-get install -y curl && \\', '  echo done'));
});

test('keeps CRLF line endings', () => {
  const text = 'FROM alpine:3.23\r\nRUN echo a\r\nRUN echo b\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'FROM alpine:3.23\r\nRUN echo a \\\r\n    && echo b\r\n');
});

test('merges three RUNs into one and the result has no findings left', () => {
  const text = df('FROM alpine:3.23', 'RUN echo a', 'RUN echo b', 'RUN echo c');
  const findings = findingsOf(text, RULE);
  assert.equal(findings.length, 2);
  const merged = applyFix(text, findings[0]);
  assert.equal(merged, df('FROM alpine:3.23', 'RUN echo a \\', '    && echo b \\', '    && echo c'));
  assert.deepEqual(linesOf(merged, RULE), []);
  assert.equal(buildModel(merged).stages[0].layers.length, 1);
});

test('groups RUNs only when their flags are identical', () => {
  const same = df('FROM alpine:3.23', 'RUN --mount=type=cache,target=/root/.cache echo a', 'RUN --mount=type=cache,target=/root/.cache echo b');
  const [f] = findingsOf(same, RULE);
  assert.equal(applyFix(same, f), df('FROM alpine:3.23', 'RUN --mount=type=cache,target=/root/.cache echo a \\', '    && echo b'));
  const different = df('FROM alpine:3.23', 'RUN --mount=type=cache,target=/a echo a', 'RUN --mount=type=cache,target=/b echo b', 'RUN --network=none echo c', 'RUN echo d');
  assert.deepEqual(linesOf(different, RULE), []);
});

test('exec-form and heredoc RUNs are never grouped or mangled', () => {
  const text = df('FROM alpine:3.23', 'RUN ["echo", "a"]', 'RUN echo b', 'RUN <<EOF', 'echo c', 'EOF', 'RUN echo d');
  assert.deepEqual(linesOf(text, RULE), []);
});

test('a later RUN with `;` or `||` is grouped so a failure earlier still stops it', () => {
  const text = df('FROM alpine:3.23', 'RUN make', 'RUN test -f x || echo missing; echo done');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'RUN make \\', '    && { test -f x || echo missing; echo done; }'));
});

test('no fix when merging would leak shell state (cd, export) into later commands', () => {
  for (const first of ['cd /tmp', 'export A=1', 'set -e', 'A=1']) {
    const text = df('FROM alpine:3.23', `RUN ${first}`, 'RUN make');
    const [f] = findingsOf(text, RULE);
    assert.ok(f, first);
    assert.equal(f.fixes.length, 0, first);
    assert.match(f.message, /shell state/);
  }
});

test('no fix when an earlier RUN ends with a shell comment or an operator', () => {
  for (const first of ['make # build it', 'make &', 'make;']) {
    const [f] = findingsOf(df('FROM alpine:3.23', `RUN ${first}`, 'RUN echo b'), RULE);
    assert.equal(f.fixes.length, 0, first);
  }
  const quoted = df('FROM alpine:3.23', 'RUN echo "#not a comment"', 'RUN echo b');
  assert.equal(findingsOf(quoted, RULE)[0].fixes.length, 1);
  // A `#` inside a word, here a redirect target, does not start a comment either: the merge is offered and exact.
  const redirect = df('FROM alpine:3.23', 'RUN echo hi > /tmp/a#b', 'RUN echo b');
  const [f] = findingsOf(redirect, RULE);
  assert.equal(applyFix(redirect, f), df('FROM alpine:3.23', 'RUN echo hi > /tmp/a#b \\', '    && echo b'));
});

test('no fix after a non-POSIX SHELL', () => {
  const text = df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN echo a', 'RUN echo b');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes.length, 0);
});

test('no fix after a non-POSIX SHELL inherited from the stage it builds on', () => {
  const text = df('FROM alpine:3.23 AS base', 'SHELL ["/usr/bin/pwsh", "-Command"]', 'FROM base', 'RUN echo a', 'RUN echo b');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /cmd\.exe or PowerShell/);
});

test('a RUN continued over lines with a comment inside keeps its own lines', () => {
  const text = df('FROM alpine:3.23', 'RUN apk add \\', '# the client', '      curl', 'RUN echo b');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'RUN apk add \\', '# the client', '      curl \\', '      && echo b'));
});

test('Russian message names the lecture advice', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'RUN a', 'RUN b'), RULE, 'ru');
  assert.match(f.message, /объединять команды RUN/);
  assert.equal(f.lecture, 'best-practices');
  assert.deepEqual(f.aliases, ['DL3059']);
});

test('a huge group carries its merge on its first finding only', () => {
  const many = df('FROM alpine:3.23', ...Array.from({ length: 60 }, (_, i) => `RUN echo ${i}`));
  const findings = findingsOf(many, RULE);
  assert.equal(findings.length, 59);
  assert.equal(findings[0].fixes.length, 1);
  assert.ok(findings.slice(1).every((f) => f.fixes.length === 0));
  const few = findingsOf(df('FROM alpine:3.23', 'RUN echo a', 'RUN echo b', 'RUN echo c'), RULE);
  assert.ok(few.every((f) => f.fixes.length === 1));
});
