import { DockerfileParser } from 'dockerfile-ast';
import { lineStarts as findLineStarts } from '../core/text';
import { escapedEscapeRun } from './shells';

export interface Chunk { startLine: number; text: string }

/**
 * Splits a Dockerfile at its FROM lines so each stage can be parsed (and
 * cached) on its own: dockerfile-ast's parse grows faster than the text, and
 * an edit usually touches one stage. The scan errs on the side of NOT
 * splitting: a continuation, a comment inside one, or anything that might
 * open a heredoc keeps the following lines in the same chunk, because a
 * missed split only costs time while a wrong one would change the parse.
 */
export function splitAtStages(text: string): { escapeChar: string; chunks: Chunk[] } {
  // Line starts found once, lines taken as slices: a 20,000-line file is
  // split on every edit, and split('\n') + join copied all of it twice.
  // Lines are the LineIndex's (a lone `\r` ends one too), so chunk start lines
  // agree with every position the model and the editor use.
  const lineStarts = findLineStarts(text);
  const lineCount = lineStarts.length;
  const lineEnd = (i: number) => contentEnd(text, lineStarts, i);
  const lineAt = (i: number) => text.slice(lineStarts[i], lineEnd(i));
  const escapeChar = leadingEscapeChar(lineAt, lineCount);
  const starts: number[] = [0];
  const escapeCode = escapeChar.charCodeAt(0);
  let continued = false;
  let pendingDelimiters: string[] = [];
  let openDelimiters: string[] = [];
  let nextHeredoc = text.indexOf('<<');
  // Character codes, not trimmed copies of every line: this runs on every edit of a big file.
  for (let i = 0; i < lineCount; i++) {
    const start = lineStarts[i];
    const end = lineEnd(i);
    if (openDelimiters.length) {
      const line = text.slice(start, end);
      const untabbed = line.replace(/^\t+/, '');
      if (openDelimiters.some((d) => line === d || untabbed === d)) openDelimiters = openDelimiters.filter((d) => line !== d && untabbed !== d);
      continue;
    }
    let first = start;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    let last = end;
    while (last > first && isBlank(text.charCodeAt(last - 1))) last--;
    if (first === last || text.charCodeAt(first) === 35 /* # */) continue;
    if (!continued && i > 0 && startsWithFrom(text, first, last)) starts.push(i);
    // The next `<<` at or after this line, found once per occurrence rather than once per line.
    if (nextHeredoc >= 0 && nextHeredoc < start) nextHeredoc = text.indexOf('<<', start);
    if (nextHeredoc >= 0 && nextHeredoc < end) for (const m of text.slice(start, end).matchAll(/<<-?\s*["']?([^\s"'<>]+)/g)) pendingDelimiters.push(m[1]);
    // Like the builder: a final escape that is itself escaped (`\\`) does not continue the line.
    continued = escapeChar.length === 1 && text.charCodeAt(last - 1) === escapeCode && escapedEscapeRun(text, first, last, escapeCode) === null;
    if (!continued && pendingDelimiters.length) { openDelimiters = pendingDelimiters; pendingDelimiters = []; }
  }
  const chunks: Chunk[] = [];
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k];
    const to = k + 1 < starts.length ? starts[k + 1] : lineCount;
    const body = text.slice(lineStarts[from], to < lineCount ? lineStarts[to] : text.length);
    if (body !== '' || k === 0) chunks.push({ startLine: from, text: body });
  }
  return { escapeChar, chunks };
}

/** Offset of the end of line i's content: before its `\n`, `\r\n` or lone `\r`. */
function contentEnd(text: string, starts: Int32Array, i: number): number {
  if (i + 1 >= starts.length) return text.length;
  const end = starts[i + 1] - 1;
  return text.charCodeAt(end) === 10 && end > starts[i] && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** The escape character as dockerfile-ast reads it from the directives at the top. */
function leadingEscapeChar(lineAt: (i: number) => string, lineCount: number): string {
  const head: string[] = [];
  for (let i = 0; i < lineCount; i++) {
    const line = lineAt(i);
    if (line.trim() !== '' && !line.trim().startsWith('#')) break;
    head.push(line);
  }
  return DockerfileParser.parse(head.join('\n')).getEscapeCharacter();
}

/** Spaces, tabs and the other characters String.prototype.trim removes that can occur inside a line. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 0xa0 || c === 0xfeff || c === 0x1680
    || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Whether the trimmed line [first, last) is `FROM` alone or followed by a blank (any case). */
function startsWithFrom(text: string, first: number, last: number): boolean {
  if (last - first < 4) return false;
  // `| 32` lower-cases an ASCII letter (and no other character maps onto f, r, o or m).
  const lower = (k: number) => text.charCodeAt(first + k) | 32;
  if (lower(0) !== 102 || lower(1) !== 114 || lower(2) !== 111 || lower(3) !== 109) return false;
  return last - first === 4 || /\s/.test(text[first + 4]);
}
