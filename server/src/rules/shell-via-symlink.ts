import type { RawFinding } from '../core/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { commandRange } from './support/script-edits';
import { findCommands, operandIndex, runsOf } from './support/run-commands';
import { keywordCase } from './support/keyword-case';

/**
 * `RUN ln -sf /bin/bash /bin/sh`: replacing /bin/sh changes the shell of every
 * script in the image, including the package manager's maintainer scripts and
 * whatever the final container runs, not only this Dockerfile's RUNs. SHELL
 * changes the shell of the RUN/CMD/ENTRYPOINT shell forms that follow and
 * nothing else.
 */
export const shellViaSymlink: Rule = {
  id: 'shell-via-symlink',
  aliases: ['DL4005'],
  // Often deliberate (an image that wants bash everywhere): a teaching note, not a squiggle.
  severity: 'hint',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'Replacing /bin/sh with a symlink changes the shell of every script in the image: use SHELL to change the shell of RUN.',
    ru: 'Замена /bin/sh символической ссылкой меняет оболочку для всех скриптов образа: для RUN используйте SHELL.',
  },
  check(model) {
    return findingsPerStage('shell-via-symlink', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const run of runsOf(stage)) {
        for (const c of findCommands(model, run, ['ln'])) {
          const first = operandIndex(c.cmd, c.at + 1);
          if (first < 0) continue;
          const operands = c.cmd.words.slice(first).map((w) => w.value);
          if (operands.length !== 2 || operands[1] !== '/bin/sh') continue;
          const target = operands[0];
          const shell = keywordCase(model, 'SHELL');
          findings.push({
            range: commandRange(model, c),
            message: {
              en: `\`ln … ${target} /bin/sh\` makes \`${target}\` the shell of every script in the image (package maintainer scripts, the container's own scripts), not only of the RUNs below. To run this Dockerfile's RUNs with it, write \`${shell} ["${target}", "-c"]\`.`,
              ru: `\`ln … ${target} /bin/sh\` делает \`${target}\` оболочкой для всех скриптов образа (скриптов пакетов, скриптов самого контейнера), а не только для RUN ниже. Чтобы выполнять ею RUN этого Dockerfile, напишите \`${shell} ["${target}", "-c"]\`.`,
            },
            fixes: [],
          });
        }
      }
      return findings;
    });
  },
};
