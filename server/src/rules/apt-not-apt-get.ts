import type { RawFinding } from '../core/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { APT_ARG_OPTIONS, commandsOf, runsOf, subcommandOf } from './support/run-commands';
import { commandRange, replaceWord } from './support/script-edits';

/** apt subcommands that apt-get has too; `update` behaves identically in both. */
const SHARED = ['install', 'update', 'upgrade', 'dist-upgrade', 'remove', 'purge', 'autoremove', 'clean', 'autoclean', 'build-dep', 'source', 'satisfy'];

/**
 * `apt` is the interactive front end: its output and behaviour may change
 * between releases ("apt does not have a stable CLI interface"); scripts
 * should use apt-get. Only commands that apt-get has get a fix, and only
 * `update` gets a safe one: `apt upgrade` may install new packages where
 * `apt-get upgrade` does not, and `apt install` deletes downloaded .debs.
 */
export const aptNotAptGet: Rule = {
  id: 'apt-not-apt-get',
  aliases: ['DL3027'],
  // The severity policy: `apt` installs the same packages; only its output format may change: a hint.
  severity: 'hint',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'Use `apt-get` (or `apt-cache`) in scripts: `apt` is meant for people and has no stable CLI.',
    ru: 'В скриптах используйте `apt-get` (или `apt-cache`): `apt` рассчитан на людей и не имеет стабильного CLI.',
  },
  check(model) {
    return findingsPerStage('apt-not-apt-get', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const run of runsOf(stage)) {
        for (const c of commandsOf(model, run)) {
          if (c.name !== 'apt') continue;
          const sub = subcommandOf(c, APT_ARG_OPTIONS);
          if (!sub) continue;
          const word = c.cmd.words[c.at];
          const fixable = SHARED.includes(sub.value) && !word.quoted;
          findings.push({
            range: commandRange(model, c, sub.index),
            message: {
              en: `\`apt ${sub.value}\` in a Dockerfile: \`apt\` is the interactive tool, its output and defaults may change between releases (it warns itself: \`apt does not have a stable CLI interface\`). Use \`apt-get\`${SHARED.includes(sub.value) ? '' : ' or `apt-cache`'}.`,
              ru: `\`apt ${sub.value}\` в Dockerfile: \`apt\` — интерактивная утилита, её вывод и поведение могут меняться от версии к версии (она сама предупреждает: \`apt does not have a stable CLI interface\`). Используйте \`apt-get\`${SHARED.includes(sub.value) ? '' : ' или `apt-cache`'}.`,
            },
            fixes: fixable ? [{
              title: sub.value === 'update'
                ? { en: 'Replace `apt` with `apt-get`', ru: 'Заменить `apt` на `apt-get`' }
                : { en: `Replace \`apt\` with \`apt-get\` (check the result: \`apt-get ${sub.value}\` differs in details)`, ru: `Заменить \`apt\` на \`apt-get\` (проверьте результат: \`apt-get ${sub.value}\` отличается в деталях)` },
              edits: [replaceWord(model, c.script, word, `${word.value.slice(0, word.value.length - 3)}apt-get`)],
              safe: sub.value === 'update',
            }] : [],
          });
        }
      }
      return findings;
    });
  },
};
