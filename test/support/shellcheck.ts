import { spawnSync } from 'node:child_process';
import { analyze, type AnalyzeOptions, type Finding } from '../../server/src/index';
import { checkModels, createShellcheckProvider, withShellcheckFacts, type ShellcheckProvider } from '../../server/src/shellcheck';

/**
 * Why the tests that run the real shellcheck cannot run here; undefined when they can.
 * On CI (env CI set) a missing shellcheck is not a reason: those tests must fail.
 */
export function shellcheckSkipReason(): string | undefined {
  if (shellcheckOnPath() || process.env.CI) return undefined;
  const reason = 'SKIPPED shellcheck tests: no shellcheck on PATH (apt-get install shellcheck)';
  console.log(reason);
  return reason;
}

export function shellcheckOnPath(): boolean {
  return spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;
}

let shared: ShellcheckProvider | undefined;
/** One provider for a test file, so identical scripts are checked once. */
export function sharedProvider(): ShellcheckProvider {
  return (shared ??= createShellcheckProvider({ setting: 'auto', profile: 'cli', log: (l) => { throw new Error(`unexpected log: ${l}`); } }));
}

/** The `shellcheck` findings of a Dockerfile, after the real shellcheck ran on its scripts. */
export async function shellcheckFindings(text: string, options: AnalyzeOptions = {}, provider = sharedProvider()): Promise<Finding[]> {
  const first = analyze(text, options);
  if (first.ruleErrors.length) throw new Error(first.ruleErrors.map((e) => e.error).join('\n'));
  const facts = await checkModels(provider, [first.model]);
  const analysis = withShellcheckFacts(first, facts, options);
  if (analysis.ruleErrors.length) throw new Error(analysis.ruleErrors.map((e) => e.error).join('\n'));
  return analysis.findings.filter((f) => f.rule === 'shellcheck');
}

/** `code@line:col-line:col` (1-based lines, 0-based columns, as an editor shows them). */
export function where(f: Finding): string {
  const r = f.range;
  return `${f.aliases[0]}@${r.start.line + 1}:${r.start.character}-${r.end.line + 1}:${r.end.character}`;
}
