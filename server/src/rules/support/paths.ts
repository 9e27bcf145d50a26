import { lastInherited } from '../../model/lineage';
import type { DockerfileModel, InstructionInfo } from '../../model/types';

/**
 * Paths inside the image: COPY/ADD operands, POSIX normalisation, and the
 * working directory in effect at an instruction.
 */

/** Sources and destination of a COPY/ADD (JSON or whitespace form); null for heredocs or nothing to copy. */
export function copyOperands(ins: InstructionInfo): { sources: string[]; dest: string } | null {
  if (ins.heredoc) return null;
  const args = ins.args.trim();
  let parts: string[];
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) return null;
      parts = parsed as string[];
    } catch {
      return null;
    }
  } else {
    parts = args.split(/\s+/).filter((p) => p !== '');
  }
  if (parts.length < 2) return null;
  return { sources: parts.slice(0, -1), dest: parts[parts.length - 1] };
}

/** Normalises an absolute POSIX path: no `.`/`..`/duplicate or trailing slashes. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** `path` made absolute against `cwd`; null when it uses a variable, `~`, or the cwd is unknown. */
export function resolvePath(path: string, cwd: string | null): string | null {
  if (path === '' || /[$`]/.test(path) || path.startsWith('~')) return null;
  if (path.startsWith('/')) return normalizePath(path);
  return cwd === null ? null : normalizePath(`${cwd}/${path}`);
}

/**
 * The working directory in effect at `ins`, from the WORKDIRs of its stage and
 * the stages it builds on; null when it depends on a variable or on the base image.
 */
export function workdirAt(model: DockerfileModel, ins: InstructionInfo): string | null {
  // Relative WORKDIRs resolve against the one before them: walk back to an absolute one.
  const relative: string[] = [];
  for (let at: InstructionInfo | null = ins; ;) {
    const w: InstructionInfo | null = lastInherited(model, at, 'WORKDIR', (i) => i.keyword === 'WORKDIR');
    if (!w) return null;
    const value = w.args.trim().replace(/^"(.*)"$/, '$1');
    if (/[$`]/.test(value)) return null;
    if (value.startsWith('/')) {
      let cwd: string | null = normalizePath(value);
      for (const r of relative.reverse()) cwd = cwd === null ? null : resolvePath(r, cwd);
      return cwd;
    }
    relative.push(value);
    at = w;
  }
}
