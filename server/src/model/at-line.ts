import type { DockerfileModel } from './types';

/** Index of the instruction that spans `line`, by binary search. */
export function instructionAtLine(model: DockerfileModel, line: number): number | undefined {
  const list = model.instructions;
  let lo = 0, hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = list[mid].range;
    if (line < r.start.line) hi = mid - 1;
    else if (line > r.end.line) lo = mid + 1;
    else return mid;
  }
  return undefined;
}
