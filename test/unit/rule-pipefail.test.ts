import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'pipefail';

test('a download piped into a shell, on a Debian base: a warning, and the fix inserts a bash SHELL', () => {
  const text = df('FROM debian:trixie', 'RUN curl -fsSL https://e.com/install.sh | sh -s -- -y');
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 53 } });
  assert.deepEqual(f.aliases, ['DL4006']);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /`sh` runs an empty or truncated script and succeeds/);
  // Debian's /bin/sh is dash: the message must not send the reader to `set -o pipefail` there.
  assert.match(f.message, /\/bin\/sh is dash, which in the versions they ship has no pipefail/);
  assert.equal(f.fixes[0].safe, false);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM debian:trixie', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -fsSL https://e.com/install.sh | sh -s -- -y'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('no finding where the consumer fails on empty or truncated input itself', () => {
  // tar: "This does not look like a tar archive"; gzip: "unexpected end of file"; sha256sum -c: mismatch.
  for (const run of ['RUN curl -fsSL https://e.com/x.tgz | tar -xz -C /opt', 'RUN wget -qO- u | tar xJf -', 'RUN curl -sL u | gunzip > /usr/local/bin/tool',
    'RUN curl -sL u | xz -d > /x', 'RUN curl -sL u | sha256sum -c -', 'RUN curl -sL u | zstd -d -o /x', 'RUN curl -sL u | tar --extract -C /opt']) {
    assert.deepEqual(linesOf(df('FROM debian:trixie', run), RULE), [], run);
  }
});

test('a result written from a failed producer: info; a key import caught by apt-get update later: hint', () => {
  const [jq] = findingsOf(df('FROM debian:trixie', 'RUN curl -s https://e.com/latest.json | jq -r .version > /VERSION'), RULE);
  assert.equal(jq.severity, 'info');
  assert.match(jq.message, /`jq` gets an empty or truncated stream/);
  const [gz] = findingsOf(df('FROM debian:trixie', 'RUN tar c /data | gzip > /backup.tgz'), RULE);
  assert.equal(gz.severity, 'info');
  const [key] = findingsOf(df('FROM debian:trixie', 'RUN curl -fsSL https://e.com/key.asc | gpg --dearmor -o /usr/share/keyrings/e.gpg && apt-get update'), RULE);
  assert.equal(key.severity, 'hint');
  assert.match(key.message, /rejects the empty key itself/);
  // The riskiest pipe of the RUN decides.
  const [both] = findingsOf(df('FROM debian:trixie', 'RUN curl -fsSL k | apt-key add - && curl -fsSL https://e.com/setup | bash -'), RULE);
  assert.equal(both.severity, 'warning');
});

test('no fix when pipefail would break a pipe that cuts its producer off on purpose (SIGPIPE)', () => {
  // `yes` dies of SIGPIPE when pecl stops reading: with pipefail that RUN would exit 141.
  const text = df('FROM php:8.4', 'RUN curl -fsSL https://e.com/setup | bash', 'RUN yes | pecl install redis');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /pipe at line 3 cuts its producer off on purpose/);
  const head = df('FROM alpine:3.23', 'RUN curl -fsSL https://e.com/setup | sh && ls / | head -n1');
  assert.equal(findingsOf(head, RULE)[0].fixes.length, 0);
  // In another stage, the SHELL fix does not reach it.
  const apart = df('FROM php:8.4 AS a', 'RUN yes | pecl install redis', 'FROM debian:trixie', 'RUN curl -fsSL https://e.com/setup | bash');
  assert.equal(findingsOf(apart, RULE)[0].fixes.length, 1);
});

