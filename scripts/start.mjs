// The main job for a new user: build, show the hints on the bundled example,
// and produce the installable .vsix.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const example = 'test/fixtures/example.Dockerfile';

console.log('› Building dist/ (extension, language server, CLI)…');
run(process.execPath, ['scripts/build.mjs', '--production']);

console.log(`\n› Hints for ${example}:\n`);
const lint = spawnSync(process.execPath, ['dist/cli.js', 'lint', '--fail-on', 'never', example], { stdio: 'inherit' });
if (lint.status !== 0) process.exit(lint.status ?? 1);

console.log('\n› Packaging the extension…');
run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', 'dockerfile-lecture-hints.vsix']);
const vsix = 'dockerfile-lecture-hints.vsix';
if (!existsSync(vsix)) { console.error('packaging produced no .vsix'); process.exit(1); }
console.log(`\n✔ ${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KiB). Install it with:\n    code --install-extension ${vsix}`);
console.log('  Use the server from another editor with:  node dist/server.js --stdio');
