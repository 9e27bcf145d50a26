import { lastInherited } from '../model/lineage';
import type { RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { APT_ARG_OPTIONS, findCommands, hasOption, optionValue, runsOf } from './support/run-commands';
import { commandRange, insertAfterWord } from './support/script-edits';
import { imageKind } from './support/image-kind';

/**
 * `apt-get install` without `--no-install-recommends` also installs every
 * "recommended" package: often tens of megabytes nobody asked for. Not when
 * an earlier instruction configures apt (`APT::Install-Recommends`), and not
 * in stages that do not reach the final image.
 */
export const noInstallRecommends: Rule = {
  id: 'no-install-recommends',
  aliases: ['DL3015'],
  severity: 'info',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: '`apt-get install` without `--no-install-recommends` pulls in recommended packages you did not ask for.',
    ru: '`apt-get install` без `--no-install-recommends` тянет рекомендуемые пакеты, о которых вы не просили.',
  },
  check(model, context) {
    // In a dev container (or a build environment) recommended extras are often what the person using it wants: a lesson, not a squiggle.
    const kind = imageKind(model, context.filePath)?.kind;
    const deliberate = kind === 'devcontainer' || kind === 'toolchain';
    const found = findingsPerStage('no-install-recommends', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const run of runsOf(stage)) {
        // Asked once per RUN, not per install: it reads the RUN's whole text, and a heredoc body can be long.
        let configured: boolean | undefined;
        for (const c of findCommands(model, run, ['apt-get', 'apt'], ['install'], APT_ARG_OPTIONS)) {
          if (hasOption(c.cmd, c.at + 1, ['--no-install-recommends'])) continue;
          const opt = optionValue(c.cmd, c.at + 1, ['--option'], 'o');
          if (opt && /Install-Recommends/i.test(opt.value)) continue;
          if (c.cmd.words.slice(c.at + 1).some((w) => /^-o?APT::Install-Recommends/i.test(w.value))) continue;
          if ((configured ??= configuredEarlier(model, run))) continue;
          findings.push({
            range: commandRange(model, c, c.sub),
            message: {
              en: `\`${c.name} install\` without \`--no-install-recommends\` also installs everything your packages merely recommend, which makes the image bigger. The lecture asks to "use minimal base images (alpine)"; the same goes for what you install on top. List the packages you really need explicitly (ca-certificates is a frequent one).`,
              ru: `\`${c.name} install\` без \`--no-install-recommends\` ставит вместе с пакетами всё, что они лишь рекомендуют (Recommends), и образ растёт. Лекция советует «использовать минимальные базовые образы (alpine)» — то же относится к тому, что вы ставите поверх. Нужные пакеты перечислите явно (часто это ca-certificates).`,
            },
            fixes: [{
              title: { en: 'Add `--no-install-recommends` (check that nothing you need was only recommended)', ru: 'Добавить `--no-install-recommends` (проверьте, что нужное не было лишь рекомендованным)' },
              edits: [insertAfterWord(model, run.script!, c.cmd.words[c.sub], ' --no-install-recommends')],
              safe: false,
            }],
          });
        }
      }
      return findings;
    }, { only: (stage) => stage.reachesFinalImage });
    return deliberate ? found.map((f) => ({ ...f, severity: 'hint' as const })) : found;
  },
};

/**
 * apt's setting, as written in apt.conf or given with `-o`: `APT::Install-Recommends`,
 * or `Install-Recommends` inside an `APT { … }` block. Not the command-line flag
 * `--no-install-recommends`, which only affects the command it is given to: the
 * case-insensitive `Install-Recommends` used to match it, and one flag silenced
 * every later install of the stage.
 */
const APT_SETTING = /APT::Install-Recommends|(^|[^-\w])Install-Recommends\b/i;

/** An earlier instruction (or this RUN) writes apt configuration about recommends. */
function configuredEarlier(model: DockerfileModel, run: InstructionInfo): boolean {
  return lastInherited(model, run, 'apt-install-recommends', (i) => APT_SETTING.test(model.lines.slice(i.range)), true) !== null;
}
