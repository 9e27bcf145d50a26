/**
 * Rules that only the registry can answer. They are ordinary pure, synchronous rules
 * that read a facts snapshot: without facts they report nothing, so they can join
 * RULES as soon as the RuleContext carries the snapshot (see merge.ts).
 */
import type { Rule, RuleContext } from '../rules/rule';
import type { RawFinding } from '../core/types';
import type { DockerfileModel } from '../model/types';
import { factsOf, isFactsError, shortDigest } from './facts';
import { registryPinFixes, stalePinFix } from './fixes';

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
        rule: 'moving-tag',
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

/**
 * `node:20.11@sha256:old` where `node:20.11` now names another image: the pin still
 * builds the same thing (that is its purpose), but it no longer gets fixes.
 */
export const staleDigestPin: Rule = {
  id: 'stale-digest-pin',
  aliases: [],
  severity: 'info',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'A digest pin whose tag has since moved to a newer image.',
    ru: 'Закрепление по дайджесту, тег которого с тех пор перевесили на более новый образ.',
  },
  check(model: DockerfileModel, context: RuleContext): RawFinding[] {
    const facts = context?.registryFacts;
    const out: RawFinding[] = [];
    for (const stage of model.stages) {
      const { base } = stage;
      if (!base.digest || !base.tag) continue;
      const entry = factsOf(facts, base);
      if (!entry || isFactsError(entry) || !entry.stale) continue;
      const tag = `${base.name}:${base.tag}`;
      const now = `${base.name}:${entry.pinnedTag ?? base.tag}@${shortDigest(entry.digest)}`;
      out.push({
        rule: 'stale-digest-pin',
        range: base.range,
        message: {
          en: `A newer \`${tag}\` exists: the tag now points to \`${now}\`, not to the pinned ${shortDigest(base.digest)}. The pin keeps builds reproducible; update it deliberately to get fixes.`,
          ru: `Есть более новый \`${tag}\`: тег теперь указывает на \`${now}\`, а не на закреплённый ${shortDigest(base.digest)}. Закрепление сохраняет воспроизводимость; обновите его осознанно, чтобы получить исправления.`,
        },
        fixes: stalePinFix(model, stage, entry),
      });
    }
    return out;
  },
};

/** Registry-only rules, in catalogue order. */
export const REGISTRY_RULES: Rule[] = [movingTag, staleDigestPin];
