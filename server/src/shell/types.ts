// Shared result types of the shell tokenizer (kept apart so the lexer, the
// parser and the command helpers can all use them without import cycles).

export interface ShellWord {
  /** the word's value after quote removal: `"a b"c` → `a bc`; `$VAR`/`$(...)`/backticks are kept literally (not expanded) */
  value: string;
  /** start/end offsets of the word in the input (end exclusive), covering its quotes */
  start: number;
  end: number;
  /** true if any part of the word was quoted or escaped */
  quoted: boolean;
  /** true if the word contains an unquoted or double-quoted expansion: $VAR, ${…}, $(…), `…` */
  hasExpansion: boolean;
}

export interface ShellRedirect {
  /** the operator with its fd, e.g. '>', '>>', '2>', '<', '<<', '<<-', '<<<', '&>', '>|', and whole dups like '2>&1' */
  op: string;
  /** the file / here-doc delimiter; absent for fd dups such as '2>&1' or when missing */
  target?: ShellWord;
  start: number;
  end: number;
  /** for '<<' and '<<-': offsets of the here-doc body (the lines before the delimiter line) */
  heredoc?: { start: number; end: number };
}

export type JoinOperator = '&&' | '||' | ';' | '|' | '&' | '\n';

export interface SimpleCommand {
  /** leading NAME=value assignments, e.g. DEBIAN_FRONTEND=noninteractive */
  assignments: ShellWord[];
  /** command name and arguments (words after the assignments), redirections removed */
  words: ShellWord[];
  redirects: ShellRedirect[];
  start: number;
  end: number;
  /** the operator that joins this command to the PREVIOUS one in the list: null for the first */
  joinedBy: JoinOperator | null;
  /** nesting depth inside ( … ) and { …; }; 0 at top level */
  depth: number;
  /** inside ( … ): a subshell, whose cd, export or exit do not reach the commands after the group */
  subshell: boolean;
}

export interface ShellError {
  message: string;
  offset: number;
}

export interface ShellScript {
  commands: SimpleCommand[];
  /** problems such as an unterminated quote; the tokenizer never throws */
  errors: ShellError[];
}
