import type { RawFinding } from '../core/types';
import type { InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { flagKey, planMerge, type MergeRefusal } from './support/merge-runs';

/**
 * Consecutive shell-form RUNs in one stage: each adds a read-only layer.
 * Comments and blank lines do not separate them; any other instruction does.
 * Only RUNs with identical flags (--mount, --network, --security) are grouped,
 * since merging would otherwise change the mounts or network of some commands.
 */
export const mergeConsecutiveRun: Rule = {
  id: 'merge-consecutive-run',
  aliases: ['DL3059'],
  severity: 'info',
  lecture: 'best-practices',
  description: {
    en: 'Consecutive RUN instructions each add a layer; merge them into one.',
    ru: 'Подряд идущие RUN создают по слою каждая; объедините их в одну.',
  },
  check(model) {
    return findingsPerStage('merge-consecutive-run', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const group of consecutiveGroups(stage.instructions)) {
        const plan = planMerge(model, group);
        const first = group[0].range.start.line + 1;
        const last = group[group.length - 1].range.start.line + 1;
        const fixes = 'edit' in plan
          ? [{ title: { en: `Merge ${group.length} consecutive RUN instructions (lines ${first}–${last}) into one`, ru: `Объединить ${group.length} подряд идущих RUN (строки ${first}–${last}) в одну` }, edits: [plan.edit], safe: true }]
          : [];
        const why = 'refused' in plan ? REFUSALS[plan.refused](group[plan.at].range.start.line + 1) : null;
        for (let k = 1; k < group.length; k++) {
          const run = group[k];
          const previous = group[k - 1].range.start.line + 1;
          findings.push({
            range: run.keywordRange,
            message: {
              en: `This RUN follows another RUN (line ${previous}): each adds a read-only layer. The lecture: "combine RUN commands to reduce the number of layers".` + (why ? ` No automatic merge: ${why.en}` : ''),
              ru: `Эта RUN идёт сразу за другой RUN (строка ${previous}): каждая создаёт read-only слой. Лекция: «объединять команды RUN для уменьшения числа слоев».` + (why ? ` Автоматически не объединяется: ${why.ru}` : ''),
            },
            // Every finding of a group carries the group's merge, unless the group is huge: then only the first,
            // or a JSON report of 20,000 one-line RUNs would repeat the merged text 20,000 times.
            fixes: k === 1 || group.length <= SHARED_FIX_LIMIT ? fixes : [],
          });
        }
      }
      return findings;
    });
  },
};

/** Above this many RUNs in a group, only its first finding carries the merge. */
const SHARED_FIX_LIMIT = 50;

/** Why no merge is offered, naming the RUN (by line) that stops it. */
const REFUSALS: Record<MergeRefusal, (line: number) => { en: string; ru: string }> = {
  'shell-state': (l) => ({ en: `the RUN at line ${l} changes shell state (cd, export, set…), which would leak into the commands merged after it.`, ru: `RUN в строке ${l} меняет состояние оболочки (cd, export, set…), и это повлияет на присоединённые после неё команды.` }),
  'trailing-operator': (l) => ({ en: `the RUN at line ${l} ends with an operator or a continuation.`, ru: `RUN в строке ${l} заканчивается оператором или продолжением строки.` }),
  'shell-comment': (l) => ({ en: `the RUN at line ${l} has a shell comment, which would swallow what follows it.`, ru: `в RUN в строке ${l} есть комментарий оболочки, который поглотит то, что идёт после него.` }),
  unparsable: (l) => ({ en: `the shell text of the RUN at line ${l} could not be parsed safely.`, ru: `текст команды RUN в строке ${l} не удалось надёжно разобрать.` }),
  'non-posix-shell': () => ({ en: 'RUN runs with cmd.exe or PowerShell here (a Windows image or a SHELL): a PATH set by `setx` or an installer reaches only the next RUN.', ru: 'здесь RUN выполняется через cmd.exe или PowerShell (образ Windows или SHELL): PATH, заданный через `setx` или установщиком, виден только следующей RUN.' }),
  errexit: (l) => ({ en: `the SHELL stops on errors (\`-e\`), and it would not inside the grouped commands of the RUN at line ${l}.`, ru: `SHELL останавливается при ошибке (\`-e\`), а внутри сгруппированных команд RUN из строки ${l} — не стал бы.` }),
  pragma: (l) => ({ en: `a suppression comment (\`# hadolint ignore=…\`, \`# lecture-hints ignore=…\`, \`# check=skip=…\`) above the RUN at line ${l} would end up inside the merged one and stop applying.`, ru: `комментарий-подавление (\`# hadolint ignore=…\`, \`# lecture-hints ignore=…\`, \`# check=skip=…\`) над RUN в строке ${l} оказался бы внутри объединённой и перестал бы действовать.` }),
  background: (l) => ({ en: `the RUN at line ${l} ends with \`&\`; after \`&&\` that would send the whole merged chain to the background.`, ru: `RUN в строке ${l} заканчивается на \`&\`; после \`&&\` в фон ушла бы вся объединённая цепочка.` }),
};

function mergeable(run: InstructionInfo): boolean {
  // A heredoc RUN has a script (its body), but its text cannot follow `&&`.
  return run.keyword === 'RUN' && !run.heredoc && run.script !== null && run.argsRange !== null;
}

/** Runs of adjacent mergeable RUNs with identical flags, two or more long. */
function consecutiveGroups(instructions: InstructionInfo[]): InstructionInfo[][] {
  const groups: InstructionInfo[][] = [];
  let current: InstructionInfo[] = [];
  for (const ins of instructions) {
    const prev = current[current.length - 1];
    if (mergeable(ins) && prev && prev.index === ins.index - 1 && flagKey(prev) === flagKey(ins)) {
      current.push(ins);
      continue;
    }
    if (current.length > 1) groups.push(current);
    current = mergeable(ins) ? [ins] : [];
  }
  if (current.length > 1) groups.push(current);
  return groups;
}
