// The `shellcheck` rule against the real shellcheck: where findings land in the Dockerfile,
// which dialect and variables the scripts are checked with, suppressions and severities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/index';
import { buildModel } from '../../server/src/model/build';
import { shellcheckJobs } from '../../server/src/shellcheck';
import { df } from '../support/rules';
import { shellcheckFindings, shellcheckOnPath, shellcheckSkipReason, where } from '../support/shellcheck';

const skip = shellcheckSkipReason();
const codes = (fs: { aliases: string[] }[]) => fs.map((f) => f.aliases[0]);

test('shellcheck is installed on CI', { skip: !process.env.CI }, () => {
  assert.ok(shellcheckOnPath(), 'CI must install shellcheck (.ci/run): the ShellCheck rule is tested against the real binary');
});

test('a finding on a RUN line covers the exact word, with its code and wiki link', { skip }, async () => {
  const fs = await shellcheckFindings(df('FROM example/app', 'RUN echo $foo'));
  assert.deepEqual(fs.map(where), ['SC2154@2:9-2:13', 'SC2086@2:9-2:13']);
  const [undefinedVar, quote] = fs;
  assert.equal(undefinedVar.severity, 'warning');
  assert.equal(quote.severity, 'hint', 'info notes like SC2086 are lessons, not squiggles');
  assert.deepEqual(quote.aliases, ['SC2086']);
  assert.match(quote.message, /^ShellCheck SC2086: Double quote .* More: https:\/\/www\.shellcheck\.net\/wiki\/SC2086$/);
  assert.equal(quote.beyondLecture, true);
});

test('findings after line continuations land on the physical line and column', { skip }, async () => {
  const text = df('FROM example/app', 'RUN apt-get update && \\', '    # a comment line the builder drops', '', '    ls $foo \\', '\t$bar');
  assert.deepEqual((await shellcheckFindings(text)).map(where), [
    'SC2154@5:7-5:11', 'SC2086@5:7-5:11', 'SC2154@6:1-6:5', 'SC2086@6:1-6:5',
  ]);
});

test('with `# escape=`` the backtick continues lines and a backslash is shell text', { skip }, async () => {
  const text = df('# escape=`', 'FROM debian:bookworm', 'RUN echo "a\\tb" && `', '  ls $foo `', '    $bar');
  assert.deepEqual((await shellcheckFindings(text)).map(where), [
    'SC2154@4:5-4:9', 'SC2086@4:5-4:9', 'SC2154@5:4-5:8', 'SC2086@5:4-5:8',
  ]);
});

test('a RUN <<EOF body is checked line by line, CRLF included', { skip }, async () => {
  const lines = ['FROM example/app', 'RUN <<EOF', 'set -e', 'cd /src', '  ls $foo', 'EOF'];
  const lf = await shellcheckFindings(df(...lines));
  assert.deepEqual(lf.map(where), ['SC2154@5:5-5:9', 'SC2086@5:5-5:9']);
  const crlf = await shellcheckFindings(lines.join('\r\n') + '\r\n');
  assert.deepEqual(crlf.map(where), lf.map(where), 'no SC1017 for the CR, same columns');
});

test('columns count characters, not UTF-16 units, after an emoji or a tab', { skip }, async () => {
  const fs = await shellcheckFindings(df('FROM example/app', "RUN printf '😀\t%s' $foo"));
  // ShellCheck counts 😀 as one column and so does a tab (json1); in the editor 😀 is two UTF-16 units.
  assert.deepEqual(fs.map(where), ['SC2154@2:19-2:23', 'SC2086@2:19-2:23']);
});

