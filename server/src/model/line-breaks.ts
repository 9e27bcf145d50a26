import { loneCrOffsets, type LineIndex } from '../core/text';
import type { ModelProblem } from './types';

/** Enough to show the problem; a file made of lone `\r`s should not get a finding per line. */
const MAX_REPORTED = 20;

/**
 * A lone `\r` (old Mac line ending, or a stray one pasted in) ends a line in
 * the editor and in this model, but the builder (BuildKit) splits lines only
 * at `\n`: it reads the two lines as one, so `# note\rRUN x` is a comment to
 * it. The analysis follows the editor rather than guess which was meant, and
 * says so where it happens.
 */
export function lineBreakProblems(text: string, lines: LineIndex): ModelProblem[] {
  const found: ModelProblem[] = [];
  for (const offset of loneCrOffsets(text, MAX_REPORTED)) {
    const at = lines.positionAt(offset);
    const next = at.line + 1;
    const line = next + 1;
    found.push({
      rule: 'syntax',
      severity: 'warning',
      aliases: [],
      range: { start: at, end: { line: next, character: lines.lineEnd(next) - lines.lineStart(next) } },
      message: {
        en: `Line ${at.line + 1} ends with a lone carriage return (CR, \`\\r\`): editors show a line break, but the builder breaks lines only at LF and reads lines ${at.line + 1} and ${line} as one. This analysis follows the editor; save the file with LF (or CRLF) line endings so both agree.`,
        ru: `Строка ${at.line + 1} заканчивается одиночным возвратом каретки (CR, \`\\r\`): редактор показывает перевод строки, но сборщик разбивает строки только по LF и читает строки ${at.line + 1} и ${line} как одну. Анализ следует редактору; сохраните файл с окончаниями строк LF (или CRLF), чтобы они совпали.`,
      },
      fixes: [],
    });
  }
  return found;
}
