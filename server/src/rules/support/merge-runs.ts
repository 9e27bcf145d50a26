import type { TextEdit } from '../../core/types';
import type { DockerfileModel, InstructionInfo } from '../../model/types';
import { commandIndex, type SimpleCommand } from '../../shell/tokenize';
import { hasShellComment } from './run-commands';
import { runsPosixShell, shellOf, turnsOnErrexit } from './shell-context';
import { isSuppressionComment } from '../../model/suppressions';

/**
 * Builds the edit that merges consecutive shell-form RUNs into one, or says
 * why it cannot be done without changing what the build does.
 */
/** `at`: the index in `runs` of the RUN that stops the merge. */
export type MergePlan = { edit: TextEdit } | { refused: MergeRefusal; at: number };
export type MergeRefusal = 'shell-state' | 'trailing-operator' | 'shell-comment' | 'unparsable' | 'non-posix-shell' | 'errexit' | 'background' | 'pragma' | 'commented-instruction';

/** Builtins whose effect would leak into the commands merged after them. */
const STATEFUL = new Set(['cd', 'pushd', 'popd', 'export', 'unset', 'set', 'source', '.', 'umask', 'alias', 'shopt', 'trap', 'ulimit', 'exec', 'exit', 'readonly', 'declare', 'typeset', 'local', 'eval']);

/** A comment line holding an instruction: `# RUN …`, `#COPY …` (upper-case keywords only: `# run the tests` is prose). */
const COMMENTED_INSTRUCTION = /^\s*#\s*(RUN|COPY|ADD|ENV|ARG|WORKDIR|USER|EXPOSE|VOLUME|CMD|ENTRYPOINT|LABEL|SHELL|HEALTHCHECK|ONBUILD|STOPSIGNAL|FROM)(\s|$)/;

/** RUNs merge only when their flags (--mount, --network, --security) are the same, in any order. */
export function flagKey(run: InstructionInfo): string {
  return run.flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join('\u0000');
}

export function planMerge(model: DockerfileModel, runs: InstructionInfo[]): MergePlan {
  // cmd.exe (a Windows image's default) or PowerShell: not POSIX shell text, and a PATH set with setx or by an
  // installer reaches only the next RUN's process, which is why Windows Dockerfiles keep such steps apart.
  if (!runsPosixShell(model, runs[0])) return { refused: 'non-posix-shell', at: 0 };
  const errexit = turnsOnErrexit(shellOf(model, runs[0]) ?? []);
  const parts: string[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const script = run.script;
    if (!script || !run.argsRange || run.heredoc) return { refused: 'unparsable', at: i };
    // A pragma above a later RUN would end up inside the merged one and stop applying.
    if (i > 0 && commentLinesBetween(model, runs[i - 1], run).some(isSuppressionComment)) return { refused: 'pragma', at: i };
    // A commented-out instruction (`# RUN make test`) is a step someone may switch back on: inside the merged
    // RUN's continuation, uncommenting it would give shell text, not an instruction.
    if (i > 0 && commentLinesBetween(model, runs[i - 1], run).some((c) => COMMENTED_INSTRUCTION.test(c))) return { refused: 'commented-instruction', at: i };
    const shell = script.shell();
    if (shell.errors.length > 0) return { refused: 'unparsable', at: i };
    const isLast = i === runs.length - 1;
    if (!isLast && /[;&|]\s*$/.test(script.text)) return { refused: 'trailing-operator', at: i };
    // A comment would swallow whatever follows it: the next RUN, or the `; }` that closes a group.
    if (hasShellComment(script.text, shell.commands)) return { refused: 'shell-comment', at: i };
    // `{ … }` runs in the same shell as the rest; only `( … )` keeps its cd, export or exit to itself.
    if (!isLast && shell.commands.some((c) => !c.subshell && changesShellState(c))) return { refused: 'shell-state', at: i };
    // `x && job &` sends x to the background too: the RUN would end before x does.
    if (/(^|[^&])&\s*$/.test(script.text)) return { refused: 'background', at: i };
    let raw = model.lines.slice({ start: run.argsRange.start, end: run.range.end });
    if (raw.replace(/\s+$/, '').endsWith(model.escapeChar)) return { refused: 'trailing-operator', at: i };
    // `a && b; c` after `x &&` would run c even when x fails: group such lists.
    if (i > 0 && shell.commands.some((c) => c.depth === 0 && c.joinedBy !== null && c.joinedBy !== '&&' && c.joinedBy !== '|')) {
      // With `-e` a failing `a` in `a; b` ends the RUN, but not inside a group that `&&` continues.
      if (errexit) return { refused: 'errexit', at: i };
      raw = `{ ${raw}; }`;
    }
    parts.push(raw);
  }

  const esc = model.escapeChar;
  const eol = model.eol;
  const trailing = usesTrailingAnd(model, runs);
  const indent = continuationIndent(model, runs);
  const head = model.lines.slice({ start: runs[0].range.start, end: runs[0].argsRange!.start });
  let text = head + parts[0];
  for (let i = 1; i < runs.length; i++) {
    const comments = commentLinesBetween(model, runs[i - 1], runs[i]).map((c) => c + eol).join('');
    text += trailing
      ? ` && ${esc}${eol}${comments}${indent}${parts[i]}`
      : ` ${esc}${eol}${comments}${indent}&& ${parts[i]}`;
  }
  return { edit: { range: { start: runs[0].range.start, end: runs[runs.length - 1].range.end }, newText: text } };
}

function changesShellState(cmd: SimpleCommand): boolean {
  const at = commandIndex(cmd);
  if (at < 0) return cmd.assignments.length > 0;
  return STATEFUL.has(cmd.words[at].value);
}

function commentLinesBetween(model: DockerfileModel, a: InstructionInfo, b: InstructionInfo): string[] {
  const out: string[] = [];
  for (let line = a.range.end.line + 1; line < b.range.start.line; line++) {
    const text = model.lines.lineText(line);
    if (text.trim().startsWith('#')) out.push(text);
  }
  return out;
}

function physicalLines(model: DockerfileModel, runs: InstructionInfo[]): string[] {
  const out: string[] = [];
  for (const r of runs) for (let l = r.range.start.line; l <= r.range.end.line; l++) out.push(model.lines.lineText(l));
  return out;
}

/** Whether the file writes `cmd && \` (trailing) rather than `\` then `&& cmd` (leading). */
function usesTrailingAnd(model: DockerfileModel, runs: InstructionInfo[]): boolean {
  const esc = model.escapeChar;
  const all = physicalLines(model, runs);
  const trailing = all.filter((l) => l.trimEnd().endsWith(`&& ${esc}`) || l.trimEnd().endsWith(`&&${esc}`)).length;
  const leading = all.filter((l) => l.trimStart().startsWith('&&')).length;
  return trailing > leading;
}

/** The indentation of the group's existing continuation lines, or four spaces. */
function continuationIndent(model: DockerfileModel, runs: InstructionInfo[]): string {
  for (const r of runs) {
    for (let l = r.range.start.line + 1; l <= r.range.end.line; l++) {
      const text = model.lines.lineText(l);
      if (text.trim() === '' || text.trim().startsWith('#')) continue;
      const indent = /^[ \t]*/.exec(text)![0];
      if (indent) return indent;
    }
  }
  return '    ';
}
