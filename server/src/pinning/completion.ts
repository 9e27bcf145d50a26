/** Where tag completion applies, and in which order tags are offered. Pure text logic. */
import { compareVersionTags, parseVersionTag } from '../registry/versions';

export interface TagCompletionContext {
  /** The image name before ':', e.g. 'node' or 'localhost:5000/team/app'. */
  image: string;
  /** What is typed of the tag so far. */
  prefix: string;
  /** Character where the tag starts (just after ':'), for the replace range. */
  startCharacter: number;
}

// FROM, optional flags (--platform=…), then the image being typed up to the cursor.
const FROM_IMAGE = /^(\s*FROM\s+(?:--\S+\s+)*)(\S*)$/i;
// A tag as the distribution spec allows it; remote lists may contain anything.
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The context for `FROM name:` with the cursor in the tag, from the line's text before the cursor. */
export function tagCompletionContext(linePrefix: string): TagCompletionContext | null {
  const m = FROM_IMAGE.exec(linePrefix);
  if (!m) return null;
  const token = m[2];
  const colon = token.lastIndexOf(':');
  // A ':' before the last '/' is a registry port (localhost:5000/app), not a tag separator.
  if (colon <= 0 || colon < token.lastIndexOf('/') || token.includes('@') || token.includes('$')) return null;
  return { image: token.slice(0, colon), prefix: token.slice(colon + 1), startCharacter: m[1].length + colon + 1 };
}

/** '20.11.1-alpine' → '20.11.1': the version alone, to compare releases regardless of flavour. */
function versionOnly(tag: string): string {
  return (parseVersionTag(tag)?.numbers ?? []).join('.');
}

/**
 * Version tags newest (and most specific) first — within one version the plain tag before
 * its flavours — then the other tags alphabetically; junk from the remote list dropped.
 */
export function orderTagsNewestFirst(tags: string[]): string[] {
  const valid = [...new Set(tags)].filter((t) => TAG.test(t));
  const versions = valid.filter((t) => parseVersionTag(t) !== null)
    .sort((a, b) => compareVersionTags(versionOnly(b), versionOnly(a)) || compareVersionTags(a, b));
  const others = valid.filter((t) => parseVersionTag(t) === null).sort(compareVersionTags);
  return [...versions, ...others];
}
