import { lastInherited } from '../model/lineage';
import type { RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { APT_ARG_OPTIONS, findCommands, hasOption, runsOf } from './support/run-commands';
import { commandRange, insertAfterWord } from './support/script-edits';

/** `-s` (simulate) and `-d` (download only) never ask. Subcommands that ask "Do you want to continue? [Y/n]". */
const ASKS = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'build-dep', 'reinstall'];

/**
 * `apt-get install` without `-y`: when apt wants to confirm, a build has no
 * terminal to answer and the step aborts.
 */
export const aptGetYes: Rule = {
  id: 'apt-get-yes',
  aliases: ['DL3014'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: '`apt-get install` without `-y` aborts the build when apt asks for confirmation.',
    ru: '`apt-get install` без `-y` прерывает сборку, когда apt спрашивает подтверждение.',
  },
  check(model) {
    return findingsPerStage('apt-get-yes', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const run of runsOf(stage)) {
        for (const c of findCommands(model, run, ['apt-get', 'apt'], ASKS, APT_ARG_OPTIONS)) {
          if (hasOption(c.cmd, c.at + 1, ['--yes', '--assume-yes', '--quiet=2', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '--download-only'], 'ysd')) continue;
          if (c.cmd.words.slice(c.at + 1).some((w) => /^-q{2,}$|^-o?APT::Get::Assume-Yes/i.test(w.value))) continue;
          if (pipedFromYes(run, c.index) || configuredEarlier(model, run)) continue;
          const sub = c.cmd.words[c.sub].value;
          findings.push({
            range: commandRange(model, c, c.sub),
            message: {
              en: `\`${c.name} ${sub}\` without \`-y\`: when apt asks \`Do you want to continue?\`, nobody can answer during a build and the step fails. Add \`-y\`.`,
              ru: `\`${c.name} ${sub}\` без \`-y\`: когда apt спросит \`Do you want to continue?\`, ответить при сборке некому, и шаг упадёт. Добавьте \`-y\`.`,
            },
            fixes: [{
              title: { en: `Add \`-y\` to \`${c.name} ${sub}\``, ru: `Добавить \`-y\` к \`${c.name} ${sub}\`` },
              edits: [insertAfterWord(model, run.script!, c.cmd.words[c.sub], ' -y')],
              safe: true,
            }],
          });
        }
      }
      return findings;
    });
  },
};

/** `yes | apt-get install …` answers the prompts. */
function pipedFromYes(run: InstructionInfo, index: number): boolean {
  const commands = run.script!.shell().commands;
  for (let i = index; i > 0 && commands[i].joinedBy === '|'; i--) {
    if (commands[i - 1].words[0]?.value === 'yes') return true;
  }
  return false;
}

/** An earlier instruction (or this RUN) configures apt to assume yes. */
function configuredEarlier(model: DockerfileModel, run: InstructionInfo): boolean {
  return lastInherited(model, run, 'apt-assume-yes', (i) => /Assume-Yes/i.test(model.lines.slice(i.range)), true) !== null;
}
