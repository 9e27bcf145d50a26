import type { Localized } from '../../core/types';
import type { DockerfileModel } from '../../model/types';

/** Flags only BuildKit accepts; the legacy builder stops on them ("requires BuildKit" / unknown flag). */
const BUILDKIT_FLAGS: Readonly<Record<string, readonly string[]>> = {
  RUN: ['mount', 'network', 'security'],
  COPY: ['link', 'chmod', 'parents', 'exclude'],
  ADD: ['link', 'chmod', 'parents', 'exclude', 'checksum', 'keep-git-dir'],
};

/**
 * The first thing in the file that only BuildKit builds: a `# syntax=`
 * directive, a here-document, a BuildKit-only flag, or a FROM on the automatic
 * `$BUILDPLATFORM` (the legacy builder has no platform ARGs). Such a file is
 * never built by the legacy builder, so what only that builder does (rejecting,
 * discarding) does not apply. Null when the file could be built by either.
 * Worked out once per model.
 */
export function buildKitOnlyFeature(model: DockerfileModel): Localized | null {
  if (!cache.has(model)) cache.set(model, scan(model));
  return cache.get(model) ?? null;
}

/** Whether only BuildKit can build the file (see buildKitOnlyFeature). */
export function requiresBuildKit(model: DockerfileModel): boolean {
  return buildKitOnlyFeature(model) !== null;
}

const cache = new WeakMap<DockerfileModel, Localized | null>();

function scan(model: DockerfileModel): Localized | null {
  const syntax = model.directives.find((d) => d.name.toLowerCase() === 'syntax');
  if (syntax) return { en: `the \`# syntax=\` directive on line ${syntax.range.start.line + 1}`, ru: `директива \`# syntax=\` в строке ${syntax.range.start.line + 1}` };
  for (const ins of model.instructions) {
    const line = ins.range.start.line + 1;
    if (ins.heredoc) return { en: `the here-document on line ${line}`, ru: `here-документ в строке ${line}` };
    const flag = ins.flags.find((f) => BUILDKIT_FLAGS[ins.keyword]?.includes(f.name.toLowerCase()));
    if (flag) return { en: `\`${ins.keyword} --${flag.name}\` on line ${line}`, ru: `\`${ins.keyword} --${flag.name}\` в строке ${line}` };
    if (ins.keyword === 'FROM' && ins.flags.some((f) => f.name.toLowerCase() === 'platform' && /\$\{?BUILDPLATFORM\b/.test(f.value ?? ''))) {
      return { en: `\`FROM --platform=$BUILDPLATFORM\` on line ${line}`, ru: `\`FROM --platform=$BUILDPLATFORM\` в строке ${line}` };
    }
  }
  return null;
}
