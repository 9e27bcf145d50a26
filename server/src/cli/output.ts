/** Reports in the format asked for, to standard output or to a file (--output). */
import { writeFileSync } from 'node:fs';
import type { Lang } from '../index';
import type { ReportFormat } from './args';
import { formatCheckstyle, formatGitlab, formatJson, formatJunit, formatSarif, formatText, type FileReport } from './format/index';

export function renderReport(format: ReportFormat, reports: FileReport[], lang: Lang, version: string, color: boolean): string {
  switch (format) {
    case 'text': return formatText(reports, lang, color);
    case 'json': return formatJson(reports);
    case 'sarif': return formatSarif(reports, lang, version);
    case 'checkstyle': return formatCheckstyle(reports);
    case 'junit': return formatJunit(reports, lang);
    case 'gitlab': return formatGitlab(reports);
  }
}

/** Writes one report; the reason it could not, or undefined once written. */
export function writeReport(file: string, text: string): string | undefined {
  try {
    writeFileSync(file, text);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `${file}: cannot write the report: ${code === 'ENOENT' ? 'no such folder' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message}`;
  }
}
