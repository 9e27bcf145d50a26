import { createHash } from 'node:crypto';
import type { Severity } from '../../index';
import { lineColumn, type FileReport } from './report';

/** GitLab's scale is info < minor < major < critical < blocker; ours maps onto it in order. */
const GITLAB_SEVERITY: Record<Severity, string> = { hint: 'info', info: 'minor', warning: 'major', error: 'blocker' };

/** Same finding, same fingerprint across runs: GitLab compares fingerprints to tell new issues from old ones. */
function fingerprint(...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/**
 * GitLab Code Quality report (a JSON array of Code Climate issues). A file not
 * read or not analysed is an issue of its own, so the merge request does not
 * show it as clean.
 */
export function formatGitlab(reports: FileReport[]): string {
  const issues = reports.flatMap((r) => {
    const problem = r.error ?? r.skipped;
    const own = problem === undefined ? [] : [{
      description: problem,
      check_name: 'not-analysed',
      fingerprint: fingerprint('not-analysed', r.path, 1, problem),
      severity: r.error !== undefined ? 'blocker' : 'major',
      location: { path: r.path, lines: { begin: 1 } },
    }];
    return own.concat(r.findings.map((f) => {
      const { line } = lineColumn(f);
      const alias = f.aliases.length ? ` (${f.aliases.join(', ')})` : '';
      return {
        description: `${f.message}${alias}`,
        check_name: f.rule,
        fingerprint: fingerprint(f.rule, r.path, line, f.message),
        severity: GITLAB_SEVERITY[f.severity],
        location: { path: r.path, lines: { begin: line } },
      };
    }));
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
