import type { Range, TextEdit } from '../../core/types';
import { lastInherited, rootStage } from '../../model/lineage';
import type { DockerfileModel, InstructionInfo, LogicalScript, Stage } from '../../model/types';
import { heredocInterpreter, isPosixShellCommand } from '../../model/shells';
import { documentEndOffset, documentOffset } from '../../model/script';
import { baseName, commandIndex, type ShellScript, type ShellWord, type SimpleCommand } from '../../shell/tokenize';

/**
 * Queries over the commands of shell-form RUNs, and edits at script offsets,
 * shared by the rules that look at what a RUN runs (apt-get, apk, pip, rm…).
 */

/** One simple command of a RUN, with the word that really runs (after sudo, env…). */
export interface RunCommand {
  run: InstructionInfo;
  script: LogicalScript;
  cmd: SimpleCommand;
  /** Index into cmd.words of the real command. */
  at: number;
  /** The real command's name without its directory. */
  name: string;
  /** Index of the command in the script's command list. */
  index: number;
}

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

/**
 * A line put first in a `RUN <<EOF` body (after its `#!` line), with the
 * body's indentation and the file's line break; null when the body has no
 * line to put it before.
 */
export function firstBodyLine(model: DockerfileModel, run: InstructionInfo, line: string): TextEdit | null {
  const script = run.script;
  if (!run.heredoc || !script) return null;
  const offset = script.text.startsWith('#!') ? script.text.indexOf('\n') + 1 : 0;
  if (offset === 0 && script.text.startsWith('#!')) return null;
  const at = script.docPosition(offset);
  const indent = /^[ \t]*/.exec(script.text.slice(offset))![0];
  return { range: { start: at, end: at }, newText: `${indent}${line}${model.eol}` };
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

/** Every simple command (top level and nested) of a shell-form RUN run by a POSIX shell; none when the text does not parse cleanly. */
export function commandsOf(model: DockerfileModel, run: InstructionInfo): RunCommand[] {
  if (run.keyword !== 'RUN' || !run.script || !posixFor(model, run)) return [];
  let out = commandCache.get(run);
  if (!out) commandCache.set(run, (out = listCommands(run, run.script)));
  return out;
}

/**
 * Several rules ask about the same RUN. The command list depends only on the
 * instruction's own text, so it stays with the instruction, which the next
 * version shares when the instruction's stage is unchanged. Whether a POSIX
 * shell runs it depends on its stage's SHELL and base image, which an edit in
 * another stage can change: that answer is kept per model.
 */
const commandCache = new WeakMap<InstructionInfo, RunCommand[]>();
const posixCache = new WeakMap<DockerfileModel, Map<InstructionInfo, boolean>>();

function posixFor(model: DockerfileModel, run: InstructionInfo): boolean {
  let perModel = posixCache.get(model);
  if (!perModel) posixCache.set(model, (perModel = new Map()));
  let posix = perModel.get(run);
  if (posix === undefined) perModel.set(run, (posix = runsPosixShell(model, run)));
  return posix;
}

function listCommands(run: InstructionInfo, script: LogicalScript): RunCommand[] {
  const shell = script.shell();
  return script.memo('commands', () => namedCommands(shell)).map(({ index, at, name }) => ({ run, script, cmd: shell.commands[index], at, name, index }));
}

/** Which commands of a script have a literal name, and where: kept with the script's text. */
function namedCommands(shell: ShellScript): { index: number; at: number; name: string }[] {
  if (shell.errors.length > 0) return [];
  const out: { index: number; at: number; name: string }[] = [];
  shell.commands.forEach((cmd, index) => {
    const at = commandIndex(cmd);
    if (at < 0) return;
    const word = cmd.words[at];
    if (word.hasExpansion) return;
    out.push({ index, at, name: baseName(word.value) });
  });
  return out;
}

/** The RUN instructions of a stage. */
export function runsOf(stage: Stage): InstructionInfo[] {
  return stage.instructions.filter((i) => i.keyword === 'RUN');
}

/**
 * Index of the first operand (a word not starting with `-`) at or after `from`,
 * skipping the values of options in `argOptions` (`-o X`); -1 if none.
 */
export function operandIndex(cmd: SimpleCommand, from: number, argOptions: readonly string[] = []): number {
  for (let i = from; i < cmd.words.length; i++) {
    const v = cmd.words[i].value;
    if (v === '--') return i + 1 < cmd.words.length ? i + 1 : -1;
    if (v.startsWith('-') && v.length > 1) {
      if (argOptions.includes(v)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** apt-get/apt options that take the next word as their value. */
export const APT_ARG_OPTIONS = ['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release'];

/** The subcommand of a command (`install` in `apt-get -y install x`), with its word index. */
export function subcommandOf(c: RunCommand, argOptions: readonly string[] = []): { index: number; value: string } | null {
  const i = operandIndex(c.cmd, c.at + 1, argOptions);
  return i < 0 ? null : { index: i, value: c.cmd.words[i].value };
}

/** Commands named one of `names` (and, when given, with one of `subs` as subcommand). */
export function findCommands(model: DockerfileModel, run: InstructionInfo, names: readonly string[], subs?: readonly string[], argOptions: readonly string[] = []): (RunCommand & { sub: number })[] {
  const out: (RunCommand & { sub: number })[] = [];
  for (const c of commandsOf(model, run)) {
    if (!names.includes(c.name)) continue;
    const sub = subcommandOf(c, argOptions);
    if (subs && (!sub || !subs.includes(sub.value))) continue;
    out.push({ ...c, sub: sub?.index ?? -1 });
  }
  return out;
}

/**
 * Whether an option is given after word `from`: a long name alone or as `--name=value`,
 * or a short letter alone or combined with others (`-y`, `-qy`). Stops at `--`.
 */
export function hasOption(cmd: SimpleCommand, from: number, longs: readonly string[], shorts = ''): boolean {
  for (let i = from; i < cmd.words.length; i++) {
    const v = cmd.words[i].value;
    if (v === '--') return false;
    if (v.startsWith('--')) {
      if (longs.some((l) => v === l || v.startsWith(`${l}=`))) return true;
    } else if (v.startsWith('-') && v.length > 1 && shorts) {
      if ([...v.slice(1)].some((ch) => shorts.includes(ch))) return true;
    }
  }
  return false;
}

/** The value of an option (`-o X`, `-oX`, `--output X`, `--output=X`, `-fsSLo X`), or null. */
export function optionValue(cmd: SimpleCommand, from: number, longs: readonly string[], short = ''): ShellWord | null {
  const words = cmd.words;
  for (let i = from; i < words.length; i++) {
    const v = words[i].value;
    if (v === '--') return null;
    for (const l of longs) {
      if (v === l && i + 1 < words.length) return words[i + 1];
      if (v.startsWith(`${l}=`)) return { ...words[i], value: v.slice(l.length + 1) };
    }
    if (!short || v.length < 2 || v[0] !== '-' || v[1] === '-') continue;
    // getopt: what follows the option letter in the same word is its value (`-oFILE`);
    // at the end of a group of flags (`-fsSLo`) the value is the next word.
    if (v[1] === short && v.length > 2) return { ...words[i], value: v.slice(2) };
    if (/^-[A-Za-z0-9]+$/.test(v) && v.endsWith(short)) return i + 1 < words.length ? words[i + 1] : null;
  }
  return null;
}

/** Document offset just after the script character before `end`: inserting there never lands inside a continuation. */
export function documentEnd(model: DockerfileModel, script: LogicalScript, end: number): number {
  return documentEndOffset(model.lines, script, end);
}

/** The document range of script offsets [start, end). */
export function scriptRange(model: DockerfileModel, script: LogicalScript, start: number, end: number): Range {
  return { start: model.lines.positionAt(documentOffset(model.lines, script, start)), end: model.lines.positionAt(documentEnd(model, script, end)) };
}

/** The range from the real command word to the end of word `last` (default: the whole command). */
export function commandRange(model: DockerfileModel, c: RunCommand, last?: number): Range {
  const end = last !== undefined && last >= 0 ? c.cmd.words[last].end : c.cmd.end;
  return scriptRange(model, c.script, c.cmd.words[c.at].start, end);
}

/** Inserts `text` right after a word (e.g. ` -y` after `install`). */
export function insertAfterWord(model: DockerfileModel, script: LogicalScript, word: ShellWord, text: string): TextEdit {
  const pos = model.lines.positionAt(documentEnd(model, script, word.end));
  return { range: { start: pos, end: pos }, newText: text };
}

/** Replaces a word that is written on one line. */
export function replaceWord(model: DockerfileModel, script: LogicalScript, word: ShellWord, text: string): TextEdit {
  return { range: scriptRange(model, script, word.start, word.end), newText: text };
}

/**
 * Appends ` && <command>` after the last character of a RUN's shell text, on its
 * last line; null when that could do more than run the command at the end
 * (a trailing operator or comment, a here-document, `exit`, a parse problem).
 */
export function appendCommand(model: DockerfileModel, run: InstructionInfo, command: string): TextEdit | null {
  const script = run.script;
  if (!script || !runsPosixShell(model, run)) return null;
  const shell = script.shell();
  if (shell.errors.length > 0 || shell.commands.length === 0) return null;
  const text = script.text.replace(/\s+$/, '');
  if (text === '' || /[;&|\\]$/.test(text) || text.endsWith(model.escapeChar)) return null;
  if (shell.commands.some((c) => c.redirects.some((r) => r.op.startsWith('<<') && r.op !== '<<<'))) return null;
  if (hasShellComment(script.text, shell.commands)) return null;
  const last = shell.commands[shell.commands.length - 1];
  const at = commandIndex(last);
  if (at >= 0 && ['exit', 'exec'].includes(last.words[at].value)) return null;
  const pos = model.lines.positionAt(documentEnd(model, script, text.length));
  return { range: { start: pos, end: pos }, newText: ` && ${command}` };
}

/** A shell option word that turns errexit on: `-e`, `-eux`, `-xe`. */
const ERREXIT_FLAG = /^-[a-zA-Z]*e[a-zA-Z]*$/;

/** Whether option words (a SHELL exec array, or `set`'s arguments) turn errexit on: `-e`, `-eux`, `-o errexit`. */
export function turnsOnErrexit(words: readonly string[]): boolean {
  return words.some((w, i) => ERREXIT_FLAG.test(w) || (w === 'errexit' && words[i - 1] === '-o'));
}

/** Whether the command runs through `sudo`: then so must a clean-up appended after it. */
export function runsViaSudo(c: RunCommand): boolean {
  return c.cmd.words.slice(0, c.at).some((w) => baseName(w.value) === 'sudo');
}

/** Whether a `#` outside every word (and every redirect target) starts a shell comment, which would swallow what is appended after it. */
export function hasShellComment(text: string, commands: SimpleCommand[]): boolean {
  if (!text.includes('#')) return false;
  const covered: [number, number][] = [];
  for (const c of commands) {
    for (const w of [...c.assignments, ...c.words]) covered.push([w.start, w.end]);
    for (const r of c.redirects) covered.push([r.start, r.end]);
  }
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    if (!covered.some(([s, e]) => i >= s && i < e)) return true;
  }
  return false;
}

/**
 * Targets of a RUN's `--mount` flags. Whatever the RUN writes under one never
 * reaches its layer: a cache mount is kept apart, a tmpfs is thrown away, a
 * bind mount is read-only or its writes are discarded.
 */
export function mountTargets(run: InstructionInfo): string[] {
  const out: string[] = [];
  for (const f of run.flags) {
    if (f.name.toLowerCase() !== 'mount' || !f.value) continue;
    const fields = new Map<string, string>();
    for (const part of f.value.split(',')) {
      const eq = part.indexOf('=');
      fields.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^["']|["']$/g, ''));
    }
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
    if (target) out.push(target);
  }
  return out;
}

/** Sources and destination of a COPY/ADD (JSON or whitespace form); null for heredocs or nothing to copy. */
export function copyOperands(ins: InstructionInfo): { sources: string[]; dest: string } | null {
  if (ins.heredoc) return null;
  const args = ins.args.trim();
  let parts: string[];
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) return null;
      parts = parsed as string[];
    } catch {
      return null;
    }
  } else {
    parts = args.split(/\s+/).filter((p) => p !== '');
  }
  if (parts.length < 2) return null;
  return { sources: parts.slice(0, -1), dest: parts[parts.length - 1] };
}

/** Normalises an absolute POSIX path: no `.`/`..`/duplicate or trailing slashes. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** `path` made absolute against `cwd`; null when it uses a variable, `~`, or the cwd is unknown. */
export function resolvePath(path: string, cwd: string | null): string | null {
  if (path === '' || /[$`]/.test(path) || path.startsWith('~')) return null;
  if (path.startsWith('/')) return normalizePath(path);
  return cwd === null ? null : normalizePath(`${cwd}/${path}`);
}

/**
 * The working directory in effect at `ins`, from the WORKDIRs of its stage and
 * the stages it builds on; null when it depends on a variable or on the base image.
 */
export function workdirAt(model: DockerfileModel, ins: InstructionInfo): string | null {
  // Relative WORKDIRs resolve against the one before them: walk back to an absolute one.
  const relative: string[] = [];
  for (let at: InstructionInfo | null = ins; ;) {
    const w: InstructionInfo | null = lastInherited(model, at, 'WORKDIR', (i) => i.keyword === 'WORKDIR');
    if (!w) return null;
    const value = w.args.trim().replace(/^"(.*)"$/, '$1');
    if (/[$`]/.test(value)) return null;
    if (value.startsWith('/')) {
      let cwd: string | null = normalizePath(value);
      for (const r of relative.reverse()) cwd = cwd === null ? null : resolvePath(r, cwd);
      return cwd;
    }
    relative.push(value);
    at = w;
  }
}
