import type { LogicalScript } from './types';
import type { Position } from '../core/types';
import { LineIndex } from '../core/text';
import { tokenizeShell, type ShellScript } from '../shell/tokenize';

/** A run of script characters copied from one place in the document. */
interface Segment { scriptStart: number; docStart: number; length: number }

/**
 * The position-independent part of a script: reusable while its chunk's text
 * is unchanged. Classes rather than object literals with closures: big files
 * keep thousands of these, and a literal with a getter and three closures
 * cost ~700 bytes each.
 */
export class ScriptCore {
  private parsed: ShellScript | undefined;
  private derived: Map<string, unknown> | undefined;

  constructor(readonly text: string, readonly segments: Segment[]) {}

  shell(): ShellScript {
    return (this.parsed ??= tokenizeShell(this.text));
  }

  memo<T>(key: string, compute: (text: string) => T): T {
    const derived = (this.derived ??= new Map());
    if (!derived.has(key)) derived.set(key, compute(this.text));
    return derived.get(key) as T;
  }
}

/**
 * Rebuilds the shell text the builder hands to `/bin/sh -c` from an
 * instruction's arguments: escaped line breaks are removed, and comment or
 * blank lines inside the continuation are dropped, as the builder does.
 * Segments remember where each piece came from so rules can build exact edits.
 */
export function scriptCore(source: string, start: number, end: number, escapeChar: string): ScriptCore {
  const { text, segments } = build(source, start, end, escapeChar);
  return new ScriptCore(text, segments);
}

/**
 * A script placed in the document: `core` offsets are relative to a chunk
 * (indexed by `chunkLines`) that starts on document line `startLine`. Nothing
 * is computed until a rule asks, since big files have thousands of RUNs.
 */
class ScriptView implements LogicalScript {
  private core: ScriptCore | undefined;

  constructor(private readonly load: () => ScriptCore, private readonly chunkLines: () => LineIndex, private readonly startLine: number) {}

  private get c(): ScriptCore {
    return (this.core ??= this.load());
  }

  get text(): string {
    return this.c.text;
  }

  docPosition(offset: number): Position {
    const p = this.chunkLines().positionAt(toDocument(this.c.segments, offset));
    return this.startLine === 0 ? p : { line: p.line + this.startLine, character: p.character };
  }

  shell(): ShellScript {
    return this.c.shell();
  }

  memo<T>(key: string, compute: (text: string) => T): T {
    return this.c.memo(key, compute);
  }
}

export function scriptView(core: () => ScriptCore, chunkLines: () => LineIndex, startLine: number): LogicalScript {
  return new ScriptView(core, chunkLines, startLine);
}

function build(doc: string, start: number, end: number, escapeChar: string): { text: string; segments: Segment[] } {
  let text = '';
  const segments: Segment[] = [];
  const copy = (from: number, length: number) => {
    if (length <= 0) return;
    segments.push({ scriptStart: text.length, docStart: from, length });
    text += doc.slice(from, from + length);
  };
  let pos = start;
  let first = true;
  while (pos < end) {
    let lineEnd = doc.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let contentEnd = lineEnd;
    if (contentEnd > pos && doc.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    const line = doc.slice(pos, contentEnd);
    const trimmed = line.trimStart();
    const skip = !first && (trimmed === '' || trimmed.startsWith('#'));
    if (!skip) {
      // Trailing blanks by hand: a /[ \t]+$/ regex backtracks badly on long lines full of spaces.
      let bodyEnd = line.length;
      while (bodyEnd > 0 && (line.charCodeAt(bodyEnd - 1) === 32 || line.charCodeAt(bodyEnd - 1) === 9)) bodyEnd--;
      const continued = line.slice(0, bodyEnd).endsWith(escapeChar) && lineEnd < end;
      copy(pos, continued ? bodyEnd - escapeChar.length : line.length);
      if (!continued && lineEnd < end) copy(lineEnd, 1);
    }
    first = false;
    pos = lineEnd + 1;
  }
  return { text, segments };
}

function toDocument(segments: Segment[], offset: number): number {
  if (segments.length === 0) return 0;
  let lo = 0, hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].scriptStart <= offset) lo = mid; else hi = mid - 1;
  }
  const s = segments[lo];
  return s.docStart + Math.max(0, offset - s.scriptStart);
}

/** Document offset (in the version indexed by `lines`) of the script character at `offset`; past the end: just after the last one. */
export function documentOffset(lines: LineIndex, script: LogicalScript, offset: number): number {
  const at = (o: number) => offsetOf(lines, script.docPosition(o));
  const length = script.text.length;
  if (length === 0) return at(0);
  return offset < length ? at(Math.max(0, offset)) : at(length - 1) + 1;
}

/**
 * Document offset for an end offset (one past a character): just after that
 * character, so an insertion lands before a removed line continuation, not after it.
 */
export function documentEndOffset(lines: LineIndex, script: LogicalScript, offset: number): number {
  return offset <= 0 ? offsetOf(lines, script.docPosition(0)) : offsetOf(lines, script.docPosition(offset - 1)) + 1;
}

/** Unclamped: a script's `\n` after a `\r` sits past the line's content, where `offsetAt` would stop. */
function offsetOf(lines: LineIndex, p: Position): number {
  return lines.lineStart(p.line) + p.character;
}
