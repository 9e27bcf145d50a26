import type { Range } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';

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

/** Upper- or lower-case a keyword like the file's own instructions do. */
export function keywordCase(model: DockerfileModel, keyword: string): string {
  let lower = lowerCaseFiles.get(model);
  if (lower === undefined) {
    const written = model.instructions.map((i) => i.keywordText).filter((k) => /[a-z]/i.test(k));
    lower = written.filter((k) => k === k.toLowerCase()).length > written.length / 2;
    lowerCaseFiles.set(model, lower);
  }
  return lower ? keyword.toLowerCase() : keyword.toUpperCase();
}

/** Counted once per model: fixes on big files ask for every finding. */
const lowerCaseFiles = new WeakMap<DockerfileModel, boolean>();
