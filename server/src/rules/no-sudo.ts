import type { Localized, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import { lastInherited } from '../model/lineage';
import { baseName, type ShellWord } from '../shell/tokenize';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { commandsOf, runsOf, type RunCommand } from './support/run-commands';
import { scriptRange } from './support/script-edits';

/**
 * `sudo` in a RUN: the build runs as root unless a USER says otherwise, and
 * sudo brings PAM, TTY and environment handling (and a setuid binary in the
 * image) — switch users with USER instead. One finding per RUN. `sudo -u app`
 * run by root is a deliberate, working switch to an unprivileged user: a hint.
 * Otherwise `info`: sudo as root does nothing useful, and a non-root user
 * needs a password-less sudoers entry to get root back.
 */
export const noSudo: Rule = {
  id: 'no-sudo',
  aliases: ['DL3004'],
  severity: 'info',
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
        const calls: { c: RunCommand; sudo: ShellWord; dropsTo: string | null }[] = [];
        for (const c of commandsOf(model, run)) {
          const sudo = c.cmd.words.slice(0, c.at + 1).find((w) => !w.hasExpansion && baseName(w.value) === 'sudo');
          if (sudo) calls.push({ c, sudo, dropsTo: userOption(c.cmd.words.slice(c.cmd.words.indexOf(sudo) + 1, c.at)) });
        }
        if (calls.length === 0) continue;
        const asRoot = runsAsRoot(model, run);
        // The call that decides: one that gains privileges, if any; else the first user switch.
        const shown = calls.find((k) => !k.dropsTo) ?? calls[0];
        const more: Localized = calls.length > 1
          ? { en: ` (${calls.length} sudo calls in this RUN; this note covers them all.)`, ru: ` (в этой RUN ${calls.length} вызова sudo; замечание относится ко всем.)` }
          : { en: '', ru: '' };
        const text = shown.dropsTo ? switchMessage(shown.dropsTo, asRoot) : gainMessage(asRoot);
        findings.push({
          range: scriptRange(model, shown.c.script, shown.sudo.start, shown.sudo.end),
          severity: asRoot && shown.dropsTo ? 'hint' : 'info',
          message: { en: text.en + more.en, ru: text.ru + more.ru },
          fixes: [],
        });
      }
      return findings;
    });
  },
};

/** Whether the RUN runs as root: no USER before it (in its stage or those it builds on), or USER root / 0. */
function runsAsRoot(model: DockerfileModel, run: InstructionInfo): boolean {
  const user = lastInherited(model, run, 'USER', (i) => i.keyword === 'USER');
  if (!user) return true; // the base image's user is usually root; a USER in this file is what we can see
  const name = model.lines.slice({ start: user.argsRange?.start ?? user.range.end, end: user.range.end }).trim().split(':')[0];
  return name === 'root' || name === '0';
}

function switchMessage(user: string, asRoot: boolean): Localized {
  return asRoot ? {
    en: `\`sudo -u ${user}\` in a RUN that runs as root: a deliberate switch to ${user}, and it works (root needs no password or TTY), but it keeps sudo and its setuid binary in the image and hides the switch inside a command. To run these steps as ${user}, put \`USER ${user}\` before them and switch back afterwards; inside one RUN, \`setpriv\` or \`gosu\` change the user without sudo.`,
    ru: `\`sudo -u ${user}\` в RUN, которая выполняется от root: намеренное переключение на ${user}, и оно работает (root не нужен ни пароль, ни TTY), но оставляет в образе sudo с setuid-программой и прячет переключение внутри команды. Чтобы выполнить эти шаги от ${user}, поставьте перед ними \`USER ${user}\` и затем верните прежнего пользователя; внутри одной RUN пользователя меняют \`setpriv\` или \`gosu\`, без sudo.`,
  } : {
    en: `\`sudo -u ${user}\` in a RUN that runs as a non-root USER: sudo then needs a password-less sudoers entry (a build has no TTY to type a password) and adds PAM and environment handling that behaves unpredictably in a build. Put \`USER ${user}\` before these steps and switch back afterwards.`,
    ru: `\`sudo -u ${user}\` в RUN, которая выполняется от непривилегированного USER: sudo тогда нужна запись в sudoers без пароля (при сборке нет TTY, чтобы ввести пароль), а PAM и обработка окружения ведут себя при сборке непредсказуемо. Поставьте перед этими шагами \`USER ${user}\` и затем верните прежнего пользователя.`,
  };
}

function gainMessage(asRoot: boolean): Localized {
  const lecture: Localized = {
    en: ' The lecture\'s advice to "run processes as an unprivileged user" is about the container, not about sudo inside it.',
    ru: ' Совет лекции «запускать процессы от непривилегированного пользователя» касается контейнера, а не sudo внутри него.',
  };
  return asRoot ? {
    en: '`sudo` in a RUN that already runs as root: it adds nothing but PAM, TTY and environment handling that behaves unpredictably in a build (and a setuid binary in the image). Drop it; to run steps as another user, use `USER <name>`.' + lecture.en,
    ru: '`sudo` в RUN, которая и так выполняется от root: он ничего не даёт, кроме PAM, TTY и обработки окружения, которые при сборке ведут себя непредсказуемо (и setuid-программы в образе). Уберите его; чтобы выполнить шаги от другого пользователя, используйте `USER <имя>`.' + lecture.ru,
  } : {
    en: '`sudo` in a RUN that runs as a non-root USER: it needs a password-less sudoers entry (a build has no TTY to type a password), which stays in the image as a way back to root. Put the privileged commands under `USER root` and switch back with `USER <name>`.' + lecture.en,
    ru: '`sudo` в RUN, которая выполняется от непривилегированного USER: ему нужна запись в sudoers без пароля (при сборке нет TTY, чтобы ввести пароль), и она остаётся в образе как путь обратно к root. Выполняйте привилегированные команды под `USER root` и возвращайтесь через `USER <имя>`.' + lecture.ru,
  };
}

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
