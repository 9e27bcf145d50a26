/** Pure builders for the pin fixes that registry facts make possible. */
import type { Fix, Localized } from '../../core/types';
import type { DockerfileModel, Stage } from '../../model/types';
import { isFactsError, shortDigest, type FactsEntry, type ImageFacts } from './registry-facts';
import { pinEdit, pinnedArg } from './pin-edit';

/** Why no request was made, by code; failures carry the client's own (credential-free) message. */
const OFFLINE_REASONS: Record<string, Localized> = {
  offline: { en: 'offline', ru: 'без сети' },
  disabled: { en: 'registry look-ups are off', ru: 'запросы к реестру выключены' },
  untrusted: { en: 'workspace not trusted', ru: 'рабочая область не доверенная' },
};

/**
 * The note a table fix carries when the registry could not be used, e.g.
 * "registry unavailable: timeout after 4000 ms talking to …"; null when facts were never asked for.
 */
export function fallbackNote(entry: FactsEntry | undefined): Localized | null {
  if (!isFactsError(entry)) return null;
  if (entry.offline) {
    const why = OFFLINE_REASONS[entry.error] ?? { en: entry.error, ru: entry.error };
    return { en: `registry not asked: ${why.en}`, ru: `реестр не опрашивался: ${why.ru}` };
  }
  return { en: `registry unavailable: ${entry.error}`, ru: `реестр недоступен: ${entry.error}` };
}

/** ' (sets ARG NODE_VERSION)' when the pin is written into a global ARG rather than FROM. */
function viaArg(stage: Stage): Localized {
  const arg = pinnedArg(stage);
  return arg ? { en: ` (sets ARG ${arg})`, ru: ` (меняет ARG ${arg})` } : { en: '', ru: '' };
}

/**
 * "Pin to `node:20.11.1`" and "Pin to digest `node:20.11.1@sha256:…`". Both are safe: they
 * name exactly the image the moving tag points to today, so the next build is the same
 * build, only reproducible. The tag stays next to the digest so people can still read it.
 */
export function registryPinFixes(model: DockerfileModel, stage: Stage, facts: ImageFacts): Fix[] {
  const name = stage.base.name ?? '';
  const via = viaArg(stage);
  const out: Fix[] = [];
  if (facts.pinnedTag) {
    const edit = pinEdit(model, stage, facts.pinnedTag);
    const shown = `${name}:${facts.pinnedTag}`;
    if (edit) out.push({ title: { en: `Pin to \`${shown}\`${via.en}`, ru: `Закрепить \`${shown}\`${via.ru}` }, edits: [edit], safe: true });
  }
  const tag = facts.pinnedTag ?? facts.tag ?? 'latest';
  const edit = pinEdit(model, stage, tag, facts.digest);
  const shown = `${name}:${tag}@${shortDigest(facts.digest)}`;
  if (edit) out.push({ title: { en: `Pin to digest \`${shown}\`${via.en}`, ru: `Закрепить дайджест \`${shown}\`${via.ru}` }, edits: [edit], safe: true });
  return out;
}

/**
 * Moves a stale digest pin to what its tag points to now (tag made as specific as the
 * registry allows). Unsafe: unlike a pin, this changes the image that gets built.
 */
export function stalePinFix(model: DockerfileModel, stage: Stage, facts: ImageFacts): Fix[] {
  const tag = facts.pinnedTag ?? facts.tag;
  if (!tag) return [];
  const edit = pinEdit(model, stage, tag, facts.digest);
  if (!edit) return [];
  const shown = `${stage.base.name ?? ''}:${tag}@${shortDigest(facts.digest)}`;
  const via = viaArg(stage);
  return [{
    title: { en: `Update to \`${shown}\`${via.en} (a newer image: check it before building)`, ru: `Обновить до \`${shown}\`${via.ru} (более новый образ: проверьте перед сборкой)` },
    edits: [edit],
    safe: false,
  }];
}
