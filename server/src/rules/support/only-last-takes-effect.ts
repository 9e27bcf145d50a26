import type { RawFinding } from '../../core/types';
import type { Rule } from '../rule';
import { wholeLines } from './ranges';

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
