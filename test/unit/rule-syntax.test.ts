import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';
import { buildModel } from '../../server/src/model/build';

const RULE = 'syntax';

test('unknown instructions are errors, with a suggestion for a typo', () => {
  const text = df('FROM alpine:3.23', 'RUNN echo hi', 'cpoy a b');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.range.start.line + 1), [2, 3]);
  assert.equal(findings[0].severity, 'error');
  assert.match(findings[0].message, /Unknown instruction `RUNN`.*Did you mean RUN\?/);
  assert.equal(findings[0].fixes[0].safe, false);
  assert.equal(applyFix(text, findings[0]), df('FROM alpine:3.23', 'RUN echo hi', 'cpoy a b'));
  assert.equal(applyFix(text, findings[1]), df('FROM alpine:3.23', 'RUNN echo hi', 'copy a b'));
});

test('a line that lost its continuation suggests adding the escape character back', () => {
  const text = df('FROM alpine:3.23', 'RUN apk add curl', '    && rm -rf /var/cache/apk/*');
  const [f] = findingsOf(text, RULE);
  assert.match(f.message, /lose the `\\`/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', 'RUN apk add curl \\', '    && rm -rf /var/cache/apk/*'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('a file with no instruction at all is reported once', () => {
  const findings = findingsOf('file\trepo\tpath\nx\ty\tz\n', RULE);
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /no Dockerfile instructions/);
});

test('instructions before the first FROM other than ARG are errors', () => {
  assert.deepEqual(linesOf(df('ARG V=1', 'ENV A=1', 'FROM alpine:3.23'), RULE), [2]);
  assert.deepEqual(linesOf(df('# syntax=docker/dockerfile:1', 'ARG V=1', 'FROM alpine:$V'), RULE), []);
  assert.match(findingsOf(df('ARG V=1'), RULE)[0].message, /no FROM/);
});

test('missing and malformed arguments', () => {
  const cases: [string, RegExp][] = [
    ['WORKDIR', /without arguments/],
    ['COPY a', /source and a destination/],
    ['ADD ["a"]', /source and a destination/],
    ['ENV A', /has no value/],
    ['ENV A=1 B', /has no `=`/],
    ['LABEL a', /has no value/],
    ['HEALTHCHECK', /without arguments/],
    ['HEALTHCHECK NONE x', /takes no arguments/],
    ['HEALTHCHECK CMD', /without a command/],
    ['HEALTHCHECK curl x', /expects `CMD/],
    ['ONBUILD FROM x', /ONBUILD trigger/],
    ['SHELL /bin/bash -c', /JSON form/],
    ['CMD ["a", 1]', /must be a string/],
    ['ARG =1', /without a name/],
  ];
  for (const [line, re] of cases) {
    const findings = findingsOf(df('FROM alpine:3.23', line), RULE);
    assert.equal(findings.length, 1, line);
    assert.match(findings[0].message, re, line);
    assert.equal(findings[0].severity, 'error', line);
  }
});

test('valid argument shapes are not reported', () => {
  const text = df(
    'FROM --platform=$BUILDPLATFORM alpine:3.23 AS build',
    'COPY a b c /dst/',
    'COPY ["a b", "/x/"]',
    'COPY <<EOF /etc/motd',
    'hello',
    'EOF',
    'ENV A=1 B="x y"',
    'ENV LEGACY value with spaces',
    'LABEL a=b c="d e"',
    'ARG X Y=2',
    'HEALTHCHECK --interval=5s CMD curl -f http://localhost/',
    'HEALTHCHECK NONE',
    'ONBUILD RUN echo hi',
    'SHELL ["/bin/sh", "-c"]',
    'WORKDIR /my app',
    'RUN',
    'CMD',
  );
  assert.deepEqual(linesOf(text, RULE), []);
});

test('FROM arguments and stage names', () => {
  assert.match(findingsOf(df('FROM alpine:3.23 build'), RULE)[0].message, /one or three arguments/);
  assert.match(findingsOf(df('FROM alpine:3.23 AS 1st'), RULE)[0].message, /Invalid stage name/);
  const reserved = findingsOf(df('FROM alpine:3.23 AS scratch'), RULE);
  assert.equal(reserved[0].severity, 'warning');
  assert.match(reserved[0].message, /reserved name/);
  assert.deepEqual(linesOf(df('FROM alpine:3.23 as my-stage.v2_x'), RULE), []);
});

test('an invalid escape directive and a repeated directive are errors; unknown directives are fine', () => {
  const bad = findingsOf(df('# escape=x', 'FROM alpine:3.23'), RULE);
  assert.equal(bad.length, 1);
  assert.match(bad[0].message, /Invalid escape character `x`/);
  assert.equal(findingsOf(df('# escape=\\', '# escape=`', 'FROM alpine:3.23'), RULE).length, 1);
  assert.deepEqual(linesOf(df('# check=skip=all', '# foo=bar', 'FROM alpine:3.23'), RULE), []);
});

test('blank lines inside a continued instruction: warning, safe fix removes them', () => {
  const text = df('FROM alpine:3.23', 'RUN apk add \\', '', '    curl \\', '   ', '    git', 'CMD ["sh"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'warning');
  assert.equal(f.range.start.line, 2);
  assert.match(f.message, /Blank lines 3, 5/);
  assert.equal(f.fixes[0].safe, true);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', 'RUN apk add \\', '    curl \\', '    git', 'CMD ["sh"]'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('comment lines in a continuation, heredoc bodies and CRLF are not empty continuations', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'RUN apk add \\', '# tools', '    curl'), RULE), []);
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'RUN <<EOF', 'echo a', '', 'echo b', 'EOF'), RULE), []);
  const crlf = 'FROM alpine:3.23\r\nRUN apk add \\\r\n\r\n    curl\r\n';
  const [f] = findingsOf(crlf, RULE);
  assert.equal(applyFix(crlf, f), 'FROM alpine:3.23\r\nRUN apk add \\\r\n    curl\r\n');
});

test('with `# escape=`` a backtick continues lines and a backslash does not', () => {
  const text = df('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN dir `', '', '    C:\\', 'WORKDIR C:\\app');
  const [f] = findingsOf(text, RULE);
  assert.match(f.message, /Blank line 4/);
});

test('a line ending in an escaped escape character ends the instruction for BuildKit', () => {
  const text = df('FROM alpine:3.23', 'RUN echo a \\\\', '    echo b');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'error');
  assert.equal(f.range.start.line, 1);
  assert.match(f.message, /new instruction `echo`, which is unknown/);
  // A Windows path ending in `\\` followed by a real instruction is what the author meant: no finding,
  // and the blank line after it is not an empty continuation (BuildKit ended the COPY already).
  const windows = df('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'COPY --from=x \\', '    C:\\\\a.dll \\', '    C:\\\\Windows\\\\System32\\\\', '', 'ENV A=1');
  assert.deepEqual(linesOf(windows, RULE), []);
  // The model ends the COPY there too, so ENV is an instruction of its own (it used to be swallowed).
  assert.deepEqual(buildModel(windows).instructions.map((i) => `${i.keyword}:${i.range.start.line}-${i.range.end.line}`), ['FROM:0-0', 'COPY:1-3', 'ENV:5-5']);
  const backtick = df('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'COPY a.txt C:\\dst``', 'USER ContainerUser');
  assert.deepEqual(buildModel(backtick).instructions.map((i) => i.keyword), ['FROM', 'COPY', 'USER']);
});

test('a Go/Jinja template gets one finding, not one "unknown instruction" per template line', () => {
  const text = df('FROM {{ .Base }}', '{{ if .Dev }}', 'RUN apt-get install -y {{ .Pkgs }}', '{{- end }}', '{% if x %}', 'CMD ["a"]', 'FORM x');
  const findings = findingsOf(text, 'syntax');
  assert.equal(findings.filter((f) => /template/.test(f.message)).length, 1);
  const [t] = findings;
  assert.equal(t.severity, 'error');
  assert.match(t.message, /looks like a template .* on line 1\) to be rendered into a Dockerfile first/);
  // Real mistakes outside template lines are still reported.
  assert.deepEqual(findings.slice(1).map((f) => f.range.start.line + 1), [7]);
  assert.deepEqual(linesOf(text, 'pin-image-tag'), []);
  // `{{` inside a RUN is a docker --format template, not a template file.
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'RUN docker inspect --format "{{.Id}}" x'), 'syntax'), []);
  assert.match(findingsOf(df('FROM alpine:3.23', '{{ if .X }}'), 'syntax', 'ru')[0].message, /Похоже, это шаблон/);
});
