import type { DockerfileModel } from '../../model/types';

/** Flags only BuildKit understands: the legacy builder stops at them. */
const BUILDKIT_FLAGS: Readonly<Record<string, readonly string[]>> = {
  RUN: ['mount', 'network', 'security'],
  COPY: ['link', 'chmod', 'parents', 'exclude'],
  ADD: ['link', 'chmod', 'checksum', 'keep-git-dir', 'parents', 'exclude'],
};

/**
 * Whether the file can only be built with BuildKit: a `# syntax=` directive,
 * a heredoc, a BuildKit-only flag, or a FROM on the automatic `$BUILDPLATFORM`.
 * Then what only the legacy builder does (rejecting, discarding) is no defect of
 * this file. Worked out once per model.
 */
export function requiresBuildKit(model: DockerfileModel): boolean {
  let known = cache.get(model);
  if (known === undefined) cache.set(model, (known = scan(model)));
  return known;
}

const cache = new WeakMap<DockerfileModel, boolean>();

function scan(model: DockerfileModel): boolean {
  if (model.directives.some((d) => d.name.toLowerCase() === 'syntax')) return true;
  for (const ins of model.instructions) {
    if (ins.heredoc) return true;
    const flags = BUILDKIT_FLAGS[ins.keyword];
    if (flags && ins.flags.some((f) => flags.includes(f.name.toLowerCase()))) return true;
    if (ins.keyword === 'FROM' && ins.flags.some((f) => f.name.toLowerCase() === 'platform' && /\$\{?BUILDPLATFORM\b/.test(f.value ?? ''))) return true;
  }
  return false;
}
