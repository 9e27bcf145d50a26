// The environment for an npm that scripts/setup-e2e.mjs starts itself: the same as when
// setup-e2e runs directly (`node scripts/setup-e2e.mjs`), also when it runs as
// `npm run setup:e2e`, the way the README says.
//
// WHY: `npm run` hands its script its own run state and config as npm_* variables, and a
// child npm reads every npm_config_* variable as ITS config. The child npm that installs
// code-server runs on Node 24, but it would take npm_config_user_agent
// ("npm/… node/v20… linux x64") from the outer npm, pass it on to code-server's postinstall,
// which reads the Node major from it and refuses ("code-server currently requires node v24").
//
// Dropped: what describes the OUTER npm or its run (user agent, prefixes, npm and node-gyp
// paths, lifecycle and package variables, INIT_CWD, NODE, and the node_modules/.bin and
// node-gyp-bin dirs it put in front of PATH). Kept: every other npm_config_* (registry,
// proxy, cafile, …): those come from the user's npmrc files or shell, and mean the same to
// the child npm.
import { delimiter } from 'node:path';

/** npm_config_* keys the outer npm computes about itself; the child npm computes its own. */
const OUTER_NPM_CONFIG = new Set([
  'user_agent', 'npm_version', 'node_gyp', 'local_prefix', 'global_prefix', 'prefix',
]);
/** Variables `npm run` sets for its script (not config). */
const OUTER_NPM_RUN = /^(npm_(lifecycle|package)_.*|npm_command|npm_execpath|npm_node_execpath|INIT_CWD|NODE)$/;
/** PATH entries `npm run` puts in front: node_modules/.bin of the package and its parents, npm's node-gyp-bin. */
const OUTER_NPM_PATH_ENTRY = /([\\/]node_modules[\\/]\.bin|[\\/]node-gyp-bin)[\\/]?$/;

/**
 * `env` without what an enclosing `npm run` added; unchanged (a copy) outside `npm run`.
 * Pure: reads only its argument.
 */
export function withoutOuterNpm(env) {
  const result = { ...env };
  if (!env.npm_lifecycle_event && !env.npm_config_user_agent) return result;
  for (const name of Object.keys(result)) {
    const config = /^npm_config_(.*)$/i.exec(name);
    if ((config && OUTER_NPM_CONFIG.has(config[1].toLowerCase())) || OUTER_NPM_RUN.test(name)) delete result[name];
  }
  if (env.npm_lifecycle_event && result.PATH) {
    const entries = result.PATH.split(delimiter);
    let first = 0;
    while (first < entries.length && OUTER_NPM_PATH_ENTRY.test(entries[first])) first++;
    result.PATH = entries.slice(first).join(delimiter);
  }
  return result;
}
