import type { LogicalScript } from './types';
import { tokenizeShell, type ShellScript } from '../shell/tokenize';

/** A run of script characters copied from one place in the document. */
interface Segment { scriptStart: number; docStart: number; length: number }

/** The position-independent part of a script: reusable while its chunk's text is unchanged. */
export interface ScriptCore { text: string; segments: Segment[]; shell(): ShellScript; derived: Map<string, unknown> }

/**
 * Rebuilds the shell text the builder hands to `/bin/sh -c` from an
 * instruction's arguments: escaped line breaks are removed, and comment or
 * blank lines inside the continuation are dropped, as the builder does.
 * Segments remember where each piece came from so rules can build exact edits.
 */
export function scriptCore(source: string, start: number, end: number, escapeChar: string): ScriptCore {
  const { text, segments } = build(source, start, end, escapeChar);
  let parsed: ShellScript | undefined;
  return { text, segments, shell: () => (parsed ??= tokenizeShell(text)), derived: new Map() };
}

/**
 * A script placed in the document: `core` offsets are relative to a chunk
 * that starts at document offset `base`. Nothing is computed until a rule
 * asks, since big files have thousands of RUNs.
 */
export function scriptView(core: () => ScriptCore, base: number): LogicalScript {
  let c: ScriptCore | undefined;
  const get = () => (c ??= core());
  return {
    get text() { return get().text; },
    docOffset: (offset) => base + toDocument(get().segments, offset),
    shell: () => get().shell(),
    memo<T>(key: string, compute: (text: string) => T): T {
      const { derived, text } = get();
      if (!derived.has(key)) derived.set(key, compute(text));
      return derived.get(key) as T;
    },
  };
}

export function logicalScript(doc: string, start: number, end: number, escapeChar: string): LogicalScript {
  return scriptView(() => scriptCore(doc, start, end, escapeChar), 0);
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

/** Document offset of the script character at `offset` (past the end: just after the last one). */
export function documentOffset(script: LogicalScript, offset: number): number {
  const length = script.text.length;
  if (length === 0) return script.docOffset(0);
  return offset < length ? script.docOffset(Math.max(0, offset)) : script.docOffset(length - 1) + 1;
}

/**
 * Document offset for an end offset (one past a character): just after that
 * character, so an insertion lands before a removed line continuation, not after it.
 */
export function documentEndOffset(script: LogicalScript, offset: number): number {
  return offset <= 0 ? script.docOffset(0) : script.docOffset(offset - 1) + 1;
}
