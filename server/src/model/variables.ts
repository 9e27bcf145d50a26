/**
 * Substitution of Dockerfile variables in a single word (an image reference,
 * an ARG default). Handles $NAME, ${NAME}, ${NAME:-word}, ${NAME-word},
 * ${NAME:+word} and ${NAME+word}, the forms the builder supports in FROM.
 */
export interface Substitution {
  /** null when a referenced variable has no value and no default. */
  value: string | null;
  names: string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** ARGs the builder sets for every build from the platforms: their values are not in the file. */
export const PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
]);

/** A variable that has a value at build time which the file does not tell (TARGETARCH, or one made from it). */
export const UNKNOWN = Symbol('unknown at build time');

/** A variable's value: text, null when declared without one, undefined when not declared, or UNKNOWN. */
export type VariableValue = string | null | undefined | typeof UNKNOWN;

export function substitute(word: string, lookup: (name: string) => VariableValue, escapeChar = '\\'): Substitution {
  const names: string[] = [];
  let out = '';
  let unresolved = false;
  let i = 0;
  while (i < word.length) {
    const c = word[i];
    if (c === escapeChar && word[i + 1] === '$') { out += '$'; i += 2; continue; }
    if (c !== '$') { out += c; i++; continue; }
    if (word[i + 1] === '{') {
      const close = word.indexOf('}', i + 2);
      if (close < 0) { out += word.slice(i); break; }
      const body = word.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-+])?(.*)$/s.exec(body);
      if (!m) { out += word.slice(i, close + 1); i = close + 1; continue; }
      const [, name, op, rest] = m;
      names.push(name);
      const value = lookup(name);
      // `${v/a/b}`, `${v#p}`, `${v%p}`, `${v:?msg}` and nested words are not worked out here; neither is a value
      // known only at build time, with or without a default: the word's value stays unknown.
      if ((!op && rest !== '') || rest.includes('$') || value === UNKNOWN) { unresolved = true; i = close + 1; continue; }
      const isSet = value !== undefined && value !== null;
      const nonEmpty = isSet && value !== '';
      const alternative = unquoted(rest);
      if (op === ':-') out += nonEmpty ? value : alternative;
      else if (op === '-') out += isSet ? value : alternative;
      else if (op === ':+') out += nonEmpty ? alternative : '';
      else if (op === '+') out += isSet ? alternative : '';
      else if (isSet) out += value;
      else unresolved = true;
      i = close + 1;
      continue;
    }
    if (NAME_START.test(word[i + 1] ?? '')) {
      let j = i + 1;
      while (j < word.length && NAME_CHAR.test(word[j])) j++;
      const name = word.slice(i + 1, j);
      names.push(name);
      const value = lookup(name);
      if (value === undefined || value === null || value === UNKNOWN) unresolved = true; else out += value;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return { value: unresolved ? null : out, names };
}

/** The builder removes quotes from a modifier's word: `${S:-"supported"}` gives `supported`. */
function unquoted(word: string): string {
  const q = word[0];
  return (q === '"' || q === "'") && word.length >= 2 && word[word.length - 1] === q ? word.slice(1, -1) : word;
}

/** Splits `registry/name:tag@digest` into its parts (no validation). */
export function splitImageReference(ref: string): { name: string; tag: string | null; digest: string | null } {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: null, digest };
}
