import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads a bundle through V8's code cache. Node 20 compiles every start from
 * scratch (its compile cache arrived in Node 22), and for our half-megabyte
 * bundles that compiling is a fifth of a CLI run and a tenth of the server's
 * handshake. The cache holds the functions the previous run actually used; it
 * lives in the user's own cache directory, is keyed by a hash of the bundle
 * (V8 checks only the length) and Node's version, and any problem with it
 * means a normal, uncached load — never a failure.
 */
export function loadWithCodeCache(file: string, parent: NodeModule, options: { asMain: boolean; saveAfterMs?: number }): NodeModule {
  const bytes = readFileSync(file);
  const cacheFile = cachePath(file, bytes);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try { cachedData = readFileSync(cacheFile); } catch { cachedData = undefined; }
  }
  const script = new Script(Module.wrap(bytes.toString('utf8')), { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeModule, filename: string, dirname: string) => void;

  const loaded = new Module(file, parent);
  loaded.filename = file;
  // The bundle resolves through this `require`, so the module needs no search paths of its own.
  const require = Module.createRequire(file);
  // The bundle asks `require.main === module` to know it was started as a program.
  if (options.asMain) require.main = loaded;

  if (cacheFile && (!cachedData || script.cachedDataRejected)) scheduleSave(script, cacheFile, options.saveAfterMs);
  wrapper.call(loaded.exports, loaded.exports, require, loaded, file, dirname(file));
  loaded.loaded = true;
  return loaded;
}

/** Where the cache for this exact bundle goes, or null when caching is off or impossible. */
function cachePath(file: string, bytes: Buffer): string | null {
  if (process.env.DOCKERFILE_LECTURE_HINTS_CODE_CACHE === 'off') return null;
  try {
    const root = process.env.XDG_CACHE_HOME || (process.platform === 'win32' ? process.env.LOCALAPPDATA : undefined) || join(homedir(), '.cache');
    const key = createHash('sha256').update(bytes).update(`${process.version}\0${process.arch}`).digest('hex').slice(0, 24);
    return join(root, 'dockerfile-lecture-hints', 'code-cache', `${file.replace(/^.*[\\/]/, '')}-${key}.bin`);
  } catch {
    return null;
  }
}

/**
 * Saved once, when the process is about to exit or after `saveAfterMs`
 * (a language server lives long; by then it has analysed a file, so the cache
 * covers analysis too). Written to a temporary name and renamed, so a parallel
 * run never reads half a file.
 */
function scheduleSave(script: Script, cacheFile: string, saveAfterMs: number | undefined): void {
  let saved = false;
  const save = () => {
    if (saved) return;
    saved = true;
    try {
      mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      renameSync(temporary, cacheFile);
    } catch {
      // A read-only home or a full disk: run uncached next time too.
      return;
    }
    forgetOtherVersions(cacheFile);
  };
  process.once('exit', save);
  if (saveAfterMs !== undefined) setTimeout(save, saveAfterMs).unref();
}

/**
 * Caches of other builds of the same bundle (an update, a different Node) are
 * never read again: without this every update would leave a megabyte behind.
 */
function forgetOtherVersions(cacheFile: string): void {
  const dir = dirname(cacheFile);
  const name = cacheFile.slice(dir.length + 1);
  const bundle = name.slice(0, name.lastIndexOf('-') + 1);
  try {
    for (const other of readdirSync(dir)) {
      if (other !== name && other.startsWith(bundle) && /^[0-9a-f]{24}\.bin$/.test(other.slice(bundle.length))) rmSync(join(dir, other), { force: true });
    }
  } catch {
    // Someone else's cleanup got there first, or the directory is not ours to change.
  }
}
