import type { Range } from '../../core/types';
import { documentOffset } from '../../model/script';
import type { DockerfileModel, InstructionInfo, LogicalScript } from '../../model/types';

/**
 * An instruction's arguments as the builder reads them: the words, their
 * positions, quoting, JSON form, and near-miss suggestions. Shared by the rules
 * that look at instructions other than RUN's shell text.
 */

/** The instructions BuildKit knows, upper-case. */
export const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** A word of an instruction's arguments: `raw` as written (quotes kept), offsets into the logical text. */
export interface ArgWord { raw: string; start: number; end: number }

/**
 * The arguments after the flags, with escaped line breaks, and comment or
 * blank lines inside the continuation, removed (what the builder parses).
 * For heredoc instructions only the first line: the body is not arguments.
 */
export function argumentText(_model: DockerfileModel, ins: InstructionInfo): LogicalScript | null {
  return ins.argText;
}

/** Splits on blanks like the builder does for FROM, EXPOSE, and the plain forms of COPY, ADD, VOLUME. */
export function splitBlank(text: string): ArgWord[] {
  const words: ArgWord[] = [];
  const re = /[^\t\v\f\r\n ]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push({ raw: m[0], start: m.index, end: m.index + m[0].length });
  return words;
}

/** `splitQuoted` of an argument text, worked out once per instruction text (do not mutate). */
export function quotedWords(model: DockerfileModel, script: LogicalScript): readonly ArgWord[] {
  return script.memo(`quoted:${model.escapeChar}`, (text) => splitQuoted(text, model.escapeChar));
}

/** Splits like the builder does for ENV, LABEL and ARG: quotes group blanks; the escape character escapes. */
export function splitQuoted(text: string, escapeChar: string): ArgWord[] {
  const words: ArgWord[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    let quote = '';
    while (i < text.length) {
      const c = text[i];
      if (quote) {
        if (c === escapeChar && quote !== "'" && i + 1 < text.length) { i += 2; continue; }
        if (c === quote) quote = '';
        i++;
        continue;
      }
      if (/\s/.test(c)) break;
      if (c === escapeChar && i + 1 < text.length) { i += 2; continue; }
      if (c === '"' || c === "'") quote = c;
      i++;
    }
    words.push({ raw: text.slice(start, i), start, end: i });
  }
  return words;
}

/** Removes quotes and escapes from a word, the way the builder's word processing does. */
export function unquote(raw: string, escapeChar: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote === "'") { if (c === "'") quote = ''; else out += c; continue; }
    if (c === escapeChar && i + 1 < raw.length) { out += raw[++i]; continue; }
    if (quote === '"') { if (c === '"') quote = ''; else out += c; continue; }
    if (c === '"' || c === "'") { quote = c; continue; }
    out += c;
  }
  return out;
}

/** Document range of logical offsets [start, end) of an argument text. */
export function wordRange(model: DockerfileModel, script: LogicalScript, start: number, end: number): Range {
  const from = documentOffset(model.lines, script, start);
  const to = end > start ? documentOffset(model.lines, script, end - 1) + 1 : from;
  return { start: model.lines.positionAt(from), end: model.lines.positionAt(to) };
}

/** A JSON array of strings, or null when the text is not one (then the builder uses the shell form). */
export function jsonArray(text: string): unknown[] | null {
  const t = text.trim();
  if (!t.startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * The paths a VOLUME names, as the builder reads them: a JSON array of
 * strings, or blank-separated words with quotes and escapes removed.
 */
export function volumeArguments(model: DockerfileModel, ins: InstructionInfo): string[] {
  const script = argumentText(model, ins);
  if (!script) return [];
  const arr = jsonArray(script.text);
  const raw = arr ? arr.filter((v): v is string => typeof v === 'string') : splitBlank(script.text).map((w) => unquote(w.raw, model.escapeChar));
  return raw.map((p) => p.trim()).filter(Boolean);
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment), capped: `max + 1` once exceeded. */
function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate within `max` edits, or null (ties: the first). */
export function closest(word: string, candidates: Iterable<string>, max: number): string | null {
  let best: string | null = null;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = editDistance(word, c, max);
    if (d < bestD) { best = c; bestD = d; }
  }
  return bestD <= max ? best : null;
}
