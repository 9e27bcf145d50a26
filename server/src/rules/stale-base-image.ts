import type { RawFinding } from '../core/types';
import type { DockerfileModel } from '../model/types';
import type { Rule, RuleContext } from './rule';
import { baseCreated } from './support/base-image';

/** A tag rebuilt less than a year ago is maintained; older ones stopped receiving fixes. */
export const STALE_AFTER_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Reproducible builds (distroless, Nix, ko) stamp 1970-01-01 or similar: that date says nothing. */
const MEANINGFUL_SINCE = Date.UTC(2000, 0, 1);

/**
 * A base image whose tag has not been rebuilt for over a year: official images are rebuilt
 * whenever their OS packages get security fixes, so a tag that stopped moving names a
 * version nobody patches any more. Needs the registry (the image's `created` date); silent
 * offline, for digest pins (stale-digest-pin's domain: the old image is the point) and for
 * dates that reproducible builds fix at the epoch.
 */
export const staleBaseImage: Rule = {
  id: 'stale-base-image',
  aliases: [],
  severity: 'info',
  lecture: 'best-practices',
  beyondLecture: true,
  needsRegistryFacts: true,
  description: {
    en: 'The base image tag has not been rebuilt for over a year: it no longer gets security fixes.',
    ru: 'Тег базового образа не пересобирали больше года: исправлений безопасности он уже не получает.',
  },
  check(model: DockerfileModel, context: RuleContext): RawFinding[] {
    const out: RawFinding[] = [];
    const now = Date.now();
    for (const stage of model.stages) {
      const { base } = stage;
      if (base.digest || base.fromStage >= 0 || base.scratch) continue;
      const created = baseCreated(stage, context?.registryFacts);
      if (!created) continue;
      const at = Date.parse(created.value);
      if (Number.isNaN(at) || at < MEANINGFUL_SINCE || at > now) continue;
      const days = Math.floor((now - at) / DAY_MS);
      if (days <= STALE_AFTER_DAYS) continue;
      const date = new Date(at).toISOString().slice(0, 10);
      const image = base.resolved ?? base.raw;
      const years = Math.floor(days / 365);
      out.push({
        range: base.range,
        // A builder stage's old compiler matters less than what ships: a hint there.
        ...(stage.reachesFinalImage ? {} : { severity: 'hint' as const }),
        message: {
          en: `\`${image}\` was built on ${date}, ${days} days ago (over ${years} year${years === 1 ? '' : 's'}): the tag is no longer rebuilt, so its packages miss the security fixes published since. Move to a maintained version or variant.`,
          ru: `\`${image}\` собран ${date}, ${days} дн. назад (больше ${years} ${yearsRu(years)}): тег больше не пересобирают, и в его пакетах нет исправлений безопасности, вышедших с тех пор. Перейдите на поддерживаемую версию или вариант.`,
        },
        fixes: [],
      });
    }
    return out;
  },
};

/** 1 года, 2 лет, 5 лет (after "больше": genitive). */
function yearsRu(n: number): string {
  return n % 10 === 1 && n % 100 !== 11 ? 'года' : 'лет';
}
