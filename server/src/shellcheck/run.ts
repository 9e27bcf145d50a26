/**
 * One ShellCheck process for a batch of scripts of one dialect: files in a
 * temporary folder, `--format=json1` (columns in characters, a tab counts as
 * one), killed when it runs past its time.
 */
import { spawn } from 'node:child_process';
import type { ShellcheckComment, ShellcheckLevel } from '../rules/support/shellcheck-facts';
import type { ShellcheckExecutable } from './locate';

/**
 * Checks that cannot apply to a Dockerfile's scripts:
 * - SC1090, SC1091: a `source`d file lives in the image being built, not next to the
 *   temporary file ShellCheck reads, so it can never be followed (hadolint excludes them too);
 * - SC2187: "Ash scripts will be checked as Dash" is about how ShellCheck reads a `#!/bin/ash`
 *   line; the dialect is chosen here (`--shell`), so it says nothing about the script.
 */
export const EXCLUDED_CODES = ['SC1090', 'SC1091', 'SC2187'];

export interface BatchFile { name: string; content: string }

export type BatchOutcome = { byFile: Map<string, ShellcheckComment[]> } | { error: string };

/** ShellCheck's JSON for a batch is small; anything bigger is not ShellCheck talking. */
const MAX_OUTPUT = 16 << 20;

export function runBatch(exe: ShellcheckExecutable, dialect: string, files: readonly BatchFile[], cwd: string, timeoutMs: number): Promise<BatchOutcome> {
  const args = ['--format=json1', `--shell=${dialect}`, ...(exe.norc ? ['--norc'] : []), `--exclude=${EXCLUDED_CODES.join(',')}`, '--', ...files.map((f) => f.name)];
  return new Promise((done) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: BatchOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(outcome);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(exe.path, args, { cwd, env: utf8Env(process.env), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      finish({ error: `cannot start ${exe.path}: ${(e as Error).message}` });
      return;
    }
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ error: `timed out after ${timeoutMs} ms` });
    }, timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_OUTPUT) { child.kill('SIGKILL'); finish({ error: 'too much output' }); }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { if (stderr.length < 4096) stderr += chunk; });
    child.on('error', (e) => finish({ error: `cannot run ${exe.path}: ${e.message}` }));
    child.on('close', (code) => {
      // 0: nothing found, 1: comments, 2: some file could not be read; 3 and 4: bad options.
      if (code !== 0 && code !== 1 && code !== 2) {
        finish({ error: `exited with ${code}: ${stderr.trim().split('\n')[0] ?? ''}` });
        return;
      }
      finish(parseJson1(stdout, files));
    });
  });
}

/** GHC decodes files by the locale: in a plain C locale a non-ASCII byte would stop ShellCheck. */
function utf8Env(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale) ? env : { ...env, LC_ALL: 'C.UTF-8' };
}

const LEVELS: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'style']);

function parseJson1(stdout: string, files: readonly BatchFile[]): BatchOutcome {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return { error: 'output is not JSON' };
  }
  const comments = (doc as { comments?: unknown } | null)?.comments;
  if (!Array.isArray(comments)) return { error: 'output has no comments list' };
  const byFile = new Map<string, ShellcheckComment[]>(files.map((f) => [f.name, []]));
  for (const c of comments as Record<string, unknown>[]) {
    const list = typeof c?.file === 'string' ? byFile.get(c.file) : undefined;
    if (!list) continue;
    const { line, endLine, column, endColumn, code, level, message } = c;
    if (![line, endLine, column, endColumn, code].every((n) => typeof n === 'number' && Number.isFinite(n))) continue;
    if (typeof level !== 'string' || !LEVELS.has(level) || typeof message !== 'string') continue;
    list.push({
      code: code as number, level: level as ShellcheckLevel, message,
      line: line as number, column: column as number, endLine: endLine as number, endColumn: endColumn as number,
    });
  }
  return { byFile };
}
