/**
 * Finding the `shellcheck` executable and what its version supports. Nothing here
 * throws: a missing or broken executable is a reason, reported once by the caller.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** `auto`: look on PATH; `off`: never run it; anything else: the executable's path. */
export type ShellcheckSetting = { mode: 'auto' } | { mode: 'off' } | { mode: 'path'; path: string };

export interface ShellcheckExecutable {
  path: string;
  version: string;
  /** `--shell=busybox` (ShellCheck 0.10+). */
  busybox: boolean;
  /** `--norc`: results must not depend on a `.shellcheckrc` near the temporary files or in $HOME. */
  norc: boolean;
}

export type Located = { found: true; exe: ShellcheckExecutable } | { found: false; reason: string };

/** The CLI's `--shellcheck` value or the editor setting: '' and 'auto' search PATH, 'off' disables. */
export function parseShellcheckSetting(value: string | undefined | null, cwd = process.cwd()): ShellcheckSetting {
  const v = (value ?? '').trim();
  if (v === '' || v.toLowerCase() === 'auto') return { mode: 'auto' };
  if (v.toLowerCase() === 'off') return { mode: 'off' };
  return { mode: 'path', path: resolve(cwd, v) };
}

/** How long `shellcheck --version` may take (a cold start of a Haskell binary on a busy machine). */
const PROBE_TIMEOUT_MS = 5000;

export async function locateShellcheck(setting: ShellcheckSetting, env: NodeJS.ProcessEnv = process.env): Promise<Located> {
  if (setting.mode === 'off') return { found: false, reason: 'ShellCheck is switched off' };
  const path = setting.mode === 'path' ? setting.path : findOnPath(env);
  if (!path) return { found: false, reason: 'no shellcheck executable on PATH; RUN scripts are not checked by ShellCheck' };
  if (!isExecutableFile(path)) return { found: false, reason: `${path} is not an executable file; RUN scripts are not checked by ShellCheck` };
  const [version, help] = await Promise.all([output(path, ['--version']), output(path, ['--help'])]);
  const m = version === null ? null : /^version:\s*(\S+)/m.exec(version);
  if (!m || !/shellcheck/i.test(version ?? '')) return { found: false, reason: `${path} --version did not answer like ShellCheck; RUN scripts are not checked by ShellCheck` };
  if (!/json1/.test(help ?? '')) return { found: false, reason: `${path} (ShellCheck ${m[1]}) has no --format=json1 (0.7 or newer is needed)` };
  return { found: true, exe: { path, version: m[1], busybox: /busybox/.test(help ?? ''), norc: /--norc/.test(help ?? '') } };
}

/**
 * The first `shellcheck` on PATH. Relative PATH entries are skipped: they would
 * run whatever the opened folder contains under that name.
 */
function findOnPath(env: NodeJS.ProcessEnv): string | null {
  const windows = process.platform === 'win32';
  const names = windows
    ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean).map((ext) => `shellcheck${ext.toLowerCase()}`)
    : ['shellcheck'];
  const pathVar = env.PATH ?? env.Path ?? '';
  for (const dir of pathVar.split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** stdout (and stderr) of a short command, or null when it fails or hangs. */
function output(path: string, args: string[]): Promise<string | null> {
  return new Promise((done) => {
    execFile(path, args, { timeout: PROBE_TIMEOUT_MS, windowsHide: true, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      done(error ? null : `${stdout}\n${stderr}`);
    });
  });
}
