import type { Fix, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { flagKey, planMerge } from './support/merge-runs';
import { APT_ARG_OPTIONS, findCommands, runsOf } from './support/run-commands';
import { commandRange } from './support/script-edits';

const APT = ['apt-get', 'apt'];
/** Subcommands that read the package lists an update fetched. */
const USES_LISTS = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'reinstall', 'satisfy'];

/**
 * `apt-get update` in a RUN that installs nothing, followed later in the stage
 * by a RUN that installs: the update layer stays cached, so when the install
 * line changes it runs against old package lists (stale versions, 404s).
 */
export const aptUpdateAlone: Rule = {
  id: 'apt-update-alone',
  aliases: [],
  severity: 'warning',
  lecture: 'layers',
  description: {
    en: '`apt-get update` in its own RUN: its cached layer makes later installs use stale package lists.',
    ru: '`apt-get update` в отдельной RUN: закешированный слой заставляет последующие установки работать со старыми списками пакетов.',
  },
  check(model) {
    return findingsPerStage('apt-update-alone', model, (stage) => {
      const findings: RawFinding[] = [];
      const runs = runsOf(stage);
      runs.forEach((run, i) => {
        const [update] = findCommands(model, run, APT, ['update'], APT_ARG_OPTIONS);
        if (!update || findCommands(model, run, APT, USES_LISTS, APT_ARG_OPTIONS).length > 0) return;
        let reader: ReturnType<typeof findCommands>[number] | undefined;
        const install = runs.slice(i + 1).find((r) => (reader = findCommands(model, r, APT, USES_LISTS, APT_ARG_OPTIONS)[0]) !== undefined);
        if (!install || !reader) return;
        const line = install.range.start.line + 1;
        const refreshes = findCommands(model, install, APT, ['update'], APT_ARG_OPTIONS).length > 0;
        const uses = `${reader.name} ${reader.cmd.words[reader.sub].value}`;
        const what = refreshes
          ? { en: `The RUN at line ${line} updates again, so this layer only adds package lists to the image.`, ru: `RUN в строке ${line} снова обновляет списки, так что этот слой лишь добавляет их в образ.` }
          : { en: `The \`${uses}\` at line ${line} uses the package lists cached in this layer: when you change that line, Docker reuses this old layer and apt may install outdated versions or fail with 404.`, ru: `\`${uses}\` в строке ${line} использует списки пакетов из этого слоя: когда вы измените ту строку, Docker возьмёт старый слой из кеша, и apt может поставить устаревшие версии или упасть с 404.` };
        findings.push({
          range: commandRange(model, update, update.sub),
          message: {
            en: `\`${update.name} update\` runs in a RUN that installs nothing. The lecture: "layers are cached while the image is built". ${what.en} Run \`apt-get update && apt-get install …\` in one RUN.`,
            ru: `\`${update.name} update\` выполняется в RUN, которая ничего не устанавливает. Лекция: «При сборке образа слои кешируются». ${what.ru} Выполняйте \`apt-get update && apt-get install …\` в одной RUN.`,
          },
          fixes: mergeFix(model, run, install),
        });
      });
      return findings;
    });
  },
};

/** Merge with the installing RUN when it comes right after this one with the same flags. */
function mergeFix(model: DockerfileModel, run: InstructionInfo, install: InstructionInfo): Fix[] {
  if (install.index !== run.index + 1 || flagKey(run) !== flagKey(install)) return [];
  const plan = planMerge(model, [run, install]);
  if (!('edit' in plan)) return [];
  const line = install.range.start.line + 1;
  return [{
    title: { en: `Merge with the installing RUN at line ${line}`, ru: `Объединить с устанавливающей RUN в строке ${line}` },
    edits: [plan.edit],
    safe: true,
  }];
}

