/**
 * `node dist/server.js --stdio` (or IPC from VS Code): the language server
 * bundle, loaded through the code cache. The cache is written a few seconds
 * in, once the first files have been analysed, so it covers analysis too.
 */
import { join } from 'node:path';
import { loadWithCodeCache } from '../boot/code-cache';

loadWithCodeCache(join(__dirname, 'server-core.js'), module, { asMain: false, saveAfterMs: 5000 });
