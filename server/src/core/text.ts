import type { Position, Range, TextEdit } from './types';

/** Converts between string offsets and LSP positions in O(log lines). */
export class LineIndex {
  /**
   * A typed array: a big file's index is rebuilt on every edit, and a plain
   * array of 20,000 numbers lands in V8's large-object space, which only a
   * full collection frees; the typed array's memory goes with its wrapper.
   */
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  get lineCount(): number { return this.starts.length; }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  lineStart(line: number): number { return this.starts[line]; }

  slice(range: Range): string { return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)); }
}

/** The line break the file mostly uses, so inserted lines match it. */
export function detectEol(text: string): '\r\n' | '\n' {
  if (text.indexOf('\r\n') < 0) return '\n';
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++; else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/**
 * Applies non-overlapping edits (all relative to the same original text).
 * Throws on overlap: callers must choose which of two clashing fixes to apply.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    if (s.start < cursor) throw new Error('overlapping edits');
    out += text.slice(cursor, s.start) + s.text;
    cursor = s.end;
  }
  return out + text.slice(cursor);
}

/** Offsets where lines start: after `\n`, and after a `\r` not followed by `\n`. */
export function lineStarts(text: string): Int32Array {
  if (text.indexOf('\r') < 0) return newlineStarts(text);
  const found = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) found.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) found.push(i + 1);
  }
  return Int32Array.from(found);
}

/** Offsets where lines start when only `\n` ends a line; found with indexOf, ten times quicker than visiting every character of a big file. */
function newlineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  for (let i = text.indexOf('\n'), k = 1; i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/**
 * A copy of `s` that does not keep alive the string it was sliced from. V8
 * keeps a slice of 13 or more characters as a view into its parent, so a
 * cached stage sliced from one version of a document (and every name or
 * comment taken from it) held that whole version: editing stage after stage
 * kept a full copy of the file per edit. Flattening a concatenation makes a
 * fresh string; the slice then points into that.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/**
 * The text with every lone `\r` turned into `\n`: same length, same line
 * starts (a lone `\r` already ends a line here), so every offset and position
 * is unchanged. Parsers that only know `\n` and `\r\n` get one line model.
 */
export function loneCrAsLf(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r(?!\n)/g, '\n');
}

/** Offsets of the lone `\r`s in the text (not those of a `\r\n`). */
export function loneCrOffsets(text: string, limit = Infinity): number[] {
  const found: number[] = [];
  for (let i = text.indexOf('\r'); i >= 0 && found.length < limit; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) found.push(i);
  }
  return found;
}
