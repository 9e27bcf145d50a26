import type { RawFinding, Range, TextEdit } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import type { Rule } from './rule';
import { textOf } from './support/ranges';
import { perStage } from './support/stage-cache';
import { flagValueRange } from './support/flag-ranges';

/**
 * Stage names with upper-case letters. The builder lower-cases stage names
 * and matches references case-insensitively, so `AS Builder` is really
 * `builder`; writing it lower-case everywhere says what the builder does. The
 * fix renames the stage and every reference to it (FROM, COPY --from,
 * RUN --mount=from=), which cannot change the build.
 */
export const stageNameCasing: Rule = {
  id: 'stage-name-casing',
  aliases: ['StageNameCasing'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'Stage names should be lower case (the builder lower-cases them anyway).',
    ru: 'Имена этапов следует писать в нижнем регистре (сборщик всё равно приводит их к нижнему).',
  },
  check(model) {
    const findings: RawFinding[] = [];
    const refs = stageReferences(model);
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange || stage.name === stage.name.toLowerCase()) continue;
      const lower = stage.name.toLowerCase();
      const edits: TextEdit[] = [{ range: stage.nameRange, newText: lower }];
      for (const r of refs) {
        if (r.target === stage.index && r.text !== r.text.toLowerCase()) edits.push({ range: r.range, newText: r.text.toLowerCase() });
      }
      const others = edits.length - 1;
      findings.push({
        range: stage.nameRange,
        message: {
          en: `Stage name \`${stage.name}\` has upper-case letters: the builder lower-cases stage names (this stage is \`${lower}\`), so write it that way.`,
          ru: `В имени этапа \`${stage.name}\` есть заглавные буквы: сборщик приводит имена этапов к нижнему регистру (этот этап — \`${lower}\`), так и пишите.`,
        },
        fixes: [{
          title: others
            ? { en: `Rename the stage to \`${lower}\` and update ${others} reference${others > 1 ? 's' : ''}`, ru: `Переименовать этап в \`${lower}\` и обновить ссылки (${others})` }
            : { en: `Rename the stage to \`${lower}\``, ru: `Переименовать этап в \`${lower}\`` },
          edits,
          safe: true,
        }],
      });
    }
    return findings;
  },
};

export interface StageReference {
  /** The instruction that refers to a stage. */
  instruction: InstructionInfo;
  kind: 'from' | 'copy' | 'mount';
  /** The reference as written. */
  text: string;
  range: Range;
  /** Index of the stage it names (case-insensitive, any stage of the file), or -1. */
  target: number;
}

/**
 * References to stages by name: `FROM <name>`, `COPY --from=<name>` and
 * `RUN --mount=…,from=<name>`. Numeric and variable references are left out.
 */
function stageReferences(model: DockerfileModel): StageReference[] {
  const byName = new Map<string, number>();
  for (const s of model.stages) if (s.name && !byName.has(s.name.toLowerCase())) byName.set(s.name.toLowerCase(), s.index);
  const refs: StageReference[] = [];
  for (const stage of model.stages) {
    if (stage.base.fromStage >= 0 && stage.base.variables.length === 0) {
      const text = textOf(model, stage.base.range);
      refs.push({ instruction: stage.from, kind: 'from', text, range: stage.base.range, target: stage.base.fromStage });
    }
    for (const ref of flagReferences(model, stage)) refs.push({ ...ref, target: byName.get(ref.text.toLowerCase()) ?? -1 });
  }
  return refs;
}

/**
 * `COPY --from=` and `RUN --mount=from=` references of a stage: its own text
 * only, so kept with the stage; which stage a name points to is looked up
 * for every model.
 */
function flagReferences(model: DockerfileModel, stage: Stage): Omit<StageReference, 'target'>[] {
  return perStage('stage-references', stage, '', () => {
    const refs: Omit<StageReference, 'target'>[] = [];
    for (const ins of stage.instructions) {
      for (const flag of ins.flags) {
        if (ins.keyword === 'COPY' && flag.name === 'from' && flag.value) {
          const range = flagValueRange(model, flag, 0, flag.value.length);
          if (range && !flag.value.includes('$')) refs.push({ instruction: ins, kind: 'copy', text: flag.value, range });
        }
        if (ins.keyword === 'RUN' && flag.name === 'mount' && flag.value) {
          let offset = 0;
          for (const part of flag.value.split(',')) {
            const m = /^(\s*from\s*=\s*)(.*?)\s*$/i.exec(part);
            if (m && m[2] && !m[2].includes('$')) {
              const range = flagValueRange(model, flag, offset + m[1].length, offset + m[1].length + m[2].length);
              if (range) refs.push({ instruction: ins, kind: 'mount', text: m[2], range });
            }
            offset += part.length + 1;
          }
        }
      }
    }
    return refs;
  });
}
