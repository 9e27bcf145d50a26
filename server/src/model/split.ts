import { DockerfileParser } from 'dockerfile-ast';

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
  // Line starts found with indexOf, lines taken as slices: a 20,000-line file
  // is split on every edit, and split('\n') + join copied all of it twice.
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineCount = lineStarts.length;
  const lineAt = (i: number) => text.slice(lineStarts[i], i + 1 < lineCount ? lineStarts[i + 1] - 1 : text.length);
  const escapeChar = leadingEscapeChar(lineAt, lineCount);
  const starts: number[] = [0];
  let continued = false;
  let pendingDelimiters: string[] = [];
  let openDelimiters: string[] = [];
  for (let i = 0; i < lineCount; i++) {
    let line = lineAt(i);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (openDelimiters.length) {
      if (openDelimiters.some((d) => line === d || line.replace(/^\t+/, '') === d)) openDelimiters = openDelimiters.filter((d) => line !== d && line.replace(/^\t+/, '') !== d);
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!continued && /^from(\s|$)/i.test(trimmed) && i > 0) starts.push(i);
    if (line.includes('<<')) for (const m of line.matchAll(/<<-?\s*["']?([^\s"'<>]+)/g)) pendingDelimiters.push(m[1]);
    continued = line.trimEnd().endsWith(escapeChar);
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
