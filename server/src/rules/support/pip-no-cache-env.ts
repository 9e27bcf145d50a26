import { lastInherited } from '../../model/lineage';
import type { DockerfileModel, InstructionInfo } from '../../model/types';
import { declaredNames } from './declared-names';

/**
 * Whether `PIP_NO_CACHE_DIR` turns pip's cache off, the way pip reads it.
 *
 * pip's `--no-cache-dir` callback (pip/_internal/cli/cmdoptions.py,
 * `_handle_no_cache_dir`) only checks that an environment value parses as a
 * boolean, then disables the cache whatever the boolean is: for backward
 * compatibility `PIP_NO_CACHE_DIR=0`, `false` or `off` disable it too (hadolint
 * reads those as "cache on", which is not what pip does). A value that is not a
 * boolean (`PIP_NO_CACHE_DIR=` or `=foo`) makes pip stop with an option error,
 * so it disables nothing. A value built from variables cannot be judged here:
 * given the benefit of the doubt.
 */
const PIP_BOOLEAN = /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i;

export function pipNoCacheValue(value: string | null): boolean {
  if (value === null) return false;
  if (value.includes('$')) return true;
  return PIP_BOOLEAN.test(value.trim());
}

/**
 * PIP_NO_CACHE_DIR as the environment of `run` has it, from ENV or ARG earlier
 * in the stage (or a stage it builds on). An ENV wins over an ARG of the same
 * name wherever they are; an ARG without a default sets nothing unless a build
 * argument is passed.
 */
export function pipCacheDisabledByEnv(model: DockerfileModel, run: InstructionInfo): boolean {
  for (const keyword of ['ENV', 'ARG']) {
    const ins = lastInherited(model, run, `pip-no-cache-dir:${keyword}`, (i) => i.keyword === keyword && /PIP_NO_CACHE_DIR/.test(i.args));
    if (!ins) continue;
    const decl = declaredNames(model, ins).filter((d) => d.name === 'PIP_NO_CACHE_DIR').pop();
    if (decl) return pipNoCacheValue(decl.value);
  }
  return false;
}