test('the dialect follows SHELL, a #! line and the base image', { skip }, async () => {
  const bashism = 'RUN [[ -d /src ]] && echo ok';
  assert.deepEqual(codes(await shellcheckFindings(df('FROM example/app', bashism))), ['SC3010'], 'plain sh');
  assert.deepEqual(codes(await shellcheckFindings(df('FROM debian:bookworm', bashism))), ['SC3010'], 'dash');
  assert.deepEqual(codes(await shellcheckFindings(df('FROM example/app', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', bashism))), []);
  assert.deepEqual(codes(await shellcheckFindings(df('FROM example/app', 'RUN <<EOF', '#!/usr/bin/env bash', '[[ -d /src ]] && echo ok', 'EOF'))), []);
  // BusyBox ash has [[ (checked as busybox on ShellCheck 0.10+, as sh without SC3xxx before).
  assert.deepEqual(codes(await shellcheckFindings(df('FROM alpine:3.20', bashism))), []);
  assert.deepEqual(codes(await shellcheckFindings(df('FROM node:20-alpine', bashism))), []);
  // ENV set in a parent stage: a stage built FROM it inherits the SHELL too.
  assert.deepEqual(codes(await shellcheckFindings(df('FROM example/app AS base', 'SHELL ["bash", "-c"]', 'FROM base', bashism))), []);
});

test('"not in POSIX sh" is a warning where /bin/sh is known not to have it, a hint where it is unknown', { skip }, async () => {
  const sevs = async (...lines: string[]) => (await shellcheckFindings(df(...lines))).map((f) => `${f.aliases[0]}:${f.severity}`);
  const local = 'RUN f() { local x=1; echo "$x"; }; f && echo "${PATH//:/ }"';
  // dash has `local` but not ${var//a/b}: on Debian-based images only the latter breaks the RUN.
  assert.deepEqual(await sevs('FROM node:22-bookworm', local), ['SC3060:warning']);
  assert.deepEqual(await sevs('FROM eclipse-temurin:21-noble', local), ['SC3060:warning']);
  assert.deepEqual(await sevs('FROM python:3.12', local), ['SC3060:warning']);
  // /bin/sh is bash on the Red Hat family; unknown on an image we cannot place.
  assert.deepEqual(await sevs('FROM almalinux:9', local), []);
  assert.deepEqual(await sevs('FROM someone/node:22', local), ['SC3043:hint', 'SC3060:hint']);
  assert.deepEqual(await sevs('FROM example/app', 'SHELL ["/bin/sh", "-c"]', local), ['SC3043:hint', 'SC3060:hint']);
  // Named explicitly, dash is known.
  assert.deepEqual(await sevs('FROM example/app', 'SHELL ["/bin/dash", "-c"]', local), ['SC3060:warning']);
});

test('an upper-case ENV made from a lower-case ARG is not taken for a misspelling (SC2153)', { skip }, async () => {
  const fs = await shellcheckFindings(df('FROM example/app', 'ARG kafka_version=3.7', 'ENV KAFKA_VERSION=$kafka_version', 'RUN echo "${KAFKA_VERSION}"'));
  assert.deepEqual(codes(fs), []);
});

test('names set by ARG and ENV are not "referenced but not assigned" (SC2154); others are', { skip }, async () => {
  const text = df(
    'FROM example/app AS base',
    'ENV app_home=/opt/app',
    'ARG build_only=1',
    'FROM base',
    'ARG version',
    'ENV lower_case=1 \\',
    '    other=2',
    'RUN echo "$app_home" "$version" "$lower_case" "$other" "$http_proxy" "$build_only" "$typo"',
  );
  const fs = await shellcheckFindings(text);
  // ENV reaches the stage built FROM base; ARG does not; the builder's proxy ARGs are predefined.
  assert.deepEqual(fs.map((f) => f.message.match(/SC2154: (\w+)/)?.[1]), ['build_only', 'typo']);
});

test('a name declared below the RUN is still unassigned there', { skip }, async () => {
  const fs = await shellcheckFindings(df('FROM example/app', 'RUN echo "$later"', 'ARG later=1'));
  assert.deepEqual(codes(fs), ['SC2154']);
});

test('source and . of files in the image are not followed (SC1090, SC1091 excluded)', { skip }, async () => {
  const fs = await shellcheckFindings(df('FROM example/app', 'RUN . /etc/os-release && . "$HOME/.profile" && echo "$ID"'));
  assert.deepEqual(codes(fs), []);
});

test('severities: a parse error is an error, a warning a warning, info info, style a hint', { skip }, async () => {
  const broken = await shellcheckFindings(df('FROM example/app', 'RUN <<EOF', 'if true; then', '  echo "$foo"', 'EOF'));
  assert.ok(broken.length > 0 && broken.every((f) => f.severity === 'error' || f.aliases[0] === 'SC1009'), broken.map(where).join());
  // The parse error at the end of the body stays inside the RUN (on the body's last line), not past it.
  assert.ok(broken.every((f) => f.range.end.line <= 3), broken.map(where).join());
  const style = await shellcheckFindings(df('FROM example/app', 'RUN now=`date` && echo "$now"'));
  assert.deepEqual(style.map((f) => `${f.aliases[0]}:${f.severity}`), ['SC2006:hint']);
});

test('our exported names add no finding of their own, even after an exit', { skip }, async () => {
  const fs = await shellcheckFindings(df('FROM example/app', 'ARG version=1', 'RUN <<EOF', 'echo "$version"', 'exit 0', 'EOF'));
  assert.deepEqual(codes(fs), []);
});

test('# hadolint ignore=SC2086 silences that code on that RUN only; global ignore and settings by code', { skip }, async () => {
  const text = df('FROM example/app', '# hadolint ignore=SC2086', 'RUN echo $foo', 'RUN echo $bar');
  assert.deepEqual((await shellcheckFindings(text)).map(where), ['SC2154@3:9-3:13', 'SC2154@4:9-4:13', 'SC2086@4:9-4:13']);
  // The pragma covers the whole instruction: heredoc body lines and continuation lines below it.
  const body = df('FROM example/app', '# hadolint ignore=SC2086,SC2154', 'RUN <<EOF', 'set -e', 'echo $foo', 'EOF', 'RUN echo ok && \\', '   echo $x');
  assert.deepEqual((await shellcheckFindings(body)).map(where), ['SC2154@8:8-8:10', 'SC2086@8:8-8:10']);
  const global = df('# hadolint global ignore=SC2154', 'FROM example/app', 'RUN echo $foo');
  assert.deepEqual(codes(await shellcheckFindings(global)), ['SC2086']);
  const ours = df('FROM example/app', '# lecture-hints ignore=sc2154,SC2086', 'RUN echo $foo');
  assert.deepEqual(codes(await shellcheckFindings(ours)), []);
  // .hadolint.yaml's `ignored: [SC2086]` and `override: { error: [SC2154] }` arrive as settings by code.
  const fs = await shellcheckFindings(df('FROM example/app', 'RUN echo $foo'), { rules: { SC2086: 'off', SC2154: 'error' } });
  assert.deepEqual(fs.map((f) => `${f.aliases[0]}:${f.severity}`), ['SC2154:error']);
  // The rule as a whole can still be switched off or ignored.
  assert.deepEqual(await shellcheckFindings(df('FROM example/app', 'RUN echo $foo'), { rules: { shellcheck: 'off' } }), []);
  assert.deepEqual(await shellcheckFindings(df('FROM example/app', '# hadolint ignore=shellcheck', 'RUN echo $foo')), []);
});

test('an unknown code in a pragma silences nothing else', { skip }, async () => {
  const fs = await shellcheckFindings(df('FROM example/app', '# hadolint ignore=SC9999,DL9999', 'RUN echo $foo'));
  assert.deepEqual(codes(fs), ['SC2154', 'SC2086']);
});

test('Russian message keeps ShellCheck\'s English text and the link', { skip }, async () => {
  const [f] = await shellcheckFindings(df('FROM example/app', 'RUN echo "$foo"'), { lang: 'ru' });
  assert.match(f.message, /^ShellCheck SC2154 \(текст ShellCheck на английском\): foo is referenced .* Подробнее: https:\/\/www\.shellcheck\.net\/wiki\/SC2154$/);
});

test('without ShellCheck results the rule reports nothing', () => {
  assert.deepEqual(analyze(df('FROM example/app', 'RUN echo $foo')).findings.filter((f) => f.rule === 'shellcheck'), []);
});

test('what is not checked: exec form, CMD, PowerShell, cmd, zsh, Windows stages, huge scripts, other heredoc programs', () => {
  const jobs = (...lines: string[]) => shellcheckJobs(buildModel(df(...lines))).map((j) => j.dialect);
  assert.deepEqual(jobs('FROM example/app', 'RUN ["sh", "-c", "echo $x"]', 'CMD echo $x', 'ENTRYPOINT echo $x'), []);
  assert.deepEqual(jobs('FROM example/app', 'SHELL ["pwsh", "-Command"]', 'RUN Write-Host $x'), []);
  assert.deepEqual(jobs('FROM example/app', 'SHELL ["zsh", "-c"]', 'RUN echo $x'), []);
  assert.deepEqual(jobs('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN echo %PATH%'), []);
  assert.deepEqual(jobs('FROM example/app', 'RUN <<EOF python3', 'print(1)', 'EOF', 'RUN cat <<EOF > /f', '$x', 'EOF'), []);
  assert.deepEqual(jobs('FROM example/app', `RUN echo ${'x'.repeat(64 * 1024)}`), []);
  assert.deepEqual(jobs('FROM example/app', 'RUN echo a', 'RUN <<EOF', 'echo b', 'EOF', 'SHELL ["/bin/ash", "-c"]', 'RUN echo c'), ['sh', 'sh', 'busybox']);
});

test('identical scripts in one file are one job; ARG names are part of the key', () => {
  const model = buildModel(df('FROM example/app', 'RUN echo "$v"', 'RUN echo "$v"', 'ARG v', 'RUN echo "$v"'));
  const jobs = shellcheckJobs(model);
  assert.equal(jobs.length, 2);
  assert.deepEqual(jobs.map((j) => j.exported.includes('v')), [false, true]);
});

test('ShellCheck warnings that are mostly deliberate in build scripts are hints; defects stay warnings', { skip }, async () => {
  const fs = await shellcheckFindings(df('FROM example/app', 'RUN apt-get install -y $(cat /pkgs) && export X=$(date)', 'RUN rm -rf "$TARGET_DIR/"'));
  const by = (code: string) => fs.find((f) => f.aliases[0] === code);
  assert.equal(by('SC2046')?.severity, 'hint');
  assert.equal(by('SC2155')?.severity, 'hint');
  assert.equal(by('SC2115')?.severity, 'warning');
});
