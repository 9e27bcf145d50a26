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
  const lines = text.split('\n');
  const escapeChar = leadingEscapeChar(lines);
  const starts: number[] = [0];
  let continued = false;
  let pendingDelimiters: string[] = [];
  let openDelimiters: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
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
    const to = k + 1 < starts.length ? starts[k + 1] : lines.length;
    const body = lines.slice(from, to).join('\n') + (to < lines.length ? '\n' : '');
    if (body !== '' || k === 0) chunks.push({ startLine: from, text: body });
  }
  return { escapeChar, chunks };
}

/** The escape character as dockerfile-ast reads it from the directives at the top. */
function leadingEscapeChar(lines: string[]): string {
  let end = 0;
  while (end < lines.length && (lines[end].trim() === '' || lines[end].trim().startsWith('#'))) end++;
  return DockerfileParser.parse(lines.slice(0, end).join('\n')).getEscapeCharacter();
}
