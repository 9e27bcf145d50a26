import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../support/lsp-client';

/** A big Dockerfile whose analysis takes longer than the debounce delay. */
function bigDockerfile(stages: number): string {
  const out: string[] = [];
  for (let i = 0; i < stages; i++) {
    out.push(`FROM debian:trixie AS s${i}`, 'RUN apt-get update', `RUN apt-get install -y curl${i} && rm -rf /var/lib/apt/lists/*`, `ENV A${i}=1`, 'COPY . /src', 'USER app');
  }
  return out.join('\n') + '\n';
}

test('a burst of edits on a big file is analysed a few times, not once per edit', async () => {
  // ShellCheck off: this test is about how edits coalesce, not about a second program's CPU.
  const { client } = await LspClient.start({ locale: 'en', timeoutMs: 60_000, initializationOptions: { settings: { shellcheck: { path: 'off' } } } });
  try {
    const uri = 'file:///burst/Dockerfile';
    await client.didOpen(uri, bigDockerfile(1500));
    await client.nextDiagnostics(uri);
    const before = client.published.length;
    let last = 1;
    for (let i = 0; i < 20; i++) last = await client.didChange(uri, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: 'x' }]);
    const final = await client.diagnosticsForVersion(uri, last);
    assert.equal(final.version, last);
    const during = client.published.slice(before).filter((p) => p.uri === uri).length;
    // Edits queued behind a long analysis must still coalesce (a regression once made this 20).
    assert.ok(during <= 5, `${during} publications for a burst of 20 edits`);
  } finally {
    await client.dispose();
  }
});
