import type { Rule, RuleContext } from './rule';
import type { Fix, Localized, RawFinding } from '../core/types';
import type { DockerfileModel, Stage } from '../model/types';
import { KNOWN_TAGS, KNOWN_TAGS_DATE, officialName } from '../data/known-tags';
import { factsOf, isFactsError, type FactsEntry } from './support/registry-facts';
import { fallbackNote, registryPinFixes } from './support/pin-fixes';
import { pinEdit } from './support/pin-edit';
import { hasTemplatePlaceholder } from './support/templates';


/**
 * FROM without a tag, or with `latest`: the build changes whenever the tag
 * moves. Not for scratch, earlier stages, digests, or tags that come from an
 * ARG whose default is a version (the ARG already pins it).
 *
 * `context.registryFacts` (optional, from pinning/provider.ts) turns the offline table fix into
 * registry pins; the rule stays pure and synchronous either way.
 */
export const pinImageTag: Rule = {
  id: 'pin-image-tag',
  aliases: ['DL3006', 'DL3007'],
  severity: 'warning',
  lecture: 'best-practices',
  needsRegistryFacts: true,
  description: {
    en: 'FROM without a tag or with `latest`: pin a version tag for reproducible builds.',
    ru: 'FROM без тега или с `latest`: укажите тег версии для воспроизводимой сборки.',
  },
  check(model: DockerfileModel, context: RuleContext) {
    const facts = context?.registryFacts;
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      const { base } = stage;
      if (base.scratch || base.fromStage >= 0 || base.digest || base.resolved === null || !base.name) continue;
      // `FROM {{ .Base }}`: the template fills the image in; syntax says it is a template.
      if (hasTemplatePlaceholder(base.raw)) continue;
      if (base.tag !== null && base.tag.toLowerCase() !== 'latest') continue;
      const shown = base.resolved;
      const latest = base.tag !== null;
      const entry = factsOf(facts, base);
      const today = todayNote(stage, entry);
      findings.push({
        range: base.range,
        message: latest
          ? { en: `\`${shown}\` uses the moving tag \`latest\`: the next build may get a different image.${today.en} The lecture: "always name version tags explicitly, for reproducible builds".`, ru: `\`${shown}\` использует плавающий тег \`latest\`: следующая сборка может получить другой образ.${today.ru} Лекция: «всегда явно указывать теги версий для воспроизводимости сборок».` }
          : { en: `\`${shown}\` has no tag, so it means \`latest\`: the next build may get a different image.${today.en} The lecture: "always name version tags explicitly, for reproducible builds".`, ru: `У \`${shown}\` нет тега, значит, это \`latest\`: следующая сборка может получить другой образ.${today.ru} Лекция: «всегда явно указывать теги версий для воспроизводимости сборок».` },
        fixes: entry && !isFactsError(entry) ? registryPinFixes(model, stage, entry).concat(tableFix(model, stage, entry, true)) : tableFix(model, stage, entry),
      });
    }
    return findings;
  },
};

/** " Today it is `node:20.11.1`." once the registry has told us. */
function todayNote(stage: Stage, entry: FactsEntry | undefined): Localized {
  if (!entry || isFactsError(entry) || !entry.pinnedTag) return { en: '', ru: '' };
  const shown = `${stage.base.name}:${entry.pinnedTag}`;
  return { en: ` Today it is \`${shown}\`.`, ru: ` Сейчас это \`${shown}\`.` };
}

/**
 * A pin from the bundled table; unsafe for fix-all because it may change the version built.
 * With registry facts it is only offered when the registry found no version tag to pin to.
 */
function tableFix(model: DockerfileModel, stage: Stage, entry: FactsEntry | undefined, registryAnswered = false): Fix[] {
  if (registryAnswered && entry && !isFactsError(entry) && entry.pinnedTag) return [];
  const name = stage.base.name ? officialName(stage.base.name) : null;
  const tag = name ? KNOWN_TAGS[name] : undefined;
  if (!name || !tag) return [];
  const edit = pinEdit(model, stage, tag);
  if (!edit) return [];
  // Offline or after a failed look-up the title says so: the reader must know this pin is a guess from a dated table.
  const note = fallbackNote(entry);
  const why: Localized = note ? { en: `${note.en}; `, ru: `${note.ru}; ` } : { en: '', ru: '' };
  return [{
    title: {
      en: `Pin to ${stage.base.name}:${tag} (${why.en}bundled table of ${KNOWN_TAGS_DATE}; check it is the version you want)`,
      ru: `Закрепить ${stage.base.name}:${tag} (${why.ru}встроенная таблица от ${KNOWN_TAGS_DATE}; проверьте, что это нужная версия)`,
    },
    edits: [edit],
    safe: false,
  }];
}
