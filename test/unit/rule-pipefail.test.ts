import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'pipefail';

test('a download piped into another command, on a Debian base: fix inserts a bash SHELL', () => {
  const text = df('FROM debian:trixie', 'RUN curl -fsSL https://e.com/x.tgz | tar -xz -C /opt');
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 52 } });
  assert.deepEqual(f.aliases, ['DL4006']);
  assert.equal(f.fixes[0].safe, false);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM debian:trixie', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -fsSL https://e.com/x.tgz | tar -xz -C /opt'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('alpine (busybox ash) and bash-as-sh distributions: fix prepends set -o pipefail', () => {
  for (const image of ['alpine:3.23', 'node:24-alpine', 'fedora:42']) {
    const text = df(`FROM ${image}`, 'RUN wget -qO- https://e.com/k.asc | gpg --dearmor > /k.gpg');
    const fixed = applyFix(text, findingsOf(text, RULE)[0]);
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
    ['RUN set -eux -o pipefail; curl -sL u | tar -xz'], ['RUN set -euxo pipefail && curl -sL u | tar -xz'],
    ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -sL u | tar -xz'],
    ['RUN echo "$SHA  x.tgz" | sha256sum -c -'], ['RUN find / -name x | xargs rm'], ['RUN grep x f | sha256sum -c -'],
    ['RUN echo "curl u | tar x"'], ['RUN ["sh", "-c", "curl u | tar x"]'], ['RUN cat <<EOF > /notes', 'curl u | tar x', 'EOF'],
    ['RUN (curl u | tar x)'],
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', ...lines), RULE), [], lines.join(' / '));
});

test('a stage built FROM a stage with a pipefail SHELL inherits it', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie AS a', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM a', 'RUN curl u | tar x'), RULE), []);
});

test('not for Windows or PowerShell stages', () => {
  assert.deepEqual(linesOf(df('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN curl.exe -sL u | tar -x'), RULE), []);
  assert.deepEqual(linesOf(df('FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04', 'SHELL ["pwsh", "-Command"]', 'RUN curl u | tar x'), RULE), []);
});

test('CRLF and escape=` on a Linux base keep their line breaks', () => {
  const text = '# escape=`\r\nFROM ubuntu:24.04\r\nRUN curl -sL u `\r\n  | tar -xz\r\n';
  const fixed = applyFix(text, findingsOf(text, RULE)[0]);
  assert.equal(fixed, '# escape=`\r\nFROM ubuntu:24.04\r\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\r\nRUN curl -sL u `\r\n  | tar -xz\r\n');
});

test('Russian message', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN curl u | tar x'), RULE, 'ru');
  assert.match(f.message, /если `curl` упадёт/);
});
