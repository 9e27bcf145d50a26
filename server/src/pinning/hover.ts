/** Registry lines for the FROM image hover, through hover.ts's `imageDetails` hook. */
import { escapeMarkdown } from '../core/markdown';
import type { Lang } from '../core/types';
import type { ImageDetails } from '../hover';
import type { DockerfileModel } from '../model/types';
import { isFactsError, lookupOf, type RegistryFacts } from '../rules/support/registry-facts';
import { fallbackNote } from '../rules/support/pin-fixes';
import { baseImageLines } from './base-hover';

/** Platforms and tag lists can be long; the hover stays readable. */
const MAX_LISTED = 12;

// Tags and platform names come from a remote server: only plain names reach the Markdown.
const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_./-]{0,127}$/;

function list(all: string[]): string {
  const items = all.filter((t) => PLAIN.test(t));
  const shown = items.slice(0, MAX_LISTED).map((t) => `\`${t}\``);
  return shown.join(', ') + (items.length > MAX_LISTED ? `, … (+${items.length - MAX_LISTED})` : '');
}

/**
 * Registry and repository come from the reference itself (no network); the digest,
 * platforms and same-image tags appear once the facts have arrived.
 */
export function registryImageDetails(model: DockerfileModel, facts: RegistryFacts | undefined): ImageDetails {
  return (ins, lang: Lang) => {
    const stage = ins.stage >= 0 ? model.stages[ins.stage] : undefined;
    const lookup = stage ? lookupOf(stage.base) : null;
    if (!lookup) return [];
    const label = (en: string, ru: string) => (lang === 'ru' ? ru : en);
    const out = [
      `**${label('Registry', 'Реестр')}:** ${escapeMarkdown(lookup.ref.registry)}`,
      `**${label('Repository', 'Репозиторий')}:** ${escapeMarkdown(lookup.ref.repository)}`,
    ];
    const entry = facts?.[lookup.key];
    const image = stage ? baseImageLines(model, stage, facts, lang) : [];
    if (!entry) return out.concat(image);
    if (isFactsError(entry)) {
      const note = fallbackNote(entry);
      if (note) out.push(`*${escapeMarkdown(note[lang])}*`);
      return out.concat(image);
    }
    if (entry.tag) {
      const now = label(`\`${entry.tag}\` resolves to`, `\`${entry.tag}\` указывает на`);
      out.push(`**${now}:** \`${entry.digest}\``);
      if (entry.pinnedTag && entry.pinnedTag !== entry.tag) out.push(`**${label('Most specific tag', 'Самый точный тег')}:** \`${entry.pinnedTag}\``);
    }
    if (entry.stale) out.push(label('The pinned digest is no longer what the tag points to: a newer image exists.', 'Закреплённый дайджест уже не тот, на который указывает тег: есть более новый образ.'));
    if (entry.platforms?.length) out.push(`**${label('Platforms', 'Платформы')}:** ${list(entry.platforms)}`);
    const others = (entry.sameDigestTags ?? []).filter((t) => t !== entry.tag);
    if (others.length) out.push(`**${label('Same image as', 'Тот же образ, что')}:** ${list(others)}`);
    return out.concat(image);
  };
}
