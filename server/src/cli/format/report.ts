import type { Finding, Lang } from '../../index';
import { section, isSectionId } from '../../../../common/lecture/sections';
import { adviceSourceLine } from '../../../../common/lecture/source';

/** One file's result, as every output format reads it. */
export interface FileReport {
  path: string;
  findings: Finding[];
  /** Why the text was not analysed (too big). */
  skipped?: string;
  /** Why the file could not be read, or its fixes written. */
  error?: string;
}

export function sectionTitle(id: string, lang: Lang): string {
  return isSectionId(id) ? section(id).title[lang] : id;
}

/** `lecture: Best practices` or `beyond the lecture (nearest section: …)`: where the advice comes from. */
export function sourceLine(f: Pick<Finding, 'lecture' | 'beyondLecture'>, lang: Lang): string {
  if (!isSectionId(f.lecture)) return `${lang === 'ru' ? 'Лекция' : 'lecture'}: ${f.lecture}`;
  return adviceSourceLine({ lecture: f.lecture, beyondLecture: f.beyondLecture }, lang);
}

/** 1-based line and column, as CI tools count. */
export function lineColumn(f: Finding): { line: number; column: number } {
  return { line: f.range.start.line + 1, column: f.range.start.character + 1 };
}
