/**
 * Which program runs a piece of shell text, and whether the builder continues
 * a line: shared by the model (what counts as a script, where an instruction
 * ends) and the rules (whether POSIX shell rules apply).
 */

/** POSIX shells by program name: `/bin/sh`, `bash`, `busybox`, `sh.exe`. */
const POSIX_SHELL = /(^|[/\\])(sh|bash|ash|dash|zsh|ksh|mksh|busybox)(\.exe)?$/i;

/** The program an exec array runs (a SHELL, a `#!` line, a heredoc's interpreter), looking through `env`. */
export function programOf(argv: readonly string[]): string {
  let i = 0;
  if (/(^|\/)env$/.test(argv[0] ?? '')) {
    // env's own options (`-u NAME` takes a value) and NAME=value assignments come before the program.
    for (i = 1; i < argv.length && (argv[i].startsWith('-') || argv[i].includes('=')); i++) {
      if (argv[i] === '-u' || argv[i] === '--unset' || argv[i] === '-C' || argv[i] === '--chdir') i++;
    }
  }
  return argv[i] ?? '';
}

/** Whether an exec array runs a POSIX shell. */
export function isPosixShellCommand(argv: readonly string[]): boolean {
  return POSIX_SHELL.test(programOf(argv));
}

/** A RUN whose first line is a lone heredoc opener, with what follows it: `<<EOF`, `<<-"EOF" bash`. */
const HEREDOC_OPENER = /^<<-?\s*(["']?)[A-Za-z_][\w.-]*\1(?:\s+(\S.*))?$/;

/**
 * For `RUN <<EOF …`: the program that runs the body, when the file names one
 * (`RUN <<EOF bash`, or a `#!` first line of the body, which the builder
 * executes directly), else an empty array (the SHELL in force runs it). Null
 * when the RUN's first line is more than a heredoc opener (`RUN cat <<EOF > f`):
 * then the body is input, not the script.
 */
export function heredocInterpreter(firstLine: string, body: string): string[] | null {
  const opener = HEREDOC_OPENER.exec(firstLine.trim());
  if (!opener) return null;
  if (opener[2]) return opener[2].split(/\s+/);
  // The builder looks for `#!` at the very start of the body, before `<<-` strips tabs.
  const shebang = /^#!\s*(.*)/.exec(body.slice(0, body.indexOf('\n') < 0 ? body.length : body.indexOf('\n')));
  return shebang ? shebang[1].replace(/\r$/, '').trim().split(/\s+/) : [];
}

/**
 * A line's trailing run of escape characters, [from, to), when it is two or
 * more long; null otherwise. The builder continues a line only when its final
 * escape is not itself escaped, so such a line ends its instruction. Blanks
 * after the run are spaces and tabs; `end` excludes the line break (and its CR).
 */
export function escapedEscapeRun(text: string, start: number, end: number, escapeCode: number): { from: number; to: number } | null {
  let to = end;
  while (to > start && (text.charCodeAt(to - 1) === 32 || text.charCodeAt(to - 1) === 9)) to--;
  let from = to;
  while (from > start && text.charCodeAt(from - 1) === escapeCode) from--;
  return to - from >= 2 ? { from, to } : null;
}
