/** Ranges of instruction text that findings and edits are made of. */
import type { Range } from '../../core/types';
import type { DockerfileModel, InstructionInfo } from '../../model/types';

/** The document text of a range. */
export function textOf(model: DockerfileModel, range: Range): string {
  return model.lines.slice(range);
}

/** The range of a whole line's content, for findings about an instruction's first line. */
export function firstLineRange(model: DockerfileModel, ins: InstructionInfo): Range {
  const line = ins.range.start.line;
  const end = ins.range.end.line === line ? ins.range.end.character : model.lines.lineText(line).length;
  return { start: ins.range.start, end: { line, character: end } };
}


/** The instruction's lines including the final line break (or the preceding one at the end of the file). */
export function wholeLines(model: DockerfileModel, ins: InstructionInfo): Range {
  const first = ins.range.start.line;
  const last = ins.range.end.line;
  if (last + 1 < model.lines.lineCount) return { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } };
  if (first > 0) {
    return { start: { line: first - 1, character: model.lines.lineText(first - 1).length }, end: { line: last, character: model.lines.lineText(last).length } };
  }
  return { start: { line: first, character: 0 }, end: { line: last, character: model.lines.lineText(last).length } };
}
