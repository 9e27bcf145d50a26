// Finds the simple commands in the shell form of a RUN instruction, e.g. every
// `apt-get install …` in `if …; then apt-get update && apt-get install -y x; fi`.
// It is not a full shell parser: compound commands are only understood well
// enough that the simple commands inside them are found, with exact offsets.
import { Lexer, type Token } from './lexer';
import type { JoinOperator, ShellRedirect, ShellScript, ShellWord, SimpleCommand } from './types';

export type { JoinOperator, ShellError, ShellRedirect, ShellScript, ShellWord, SimpleCommand } from './types';
export { baseName, commandIndex, commandName } from './command';

/**
 * What the parser expects next: normal commands, the header of `for NAME in …;`,
 * the subject of `case WORD in`, a case pattern up to its `)`, or the name after `function`.
 */
type Mode = 'cmd' | 'forHeader' | 'caseHeader' | 'casePattern' | 'funcName';
type Group = '(' | '{' | 'case';

const JOIN: Record<string, JoinOperator> = {
  '&&': '&&', '||': '||', ';': ';', '|': '|', '|&': '|', '&': '&', '\n': '\n',
};

/** Reserved words that only introduce or continue a compound command: just skip them. */
const SKIPPED = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!']);
/** Reserved words that end a compound command. */
const CLOSING = new Set(['fi', 'done']);

const ASSIGNMENT = /[A-Za-z_]\w*\+?=/y;

/** A word that can be a reserved word: written without quotes or expansions. */
function isPlain(w: ShellWord): boolean {
  return !w.quoted && !w.hasExpansion;
}

class Parser {
  private readonly commands: SimpleCommand[] = [];
  private cur: SimpleCommand | null = null;
  private readonly groups: Group[] = [];
  private depth = 0;
  /** separator seen since the last command; it becomes the next command's joinedBy */
  private join: JoinOperator | null = null;
  private mode: Mode = 'cmd';
  private headerWords = 0;
  /** just after `)`, `}`, `fi`, `done`, `esac`: redirections there belong to that compound */
  private afterCompound = false;
  /** inside `[[ … ]]` */
  private cond = false;
  /** just after `function NAME`, where an optional `()` follows */
  private afterFunctionName = false;
  private pushedBack: Token | null = null;

  constructor(private readonly script: string, private readonly lexer: Lexer) {}

  run(): SimpleCommand[] {
    for (;;) {
      const t = this.take();
      if (t.kind === 'eof') break;
      if (t.kind === 'word') this.onWord(t.word);
      else if (t.kind === 'redirect') this.onRedirect(t.redirect);
      else this.onOp(t.op, t.start);
    }
    this.finish();
    if (this.groups.length > 0) {
      const top = this.groups[this.groups.length - 1];
      const closer = top === '(' ? "')'" : top === '{' ? "'}'" : "'esac'";
      this.lexer.error(`missing ${closer} at end of script`, this.script.length);
    }
    return this.commands;
  }

  private take(): Token {
    const t = this.pushedBack;
    if (t) {
      this.pushedBack = null;
      return t;
    }
    return this.lexer.next(this.cond);
  }

  /** Consumes the next token if it is the operator `op`. */
  private skipOp(op: string): boolean {
    const t = this.take();
    if (t.kind === 'op' && t.op === op) return true;
    this.pushedBack = t;
    return false;
  }

  private onWord(w: ShellWord): void {
    switch (this.mode) {
      case 'forHeader':
        // `for x in a b c;` — but `for x do` (no `in`) is also valid.
        if (this.headerWords === 1 && isPlain(w) && w.value === 'do') this.mode = 'cmd';
        else this.headerWords++;
        return;
      case 'caseHeader':
        if (this.headerWords >= 1 && isPlain(w) && w.value === 'in') this.mode = 'casePattern';
        else this.headerWords++;
        return;
      case 'casePattern':
        if (isPlain(w) && w.value === 'esac') this.closeCase();
        return;
      case 'funcName':
        this.mode = 'cmd';
        this.afterFunctionName = true;
        return;
      case 'cmd':
        break;
    }
    this.afterFunctionName = false;
    if (this.cur === null && !this.cond && isPlain(w) && this.keyword(w)) return;

    const cmd = this.cur ?? (this.cur = this.newCommand(w.start));
    ASSIGNMENT.lastIndex = w.start;
    if (cmd.words.length === 0 && ASSIGNMENT.test(this.script)) cmd.assignments.push(w);
    else cmd.words.push(w);
    cmd.end = w.end;
    if (isPlain(w)) {
      if (cmd.words.length === 1 && cmd.words[0] === w && w.value === '[[') this.cond = true;
      else if (this.cond && w.value === ']]') this.cond = false;
    }
  }

