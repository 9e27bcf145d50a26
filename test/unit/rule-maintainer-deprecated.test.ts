import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'maintainer-deprecated';

test('MAINTAINER becomes the OCI authors label (safe fix)', () => {
  const text = df('FROM alpine:3.23', 'MAINTAINER Jane Doe <jane@example.org>');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.range.start.line, 1);
  assert.equal(f.fixes[0].safe, true);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.org>"'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('quotes, `$` and the escape character are escaped (MAINTAINER expands nothing, LABEL would)', () => {
  const text = df('FROM alpine:3.23', 'MAINTAINER "Jane" $HOME C:\\x');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'LABEL org.opencontainers.image.authors="\\"Jane\\" \\$HOME C:\\\\x"'));
  const tick = df('# escape=`', 'FROM alpine:3.23', 'MAINTAINER "J" C:\\x `a');
  const [g] = findingsOf(tick, RULE);
  assert.equal(applyFix(tick, g), df('# escape=`', 'FROM alpine:3.23', 'LABEL org.opencontainers.image.authors="`"J`" C:\\x ``a"'));
});

test('follows lower-case keywords and CRLF, and handles a continued MAINTAINER', () => {
  const text = 'from alpine:3.23\r\nmaintainer Jane \\\r\n  Doe\r\nrun true\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'from alpine:3.23\r\nlabel org.opencontainers.image.authors="Jane   Doe"\r\nrun true\r\n');
});

test('when the stage already has the label, the fix only removes MAINTAINER and is not safe', () => {
  const text = df('FROM alpine:3.23', 'LABEL org.opencontainers.image.authors="Jane"', 'MAINTAINER Jane', 'RUN true');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].safe, false);
  assert.equal(applyFix(text, f), df('FROM alpine:3.23', 'LABEL org.opencontainers.image.authors="Jane"', 'RUN true'));
});

test('aliases and Russian message', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'MAINTAINER x'), RULE, 'ru');
  assert.deepEqual(f.aliases, ['DL4000', 'MaintainerDeprecated']);
  assert.match(f.message, /устарела/);
});
