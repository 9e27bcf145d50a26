import type { Fix, Localized, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import type { Rule } from './rule';
import { inheritedContext, perStage } from './support/stage-cache';
import { commandsOf, subcommandOf, type RunCommand } from './support/run-commands';
import { flagKey, planMerge, type MergePlan, type MergeRefusal } from './support/merge-runs';

/**
 * Consecutive shell-form RUNs in one stage: each adds a read-only layer.
 * Comments and blank lines do not separate them; any other instruction does.
 * Only RUNs with identical flags (--mount, --network, --security) are grouped,
 * since merging would otherwise change the mounts or network of some commands.
 *
 * Every such RUN is reported (it is the lecture's first lesson), but official
 * images keep RUNs apart on purpose, for the build cache. So a finding is
 * `info` only where merging is clearly better — short single-purpose RUNs, a
 * RUN that cleans up after the one before, an `update` split from its install —
 * and a `hint` where the split looks deliberate. Fix-all merges only the
 * `info` ones (fix.ts skips fixes of hidden findings).
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
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      // Whether the stage reaches the final image depends on later stages: part of the cache key.
      const context = `${inheritedContext(model, stage)}|${stage.reachesFinalImage ? 'final' : 'build'}`;
      for (const f of perStage('merge-consecutive-run', stage, context, () => stageFindings(model, stage))) findings.push(f);
    }
    return findings;
  },
};

/** Why a RUN is (or may be) separate from the one before it. */
type Verdict =
  | { severity: 'info'; why: 'short' | 'cleanup' | 'update-split' }
  | { severity: 'hint'; why: 'build-stage' | 'non-posix' | 'grouped' | 'slow-first' };

function stageFindings(model: DockerfileModel, stage: Stage): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const group of consecutiveGroups(stage.instructions)) {
    const plans = new Map<InstructionInfo[], MergePlan>();
    const planOf = (runs: InstructionInfo[]) => {
      let plan = plans.get(runs);
      if (!plan) plans.set(runs, (plan = planMerge(model, runs)));
      return plan;
    };
    const whole = planOf(group);
    const nonPosix = 'refused' in whole && whole.refused === 'non-posix-shell';
    const verdicts = group.map((run, k) => (k === 0 ? null : verdictFor(model, stage, nonPosix, group[k - 1], run)));
    // The RUNs joined by `info` verdicts form segments: fix-all merges each segment, never across a deliberate split.
    const segmentOf: number[] = [];
    const segments: InstructionInfo[][] = [];
    group.forEach((run, k) => {
      if (k === 0 || verdicts[k]!.severity !== 'info') segments.push([]);
      segments[segments.length - 1].push(run);
      segmentOf.push(segments.length - 1);
    });
    let firstHint = true;
    for (let k = 1; k < group.length; k++) {
      const verdict = verdicts[k]!;
      // A visible finding merges its segment; a hint offers the lecture's whole merge, on request only.
      const runs = verdict.severity === 'info' ? segments[segmentOf[k]] : group;
      const leader = verdict.severity === 'info' ? runs[1] === group[k] : firstHint;
      if (verdict.severity === 'hint') firstHint = false;
      // Every finding of a group carries its merge, unless the group is huge: then only the first,
      // or a JSON report of 20,000 one-line RUNs would repeat the merged text 20,000 times.
      const shares = leader || runs.length <= SHARED_FIX_LIMIT;
      const plan = planOf(runs);
      const refusal = 'refused' in plan ? REFUSALS[plan.refused](runs[plan.at].range.start.line + 1) : null;
      const previous = group[k - 1].range.start.line + 1;
      const reason = REASONS[verdict.why](previous);
      findings.push({
        range: group[k].keywordRange,
        severity: verdict.severity,
        message: {
          en: `This RUN follows another RUN (line ${previous}): each adds a read-only layer. The lecture: "combine \`RUN\` commands to reduce the number of layers".${reason.en}` + (refusal ? ` No automatic merge: ${refusal.en}` : ''),
          ru: `Эта инструкция RUN следует сразу за другой (строка ${previous}): каждая создаёт read-only слой. Лекция: «объединять команды \`RUN\` для уменьшения числа слоев».${reason.ru}` + (refusal ? ` Автоматически не объединяется: ${refusal.ru}` : ''),
        },
        fixes: shares && 'edit' in plan ? [mergeFix(runs, plan.edit)] : [],
      });
    }
  }
  return findings;
}

function mergeFix(runs: InstructionInfo[], edit: { range: InstructionInfo['range']; newText: string }): Fix {
  const first = runs[0].range.start.line + 1;
  const last = runs[runs.length - 1].range.start.line + 1;
  return {
    title: { en: `Merge ${runs.length} consecutive RUN instructions (lines ${first}–${last}) into one`, ru: `Объединить ${runs.length} подряд идущих RUN (строки ${first}–${last}) в одну` },
    edits: [edit],
    safe: true,
  };
}

