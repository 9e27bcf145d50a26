import { lastInherited, rootStage } from '../../model/lineage';
import type { DockerfileModel, InstructionInfo, Stage } from '../../model/types';
import { heredocInterpreter, isPosixShellCommand } from '../../model/shells';

/**
 * Which shell runs an instruction's shell form: the SHELL in force (in the stage
 * or those it builds on), a heredoc's own interpreter, Windows or POSIX, and
 * whether errexit is on.
 */

const WINDOWS_IMAGE = /windows|nanoserver|servercore|ltsc20\d\d/i;

/** The exec array of the last SHELL before `ins` (in its stage or those it builds on), or null for the default shell. */
export function shellOf(model: DockerfileModel, ins: InstructionInfo): string[] | null {
  const last = lastInherited(model, ins, 'SHELL', (i) => i.keyword === 'SHELL');
  if (!last) return null;
  try {
    const parsed: unknown = JSON.parse(last.args);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed as string[];
  } catch { /* fall through */ }
  return ['?'];
}

/**
 * The program that runs an instruction's script: for a `RUN <<EOF` body its
 * own interpreter when the file names one (`RUN <<EOF bash`, a `#!/bin/sh -e`
 * line), which the SHELL does not reach; otherwise the SHELL in force (null:
 * the image's default shell).
 */
export function scriptShell(model: DockerfileModel, ins: InstructionInfo): string[] | null {
  if (ins.heredoc && ins.script) {
    const own = heredocInterpreter(ins.args.split('\n', 1)[0], ins.script.text);
    if (own && own.length > 0) return own;
  }
  return shellOf(model, ins);
}

/** Official Linux images: with these, even a `# escape=\`` file runs RUN with /bin/sh. */
const LINUX_IMAGE = /^(docker\.io\/)?(library\/)?(alpine|debian|ubuntu|busybox|fedora|centos|rockylinux|almalinux|amazonlinux|archlinux|buildpack-deps|node|python|golang|ruby|rust|php|openjdk|eclipse-temurin|nginx|httpd|postgres|redis)(:|@|$)/i;

/**
 * Whether the stage's base image (or that of the stage it builds on) is a
 * Windows image; with `# escape=\`` (a Windows habit) unless the base is a known Linux image.
 */
export function isWindowsStage(model: DockerfileModel, stage: Stage): boolean {
  const root = rootStage(model, stage);
  const ref = root.base.resolved ?? root.base.raw;
  if (WINDOWS_IMAGE.test(ref)) return true;
  return model.escapeChar === '`' && !LINUX_IMAGE.test(ref);
}

/** Whether a POSIX shell runs this instruction's shell form (not cmd.exe, not PowerShell). */
export function runsPosixShell(model: DockerfileModel, ins: InstructionInfo): boolean {
  const shell = scriptShell(model, ins);
  if (shell) return isPosixShellCommand(shell);
  const stage = model.stages[ins.stage];
  return !!stage && !isWindowsStage(model, stage);
}

/** A shell option word that turns errexit on: `-e`, `-eux`, `-xe`. */
const ERREXIT_FLAG = /^-[a-zA-Z]*e[a-zA-Z]*$/;

/** Whether option words (a SHELL exec array, or `set`'s arguments) turn errexit on: `-e`, `-eux`, `-o errexit`. */
export function turnsOnErrexit(words: readonly string[]): boolean {
  return words.some((w, i) => ERREXIT_FLAG.test(w) || (w === 'errexit' && words[i - 1] === '-o'));
}
