import type { DockerfileModel, InstructionInfo, LogicalScript, Stage } from '../../model/types';
import { baseName, commandIndex, type ShellScript, type ShellWord, type SimpleCommand } from '../../shell/tokenize';
import { runsPosixShell } from './shell-context';

/**
 * Queries over the simple commands of shell-form RUNs: the word that really runs
 * (after sudo, env…), subcommands, options and their values, mounts.
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
