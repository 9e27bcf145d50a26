// `RUN <<EOF … EOF`: the builder runs the body as the RUN's shell script, so the
// shell rules read it like any RUN; a heredoc that is a file's content or another
// program's input is not shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf } from '../support/rules';
import { analyze } from '../../server/src/analyze';
import { buildModel } from '../../server/src/model/build';
import { commandsOf } from '../../server/src/rules/support/run-commands';

const rulesAt = (text: string) => analyze(text).findings.map((f) => `${f.rule}:${f.range.start.line + 1}`);

test('the body of RUN <<EOF is the RUN\'s script; other heredocs are not', () => {
  const model = buildModel(df('FROM debian:trixie', 'RUN <<EOF', 'apt-get update', 'apt-get install \\', '  curl', 'EOF', 'RUN python3 <<EOF', 'import os', 'EOF', 'RUN cat <<EOF > /notes', 'apt-get install x', 'EOF'));
  const [shell, python, file] = model.instructions.filter((i) => i.keyword === 'RUN');
  assert.deepEqual(commandsOf(model, shell).map((c) => c.cmd.words.map((w) => w.value).join(' ')), ['apt-get update', 'apt-get install curl']);
  assert.equal(python.script, null);
  assert.equal(file.script, null);
  // A shebang picks the interpreter: the body is shell only when it names a shell.
  const shebang = buildModel(df('FROM debian:trixie', 'RUN <<EOF', '#!/usr/bin/env python3', 'import os', 'EOF'));
  assert.equal(shebang.instructions[1].script, null);
  const bash = buildModel(df('FROM debian:trixie', 'RUN <<EOF', '#!/usr/bin/env bash', 'apt-get install curl', 'EOF'));
  assert.deepEqual(commandsOf(bash, bash.instructions[1]).map((c) => c.name), ['apt-get']);
  for (const opener of ['RUN <<-"EOF"', "RUN <<'EOF' bash", 'RUN <<EOF /bin/sh']) {
    const m = buildModel(df('FROM debian:trixie', opener, 'apt-get install curl', 'EOF'));
    assert.deepEqual(commandsOf(m, m.instructions[1]).map((c) => c.name), ['apt-get'], opener);
  }
});

test('shell rules find what they find in any RUN, at the body\'s lines', () => {
  const text = df('FROM debian:trixie', 'RUN <<EOF', 'apt-get update', 'apt-get install curl', 'curl -sL https://example.com/install.sh | sh', 'sudo make install', 'EOF');
  const found = rulesAt(text);
  for (const expected of ['apt-get-yes:4', 'no-install-recommends:4', 'clean-package-cache:4', 'pipefail:5', 'no-sudo:6']) assert.ok(found.includes(expected), `${expected} in ${found.join(' ')}`);
});

test('word fixes land inside the body, and the appended clean-up ends its last line', () => {
  const text = df('FROM debian:trixie', 'RUN <<EOF', 'apt-get update', 'apt-get install curl', 'EOF');
  const [yes] = findingsOf(text, 'apt-get-yes');
  assert.equal(applyFix(text, yes), df('FROM debian:trixie', 'RUN <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF'));
  const [clean] = findingsOf(text, 'clean-package-cache');
  assert.equal(applyFix(text, clean), df('FROM debian:trixie', 'RUN <<EOF', 'apt-get update', 'apt-get install curl && rm -rf /var/lib/apt/lists/*', 'EOF'));
});

test('heredoc RUNs are never merged', () => {
  const text = df('FROM alpine:3.23', 'RUN echo a', 'RUN <<EOF', 'echo b', 'EOF', 'RUN echo c');
  assert.deepEqual(findingsOf(text, 'merge-consecutive-run'), []);
  const update = df('FROM debian:trixie', 'RUN <<EOF', 'apt-get update', 'EOF', 'RUN apt-get install -y curl');
  const [f] = findingsOf(update, 'apt-update-alone');
  assert.equal(f.range.start.line, 2);
  assert.equal(f.fixes.length, 0, 'the merge fix is refused for a heredoc RUN');
});

test('the body\'s own interpreter, not the SHELL, decides pipefail and errexit', () => {
  // `RUN <<EOF bash`: bash reads the body from stdin, so the SHELL's pipefail does not reach it.
  const viaStdin = df('FROM debian:trixie', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN <<EOF bash', 'curl -sL https://example.com/install.sh | sh', 'EOF');
  assert.ok(rulesAt(viaStdin).includes('pipefail:4'));
  // The pipefail line goes after the #! line, which must stay first.
  const shebang = df('FROM debian:trixie', 'RUN <<EOF', '#!/bin/bash', 'curl -sL https://example.com/install.sh | sh', 'EOF');
  const [f] = findingsOf(shebang, 'pipefail');
  assert.equal(applyFix(shebang, f), df('FROM debian:trixie', 'RUN <<EOF', '#!/bin/bash', 'set -o pipefail', 'curl -sL https://example.com/install.sh | sh', 'EOF'));
  assert.deepEqual(findingsOf(df('FROM debian:trixie', 'RUN <<EOF', '#!/bin/sh -e', 'make', 'make install', 'EOF'), 'heredoc-errexit'), []);
});

test('only a #! at the very start of the body picks the interpreter; env is looked through', () => {
  // The builder looks for `#!` before `<<-` strips tabs: a tab-indented one is a comment, and the SHELL runs the body.
  const tabbed = buildModel(df('FROM debian:trixie', 'RUN <<-EOF', '\t#!/bin/sh -e', '\tmake', '\tmake install', '\tEOF'));
  assert.notEqual(tabbed.instructions[1].script, null);
  assert.equal(findingsOf(df('FROM debian:trixie', 'RUN <<-EOF', '\t#!/bin/sh -e', '\tmake', '\tmake install', '\tEOF'), 'heredoc-errexit').length, 1);
  const viaEnv = df('FROM debian:trixie', 'SHELL ["/usr/bin/env", "-u", "X", "LANG=C", "bash", "-c"]', 'RUN echo a', 'RUN echo b');
  assert.equal(findingsOf(viaEnv, 'merge-consecutive-run')[0].fixes.length, 1, 'env options and assignments come before bash');
  // SHELL ["/usr/bin/env", "bash", "-c"] is bash: RUNs merge as under any POSIX shell.
  const env = df('FROM debian:trixie', 'SHELL ["/usr/bin/env", "bash", "-c"]', 'RUN echo a', 'RUN echo b');
  assert.equal(findingsOf(env, 'merge-consecutive-run')[0].fixes.length, 1);
});