/** Above this many RUNs in a group, only its first finding carries the merge. */
const SHARED_FIX_LIMIT = 50;

/**
 * Whether merging `run` into `previous` is clearly better (`info`) or the split
 * may be deliberate (`hint`). Checked in this order: a stage whose layers are
 * not shipped; cmd.exe or PowerShell (Windows images split RUNs so that a PATH
 * set by an installer reaches the next one); a clean-up or an install split from the step it belongs to (the
 * split costs image size or correctness); RUNs that already group commands or
 * span lines (their author chose the boundaries); a slow dependency step first
 * (kept apart, its cached layer survives edits of the next RUN).
 */
function verdictFor(model: DockerfileModel, stage: Stage, nonPosix: boolean, previous: InstructionInfo, run: InstructionInfo): Verdict {
  if (!stage.reachesFinalImage) return { severity: 'hint', why: 'build-stage' };
  if (nonPosix) return { severity: 'hint', why: 'non-posix' };
  const before = commandsOf(model, previous);
  const after = commandsOf(model, run);
  if (after.length > 0 && isCleanup(after[0])) return { severity: 'info', why: 'cleanup' };
  if (before.length > 0 && isIndexUpdate(before[before.length - 1]) && after.some(isPackageInstall)) return { severity: 'info', why: 'update-split' };
  if (isGrouped(previous) || isGrouped(run)) return { severity: 'hint', why: 'grouped' };
  if (before.some(isDependencyStep)) return { severity: 'hint', why: 'slow-first' };
  return { severity: 'info', why: 'short' };
}

/** Several steps (`a && b`, `a; b`; a pipe is one step) or several lines. */
function isGrouped(run: InstructionInfo): boolean {
  if (run.range.end.line > run.range.start.line) return true;
  return run.script!.shell().commands.filter((c) => c.joinedBy !== '|').length > 1;
}

