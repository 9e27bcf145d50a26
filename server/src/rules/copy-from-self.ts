import type { RawFinding } from '../core/types';
import type { Rule } from './rule';
import { flagValueRange } from './support/flag-ranges';

/** `COPY --from=<this stage>` (by name or index): a stage cannot copy from itself; the builder reports a circular dependency. */
export const copyFromSelf: Rule = {
  id: 'copy-from-self',
  aliases: ['DL3023'],
  severity: 'error',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: '`COPY --from` names the stage it is in: a stage cannot copy from itself.',
    ru: '`COPY --from` ссылается на свой же этап: этап не может копировать из самого себя.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'COPY') continue;
        const flag = ins.flags.find((f) => f.name === 'from');
        if (!flag?.value) continue;
        const v = flag.value;
        const self = (stage.name !== null && v.toLowerCase() === stage.name.toLowerCase()) || (/^\d+$/.test(v) && Number(v) === stage.index);
        if (!self) continue;
        findings.push({
          range: flagValueRange(model, flag, 0, v.length) ?? flag.range,
          message: {
            en: `\`--from=${v}\` is the stage this COPY is in: a stage cannot copy from itself (the builder reports a circular dependency). To copy files inside one stage use \`COPY\` from the build context or \`RUN cp\`; to copy from a finished stage, name an earlier one.`,
            ru: `\`--from=${v}\` — это тот же этап, в котором стоит COPY: этап не может копировать из самого себя (сборщик сообщит о циклической зависимости). Чтобы скопировать файлы внутри этапа, используйте \`COPY\` из контекста сборки или \`RUN cp\`; чтобы взять их из готового этапа, укажите более ранний.`,
          },
          fixes: [],
        });
      }
    }
    return findings;
  },
};
