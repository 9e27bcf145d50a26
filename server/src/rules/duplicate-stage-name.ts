import type { RawFinding } from '../core/types';
import type { Rule } from './rule';

/** Two stages with the same name (the builder compares names case-insensitively): the build fails. */
export const duplicateStageName: Rule = {
  id: 'duplicate-stage-name',
  aliases: ['DL3024', 'DuplicateStageName'],
  severity: 'error',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'Two stages have the same name: stage names must be unique.',
    ru: 'Два этапа с одинаковым именем: имена этапов должны быть уникальными.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    const seen = new Map<string, number>();
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) { seen.set(key, stage.from.range.start.line); continue; }
      findings.push({
        range: stage.nameRange,
        message: {
          en: `Stage name \`${stage.name}\` is already used by the stage on line ${first + 1} (names are compared without regard to case): COPY --from and FROM cannot tell them apart, and the builder reports a duplicate stage name. Rename one of them.`,
          ru: `Имя этапа \`${stage.name}\` уже занято этапом в строке ${first + 1} (регистр не учитывается): COPY --from и FROM не смогут их различить, и сборщик сообщит о повторяющемся имени этапа. Переименуйте один из них.`,
        },
        fixes: [],
      });
    }
    return findings;
  },
};
