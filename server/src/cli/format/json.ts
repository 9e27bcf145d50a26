import type { FileReport } from './report';

/**
 * The JSON contract other tools read: keep keys and shapes exactly as they
 * are. Version 1 only grows: `skipped` and `error` appear on a file only when
 * it was not analysed or could not be read or written; `beyondLecture: true`
 * on a diagnostic whose advice goes beyond the lecture (`lecture` is then the
 * nearest section).
 */
export function formatJson(reports: FileReport[]): string {
  return JSON.stringify({
    version: 1,
    files: reports.map((r) => ({
      path: r.path,
      ...(r.skipped !== undefined ? { skipped: r.skipped } : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
      diagnostics: r.findings.map((f) => ({
        rule: f.rule,
        aliases: f.aliases,
        severity: f.severity,
        message: f.message,
        lecture: f.lecture,
        ...(f.beyondLecture ? { beyondLecture: true } : {}),
        range: f.range,
        fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
      })),
    })),
  }, null, 2) + '\n';
}
