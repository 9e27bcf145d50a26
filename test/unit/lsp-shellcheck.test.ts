import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../support/lsp-client';
import { shellcheckSkipReason } from '../support/shellcheck';

const skip = shellcheckSkipReason();

test('the server publishes at once, then again with ShellCheck findings (own code and wiki link) once the document is quiet', { skip }, async () => {
  const { client } = await LspClient.start({ locale: 'en', timeoutMs: 30_000 });
  try {
    const uri = 'file:///sc/Dockerfile';
    await client.didOpen(uri, 'FROM debian:12.8\nRUN rm -rf "$BUILD_DIR/"\nCMD ["true"]\n');
    const first = await client.nextDiagnostics(uri);
    assert.equal(first.diagnostics.filter((d) => d.code === 'SC2115').length, 0, 'the first publication does not wait for ShellCheck');
    let sc;
    for (let i = 0; i < 10 && !sc; i++) {
      const next = await client.nextDiagnostics(uri);
      sc = next.diagnostics.find((d) => d.code === 'SC2115');
    }
    assert.ok(sc, 'SC2115 arrives');
    assert.equal(sc.severity, 2, 'a warning: rm -rf "$DIR/" deletes / when the variable is empty');
    assert.deepEqual(sc.codeDescription, { href: 'https://www.shellcheck.net/wiki/SC2115' });
    assert.deepEqual(sc.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 24 } }, 'the whole word "$BUILD_DIR/"');
    // The hover over it names the finding's source and its code, from what was published (ShellCheck's included).
    const hover = await client.hover(uri, { line: 1, character: 14 });
    const text = JSON.stringify(hover?.contents ?? '');
    assert.match(text, /`shellcheck` · beyond the lecture \(nearest section: [^)]*\) · in other tools: ShellCheck SC2115/);
  } finally {
    await client.dispose();
  }
});

test('shellcheck.path "off" turns it off', { skip }, async () => {
  const { client } = await LspClient.start({ locale: 'en', timeoutMs: 5_000, initializationOptions: { settings: { shellcheck: { path: 'off' } } } });
  try {
    const uri = 'file:///sc-off/Dockerfile';
    await client.didOpen(uri, 'FROM debian:12.8\nRUN rm -rf "$BUILD_DIR/"\nCMD ["true"]\n');
    await client.nextDiagnostics(uri);
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(!client.published.some((p) => p.uri === uri && p.diagnostics.some((d) => String(d.code).startsWith('SC'))));
  } finally {
    await client.dispose();
  }
});
