import type { RawFinding } from '../core/types';
import { baseName } from '../shell/tokenize';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { commandsOf, runsOf } from './support/run-commands';
import { scriptRange } from './support/script-edits';

/**
 * `sudo` in a RUN: the build runs as root unless a USER says otherwise, and
 * sudo brings PAM, TTY and environment handling that behave unpredictably in
 * a build — switch users with USER instead.
 */
export const noSudo: Rule = {
  id: 'no-sudo',
  aliases: ['DL3004'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'Do not use sudo in RUN: switch users with USER.',
    ru: 'Не используйте sudo в RUN: переключайте пользователя через USER.',
  },
  check(model) {
    return findingsPerStage('no-sudo', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const run of runsOf(stage)) {
        for (const c of commandsOf(model, run)) {
          const sudo = c.cmd.words.slice(0, c.at + 1).find((w) => !w.hasExpansion && baseName(w.value) === 'sudo');
          if (!sudo) continue;
          const dropsTo = userOption(c.cmd.words.slice(c.cmd.words.indexOf(sudo) + 1, c.at));
          findings.push({
            range: scriptRange(model, c.script, sudo.start, sudo.end),
            message: dropsTo ? {
              en: `\`sudo -u ${dropsTo}\` in a RUN: the build runs as root unless a USER instruction says otherwise, and sudo adds PAM, TTY and environment handling that behaves unpredictably in a build (and a setuid binary in the image). To run these steps as ${dropsTo}, put \`USER ${dropsTo}\` before them and switch back afterwards; inside one RUN, \`setpriv\` or \`gosu\` change the user without sudo.`,
              ru: `\`sudo -u ${dropsTo}\` в RUN: сборка и так идёт от root, если инструкция USER не указала другого, а sudo добавляет PAM, TTY и обработку окружения, которые при сборке ведут себя непредсказуемо (и setuid-программу в образе). Чтобы выполнить эти шаги от ${dropsTo}, поставьте перед ними \`USER ${dropsTo}\` и затем верните прежнего пользователя; внутри одной RUN пользователя меняют \`setpriv\` или \`gosu\`, без sudo.`,
            } : {
              en: '`sudo` in a RUN: the build runs as root unless a USER instruction says otherwise, and sudo adds PAM, TTY and environment handling that behaves unpredictably in a build (and a setuid binary in the image). Put the privileged commands under `USER root` and switch back with `USER <name>`. The lecture\'s advice to "run processes as an unprivileged user" is about the container, not about sudo inside it.',
              ru: '`sudo` в RUN: сборка и так идёт от root, если инструкция USER не указала другого, а sudo добавляет PAM, TTY и обработку окружения, которые при сборке ведут себя непредсказуемо (и setuid-программу в образе). Выполняйте привилегированные команды под `USER root` и возвращайтесь через `USER <имя>`. Совет лекции «запускать процессы от непривилегированного пользователя» касается контейнера, а не sudo внутри него.',
            },
            fixes: [],
          });
        }
      }
      return findings;
    });
  },
};

/** The user of `sudo -u NAME` / `--user=NAME` among sudo's own options: sudo used to drop privileges, not to gain them. */
function userOption(options: { value: string }[]): string | null {
  for (let i = 0; i < options.length; i++) {
    const v = options[i].value;
    if ((v === '-u' || v === '--user') && options[i + 1]) return options[i + 1].value;
    if (v.startsWith('--user=')) return v.slice('--user='.length) || null;
    if (/^-u./.test(v)) return v.slice(2);
  }
  return null;
}
