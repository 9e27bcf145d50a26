import type { LogicalScript } from './types';
import { tokenizeShell, type ShellScript } from '../shell/tokenize';

/** A run of script characters copied from one place in the document. */
interface Segment { scriptStart: number; docStart: number; length: number }

/**
 * Rebuilds the shell text the builder hands to `/bin/sh -c` from an
 * instruction's arguments: escaped line breaks are removed, and comment or
 * blank lines inside the continuation are dropped, as the builder does.
 * Segments remember where each piece came from so rules can build exact edits.
 * Nothing is computed until a rule asks, since big files have thousands of RUNs.
 */
export function logicalScript(doc: string, start: number, end: number, escapeChar: string): LogicalScript {
  let built: { text: string; segments: Segment[] } | undefined;
  let parsed: ShellScript | undefined;
  const get = () => (built ??= build(doc, start, end, escapeChar));
  return {
    get text() { return get().text; },
    docOffset: (offset) => toDocument(get().segments, offset),
    shell: () => (parsed ??= tokenizeShell(get().text)),
  };
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
      const body = line.replace(/[ \t]+$/, '');
      const continued = body.endsWith(escapeChar) && lineEnd < end;
      copy(pos, continued ? body.length - escapeChar.length : line.length);
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
