import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'prefer-copy';

test('ADD of local files: safe fix to COPY, flags kept', () => {
  const text = df('FROM alpine:3.23', 'ADD --chown=app:app --chmod=644 config.json app/ /srv/');
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  assert.deepEqual(f.aliases, ['DL3020']);
  assert.equal(f.fixes[0].safe, true);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM alpine:3.23', 'COPY --chown=app:app --chmod=644 config.json app/ /srv/'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('keyword case follows the ADD; JSON form works', () => {
  const text = df('from alpine:3.23', 'add ["a b.txt", "/x/"]');
  assert.equal(applyFix(text, findingsOf(text, RULE)[0]), df('from alpine:3.23', 'copy ["a b.txt", "/x/"]'));
});

test('URLs, git, archives, variables, ADD-only flags and heredocs are ADD\'s job', () => {
  for (const line of [
    'ADD https://example.com/x.txt /x', 'ADD git@github.com:a/b.git /src', 'ADD rootfs.tar.gz /', 'ADD app.tgz /opt/', 'ADD x.tar.zst /',
    'ADD data.tar /d', 'ADD $FILE /x', 'ADD --checksum=sha256:abc x.txt /x', 'ADD --keep-git-dir=true repo /r', 'ADD --unpack=false x.txt /',
    'ADD *.gz /x/', 'ADD files/* /x/', 'COPY x /x', 'ADD <<EOF /x\nhi\nEOF',
    // tar inside, so ADD unpacks them: Alpine packages, gems, crates, appliances, Vagrant boxes
    'ADD glibc-2.35-r1.apk /tmp/', 'ADD mygem-1.0.gem /tmp/', 'ADD serde-1.0.crate /c/', 'ADD rootfs.ova /opt/', 'ADD base.box /b/',
  ]) assert.deepEqual(linesOf(df('FROM alpine:3.23', ...line.split('\n')), RULE), [], line);
});

test('a file without an extension could be an archive: the fix is offered but not safe', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'ADD entrypoint /usr/local/bin/'), RULE);
  assert.equal(f.fixes[0].safe, false);
  const [g] = findingsOf(df('FROM alpine:3.23', 'ADD *.json /x/'), RULE);
  assert.equal(g.fixes[0].safe, true);
});

test('other flags: finding without a fix', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'ADD --future-flag=1 x.txt /x'), RULE);
  assert.equal(f.fixes.length, 0);
});

test('CRLF and escape=` are kept', () => {
  const text = '# escape=`\r\nFROM alpine:3.23\r\nADD . /app\r\n';
  assert.equal(applyFix(text, findingsOf(text, RULE)[0]), '# escape=`\r\nFROM alpine:3.23\r\nCOPY . /app\r\n');
});

test('Russian message', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'ADD . /app'), RULE, 'ru');
  assert.match(f.message, /«каждая инструкция `RUN`, `COPY` или `ADD` создает отдельный слой»/);
  assert.equal(f.fixes[0].title, 'Заменить ADD на COPY');
});

test('ADD of a local file is a hint: the flagged ADD builds the same image as COPY would (no cost)', () => {
  const [f] = findingsOf(df('FROM alpine:3.23', 'ADD config.json /srv/'), RULE);
  assert.equal(f.severity, 'hint');
  // ADD of a URL or an archive behaves differently from COPY: not reported at all.
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'ADD https://example.com/a.txt /srv/', 'ADD app.tar.gz /srv/'), RULE), []);
});
