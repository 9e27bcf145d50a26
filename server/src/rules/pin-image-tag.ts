import type { Fix, RawFinding, TextEdit } from '../core/types';
import type { DockerfileModel, Stage } from '../model/types';
import { KNOWN_TAGS, KNOWN_TAGS_DATE, officialName } from '../data/known-tags';
import type { Rule } from './rule';

/**
 * FROM without a tag, or with `latest`: the build changes whenever the tag
 * moves. Not for scratch, earlier stages, digests, or tags that come from an
 * ARG whose default is a version (the ARG already pins it).
 */
export const pinImageTag: Rule = {
  id: 'pin-image-tag',
  aliases: ['DL3006', 'DL3007'],
  severity: 'warning',
  lecture: 'best-practices',
  description: {
    en: 'FROM without a tag or with `latest`: pin a version tag for reproducible builds.',
    ru: 'FROM без тега или с `latest`: укажите тег версии для воспроизводимой сборки.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      const { base } = stage;
      if (base.scratch || base.fromStage >= 0 || base.digest || base.resolved === null || !base.name) continue;
      if (base.tag !== null && base.tag.toLowerCase() !== 'latest') continue;
      const shown = base.resolved;
      const latest = base.tag !== null;
      findings.push({
        rule: 'pin-image-tag',
        range: base.range,
        message: latest
          ? { en: `\`${shown}\` uses the moving tag \`latest\`: the next build may get a different image. The lecture: "always name version tags explicitly, for reproducible builds".`, ru: `\`${shown}\` использует плавающий тег \`latest\`: следующая сборка может получить другой образ. Лекция: «всегда явно указывать теги версий для воспроизводимости сборок».` }
          : { en: `\`${shown}\` has no tag, so it means \`latest\`: the next build may get a different image. The lecture: "always name version tags explicitly, for reproducible builds".`, ru: `У \`${shown}\` нет тега, значит, это \`latest\`: следующая сборка может получить другой образ. Лекция: «всегда явно указывать теги версий для воспроизводимости сборок».` },
        fixes: tableFix(model, stage),
      });
    }
    return findings;
  },
};

/** A pin from the bundled table; unsafe for fix-all because it may change the version built. */
function tableFix(model: DockerfileModel, stage: Stage): Fix[] {
  const name = stage.base.name ? officialName(stage.base.name) : null;
  const tag = name ? KNOWN_TAGS[name] : undefined;
  if (!name || !tag) return [];
  const edit = pinEdit(model, stage, tag);
  if (!edit) return [];
  return [{
    title: {
      en: `Pin to ${stage.base.name}:${tag} (bundled table of ${KNOWN_TAGS_DATE}; check it is the version you want)`,
      ru: `Закрепить ${stage.base.name}:${tag} (встроенная таблица от ${KNOWN_TAGS_DATE}; проверьте, что это нужная версия)`,
    },
    edits: [edit],
    safe: false,
  }];
}

/**
 * Where the tag is written: in FROM itself, or in the global ARG that the FROM
 * takes its tag (or whole image) from. Other variable shapes get no fix.
 */
export function pinEdit(model: DockerfileModel, stage: Stage, tag: string): TextEdit | null {
  const { base } = stage;
  if (base.variables.length === 0) {
    const name = base.raw.replace(/:[^/:@]*$/, '');
    return { range: base.range, newText: `${name}:${tag}` };
  }
  const whole = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(base.raw);
  const tagVar = /:\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(base.raw);
  const argName = whole?.[1] ?? tagVar?.[1];
  const arg = argName ? model.globalArgs.get(argName) : undefined;
  if (!arg || !arg.valueRange || arg.value === null) return null;
  if (whole) return { range: arg.valueRange, newText: `${arg.value.replace(/:[^/:@]*$/, '')}:${tag}` };
  return arg.value.toLowerCase() === 'latest' ? { range: arg.valueRange, newText: tag } : null;
}
