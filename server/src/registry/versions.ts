/** A tag split into its numeric version and its variant suffix ('20.11.1-alpine' → [20,11,1], 'alpine'). */
export interface VersionTag {
  numbers: number[];
  /** Text after the first '-' following the version ('' when none), e.g. 'alpine3.19', 'bookworm-slim'. */
  variant: string;
}

// A leading 'v' is common ('v1.2.3'); anything else before the numbers (e.g. 'rc1'
// glued to a number) makes the tag non-version-like on purpose: we would rather not
// suggest a pin than suggest a pre-release.
const VERSION_TAG = /^v?(\d{1,10}(?:\.\d{1,10}){0,5})(?:-([A-Za-z0-9][A-Za-z0-9_.-]*))?$/;

export function parseVersionTag(tag: string): VersionTag | null {
  const m = VERSION_TAG.exec(tag);
  if (!m) return null;
  return { numbers: m[1].split('.').map(Number), variant: m[2] ?? '' };
}

// Moving tags that name a channel rather than a flavour: 'lts-alpine' is the
// 'alpine' flavour of whatever 'lts' is today.
const CHANNEL = /^(?:latest|lts|current|stable|mainline)(?:-|$)/;

/**
 * Variant (flavour) of any tag: '20-alpine' → 'alpine', 'latest' → '', 'alpine' → 'alpine',
 * 'lts-bookworm-slim' → 'bookworm-slim'.
 */
export function variantOf(tag: string): string {
  const v = parseVersionTag(tag);
  if (v) return v.variant;
  const m = CHANNEL.exec(tag);
  return m ? tag.slice(m[0].length) : tag;
}

function compareNumbers(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  // Equal prefix: the more specific tag sorts higher ('20.11.1' > '20.11'), so a
  // newest-first walk meets the most specific candidate of a release first.
  return a.length - b.length;
}

/**
 * Ascending sort helper for tags: version-like tags by their numbers ('1.10' > '1.9',
 * '20.11.1' > '20.11' > '20.9.0'), ties broken by variant ('' first, then by name);
 * non-version tags ('latest', 'bookworm') after all versions, alphabetically.
 */
export function compareVersionTags(a: string, b: string): number {
  const va = parseVersionTag(a);
  const vb = parseVersionTag(b);
  if (!va || !vb) {
    if (va) return -1;
    if (vb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const byNumbers = compareNumbers(va.numbers, vb.numbers);
  if (byNumbers !== 0) return Math.sign(byNumbers);
  if (va.variant !== vb.variant) {
    if (!va.variant) return -1;
    if (!vb.variant) return 1;
    return va.variant < vb.variant ? -1 : 1;
  }
  // Same numbers and variant can still differ in spelling ('v1' vs '1').
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Candidate tags that could pin `tag`, newest (and most specific) first: version-like,
 * same variant, and — when `tag` is itself a version — starting with its numbers
 * (node:20 may pin to 20.11.1 but never to 18.19.0).
 */
export function pinCandidates(tag: string, tags: string[]): string[] {
  const base = parseVersionTag(tag);
  const variant = variantOf(tag);
  const prefix = base?.numbers ?? [];
  return tags
    .filter((t) => {
      const v = parseVersionTag(t);
      if (!v || v.variant !== variant || v.numbers.length < prefix.length) return false;
      return prefix.every((n, i) => v.numbers[i] === n);
    })
    .sort((a, b) => compareVersionTags(b, a));
}
