/**
 * The `-slim` variant of an official image tag (`python:3.12` → `python:3.12-slim`): the smaller
 * image of the same version whose size minimal-base-image can quote, and which the registry
 * provider therefore looks up next to the base itself. Pure text logic, no network.
 */
import { officialName } from '../../data/known-tags';
import type { BaseImage } from '../../model/types';

const VERSION = /^\d+(\.\d+){0,2}$/;
const DEBIAN_CODENAMES = 'bookworm|bullseye|buster|trixie|forky';
const WITH_CODENAME = new RegExp(`^(\\d+(?:\\.\\d+){0,2})-(${DEBIAN_CODENAMES})$`);
const DEBIAN_TAG = new RegExp(`^(${DEBIAN_CODENAMES}|sid|stable|testing|unstable|oldstable)$`);

/** The slim tag for an official image's tag; null when there is none (or the tag already names a variant). */
export function slimVariantTag(image: string, tag: string): string | null {
  const coded = WITH_CODENAME.exec(tag);
  switch (officialName(image)) {
    case 'debian':
      return VERSION.test(tag) || DEBIAN_TAG.test(tag) ? `${tag}-slim` : null;
    case 'node':
      if (VERSION.test(tag) || tag === 'lts' || tag === 'current') return `${tag}-slim`;
      // The node images put the codename first: 20-bookworm-slim.
      return coded ? `${coded[1]}-${coded[2]}-slim` : null;
    case 'python':
    case 'ruby':
      if (VERSION.test(tag)) return `${tag}-slim`;
      // python and ruby put it last: 3.12-slim-bookworm.
      return coded ? `${coded[1]}-slim-${coded[2]}` : null;
    default:
      return null;
  }
}

/** `python:3.12` → `python:3.12-slim` for a stage's base (ARG defaults substituted); null otherwise. */
export function slimVariantOf(base: BaseImage): string | null {
  if (base.scratch || base.fromStage >= 0 || base.resolved === null || !base.name || !base.tag || base.digest) return null;
  const slim = slimVariantTag(base.name, base.tag);
  return slim ? `${base.name}:${slim}` : null;
}
