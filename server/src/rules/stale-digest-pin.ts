import type { Rule, RuleContext } from './rule';
import type { RawFinding } from '../core/types';
import type { DockerfileModel } from '../model/types';
import { factsOf, isFactsError, shortDigest } from './support/registry-facts';
import { stalePinFix } from './support/pin-fixes';

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
  needsRegistryFacts: true,
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
