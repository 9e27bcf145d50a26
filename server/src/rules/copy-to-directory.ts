import type { RawFinding } from '../core/types';
import type { Rule } from './rule';
import { argumentText, jsonArray, splitBlank, wordRange } from './support/args';
import { requiresBuildKit } from './support/buildkit-only';

/**
 * `COPY a b /dest` (or ADD) with more than one source and a destination that
 * does not end in `/`. The legacy builder stops with "When using COPY with more
 * than one source file, the destination must be a directory and end with a /";
 * BuildKit accepts it, and when /dest does not exist yet each source is copied
 * onto the same path, so only the last one survives (moby/buildkit#1853). With
 * `/` at the end both builders create the directory and copy every source into
 * it, so the fix changes nothing where the file already worked. A single
 * wildcard source is left alone: how many files it matches is not in the file.
 * Into `.` BuildKit copies correctly (the working directory exists), so a file
 * that needs BuildKit anyway has nothing to fix there.
 */
export const copyToDirectory: Rule = {
  id: 'copy-to-directory',
  aliases: ['DL3021'],
  severity: 'warning',
  lecture: 'layers',
  beyondLecture: true,
  description: {
    en: 'COPY/ADD with several sources needs a destination ending in `/`: otherwise the legacy builder fails and BuildKit may keep only the last file.',
    ru: 'COPY/ADD с несколькими источниками требует назначения, оканчивающегося на `/`: иначе классический сборщик падает, а BuildKit может оставить только последний файл.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const ins of model.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredoc || ins.stage < 0) continue;
      const script = argumentText(model, ins);
      if (!script) continue;
      const json = ins.execForm ? jsonArray(script.text) : null;
      const words = json ? null : splitBlank(script.text);
      const operands = json ? json.map(String) : words!.map((w) => w.raw);
      if (operands.length < 3) continue;
      const dest = operands[operands.length - 1];
      // A Windows destination ends in its own separator.
      if (dest.endsWith('/') || dest.endsWith('\\') || dest.includes('$')) continue;
      const dot = dest === '.' || dest === '..' || dest.endsWith('/.') || dest.endsWith('/..');
      if (dot && requiresBuildKit(model)) continue;
      const last = words?.[words.length - 1];
      const range = last ? wordRange(model, script, last.start, last.end) : ins.argsRange ?? ins.keywordRange;
      findings.push({
        range,
        message: dot
          ? {
            en: `${ins.keyword} with ${operands.length - 1} sources into \`${dest}\`: BuildKit copies them into that directory, but the legacy builder stops with "the destination must be a directory and end with a /". Write \`${dest}/\`.`,
            ru: `${ins.keyword} с ${operands.length - 1} источниками в \`${dest}\`: BuildKit скопирует их в этот каталог, но классический сборщик остановится с ошибкой «the destination must be a directory and end with a /». Напишите \`${dest}/\`.`,
          }
          : {
            en: `${ins.keyword} with ${operands.length - 1} sources into \`${dest}\`, which does not end in \`/\`: the legacy builder stops with an error, and BuildKit, when \`${dest}\` does not exist yet, copies every source onto that one path, so only the last survives. Write \`${dest}/\`.`,
            ru: `${ins.keyword} с ${operands.length - 1} источниками в \`${dest}\` без \`/\` на конце: классический сборщик остановится с ошибкой, а BuildKit, если \`${dest}\` ещё нет, скопирует все источники в один и тот же путь, и останется только последний. Напишите \`${dest}/\`.`,
          },
        fixes: last
          ? [{ title: { en: `End the destination with / (${dest}/)`, ru: `Закончить назначение на / (${dest}/)` }, edits: [{ range: { start: range.end, end: range.end }, newText: '/' }], safe: true }]
          : [],
      });
    }
    return findings;
  },
};
