import type { Range } from '../../core/types';
import type { DockerfileModel, FlagInfo } from '../../model/types';

/** Range of characters [from, to) of a flag's value, when the value is written plainly at the end of the flag. */
export function flagValueRange(model: DockerfileModel, flag: FlagInfo, from: number, to: number): Range | null {
  if (flag.value === null || flag.range.start.line !== flag.range.end.line) return null;
  const end = flag.range.end.character;
  const start = end - flag.value.length;
  const line = model.lines.lineText(flag.range.end.line);
  if (line.slice(start, end) !== flag.value) return null;
  return { start: { line: flag.range.end.line, character: start + from }, end: { line: flag.range.end.line, character: start + to } };
}
