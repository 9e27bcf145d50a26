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
  assert.match(f.message, /объединять команды `RUN`/);
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

const severities = (text: string) => findingsOf(text, RULE).map((f) => [f.range.start.line + 1, f.severity]);

test('info where merging is clearly better: short single-purpose RUNs in the final image', () => {
  // Two one-line writes of a base image: nothing gained by two layers.
  const text = df('FROM debian:trixie', 'RUN echo 2.0 > /VERSION', 'RUN echo "deb http://deb.debian.org/debian trixie-backports main" > /etc/apt/sources.list.d/backports.list');
  assert.deepEqual(severities(text), [[3, 'info']]);
});

test('info for a RUN that cleans up after the one before, or an index update split from its install', () => {
  const cleanup = df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl', 'RUN rm -rf /var/lib/apt/lists/*');
  assert.deepEqual(severities(cleanup), [[3, 'info']]);
  assert.match(findingsOf(cleanup, RULE)[0].message, /does not make the image smaller/);
  const clean = df('FROM debian:trixie', 'RUN apt-get install -y --no-install-recommends \\', '    curl ca-certificates', 'RUN apt-get clean');
  assert.deepEqual(severities(clean), [[4, 'info']]);
  const split = df('FROM debian:trixie', 'RUN apt-get update', 'RUN apt-get install -y \\', '    curl \\', '    git');
  assert.deepEqual(severities(split), [[3, 'info']]);
  assert.match(findingsOf(split, RULE)[0].message, /old cached index/);
  assert.match(findingsOf(split, RULE, 'ru')[0].message, /^Эта инструкция RUN следует сразу за другой \(строка 2\)/);
});

test('hint where the split looks deliberate: RUNs that already chain their commands or span lines', () => {
  // An official image: one apt step, then a tiny mkdir, then a long key-import step, each its own cache layer.
  const text = df('FROM debian:trixie-slim',
    'RUN set -eux; \\', '\tapt-get update; \\', '\tapt-get install -y --no-install-recommends xz-utils zstd; \\', '\trm -rf /var/lib/apt/lists/*',
    'RUN mkdir /docker-entrypoint-initdb.d',
    'RUN set -ex; \\', '\tkey=B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8; \\', '\tgpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key"');
  assert.deepEqual(severities(text), [[6, 'hint'], [7, 'hint']]);
  assert.match(findingsOf(text, RULE)[0].message, /split looks deliberate/);
  // The lightbulb still offers the lecture's merge of the whole group (here `set -eux` would leak: none).
  const chained = df('FROM debian:trixie', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', 'RUN useradd app && mkdir /data');
  const [f] = findingsOf(chained, RULE);
  assert.equal(f.severity, 'hint');
  assert.equal(f.fixes.length, 1);
});

test('hint after a slow dependency step: kept apart, its cached layer survives edits of the next RUN', () => {
  const text = df('FROM golang:1.24', 'WORKDIR /app', 'COPY go.mod main.go ./', 'RUN go mod tidy', 'RUN go build -o main main.go');
  assert.deepEqual(severities(text), [[5, 'hint']]);
  assert.match(findingsOf(text, RULE)[0].message, /fetches or builds dependencies/);
  const pip = df('FROM python:3.13', 'RUN pip install -r requirements.txt', 'RUN python manage.py collectstatic');
  assert.deepEqual(severities(pip), [[3, 'hint']]);
});

test('RUNs of a build stage whose layers never reach the final image are at most hints', () => {
  const text = df('FROM debian:trixie AS build', 'RUN echo a > /a', 'RUN rm -rf /tmp/cache', 'FROM alpine:3.23', 'COPY --from=build /a /a');
  assert.deepEqual(severities(text), [[3, 'hint']]);
  assert.match(findingsOf(text, RULE)[0].message, /do not reach the final image/);
  // The same stage as the base of the final one ships its layers: then it is info again.
  const base = df('FROM debian:trixie AS base', 'RUN echo a > /a', 'RUN echo b > /b', 'FROM base', 'CMD ["sh"]');
  assert.deepEqual(severities(base), [[3, 'info']]);
});

test('a visible finding merges only its info segment, never across a deliberate split', () => {
  const text = df('FROM debian:trixie', 'RUN apt-get update', 'RUN apt-get install -y curl', 'RUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool');
  const [install, download] = findingsOf(text, RULE);
  assert.equal(install.severity, 'info');
  assert.equal(download.severity, 'hint');
  assert.equal(applyFix(text, install), df('FROM debian:trixie', 'RUN apt-get update \\', '    && apt-get install -y curl', 'RUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool'));
  assert.match(download.fixes[0].title, /Merge 3 consecutive RUN instructions \(lines 2–4\)/);
});

test('a commented-out instruction between RUNs is not pulled into the merge', () => {
  const text = df('FROM alpine:3.23', 'RUN echo a > /a', '# RUN echo disabled > /c', 'RUN echo b > /b');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /commented-out instruction/);
  // Prose comments still travel with their RUN.
  const prose = df('FROM alpine:3.23', 'RUN echo a > /a', '# run the second step', 'RUN echo b > /b');
  assert.equal(applyFix(prose, findingsOf(prose, RULE)[0]), df('FROM alpine:3.23', 'RUN echo a > /a \\', '# run the second step', '    && echo b > /b'));
});

test('RUNs of a Windows image (cmd.exe) are hints: the split lets a PATH set by an installer reach the next RUN', () => {
  const text = df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN git clone https://example.com/nvms.git -b dist', 'RUN mkdir home');
  assert.deepEqual(severities(text), [[3, 'hint']]);
});
