import type { Range, TextEdit } from '../../core/types';
import type { DockerfileModel, InstructionInfo, LogicalScript } from '../../model/types';
import { documentEndOffset, documentOffset } from '../../model/script';
import { commandIndex, type ShellWord } from '../../shell/tokenize';
import { runsPosixShell } from './shell-context';
import { hasShellComment, type RunCommand } from './run-commands';

/**
 * Text edits at script offsets: insert after a word, replace a word, append a
 * command to a RUN, put a line first in a heredoc body; never inside a continuation.
 */

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
