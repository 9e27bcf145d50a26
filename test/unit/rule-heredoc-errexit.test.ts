import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'heredoc-errexit';

test('a RUN <<EOF body of several lines without set -e is reported on the RUN', () => {
  const text = df('FROM debian:trixie', 'RUN <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF');
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  assert.match(f.message, /without `set -e`/);
  assert.equal(f.fixes[0].safe, false);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM debian:trixie', 'RUN <<EOF', 'set -e', 'apt-get update', 'apt-get install -y curl', 'EOF'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('set -e in the body, a shebang with -e, a SHELL with -e, one command or an && chain are fine', () => {
  for (const lines of [
    ['RUN <<EOF', 'set -eux', 'apt-get update', 'apt-get install -y curl', 'EOF'],
    ['RUN <<EOF', 'set -o errexit', 'make', 'make install', 'EOF'],
    ['RUN <<EOF', '#!/bin/sh -e', 'make', 'make install', 'EOF'],
    ['SHELL ["/bin/bash", "-euo", "pipefail", "-c"]', 'RUN <<EOF', 'make', 'make install', 'EOF'],
    ['RUN <<EOF', 'apt-get update && apt-get install -y curl', 'EOF'],
    ['RUN <<EOF', 'make', 'EOF'],
    ['RUN cat <<EOF > /notes', 'make', 'make install', 'EOF'],
    // A branch or loop body right after its condition hides nothing.
    ['RUN <<EOF', 'if [ "$TARGETARCH" = amd64 ]; then', '  apk add --no-cache foo', 'fi', 'EOF'],
    ['RUN <<EOF', 'until ping -c1 db; do sleep 1; done', 'EOF'],
    ['RUN <<EOF', 'while read -r line; do', '  echo "$line"', 'done < /list', 'EOF'],
    ['RUN make; make install'],
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', ...lines), RULE), [], lines.join(' / '));
});

test('commands in sequence inside a branch still hide failures', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN <<EOF', 'if true; then', '  apt-get update', '  apt-get install -y curl', 'fi', 'EOF'), RULE), [2]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN <<EOF', 'if true; then make; fi', 'make install', 'EOF'), RULE), [2]);
});

test('the fix goes after a #! line and keeps the body\'s indentation and CRLF', () => {
  const text = 'FROM debian:trixie\r\nRUN <<EOF\r\n#!/bin/bash\r\n  make\r\n  make install\r\nEOF\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), 'FROM debian:trixie\r\nRUN <<EOF\r\n#!/bin/bash\r\n  set -e\r\n  make\r\n  make install\r\nEOF\r\n');
});

test('Russian message', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN <<EOF', 'make', 'make install', 'EOF'), RULE, 'ru');
  assert.match(f.message, /без `set -e`/);
});

test('info, naming the line whose failure the body would hide', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF'), RULE);
  assert.equal(f.severity, 'info');
  assert.match(f.message, /`apt-get update` \(line 3\) can fail and the next lines still run/);
  assert.match(findingsOf(df('FROM debian:trixie', 'RUN <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF'), RULE, 'ru')[0].message, /`apt-get update` \(строка 3\) может упасть/);
});

test('nothing when only the last command can fail: earlier lines are echo, export, plain assignments', () => {
  for (const lines of [
    ['RUN <<EOF', 'echo "building $VERSION"', 'npm run build', 'EOF'],
    ['RUN <<EOF', 'export NODE_ENV=production', 'VERSION=1.2', 'set -x', 'npm run build', 'EOF'],
    ['RUN <<EOF', 'if [ -f /opt/x ]; then', '  make -C /opt/x', 'fi', 'EOF'],
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', ...lines), RULE), [], lines.join(' / '));
  // A command substitution or a redirect can fail: that line is hidden.
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN <<EOF', 'VERSION=$(cat /VERSION)', 'make', 'EOF'), RULE), [2]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN <<EOF', 'echo ok > /etc/app/ready', 'make', 'EOF'), RULE), [2]);
});