  /** Handles a reserved word in command position; false if `w` is an ordinary command name. */
  private keyword(w: ShellWord): boolean {
    const v = w.value;
    if (SKIPPED.has(v)) return true;
    if (CLOSING.has(v)) {
      this.endCompound();
      return true;
    }
    switch (v) {
      case '{':
        this.open('{');
        return true;
      case '}':
        this.close('{', w.start);
        return true;
      case 'for':
      case 'select':
        this.mode = 'forHeader';
        this.headerWords = 0;
        return true;
      case 'case':
        this.groups.push('case');
        this.mode = 'caseHeader';
        this.headerWords = 0;
        return true;
      case 'esac':
        if (this.groups[this.groups.length - 1] === 'case') this.closeCase();
        else this.lexer.error("'esac' without 'case'", w.start);
        return true;
      case 'function':
        this.mode = 'funcName';
        return true;
      default:
        return false;
    }
  }

  private onRedirect(r: ShellRedirect): void {
    if (this.mode !== 'cmd') return; // e.g. in a for header: not part of any command
    this.afterFunctionName = false;
    if (this.cur === null) {
      // `{ …; } > log` or `done < file`: the redirection applies to the compound command.
      if (this.afterCompound) return;
      this.cur = this.newCommand(r.start);
    }
    this.cur.redirects.push(r);
    this.cur.end = r.end;
  }

  private onOp(op: string, start: number): void {
    const afterFunctionName = this.afterFunctionName;
    this.afterFunctionName = false;
    switch (this.mode) {
      case 'forHeader':
        if (op === '(' || op === ')') return;
        this.mode = 'cmd';
        // The `;` ending the header separates nothing; keep the join from before `for`.
        if (op === ';' || op === '\n') return;
        break;
      case 'caseHeader':
        return;
      case 'casePattern':
        if (op === ')') this.mode = 'cmd';
        return; // `(`, `|` and newlines are part of the pattern list
      case 'funcName':
        this.mode = 'cmd';
        break;
      case 'cmd':
        break;
    }

    switch (op) {
      case '(': {
        const cmd = this.cur;
        if (cmd) {
          // `name() { …; }` defines a function; its name is not a command.
          if (cmd.words.length === 1 && cmd.assignments.length === 0 && cmd.redirects.length === 0 && this.skipOp(')')) {
            this.cur = null;
            this.join = cmd.joinedBy;
            return;
          }
          this.lexer.error("unexpected '('", start);
          this.finish();
        } else if (afterFunctionName && this.skipOp(')')) {
          return;
        }
        this.open('(');
        return;
      }
      case ')':
        this.finish();
        this.close('(', start);
        return;
      case ';;':
      case ';&':
      case ';;&':
        this.finish();
        if (this.groups[this.groups.length - 1] === 'case') {
          this.mode = 'casePattern';
          this.join = ';';
        } else {
          this.lexer.error(`'${op}' outside 'case'`, start);
        }
        return;
      default: {
        this.finish();
        this.afterCompound = false;
        const j = JOIN[op] ?? ';';
        // A newline after `&&`, `|`, `;` … merely continues the line.
        if (j !== '\n' || this.join === null) this.join = j;
      }
    }
  }

  private newCommand(start: number): SimpleCommand {
    const joinedBy = this.commands.length === 0 ? null : (this.join ?? ';');
    this.join = null;
    this.afterCompound = false;
    return { assignments: [], words: [], redirects: [], start, end: start, joinedBy, depth: this.depth, subshell: this.groups.includes('(') };
  }

  private finish(): void {
    if (this.cur) this.commands.push(this.cur);
    this.cur = null;
    this.cond = false; // a separator ends even an unclosed `[[`
  }

  private open(g: '(' | '{'): void {
    this.groups.push(g);
    this.depth++;
    this.afterCompound = false;
  }

  private close(g: '(' | '{', offset: number): void {
    if (this.groups[this.groups.length - 1] !== g) {
      this.lexer.error(`unexpected '${g === '(' ? ')' : '}'}'`, offset);
      return;
    }
    this.groups.pop();
    this.depth--;
    this.endCompound();
  }

  private closeCase(): void {
    this.groups.pop();
    this.mode = 'cmd';
    this.endCompound();
  }

  /** After a compound command the next separator, not the last one inside, joins what follows. */
  private endCompound(): void {
    this.afterCompound = true;
    this.join = null;
  }
}

/**
 * Splits a RUN instruction's shell script (line continuations already removed) into simple
 * commands. Offsets are UTF-16 indices into `script`. Never throws: problems such as an
 * unterminated quote are reported in `errors` and the rest of the input is taken as-is.
 */
export function tokenizeShell(script: string): ShellScript {
  const text = typeof script === 'string' ? script : '';
  const lexer = new Lexer(text);
  try {
    const commands = new Parser(text, lexer).run();
    return { commands, errors: lexer.errors };
  } catch (e) {
    // A bug here must not take the language server down with it.
    return { commands: [], errors: [...lexer.errors, { message: `internal tokenizer error: ${String(e)}`, offset: 0 }] };
  }
}
