import type { Lang } from '../../index';
import { escapeControls } from '../escape';
import { sourceLine, type FileReport } from './report';

/** Two lines per finding: where and what, then where the advice comes from. */
export function formatText(reports: FileReport[], lang: Lang, color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<string, number> = { error: 31, warning: 33, info: 36, hint: 90 };
  const out: string[] = [];
  let total = 0;
  for (const r of reports) {
    // Paths and messages quote the user's text: shown escaped, never acted on by the terminal.
    const path = escapeControls(r.path);
    if (r.skipped) out.push(`${path}: ${escapeControls(r.skipped)}`);
    for (const f of r.findings) {
      total++;
      const where = `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const alias = f.aliases.length ? ` (${f.aliases.join(', ')})` : '';
      const fixable = f.fixes.length ? (lang === 'ru' ? ' [есть исправление]' : ' [fix available]') : '';
      out.push(`${where}: ${paint(sevColor[f.severity], f.severity)} ${paint(1, f.rule)}${alias}: ${escapeControls(f.message)}${fixable}`);
      out.push(paint(90, `    ${sourceLine(f, lang)}`));
    }
  }
  out.push(lang === 'ru' ? `замечаний: ${total}, файлов: ${reports.length}` : `${total} finding(s) in ${reports.length} file(s)`);
  return out.join('\n') + '\n';
}
