import type { DockerfileModel, InstructionInfo } from '../../model/types';
import { argumentText, splitQuoted, unquote } from './args';

/** A declared name and its literal value, by offsets into the argument text (so it can be cached with the text). */
export interface DeclaredName { name: string; value: string | null; start: number; end: number }

/** Names (and literal values) declared by an ARG or ENV, in both the `k=v` and the legacy `ENV k v` forms, worked out once per instruction text. */
export function declaredNames(model: DockerfileModel, ins: InstructionInfo): readonly DeclaredName[] {
  const script = argumentText(model, ins);
  if (!script) return [];
  const legacyEnv = ins.keyword === 'ENV';
  return script.memo(`declarations:${legacyEnv}:${model.escapeChar}`, (text) => parseDeclarations(text, legacyEnv, model.escapeChar));
}

function parseDeclarations(text: string, legacyEnv: boolean, escapeChar: string): DeclaredName[] {
  const words = splitQuoted(text, escapeChar);
  if (words.length === 0) return [];
  if (legacyEnv && !words[0].raw.includes('=')) {
    const w = words[0];
    return [{ name: w.raw, value: unquote(text.slice(w.end).trim(), escapeChar), start: w.start, end: w.end }];
  }
  const out: DeclaredName[] = [];
  for (const w of words) {
    const eq = w.raw.indexOf('=');
    const name = eq < 0 ? w.raw : w.raw.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) continue;
    out.push({ name, value: eq < 0 ? null : unquote(w.raw.slice(eq + 1), escapeChar), start: w.start, end: w.start + name.length });
  }
  return out;
}