const PACKAGE_MANAGERS = new Set(['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'zypper']);
const sub = (c: RunCommand) => subcommandOf(c, ['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release', '-X', '--repository'])?.value ?? '';

function isCleanup(c: RunCommand): boolean {
  if (c.name === 'rm' || c.name === 'rmdir') return true;
  const s = sub(c);
  if (PACKAGE_MANAGERS.has(c.name)) return ['clean', 'autoclean', 'autoremove', 'purge', 'remove', 'del', 'erase'].includes(s);
  if (c.name === 'pip' || c.name === 'pip3') return s === 'cache' || s === 'uninstall';
  if (['npm', 'yarn', 'pnpm', 'conda', 'mamba'].includes(c.name)) return s === 'cache' || s === 'clean';
  return c.name === 'gem' && s === 'cleanup';
}

function isIndexUpdate(c: RunCommand): boolean {
  return PACKAGE_MANAGERS.has(c.name) && ['update', 'makecache', 'refresh'].includes(sub(c));
}

function isPackageInstall(c: RunCommand): boolean {
  return PACKAGE_MANAGERS.has(c.name) && ['install', 'add'].includes(sub(c));
}

/** Steps that fetch or build dependencies: slow, and changed less often than what follows them. */
const DEPENDENCY_STEPS: Record<string, string[] | true> = {
  pip: ['install', 'download', 'wheel'], pip3: ['install', 'download', 'wheel'], uv: ['sync', 'pip'], poetry: ['install'], pipenv: ['install', 'sync'],
  npm: ['ci', 'install', 'i'], yarn: ['', 'install'], pnpm: ['install', 'i', 'fetch'], bun: ['install', 'i'],
  bundle: ['install'], gem: ['install'], composer: ['install', 'require'], go: ['mod', 'install', 'get', 'build'],
  cargo: ['build', 'fetch', 'install'], mvn: true, gradle: true, conda: ['install', 'create', 'env'], mamba: ['install', 'create'],
  curl: true, wget: true, git: ['clone', 'fetch'], make: true, cmake: true,
};

function isDependencyStep(c: RunCommand): boolean {
  if (isPackageInstall(c)) return true;
  const subs = DEPENDENCY_STEPS[c.name];
  return subs === true || (Array.isArray(subs) && subs.includes(sub(c)));
}

/** The sentence each verdict adds to the message. */
const REASONS: Record<Verdict['why'], (previous: number) => Localized> = {
  short: () => ({ en: '', ru: '' }),
  cleanup: () => ({
    en: ' It deletes or cleans up what earlier RUNs made: in a layer of its own that does not make the image smaller, the files stay in the earlier layer.',
    ru: ' Она удаляет или чистит то, что сделали предыдущие RUN: в отдельном слое это не уменьшает образ — файлы остаются в предыдущем слое.',
  }),
  'update-split': (l) => ({
    en: ` The package index update of the RUN at line ${l} is cached apart from this install: when only the install changes, it runs against the old cached index, whose packages may no longer be downloadable.`,
    ru: ` Обновление списка пакетов в RUN в строке ${l} кешируется отдельно от этой установки: если изменится только установка, она выполнится со старым списком из кеша, пакетов из которого может уже не быть.`,
  }),
  'build-stage': () => ({
    en: ' This stage\'s layers do not reach the final image, so merging would not make it smaller: only a hint.',
    ru: ' Слои этого этапа не попадают в итоговый образ, и объединение его не уменьшит: это лишь подсказка.',
  }),
  'non-posix': () => ({
    en: ' RUN runs with cmd.exe or PowerShell here, and Windows Dockerfiles keep steps apart on purpose (a PATH set by an installer reaches only the next RUN): only a hint.',
    ru: ' Здесь RUN выполняется через cmd.exe или PowerShell, а в Dockerfile для Windows шаги разделяют намеренно (PATH, заданный установщиком, виден только следующей RUN): это лишь подсказка.',
  }),
  grouped: () => ({
    en: ' These RUNs already group their own commands, so the split looks deliberate (each step keeps its own layer in the build cache): only a hint.',
    ru: ' Эти RUN уже объединяют свои команды, и разделение выглядит намеренным (у каждого шага свой слой в кеше сборки): это лишь подсказка.',
  }),
  'slow-first': (l) => ({
    en: ` The RUN at line ${l} fetches or builds dependencies: kept apart, its cached layer survives changes to this RUN, so the split may be deliberate: only a hint.`,
    ru: ` RUN в строке ${l} скачивает или собирает зависимости: отдельно её слой в кеше переживает изменения этой RUN, так что разделение может быть намеренным: это лишь подсказка.`,
  }),
};

/** Why no merge is offered, naming the RUN (by line) that stops it. */
const REFUSALS: Record<MergeRefusal, (line: number) => Localized> = {
  'shell-state': (l) => ({ en: `the RUN at line ${l} changes shell state (cd, export, set…), which would leak into the commands merged after it.`, ru: `RUN в строке ${l} меняет состояние оболочки (cd, export, set…), и это повлияет на присоединённые после неё команды.` }),
  'trailing-operator': (l) => ({ en: `the RUN at line ${l} ends with an operator or a continuation.`, ru: `RUN в строке ${l} заканчивается оператором или продолжением строки.` }),
  'shell-comment': (l) => ({ en: `the RUN at line ${l} has a shell comment, which would swallow what follows it.`, ru: `в RUN в строке ${l} есть комментарий оболочки, который поглотит то, что идёт после него.` }),
  unparsable: (l) => ({ en: `the shell text of the RUN at line ${l} could not be parsed safely.`, ru: `текст команды RUN в строке ${l} не удалось надёжно разобрать.` }),
  'non-posix-shell': () => ({ en: 'RUN runs with cmd.exe or PowerShell here (a Windows image or a SHELL): a PATH set by `setx` or an installer reaches only the next RUN.', ru: 'здесь RUN выполняется через cmd.exe или PowerShell (образ Windows или SHELL): PATH, заданный через `setx` или установщиком, виден только следующей RUN.' }),
  errexit: (l) => ({ en: `the SHELL stops on errors (\`-e\`), and it would not inside the grouped commands of the RUN at line ${l}.`, ru: `SHELL останавливается при ошибке (\`-e\`), а внутри сгруппированных команд RUN из строки ${l} — не стал бы.` }),
  pragma: (l) => ({ en: `a suppression comment (\`# hadolint ignore=…\`, \`# lecture-hints ignore=…\`, \`# check=skip=…\`) above the RUN at line ${l} would end up inside the merged one and stop applying.`, ru: `комментарий-подавление (\`# hadolint ignore=…\`, \`# lecture-hints ignore=…\`, \`# check=skip=…\`) над RUN в строке ${l} оказался бы внутри объединённой и перестал бы действовать.` }),
  background: (l) => ({ en: `the RUN at line ${l} ends with \`&\`; after \`&&\` that would send the whole merged chain to the background.`, ru: `RUN в строке ${l} заканчивается на \`&\`; после \`&&\` в фон ушла бы вся объединённая цепочка.` }),
  'commented-instruction': (l) => ({ en: `a commented-out instruction (\`# RUN …\`) above the RUN at line ${l} would end up inside the merged RUN, where uncommenting it no longer gives an instruction.`, ru: `закомментированная инструкция (\`# RUN …\`) над RUN в строке ${l} оказалась бы внутри объединённой RUN, и раскомментировать её как инструкцию уже не получится.` }),
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
