// Bundles the extension client, the language server and the CLI with esbuild.
// Each bundle is self-contained so the .vsix needs no node_modules.
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The lecture's Russian text stays UTF-8: escaped, each letter would cost six bytes to load and parse.
  charset: 'utf8',
  // dockerfile-ast ships UMD wrappers whose dynamic require() esbuild cannot follow.
  mainFields: ['module', 'main'],
};

await Promise.all([
  // VS Code counts loading extension.js as activation: the language client is a separate bundle, loaded right after.
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './language-client'] }),
  build({ ...common, entryPoints: ['client/src/language-client.ts'], outfile: 'dist/language-client.js', external: ['vscode'] }),
  // Each server/src/entries/NAME.ts builds dist/NAME.js. server.js and cli.js are small loaders
  // that run the *-core.js bundles through V8's code cache.
  build({ ...common, entryPoints: ['server/src/entries/server-core.ts'], outfile: 'dist/server-core.js' }),
  build({ ...common, entryPoints: ['server/src/entries/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/entries/cli-core.ts'], outfile: 'dist/cli-core.js' }),
  build({ ...common, entryPoints: ['server/src/entries/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
