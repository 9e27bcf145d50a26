import type { Fix, Position, Range, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { argumentText, quotedWords } from './support/args';

/**
 * `ENV key value` / `LABEL key value`: the legacy form, which BuildKit warns
 * about (LegacyKeyValueFormat). Its pitfall: everything after the key is one
 * value, so `ENV A B C` sets A to "B C" rather than two variables, and a
 * second pair cannot be added on the same line. The fix writes `key=value`
 * with the same value: as is when it is one word, in double quotes when it
 * has blanks (double quotes keep `$` expansion as it was); no fix when the
 * value already has quotes or escapes, whose meaning would change.
 */
export const legacyKeyValue: Rule = {
  id: 'legacy-key-value',
  aliases: ['LegacyKeyValueFormat'],
  // The severity policy: no cost at run time (the builder already warns at build time), so a lesson, not a squiggle.
  severity: 'hint',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'Legacy `ENV key value` form: write `ENV key=value` (BuildKit warns; `ENV A B C` sets A to "B C").',
    ru: 'Устаревшая форма `ENV key value`: пишите `ENV key=value` (BuildKit предупреждает; `ENV A B C` задаёт A = "B C").',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'LABEL') continue;
      const script = argumentText(model, ins);
      if (!script) continue;
      const words = quotedWords(model, script);
      // One word is a syntax error (no value), reported by the syntax rule.
      if (words.length < 2 || words[0].raw.includes('=')) continue;
      const key = words[0].raw;
      const value = script.text.slice(words[1].start).trimEnd();
      const kw = ins.keyword;
      findings.push({
        range: keyRange(script.docPosition(words[0].start), key),
        message: {
          en: `\`${kw} ${key} ${value}\` uses the legacy \`${kw} key value\` form: everything after the key is one value${words.length > 2 ? ` (here \`${key}\` gets \`${value}\`, not ${words.length - 1} separate settings)` : ''}. Write \`${kw} ${key}=…\`; BuildKit warns about the legacy form (LegacyKeyValueFormat), and the Dockerfile reference calls it deprecated. This is not from the lecture.`,
          ru: `\`${kw} ${key} ${value}\` использует устаревшую форму \`${kw} ключ значение\`: всё после ключа — одно значение${words.length > 2 ? ` (здесь \`${key}\` получает \`${value}\`, а не ${words.length - 1} отдельных настроек)` : ''}. Пишите \`${kw} ${key}=…\`; BuildKit предупреждает об устаревшей форме (LegacyKeyValueFormat), справочник Dockerfile считает её устаревшей. Этого нет в лекции.`,
        },
        fixes: keyValueFix(model, ins, script.docPosition(words[0].start), key, value, words.slice(1).map((w) => w.raw)),
      });
    }
    return findings;
  },
};

/** The key is one word on one line. */
function keyRange(start: Position, key: string): Range {
  return { start, end: { line: start.line, character: start.character + key.length } };
}

function keyValueFix(model: DockerfileModel, ins: InstructionInfo, start: Position, key: string, value: string, valueWords: string[]): Fix[] {
  if (ins.heredoc || ins.range.start.line !== ins.range.end.line) return [];
  // A `#` word is an inline comment mistake (inline-comment): quoting it would keep it in the value for good.
  if (valueWords.some((w) => w.startsWith('#'))) return [];
  let written: string;
  if (valueWords.length === 1) written = value;
  else if (!/["'`\\]/.test(value) && !value.includes(model.escapeChar)) written = `"${value}"`;
  else return [];
  const line = model.lines.lineText(start.line);
  const at = line.indexOf(value, start.character + key.length);
  if (at < 0) return [];
  return [{
    title: { en: `Write \`${ins.keyword} ${key}=${written}\``, ru: `Записать как \`${ins.keyword} ${key}=${written}\`` },
    edits: [{ range: { start, end: { line: start.line, character: at + value.length } }, newText: `${key}=${written}` }],
    safe: true,
  }];
}