test('alpine (busybox ash) and bash-as-sh distributions: fix prepends set -o pipefail', () => {
  for (const image of ['alpine:3.23', 'node:24-alpine', 'fedora:42']) {
    const text = df(`FROM ${image}`, 'RUN wget -qO- https://e.com/k.asc | gpg --dearmor > /k.gpg');
    const [f] = findingsOf(text, RULE);
    assert.doesNotMatch(f.message, /dash/, image);
    const fixed = applyFix(text, f);
    assert.equal(fixed, df(`FROM ${image}`, 'RUN set -o pipefail && wget -qO- https://e.com/k.asc | gpg --dearmor > /k.gpg'), image);
    assert.deepEqual(linesOf(fixed, RULE), [], image);
  }
});

test('an explicit bash SHELL without pipefail: prepend; unknown base: no fix', () => {
  const bash = df('FROM debian:trixie', 'SHELL ["/bin/bash", "-c"]', 'RUN curl -sL https://e.com/s | bash -');
  assert.equal(applyFix(bash, findingsOf(bash, RULE)[0]), df('FROM debian:trixie', 'SHELL ["/bin/bash", "-c"]', 'RUN set -o pipefail && curl -sL https://e.com/s | bash -'));
  const unknown = df('FROM myorg/base:1', 'RUN curl -sL https://e.com/s | sh');
  assert.equal(findingsOf(unknown, RULE)[0].fixes.length, 0);
});

test('set -o pipefail earlier, a pipefail SHELL, harmless producers, nested pipes', () => {
  for (const lines of [
    ['RUN set -eux -o pipefail; curl -sL u | sh'], ['RUN set -euxo pipefail && curl -sL u | sh'],
    ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -sL u | sh'],
    ['RUN echo "$SHA  x.tgz" | sha256sum -c -'], ['RUN find / -name x | xargs rm'], ['RUN grep x f | sha256sum -c -'],
    ['RUN echo "curl u | sh"'], ['RUN ["sh", "-c", "curl u | sh"]'], ['RUN cat <<EOF > /notes', 'curl u | sh', 'EOF'],
    ['RUN (curl u | sh)'],
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', ...lines), RULE), [], lines.join(' / '));
});

test('a stage built FROM a stage with a pipefail SHELL inherits it', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie AS a', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM a', 'RUN curl u | sh'), RULE), []);
});

test('not for Windows or PowerShell stages', () => {
  assert.deepEqual(linesOf(df('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN curl.exe -sL u | sh'), RULE), []);
  assert.deepEqual(linesOf(df('FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04', 'SHELL ["pwsh", "-Command"]', 'RUN curl u | sh'), RULE), []);
});

test('CRLF and escape=` on a Linux base keep their line breaks', () => {
  const text = '# escape=`\r\nFROM ubuntu:24.04\r\nRUN curl -sL u `\r\n  | sh\r\n';
  const fixed = applyFix(text, findingsOf(text, RULE)[0]);
  assert.equal(fixed, '# escape=`\r\nFROM ubuntu:24.04\r\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\r\nRUN curl -sL u `\r\n  | sh\r\n');
});

test('Russian message', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN curl u | bash'), RULE, 'ru');
  assert.match(f.message, /Если `curl` упадёт, `bash` выполнит пустой или обрезанный скрипт/);
  assert.match(f.message, /\/bin\/sh в Debian и Ubuntu — это dash/);
});

test('bash /dev/stdin runs the piped script; a key import in a script that does not stop on errors is info', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN curl -sSL https://e.com/getdbg.sh | bash /dev/stdin -v latest -l /dbg'), RULE);
  assert.equal(f.severity, 'warning');
  const body = df('FROM debian:trixie', 'RUN <<EOF', 'curl https://e.com/key.asc | gpg --dearmor -o /usr/share/keyrings/e.gpg', 'apt-get update', 'EOF');
  const [k] = findingsOf(body, RULE);
  assert.equal(k.severity, 'info');
  assert.match(k.message, /does not stop on errors/);
  const withE = df('FROM debian:trixie', 'RUN <<EOF', 'set -e', 'curl https://e.com/key.asc | gpg --dearmor -o /usr/share/keyrings/e.gpg', 'apt-get update', 'EOF');
  assert.equal(findingsOf(withE, RULE)[0].severity, 'hint');
});
