import type { LogicalScript } from './types';
import { tokenizeShell, type ShellScript } from '../shell/tokenize';

/**
 * Rebuilds the shell text the builder hands to `/bin/sh -c` from an
 * instruction's arguments: escaped line breaks are removed, and comment or
 * blank lines inside the continuation are dropped, as the builder does.
 * Each character keeps its document offset so rules can build exact edits.
 */
export function logicalScript(doc: string, start: number, end: number, escapeChar: string): LogicalScript {
  let text = '';
  const offsets: number[] = [];
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
      let keepEnd = line.length;
      const body = line.replace(/[ \t]+$/, '');
      const continued = body.endsWith(escapeChar) && lineEnd < end;
      if (continued) keepEnd = body.length - escapeChar.length;
      for (let i = 0; i < keepEnd; i++) { text += line[i]; offsets.push(pos + i); }
      if (!continued && lineEnd < end) { text += '\n'; offsets.push(lineEnd); }
    }
    first = false;
    pos = lineEnd + 1;
  }
  let parsed: ShellScript | undefined;
  return { text, offsets, shell: () => (parsed ??= tokenizeShell(text)) };
}

/** Document offset of a script offset; `end` offsets map just past the last character. */
export function documentOffset(script: LogicalScript, offset: number): number {
  if (offset <= 0) return script.offsets[0] ?? 0;
  if (offset >= script.offsets.length) return (script.offsets[script.offsets.length - 1] ?? -1) + 1;
  return script.offsets[offset];
}
