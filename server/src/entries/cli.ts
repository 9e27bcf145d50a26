/** `dockerfile-lecture-hints` on the command line: the CLI bundle, loaded through the code cache. */
import { join } from 'node:path';
import { loadWithCodeCache } from '../boot/code-cache';

loadWithCodeCache(join(__dirname, 'cli-core.js'), module, { asMain: require.main === module });
