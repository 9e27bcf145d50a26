import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf } from '../support/rules';
import { buildModel } from '../../server/src/model/build';

const RULE = 'secrets-in-env';

test('an ARG secret read only by RUNs becomes a build secret mounted into exactly those RUNs', () => {
  const text = df(
    'FROM node:22.11.0',
    'ARG NPM_TOKEN',
    'COPY package.json .',
    'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
    'RUN npm run build',
    'RUN --mount=type=cache,target=/root/.npm curl -H "Authorization: $NPM_TOKEN" https://example.test/x',
  );
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].safe, false, 'how the build is invoked changes: never applied unasked');
  assert.match(f.message, /docker build --secret id=NPM_TOKEN,env=NPM_TOKEN \./);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df(
    '# syntax=docker/dockerfile:1',
    'FROM node:22.11.0',
    'COPY package.json .',
    'RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
    'RUN npm run build',
    'RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN --mount=type=cache,target=/root/.npm curl -H "Authorization: $NPM_TOKEN" https://example.test/x',
  ));
  const model = buildModel(fixed);
  const runs = model.instructions.filter((i) => i.keyword === 'RUN');
  assert.deepEqual(runs.map((r) => r.flags.filter((x) => x.name === 'mount').length), [1, 0, 2]);
  assert.deepEqual(findingsOf(fixed, RULE), [], 'nothing secret is declared any more');
});

test('an existing syntax directive is kept; heredoc RUNs get the mount too', () => {
  const text = df('# syntax=docker/dockerfile:1.10', 'FROM alpine:3.21', 'ARG GITHUB_TOKEN', 'RUN <<EOF', 'git clone https://x:$GITHUB_TOKEN@github.com/o/r', 'EOF');
  const [f] = findingsOf(text, RULE);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('# syntax=docker/dockerfile:1.10', 'FROM alpine:3.21', 'RUN --mount=type=secret,id=GITHUB_TOKEN,env=GITHUB_TOKEN <<EOF', 'git clone https://x:$GITHUB_TOKEN@github.com/o/r', 'EOF'));
});

test('no fix when anything but a shell-form RUN reads the secret, or nothing reads it', () => {
  const cases = [
    df('FROM alpine:3.21', 'ARG API_TOKEN', 'ENV API_TOKEN=$API_TOKEN', 'RUN use "$API_TOKEN"'),
    df('FROM alpine:3.21', 'ARG API_TOKEN', 'LABEL token=${API_TOKEN}'),
    df('FROM alpine:3.21', 'ARG API_TOKEN', 'RUN ["sh", "-c", "use $API_TOKEN"]'),
    df('FROM alpine:3.21', 'ARG API_TOKEN', 'RUN echo hello'),
    df('FROM alpine:3.21', 'ARG API_TOKEN OTHER=1', 'RUN use "$API_TOKEN"'),
    df('FROM alpine:3.21', 'ARG API_TOKEN', 'RUN use "$API_TOKEN"', 'ARG API_TOKEN=again', 'RUN use "$API_TOKEN"'),
  ];
  for (const text of cases) {
    const findings = findingsOf(text, RULE);
    assert.ok(findings.length >= 1, text);
    assert.deepEqual(findings.flatMap((x) => x.fixes), [], text);
  }
});

test('a name that only starts like the secret is not a use of it; ${NAME:-x} is', () => {
  const reads = df('FROM alpine:3.21', 'ARG DB_PASSWORD', 'RUN echo "${DB_PASSWORD:-none}" $DB_PASSWORD_FILE');
  assert.equal(findingsOf(reads, RULE)[0].fixes.length, 1);
  const other = df('FROM alpine:3.21', 'ARG DB_PASSWORD', 'RUN echo $DB_PASSWORD_FILE');
  assert.equal(findingsOf(other, RULE)[0].fixes.length, 0);
});

test('adding a syntax directive to the file changes the fix (the stage cache knows)', () => {
  const body = ['FROM alpine:3.21', 'ARG API_TOKEN', 'RUN use "$API_TOKEN"'];
  const without = findingsOf(df(...body), RULE)[0].fixes[0].edits.length;
  const withSyntax = findingsOf(df('# syntax=docker/dockerfile:1', ...body), RULE)[0].fixes[0].edits.length;
  assert.equal(without, withSyntax + 1);
});
