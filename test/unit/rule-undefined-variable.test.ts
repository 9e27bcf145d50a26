import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';
import { scanVariables } from '../../server/src/rules/undefined-variable';

const RULE = 'undefined-variable';

test('FROM may only use global ARGs and the builder\'s platform ARGs', () => {
  const text = df('ARG VERSION=3.23', 'FROM --platform=$BUILDPLATFORM alpine:${VERSION} AS a', 'FROM $BASE_IMAGE AS b', 'ARG TAG=1', 'FROM alpine:${TAG}');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => [f.range.start.line + 1, f.range.start.character]), [[3, 5], [5, 12]]);
  assert.match(findings[1].message, /`ARG TAG` on line 4 is inside a stage/);
  // Each finding carries only the codes of the check it reports (issue 18): a FROM finding is UndefinedArgInFrom.
  assert.deepEqual(findings[0].aliases, ['UndefinedArgInFrom']);
});

test('a typo in FROM suggests the global ARG', () => {
  const text = df('ARG NODE_VERSION=24', 'FROM node:${NODE_VERSON}');
  const [f] = findingsOf(text, RULE);
  assert.match(f.message, /Did you mean `NODE_VERSION`\?/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('ARG NODE_VERSION=24', 'FROM node:${NODE_VERSION}'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('a global ARG used in a stage without re-declaring it; the fix declares it', () => {
  const text = df('ARG VERSION=1.0', 'FROM alpine:3.23', 'LABEL version=$VERSION', 'RUN echo $VERSION');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.range.start.line, 2);
  assert.match(f.message, /global ARG \(line 1\)/);
  assert.equal(f.fixes[0].safe, false);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('ARG VERSION=1.0', 'FROM alpine:3.23', 'ARG VERSION', 'LABEL version=$VERSION', 'RUN echo $VERSION'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('platform ARGs need a declaration inside the stage', () => {
  const text = df('FROM alpine:3.23', 'ARG TARGETOS', 'ENV OS=$TARGETOS ARCH=${TARGETARCH}');
  const [f] = findingsOf(text, RULE);
  assert.match(f.message, /`TARGETARCH` is an automatic platform ARG/);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'ARG TARGETARCH', 'ARG TARGETOS', 'ENV OS=$TARGETOS ARCH=${TARGETARCH}'));
});

test('used before its declaration further down the stage', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'WORKDIR $APP_HOME', 'ENV APP_HOME=/app'), RULE);
  assert.match(f.message, /declared only further down, on line 3/);
});

test('ENV reads the values from before the instruction; `X=$X:…` appends on purpose', () => {
  const text = df('FROM alpine:3.23', 'ENV A=1 B=$A', 'ENV PATH=$PATH:/x LD_LIBRARY_PATH="$LD_LIBRARY_PATH:/lib x"', 'ENV C=2', 'ENV D=$C');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.range.start.line + 1), [2]);
  assert.match(findings[0].message, /same ENV instruction/);
});

test('on a registry image unknown names may come from its environment: not reported', () => {
  assert.deepEqual(linesOf(df('FROM node:24.19.0', 'WORKDIR $NODE_PATH', 'ENV X=$JAVA_HOME/bin'), RULE), []);
});

test('on scratch every unknown name is reported, typos with a suggestion', () => {
  const text = df('FROM scratch', 'ARG APP_DIR=/app', 'COPY app ${APP_DIRR}/', 'USER $UID', 'ENV PATH=$PATH:/bin');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.range.start.line + 1), [3, 4]);
  assert.match(findings[0].message, /did you mean `APP_DIR`\?/);
  assert.equal(applyFix(text, findings[0]), df('FROM scratch', 'ARG APP_DIR=/app', 'COPY app ${APP_DIR}/', 'USER $UID', 'ENV PATH=$PATH:/bin'));
  assert.match(findings[1].message, /scratch inherits no environment/);
});

test('RUN/CMD text, single quotes, escapes, defaults, heredoc bodies and proxies are not checked', () => {
  const text = df(
    'FROM scratch',
    'RUN echo $NOPE',
    'CMD echo $NOPE',
    "LABEL a='$NOPE' b=\\$NOPE c=${NOPE:-x} d=${NOPE:+y} e=$HTTP_PROXY",
    'COPY <<EOF /x',
    '$NOPE',
    'EOF',
  );
  assert.deepEqual(linesOf(text, RULE), []);
  assert.deepEqual(linesOf(df('# escape=`', 'FROM scratch', 'LABEL a=`$NOPE'), RULE), []);
});

test('ENV is inherited through FROM <stage>; ARG is not', () => {
  const text = df('FROM scratch AS base', 'ENV HOME_DIR=/h', 'ARG LOCAL=1', 'FROM base', 'WORKDIR $HOME_DIR', 'USER $LOCAL');
  assert.deepEqual(linesOf(text, RULE), [6]);
});

test('COPY --chown is checked; CRLF ranges are exact', () => {
  const text = 'FROM scratch\r\nCOPY --chown=$OWNER:0 a /b\r\n';
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 19 } });
});

test('Windows stages may use Windows system variables', () => {
  const text = df('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'ENV A="C:\\x" `', '    B="$ProgramFiles\\x"');
  assert.deepEqual(linesOf(text, RULE), []);
});

test('scanVariables finds $X and ${X…} and reports guarded forms', () => {
  assert.deepEqual(scanVariables('a $A ${B} ${C:-x} \'$D\' "$E" \\$F $1', '\\').map((u) => [u.name, u.guarded]),
    [['A', false], ['B', false], ['C', true], ['E', false]]);
});

test('per-finding codes: UndefinedVar in a stage, with DL3044 for a name set in the same ENV', () => {
  const text = df('FROM alpine:3.21', 'ENV A=1 B=$A', 'RUN echo $MISSING');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.aliases), [['UndefinedVar', 'DL3044']]);
});
