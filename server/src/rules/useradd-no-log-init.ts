import type { RawFinding } from '../core/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { commandRange, insertAfterWord } from './support/script-edits';
import { findCommands, hasOption, optionValue, runsOf } from './support/run-commands';

/** Above this UID the sparse lastlog/faillog records become large files in the layer. */
const LARGE_UID = 65535;

/**
 * `useradd -u 123456789` without `-l`: useradd writes the user's record into
 * /var/log/lastlog and /var/log/faillog at an offset proportional to the UID.
 * On disk the files are sparse, but a layer is a tar archive and stores the
 * holes as zeros: a UID of 10^8 adds gigabytes to the image. `-l`
 * (`--no-log-init`) skips those records; nothing else changes.
 */
export const useraddNoLogInit: Rule = {
  id: 'useradd-no-log-init',
  aliases: ['DL3046'],
  severity: 'warning',
  lecture: 'layers',
  beyondLecture: true,
  description: {
    en: '`useradd` with a large UID and without `-l`: the sparse lastlog file is stored in full in the layer.',
    ru: '`useradd` с большим UID без `-l`: разреженный файл lastlog целиком попадает в слой.',
  },
  check(model) {
    return findingsPerStage('useradd-no-log-init', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const run of runsOf(stage)) {
        for (const c of findCommands(model, run, ['useradd'])) {
          if (hasOption(c.cmd, c.at + 1, ['--no-log-init'], 'l')) continue;
          const uid = optionValue(c.cmd, c.at + 1, ['--uid'], 'u');
          if (!uid || !/^\d+$/.test(uid.value) || Number(uid.value) <= LARGE_UID) continue;
          findings.push({
            range: commandRange(model, c, c.at),
            message: {
              en: `\`useradd -u ${uid.value}\` without \`-l\` writes lastlog and faillog records at an offset proportional to the UID: sparse on disk, but a layer stores the holes as zeros, so lastlog alone adds about ${approxSize(Number(uid.value))} to the image. Add \`-l\` (\`--no-log-init\`).`,
              ru: `\`useradd -u ${uid.value}\` без \`-l\` пишет записи lastlog и faillog со смещением, пропорциональным UID: на диске файлы разреженные, но слой хранит «дыры» нулями, и один только lastlog добавит к образу около ${approxSize(Number(uid.value))}. Добавьте \`-l\` (\`--no-log-init\`).`,
            },
            fixes: [{
              title: { en: 'Add `-l` (--no-log-init) to useradd', ru: 'Добавить `-l` (--no-log-init) к useradd' },
              edits: [insertAfterWord(model, run.script!, c.cmd.words[c.at], ' -l')],
              safe: true,
            }],
          });
        }
      }
      return findings;
    });
  },
};

/** lastlog keeps a 292-byte record per UID (glibc on 64-bit Linux); faillog, where it exists, adds more. */
function approxSize(uid: number): string {
  const bytes = uid * 292;
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(1)} GiB`;
  return `${Math.round(bytes / (1 << 20))} MiB`;
}
