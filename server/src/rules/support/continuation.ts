import type { RawFinding, Range } from '../../core/types';
import type { DockerfileModel, InstructionInfo } from '../../model/types';
import { escapedEscapeRun } from '../../model/shells';

/**
 * The syntax rule's checks of continued instructions: blank lines inside one,
 * and a line whose escaped final escape (`\\`) ended an instruction that the
 * next line was probably meant to continue.
 */

/** Blank lines inside a continued instruction (BuildKit: NoEmptyContinuation). Heredoc bodies are content, not continuation. */
export function checkEmptyContinuation(model: DockerfileModel, ins: InstructionInfo, findings: RawFinding[]): void {
  if (ins.heredoc || ins.range.end.line === ins.range.start.line) return;
  const end = ins.range.end.line;
  let lastContent = ins.range.start.line;
  for (let l = ins.range.start.line + 1; l <= end && l < model.lines.lineCount; l++) {
    if (model.lines.lineText(l).trim() !== '') lastContent = l;
  }
  const blank: number[] = [];
  for (let l = ins.range.start.line + 1; l < lastContent; l++) {
    if (model.lines.lineText(l).trim() === '') blank.push(l);
  }
  if (blank.length === 0) return;
  const lines = blank.map((l) => l + 1).join(', ');
  findings.push({
    severity: 'warning',
    aliases: ['NoEmptyContinuation'],
    range: { start: { line: blank[0], character: 0 }, end: { line: blank[0], character: model.lines.lineText(blank[0]).length } },
    message: {
      en: `Blank line${blank.length > 1 ? 's' : ''} ${lines} inside the ${ins.keyword} continued from line ${ins.range.start.line + 1}: the builder skips ${blank.length > 1 ? 'them' : 'it'} and warns that empty continuation lines will become errors. A blank line does not end an instruction; a line without \`${model.escapeChar}\` does.`,
      ru: `Пуст${blank.length > 1 ? 'ые строки' : 'ая строка'} ${lines} внутри ${ins.keyword}, продолжающейся со строки ${ins.range.start.line + 1}: сборщик ${blank.length > 1 ? 'их' : 'её'} пропускает и предупреждает, что пустые строки продолжения станут ошибкой. Пустая строка не завершает инструкцию — её завершает строка без \`${model.escapeChar}\`.`,
    },
    fixes: [{
      title: { en: `Remove the blank line${blank.length > 1 ? 's' : ''} inside the ${ins.keyword}`, ru: `Удалить пуст${blank.length > 1 ? 'ые строки' : 'ую строку'} внутри ${ins.keyword}` },
      edits: blank.map((l) => ({ range: deleteLines(model, l, l), newText: '' })),
      safe: true,
    }],
  });
}

/**
 * An unknown instruction right after a line that ends in an escaped escape
 * character (`\\`): the builder does not continue such a line, so the next one
 * is read as a new instruction and the build fails. Null when the line before
 * `ins` does not end that way (then it is an ordinary unknown instruction).
 * A known instruction after such a line is what the author meant (Windows
 * paths such as `C:\\dir\\`) and is not reported.
 */
export function escapedEscapeBefore(model: DockerfileModel, ins: InstructionInfo): RawFinding | null {
  const previous = model.instructions[ins.index - 1];
  if (!previous || previous.heredoc) return null;
  const l = previous.range.end.line;
  const esc = model.escapeChar;
  const text = model.lines.lineText(l);
  const run = esc.length === 1 ? escapedEscapeRun(text, 0, text.length, esc.charCodeAt(0)) : null;
  if (!run) return null;
  const next = ins.range.start.line;
  const nextWord = ins.keywordText;
  return {
    range: { start: { line: l, character: run.from }, end: { line: l, character: run.to } },
    message: {
      en: `Line ${l + 1} ends with an escaped \`${esc}\` (\`${esc}${esc}\`), which is not a line continuation: the builder ends the ${previous.keyword} here and reads line ${next + 1} as a new instruction \`${nextWord}\`, which is unknown, so the build fails. Write \`${esc}${esc} ${esc}\` to keep a literal \`${esc}\` and continue the line.`,
      ru: `Строка ${l + 1} заканчивается экранированным \`${esc}\` (\`${esc}${esc}\`), а это не продолжение строки: сборщик завершает ${previous.keyword} здесь и читает строку ${next + 1} как новую инструкцию \`${nextWord}\`, неизвестную, и сборка падает. Напишите \`${esc}${esc} ${esc}\`, чтобы оставить буквальный \`${esc}\` и продолжить строку.`,
    },
    fixes: [],
  };
}

/** The range that removes lines `first`…`last` whole, with their line break. */
function deleteLines(model: DockerfileModel, first: number, last: number): Range {
  const end = last + 1 < model.lines.lineCount
    ? { line: last + 1, character: 0 }
    : { line: last, character: model.lines.lineText(last).length };
  return { start: { line: first, character: 0 }, end };
}
