import type { RawFinding, Range } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';

/**
 * A rule for instructions of which only the last one in a stage takes effect
 * (CMD, ENTRYPOINT, HEALTHCHECK). The earlier ones are reported, like BuildKit
 * does: they are the ones that are ignored. The fix removes an earlier one; it
 * is not marked safe because comments near it may explain something.
 */
export function onlyLastTakesEffect(keyword: string, id: string, aliases: string[]): Rule {
  return {
    id,
    aliases,
    severity: 'warning',
    lecture: 'best-practices',
    beyondLecture: true,
    description: {
      en: `More than one ${keyword} in a stage: only the last one takes effect.`,
      ru: `Несколько ${keyword} в одном этапе: действует только последняя.`,
    },
    check(model) {
      const findings: RawFinding[] = [];
      for (const stage of model.stages) {
        const list = stage.instructions.filter((i) => i.keyword === keyword);
        const last = list[list.length - 1];
        for (const ins of list.slice(0, -1)) {
          const lastLine = last.range.start.line + 1;
          findings.push({
            rule: id,
            range: ins.keywordRange,
            message: {
              en: `This ${keyword} has no effect: the ${keyword} on line ${lastLine} in the same stage replaces it (only the last ${keyword} of a stage counts).`,
              ru: `Эта ${keyword} ни на что не влияет: её заменяет ${keyword} в строке ${lastLine} того же этапа (учитывается только последняя ${keyword} этапа).`,
            },
            fixes: [{
              title: {
                en: `Remove this ${keyword} (line ${ins.range.start.line + 1}); the one on line ${lastLine} stays`,
                ru: `Удалить эту ${keyword} (строка ${ins.range.start.line + 1}); остаётся ${keyword} в строке ${lastLine}`,
              },
              edits: [{ range: wholeLines(model, ins), newText: '' }],
              safe: false,
            }],
          });
        }
      }
      return findings;
    },
  };
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

export const singleCmd = onlyLastTakesEffect('CMD', 'single-cmd', ['DL4003', 'MultipleInstructionsDisallowed']);
