// Lexer for the shell form of RUN: turns the script into words, operators and
// redirections. It never throws and looks at every character a bounded number
// of times, because lint rules run it on every keystroke over arbitrary text.
import type { ShellError, ShellRedirect, ShellWord } from './types';

export type Token =
  | { kind: 'word'; word: ShellWord }
  | { kind: 'op'; op: string; start: number; end: number }
  | { kind: 'redirect'; redirect: ShellRedirect }
  | { kind: 'eof' };

/** Random input can produce one problem per character; nobody needs thousands. */
const MAX_ERRORS = 50;

/** Characters that end an unquoted word. '\r' counts as a blank so CRLF files lint like LF ones. */
function isMeta(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '&' ||
    c === '|' || c === '(' || c === ')' || c === '<' || c === '>';
}

/** Characters inside a word that need more than copying. */
function isSpecial(c: string): boolean {
  return isMeta(c) || c === '\\' || c === "'" || c === '"' || c === '$' || c === '`';
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /\w/;
const SPECIAL_PARAM = /[0-9@*#?$!-]/;
// An optional fd (`2`, `{fd}`) then a redirection operator; `&>`/`&>>` take no fd.
const REDIRECT = /(?:\d+|\{[A-Za-z_]\w*\})?(?:<<<|<<-|<<|<>|<&|>&|>>|>\||<|>)|&>>|&>/y;
const ARRAY_ASSIGNMENT = /^[A-Za-z_]\w*\+?=$/;
const DUP_TARGET = /\d+-?|-/y;

const ANSI_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/**
 * Skips the inside of `$( … )`, `${ … }`, `` ` … ` `` or `" … "` starting at `i` (just after the
 * opener) and returns the offset just past the matching `closer`, or -1 if the input ends first.
 * An explicit stack instead of recursion keeps `$($($(…` from overflowing the call stack, and
 * each character is visited once (single quotes are jumped over with indexOf).
 * `inDq` says whether the construct itself sits inside double quotes, where `'` does not quote.
 */
function skipNested(s: string, i: number, closer: string, inDq: boolean): number {
  const stack = [closer];
  const n = s.length;
  while (i < n) {
    const top = stack[stack.length - 1];
    const c = s[i];
    if (c === '\\') { i += 2; continue; }
    if (c === top) {
      stack.pop();
      i++;
      if (stack.length === 0) return i;
      continue;
    }
    // Inside backquotes only the closing backquote and escapes matter.
    if (top === '`') { i++; continue; }
    if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      stack.push(s[i + 1] === '(' ? ')' : '}');
      i += 2;
      continue;
    }
    if (c === '`') { stack.push('`'); i++; continue; }
    if (top === '"') { i++; continue; }
    // Now in code: `$( … )`, `( … )` or `${ … }`.
    if (c === '"') { stack.push('"'); i++; continue; }
    if (c === "'") {
      const below = stack.length > 1 ? stack[stack.length - 2] : inDq ? '"' : '';
      if (top === ')' || below !== '"') {
        const q = s.indexOf("'", i + 1);
        if (q < 0) return -1;
        i = q + 1;
        continue;
      }
    }
    // Bare parentheses nest inside $( … ), e.g. $((1+2)) or $(f() (x)).
    if (c === '(' && top === ')') { stack.push(')'); i++; continue; }
    i++;
  }
  return -1;
}

interface PendingHeredoc { redirect: ShellRedirect; delimiter: string; stripTabs: boolean }

export class Lexer {
  private i = 0;
  private readonly n: number;
  /** here-docs whose bodies start after the next unquoted newline */
  private pending: PendingHeredoc[] = [];
  /** a failed `((` arithmetic probe already scanned up to here; do not probe inside again */
  private noArithBefore = 0;
  readonly errors: ShellError[] = [];

  constructor(private readonly s: string) {
    this.n = s.length;
  }

  error(message: string, offset: number): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ message, offset });
    else if (this.errors.length === MAX_ERRORS) this.errors.push({ message: 'too many problems; the rest are not reported', offset });
  }

  /**
   * The next token. In `cond` mode (inside `[[ … ]]`) the operators `&& || < > ( )` are plain
   * words, since there they are comparisons, not command separators or redirections.
   */
  next(cond: boolean): Token {
    const s = this.s;
    const n = this.n;
    for (;;) {
      let i = this.i;
      // Blanks and leftover backslash-newline continuations separate tokens.
      while (i < n) {
        const c = s[i];
        if (c === ' ' || c === '\t' || c === '\r') i++;
        else if (c === '\\' && s[i + 1] === '\n') i += 2;
        else break;
      }
      this.i = i;
      if (i >= n) {
        for (const h of this.pending) this.error('here-document has no body', h.redirect.start);
        this.pending = [];
        return { kind: 'eof' };
      }
      const c = s[i];
      if (c === '#') {
        // A comment runs to the end of the line; the newline itself is still a separator.
        const nl = s.indexOf('\n', i);
        this.i = nl < 0 ? n : nl;
        continue;
      }
      if (c === '\n') {
        this.i = i + 1;
        this.readHeredocBodies();
        return { kind: 'op', op: '\n', start: i, end: i + 1 };
      }
      if (cond && '&|<>()'.includes(c)) {
        const len = (c === '&' || c === '|') && s[i + 1] === c ? 2 : 1;
        this.i = i + len;
        return { kind: 'word', word: { value: s.slice(i, i + len), start: i, end: i + len, quoted: false, hasExpansion: false } };
      }
      return this.readOperator(i) ?? this.readRedirect(i) ?? { kind: 'word', word: this.readWord() };
    }
  }

  private readOperator(i: number): Token | null {
    const s = this.s;
    const c = s[i];
    const d = s[i + 1];
    let op: string;
    if (c === '&') {
      if (d === '>') return null; // `&>` is a redirection
      op = d === '&' ? '&&' : '&';
    } else if (c === '|') {
      op = d === '|' ? '||' : d === '&' ? '|&' : '|';
    } else if (c === ';') {
      op = d === ';' ? (s[i + 2] === '&' ? ';;&' : ';;') : d === '&' ? ';&' : ';';
    } else if (c === ')') {
      op = ')';
    } else if (c === '(') {
      if (d === '(' && i >= this.noArithBefore) {
        const arith = this.readArithmetic(i);
        if (arith) return arith;
      }
      op = '(';
    } else {
      return null;
    }
    this.i = i + op.length;
    return { kind: 'op', op, start: i, end: i + op.length };
  }

  /** `(( … ))` is an arithmetic command (also the header of `for ((…;…;…))`): one word. */
  private readArithmetic(i: number): Token | null {
    const end = skipNested(this.s, i + 1, ')', false);
    if (end < 0 || this.s[end - 2] !== ')') {
      // Really `( (…) … )`. Remember how far we looked so `((((…` stays linear.
      this.noArithBefore = end < 0 ? this.n : end;
      return null;
    }
    const raw = this.s.slice(i, end);
    this.i = end;
    return { kind: 'word', word: { value: raw, start: i, end, quoted: false, hasExpansion: /[$`]/.test(raw) } };
  }

  private readRedirect(i: number): Token | null {
    const s = this.s;
    // `<(cmd)` and `>(cmd)` are process substitutions, i.e. words.
    if ((s[i] === '<' || s[i] === '>') && s[i + 1] === '(') return null;
    REDIRECT.lastIndex = i;
    const m = REDIRECT.exec(s);
    if (!m) return null;
    let op = m[0];
    let j = i + op.length;
    const redirect: ShellRedirect = { op, start: i, end: j };
    if (op.endsWith('>&') || op.endsWith('<&')) {
      // `2>&1`, `>&2`, `3<&-`: the fd is part of the operator, there is no file.
      DUP_TARGET.lastIndex = j;
      const dup = DUP_TARGET.exec(s);
      if (dup) {
        op += dup[0];
        j += dup[0].length;
        redirect.op = op;
        redirect.end = j;
        this.i = j;
        return { kind: 'redirect', redirect };
      }
    }
    while (j < this.n && (s[j] === ' ' || s[j] === '\t' || s[j] === '\r')) j++;
    this.i = j;
    const c = s[j];
    const startsWord = j < this.n && c !== '#' &&
      (!isMeta(c) || ((c === '<' || c === '>') && s[j + 1] === '('));
    if (!startsWord) {
      this.error(`missing file name after '${op}'`, i);
      return { kind: 'redirect', redirect };
    }
    const target = this.readWord();
    redirect.target = target;
    redirect.end = target.end;
    const bare = op.replace(/^(?:\d+|\{\w+\})/, '');
    if (bare === '<<' || bare === '<<-') {
      this.pending.push({ redirect, delimiter: target.value, stripTabs: bare === '<<-' });
    }
    return { kind: 'redirect', redirect };
  }

  /** Called just after an unquoted newline: the pending here-doc bodies come first, in order. */
  private readHeredocBodies(): void {
    const s = this.s;
    for (const h of this.pending) {
      const bodyStart = this.i;
      let i = bodyStart;
      let found = false;
      while (i < this.n) {
        const nl = s.indexOf('\n', i);
        const lineEnd = nl < 0 ? this.n : nl;
        let line = s.slice(i, lineEnd);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line.endsWith('\r')) line = line.slice(0, -1);
        const next = nl < 0 ? this.n : nl + 1;
        if (line === h.delimiter) {
          h.redirect.heredoc = { start: bodyStart, end: i };
          found = true;
          i = next;
          break;
        }
        i = next;
      }
      if (!found) {
        h.redirect.heredoc = { start: bodyStart, end: this.n };
        this.error('here-document is not closed by its delimiter line', h.redirect.start);
      }
      this.i = i;
    }
    this.pending = [];
  }

  /** Reads one word at this.i (which is not a blank or an operator) and advances past it. */
  private readWord(): ShellWord {
    const s = this.s;
    const n = this.n;
    const start = this.i;
    let i = start;
    let value = '';
    let quoted = false;
    let hasExpansion = false;

    // Process substitution `<(…)`/`>(…)` opens a word (the lexer only gets here for those).
    if ((s[i] === '<' || s[i] === '>') && s[i + 1] === '(') {
      const end = this.nested(i, i + 2, ')', false, 'process substitution');
      value = s.slice(i, end);
      hasExpansion = true;
      i = end;
    }

    while (i < n) {
      const c = s[i];
      if (!isSpecial(c)) {
        // Copy a run of ordinary characters in one slice.
        let j = i + 1;
        while (j < n && !isSpecial(s[j])) j++;
        value += s.slice(i, j);
        i = j;
        continue;
      }
      if (isMeta(c)) {
        // Bash array assignment `a=(x y)`: the parenthesised list belongs to the word.
        if (c === '(' && !quoted && ARRAY_ASSIGNMENT.test(value)) {
          const end = this.nested(i, i + 1, ')', false, 'array assignment');
          value += s.slice(i, end);
          i = end;
          continue;
        }
        break;
      }
      if (c === '\\') {
        quoted = true;
        if (s[i + 1] === '\n') i += 2; // line continuation: removed entirely
        else if (i + 1 < n) { value += s[i + 1]; i += 2; }
        else { value += c; i++; } // a trailing backslash stays literal
      } else if (c === "'") {
        quoted = true;
        const q = s.indexOf("'", i + 1);
        if (q < 0) {
          this.error('unterminated single quote', i);
          value += s.slice(i + 1);
          i = n;
        } else {
          value += s.slice(i + 1, q);
          i = q + 1;
        }
      } else if (c === '"') {
        quoted = true;
        const r = this.readDoubleQuoted(i);
        value += r.value;
        hasExpansion ||= r.hasExpansion;
        i = r.end;
      } else if (c === '$' && s[i + 1] === "'") {
        quoted = true;
        const r = this.readAnsiC(i);
        value += r.value;
        i = r.end;
      } else if (c === '$' && s[i + 1] === '"') {
        i++; // `$"…"` (locale translation) reads like "…"
      } else {
        // `$` or a backquote: keep any expansion literally.
        const end = this.expansionEnd(i, false);
        if (end < 0) { value += c; i++; }
        else { value += s.slice(i, end); hasExpansion = true; i = end; }
      }
    }
    if (i === start) i = Math.min(n, start + 1); // cannot happen, but never stall
    this.i = i;
    return { value, start, end: i, quoted, hasExpansion };
  }

  /** `"…"` starting at i: backslash only escapes $ ` " \ and newline there. */
  private readDoubleQuoted(i: number): { value: string; end: number; hasExpansion: boolean } {
    const s = this.s;
    const n = this.n;
    let value = '';
    let hasExpansion = false;
    let j = i + 1;
    while (j < n) {
      const d = s[j];
      if (d === '"') return { value, end: j + 1, hasExpansion };
      if (d === '\\') {
        const e = s[j + 1];
        if (e === '\n') { j += 2; continue; }
        if (e === '$' || e === '`' || e === '"' || e === '\\') { value += e; j += 2; continue; }
        value += d;
        j++;
        continue;
      }
      if (d === '$' || d === '`') {
        const end = this.expansionEnd(j, true);
        if (end < 0) { value += d; j++; }
        else { value += s.slice(j, end); hasExpansion = true; j = end; }
        continue;
      }
      let k = j + 1;
      while (k < n && s[k] !== '"' && s[k] !== '\\' && s[k] !== '$' && s[k] !== '`') k++;
      value += s.slice(j, k);
      j = k;
    }
    this.error('unterminated double quote', i);
    return { value, end: n, hasExpansion };
  }

  /** `$'…'` starting at i (the `$`): C-style escapes are decoded. */
  private readAnsiC(i: number): { value: string; end: number } {
    const s = this.s;
    const n = this.n;
    let value = '';
    let j = i + 2;
    while (j < n && s[j] !== "'") {
      if (s[j] !== '\\' || j + 1 >= n) { value += s[j]; j++; continue; }
      const e = s[j + 1];
      const hex = e === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(s.slice(j + 2, j + 4)) : null;
      if (hex) {
        value += String.fromCharCode(parseInt(hex[0], 16));
        j += 2 + hex[0].length;
      } else {
        value += ANSI_ESCAPES[e] ?? '\\' + e;
        j += 2;
      }
    }
    if (j >= n) {
      this.error("unterminated $'…' quote", i);
      return { value, end: n };
    }
    return { value, end: j + 1 };
  }

  /** End offset of the expansion starting at `$` or a backquote at i, or -1 if a plain `$`. */
  private expansionEnd(i: number, inDq: boolean): number {
    const s = this.s;
    if (s[i] === '`') return this.nested(i, i + 1, '`', inDq, 'backquote substitution');
    const d = s[i + 1];
    if (d === '(') return this.nested(i, i + 2, ')', inDq, '$(…)');
    if (d === '{') return this.nested(i, i + 2, '}', inDq, '${…}');
    if (d === undefined) return -1;
    if (NAME_START.test(d)) {
      let k = i + 2;
      while (k < this.n && NAME_CHAR.test(s[k])) k++;
      return k;
    }
    return SPECIAL_PARAM.test(d) ? i + 2 : -1;
  }

  private nested(open: number, from: number, closer: string, inDq: boolean, what: string): number {
    const end = skipNested(this.s, from, closer, inDq);
    if (end >= 0) return end;
    this.error(`unterminated ${what}`, open);
    return this.n;
  }
}
