/**
 * ShellCheck inside RUN: an async provider (runs the executable, caches results) and
 * pure consumers of its snapshots (the `shellcheck` rule, merge). Adapters import from here.
 */
export { isShellcheckError, MAX_SCRIPT_LENGTH, shellcheckJobs, shellcheckTargets } from '../rules/support/shellcheck-facts';
export type { ShellcheckComment, ShellcheckDialect, ShellcheckFacts, ShellcheckJob, ShellcheckResult } from '../rules/support/shellcheck-facts';
export { ShellcheckProvider, type KnownShellcheck, type ShellcheckProviderOptions, type ShellcheckStats } from './provider';
export { locateShellcheck, parseShellcheckSetting, type Located, type ShellcheckExecutable, type ShellcheckSetting } from './locate';
export { EXCLUDED_CODES } from './run';
export { withShellcheckFacts } from './merge';
export { checkModels, createShellcheckProvider, type ShellcheckConfig } from './setup';
