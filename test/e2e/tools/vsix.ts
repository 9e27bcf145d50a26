/**
 * The .vsix under test: a given one (E2E_VSIX), the one on disk when it is
 * newer than its sources, or a fresh `npm run package`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT, VSIX_PATH } from './paths';
import { seconds, TIMEOUTS } from './timing';

const PACKAGED_INPUTS = ['client/src', 'server/src', 'package.json', 'package.nls.json', 'package.nls.ru.json', 'l10n', 'syntaxes', 'media', 'scripts/build.mjs', '.vscodeignore', 'README.md', 'LICENSE'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * The .vsix under test. E2E_VSIX=path tests a given package as it is (a release
 * artifact, or a deliberately broken one). Otherwise `npm run package` builds it,
 * unless dockerfile-lecture-hints.vsix is newer than every file that goes into
 * it (so a run of several suites packages once); E2E_REBUILD=1 always builds.
 */
export function ensureVsix(): string {
  if (process.env.E2E_VSIX) {
    const given = resolve(process.env.E2E_VSIX);
    if (!existsSync(given)) throw new Error(`E2E_VSIX=${given} does not exist`);
    console.log(`# testing the given package ${given}`);
    return given;
  }
  const vsixTime = existsSync(VSIX_PATH) ? statSync(VSIX_PATH).mtimeMs : 0;
  const inputsTime = Math.max(...PACKAGED_INPUTS.map((p) => newestMtime(join(REPO_ROOT, p))));
  if (process.env.E2E_REBUILD !== '1' && vsixTime > inputsTime) {
    console.log(`# ${VSIX_PATH} is newer than its sources: reusing it (E2E_REBUILD=1 to force npm run package)`);
    return VSIX_PATH;
  }
  const started = Date.now();
  const r = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: TIMEOUTS.package });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${r.stdout}\n${r.stderr}`);
  console.log(`# npm run package: ${seconds(started)}`);
  return VSIX_PATH;
}
