import type { Rule, RuleContext } from './rule';
import type { RawFinding } from '../core/types';
import type { DockerfileModel } from '../model/types';
import { factsOf, isFactsError } from './support/registry-facts';
import { registryPinFixes } from './support/pin-fixes';

const LECTURE_QUOTE = {
  en: 'The lecture: "always name version tags explicitly, for reproducible builds".',
  ru: 'Лекция: «всегда явно указывать теги версий для воспроизводимости сборок».',
};

/**
 * `node:20`, `alpine:3`, `node:lts`: a tag that names a release line, not a release.
 * Reported only when the registry names the more specific tag it points to today;
 * `latest` and no tag stay with pin-image-tag (a warning), digests with stale-digest-pin.
 */
export const movingTag: Rule = {
  id: 'moving-tag',
  aliases: [],
  severity: 'info',
  lecture: 'best-practices',
  beyondLecture: true,
  needsRegistryFacts: true,
  description: {
    en: 'A tag that is not the most specific version (e.g. `node:20`): the registry names the exact version it points to today.',
    ru: 'Тег, не являющийся самой точной версией (например, `node:20`): реестр называет точную версию, на которую он указывает сейчас.',
  },
  check(model: DockerfileModel, context: RuleContext): RawFinding[] {
    const facts = context?.registryFacts;
    const out: RawFinding[] = [];
    for (const stage of model.stages) {
      const { base } = stage;
      if (base.digest || base.tag === null || base.tag.toLowerCase() === 'latest') continue;
      const entry = factsOf(facts, base);
      if (!entry || isFactsError(entry) || !entry.pinnedTag || entry.pinnedTag === entry.tag) continue;
      const today = `${base.name}:${entry.pinnedTag}`;
      out.push({
        range: base.range,
        message: {
          en: `\`${base.resolved}\` is a moving tag: today it is \`${today}\`, and it moves with the next release. ${LECTURE_QUOTE.en}`,
          ru: `\`${base.resolved}\` — плавающий тег: сейчас это \`${today}\`, а со следующим релизом он сдвинется. ${LECTURE_QUOTE.ru}`,
        },
        fixes: registryPinFixes(model, stage, entry),
      });
    }
    return out;
  },
};
