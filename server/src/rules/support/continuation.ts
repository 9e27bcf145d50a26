import type { RawFinding, Range } from '../../core/types';
import type { DockerfileModel, InstructionInfo } from '../../model/types';
import { KNOWN_INSTRUCTIONS } from './args';

/**
 * The syntax rule's checks of continued instructions: blank lines inside one,
 * and lines BuildKit does not continue although dockerfile-ast does. Both read
 * only the instruction's own lines and the escape character.
 */

/** Blank lines inside a continued instruction (BuildKit: NoEmptyContinuation). Heredoc bodies are content, not continuation. */
export function checkEmptyContinuation(model: DockerfileModel, ins: InstructionInfo, findings: RawFinding[]): void {
  if (ins.heredoc || ins.range.end.line === ins.range.start.line) return;
  const end = escapedEnd(model, ins) ?? ins.range.end.line;
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
    rule: 'syntax',
    severity: 'warning',
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
 * The line where BuildKit ends a continued instruction that dockerfile-ast
 * (and so the model) continues: the first line ending in an escaped escape
 * character (`\\`), which BuildKit does not treat as a continuation. Null
 * when the two agree.
 */
const escapedEnds = new WeakMap<InstructionInfo, number | null>();

/** Kept with the instruction, like its own findings: it reads only the instruction's lines. */
function escapedEnd(model: DockerfileModel, ins: InstructionInfo): number | null {
  let end = escapedEnds.get(ins);
  if (end === undefined) escapedEnds.set(ins, (end = findEscapedEnd(model, ins)));
  return end;
}

function findEscapedEnd(model: DockerfileModel, ins: InstructionInfo): number | null {
  if (ins.heredoc || ins.range.end.line === ins.range.start.line) return null;
  const esc = model.escapeChar;
  for (let l = ins.range.start.line; l < ins.range.end.line; l++) {
    const text = model.lines.lineText(l);
    const trimmed = text.trimStart();
    if (l > ins.range.start.line && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (trimBlanksEnd(text).endsWith(esc + esc)) return l;
  }
  return null;
}

/**
 * A line ending in an escaped escape character (`\\`): BuildKit does not
 * continue it, so the next line starts a new instruction. When that line is a
 * known instruction the author meant exactly that (Windows paths such as
 * `C:\\dir\\`); otherwise the builder fails on an unknown instruction.
 */
export function checkEscapedContinuation(model: DockerfileModel, ins: InstructionInfo, findings: RawFinding[]): void {
  const l = escapedEnd(model, ins);
  if (l === null) return;
  const esc = model.escapeChar;
  let next = l + 1;
  while (next <= ins.range.end.line && /^\s*(#.*)?$/.test(model.lines.lineText(next))) next++;
  const nextWord = /^\s*(\S+)/.exec(model.lines.lineText(next))?.[1] ?? '';
  if (KNOWN_INSTRUCTIONS.has(nextWord.toUpperCase())) return;
  const body = trimBlanksEnd(model.lines.lineText(l));
  findings.push({
    rule: 'syntax',
    range: { start: { line: l, character: body.length - 2 * esc.length }, end: { line: l, character: body.length } },
    message: {
      en: `Line ${l + 1} ends with an escaped \`${esc}\` (\`${esc}${esc}\`), which is not a line continuation: the builder ends the ${ins.keyword} here and reads line ${next + 1} as a new instruction \`${nextWord}\`, which is unknown, so the build fails. Write \`${esc}${esc} ${esc}\` to keep a literal \`${esc}\` and continue the line.`,
      ru: `Строка ${l + 1} заканчивается экранированным \`${esc}\` (\`${esc}${esc}\`), а это не продолжение строки: сборщик завершает ${ins.keyword} здесь и читает строку ${next + 1} как новую инструкцию \`${nextWord}\`, неизвестную, и сборка падает. Напишите \`${esc}${esc} ${esc}\`, чтобы оставить буквальный \`${esc}\` и продолжить строку.`,
    },
    fixes: [],
  });
}

/** Trailing spaces and tabs removed by hand: a /[ \t]+$/ regex backtracks on long blank runs. */
function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return text.slice(0, end);
}

/** The range that removes lines `first`…`last` whole, with their line break. */
function deleteLines(model: DockerfileModel, first: number, last: number): Range {
  const end = last + 1 < model.lines.lineCount
    ? { line: last + 1, character: 0 }
    : { line: last, character: model.lines.lineText(last).length };
  return { start: { line: first, character: 0 }, end };
}
