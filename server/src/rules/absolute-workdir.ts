import type { Fix, RawFinding } from '../core/types';
import type { Rule } from './rule';
import { argumentText, unquote } from './support/args';
import { isWindowsStage } from './support/shell-context';
import { normalizePath as normalize } from './support/paths';

/**
 * WORKDIR with a relative path resolves against whatever the working
 * directory was before: the base image's, which can change with the image.
 * When an earlier WORKDIR of the stage (or of the stages it is built FROM in
 * this file) is a literal absolute path, the result is fixed: then the
 * finding is only a hint and the fix writes the resolved absolute path
 * (the same directory, so the image does not change).
 */
export const absoluteWorkdir: Rule = {
  id: 'absolute-workdir',
  aliases: ['DL3000', 'WorkdirRelativePath'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'WORKDIR with a relative path depends on the base image\'s working directory: use an absolute path.',
    ru: 'WORKDIR с относительным путём зависит от рабочего каталога базового образа: используйте абсолютный путь.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    // The working directory at the end of each stage: a literal path, null (not literal) or undefined (never set).
    const atEnd: (string | null | undefined)[] = [];
    for (const stage of model.stages) {
      const windows = isWindowsStage(model, stage);
      // The working directory before the stage's own instructions, if this file fixes it.
      const parent = stage.base.fromStage >= 0 && stage.base.fromStage < stage.index ? stage.base.fromStage : -1;
      let current: string | null | undefined = parent >= 0 ? atEnd[parent] : undefined;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'WORKDIR') continue;
        const script = argumentText(model, ins);
        if (!script) continue;
        const path = unquote(script.text.trim(), model.escapeChar);
        if (path === '' || path.includes('$')) { current = null; continue; }
        if (isAbsolute(path, windows)) { current = windows ? null : normalize(path); continue; }
        const known = typeof current === 'string';
        const resolved = known ? normalize(`${current}/${path}`) : null;
        const written = resolved === null ? null : asWord(resolved, model.escapeChar);
        const fixes: Fix[] = resolved !== null && written !== null ? [{
          title: { en: `Write the absolute path ${resolved} (the same directory)`, ru: `Записать абсолютный путь ${resolved} (тот же каталог)` },
          edits: [{ range: { start: ins.argsRange!.start, end: ins.range.end }, newText: written }],
          safe: true,
        }] : [];
        findings.push({
          // Resolved against an absolute WORKDIR of this file: the directory is certain and the relative form is
          // often the clearer one (a clone under the stage's WORKDIR), so a hint; the fix stays.
          severity: known ? 'hint' : 'warning',
          range: ins.argsRange ?? ins.keywordRange,
          message: known
            ? {
              en: `Relative WORKDIR \`${path}\`: it resolves against the earlier WORKDIR to ${resolved}. Writing that absolute path says the same thing without making the reader trace earlier instructions.`,
              ru: `Относительный WORKDIR \`${path}\`: он отсчитывается от предыдущего WORKDIR и даёт ${resolved}. Абсолютный путь говорит то же самое, и читателю не нужно искать предыдущие инструкции.`,
            }
            : {
              en: `Relative WORKDIR \`${path}\`: it resolves against the working directory of the base image, which this file does not set and which may change with the image. Use an absolute path.`,
              ru: `Относительный WORKDIR \`${path}\`: он отсчитывается от рабочего каталога базового образа, который этот файл не задаёт и который может измениться вместе с образом. Используйте абсолютный путь.`,
            },
          fixes,
        });
        current = resolved;
      }
      atEnd[stage.index] = current;
    }
    return findings;
  },
};

function isAbsolute(path: string, windows: boolean): boolean {
  if (path.startsWith('/')) return true;
  if (/^[A-Za-z]:([\\/]|$)/.test(path)) return true;
  return windows && path.startsWith('\\');
}


/**
 * The path as one WORKDIR word the builder reads back unchanged: bare, or in
 * double quotes when it has blanks or quotes (`it's` alone would open a
 * quote). Null when only the escape character could protect it and that is
 * not a backslash.
 */
function asWord(path: string, escapeChar: string): string | null {
  if (!/[\s'"\\`]/.test(path)) return path;
  // JSON would write a tab or a line break as `\t` or `\n`, which the builder reads as two characters.
  if (/[\u0000-\u001f\u007f]/.test(path)) return null;
  if (escapeChar !== '\\' && /["\\`]/.test(path)) return null;
  return JSON.stringify(path);
}

