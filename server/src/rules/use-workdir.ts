import type { Fix, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import type { SimpleCommand } from '../shell/tokenize';
import type { Rule } from './rule';
import { commandsOf, mountTargets, runsOf } from './support/run-commands';
import { documentEnd } from './support/script-edits';
import { normalizePath } from './support/paths';
import { documentOffset } from '../model/script';
import { keywordCase } from './support/keyword-case';
import { findingsPerStage } from './support/stage-cache';

/** Instructions that neither run anything nor depend on the working directory. */
const METADATA = new Set(['LABEL', 'EXPOSE', 'ENV', 'ARG', 'STOPSIGNAL', 'MAINTAINER', 'USER']);
const PLAIN_PATH = /^\/[A-Za-z0-9._+@%:=,/-]*$/;

/**
 * A RUN that starts with `cd dir && …`: WORKDIR says it once, creates the
 * directory, and makes explicit where the following instructions run. Not when
 * the RUN deletes that directory again (a scratch directory), or cds elsewhere.
 * `info` when the same `cd` repeats across RUNs of a stage that reaches the
 * final image; a single `cd`, or one in a builder stage, is a hint.
 */
export const useWorkdir: Rule = {
  id: 'use-workdir',
  aliases: ['DL3003'],
  severity: 'info',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'A RUN starting with `cd dir && …`: use WORKDIR to set the working directory.',
    ru: 'RUN начинается с `cd dir && …`: рабочую директорию задавайте через WORKDIR.',
  },
  check(model) {
    // Whether the stage is shipped is decided by later stages: part of the key.
    return findingsPerStage('use-workdir', model, (stage) => stageFindingsOf(model, stage), { context: (stage) => String(stage.reachesFinalImage) });
  },
};

function workdirFix(model: DockerfileModel, stage: Stage, run: InstructionInfo, cd: SimpleCommand, dir: string): Fix[] {
  const script = run.script!;
  // Remove `cd dir && ` up to what follows the operator — which may be a keyword
  // (`if`, `for`, `{`) that the tokenizer does not report as a command.
  const join = /^[ \t]*&&[ \t]*/.exec(script.text.slice(cd.end));
  if (!join || cd.end + join[0].length >= script.text.length) return [];
  const from = documentOffset(model.lines, script, cd.start);
  const to = documentOffset(model.lines, script, cd.end + join[0].length);
  const span = model.text.slice(from, to);
  // Continuation lines between `cd dir &&` and the next command must be empty, not comments we would delete.
  if (span.split(/\r?\n/).slice(1, -1).some((l) => l.trim() !== '')) return [];
  const indent = /^[ \t]*/.exec(model.lines.lineText(run.range.start.line))![0];
  const keyword = keywordCase(model, 'WORKDIR');
  const later = stage.instructions.filter((i) => i.index > run.index);
  const dependents = model.stages.some((s) => s.base.fromStage === stage.index);
  // A relative mount target is resolved against the working directory: WORKDIR would move the mount.
  const movesMount = mountTargets(run).some((t) => !t.startsWith('/'));
  const safe = !stage.reachesFinalImage && !dependents && !movesMount && later.every((i) => METADATA.has(i.keyword));
  return [{
    title: safe
      ? { en: `Replace \`cd ${dir} &&\` with \`WORKDIR ${dir}\``, ru: `Заменить \`cd ${dir} &&\` на \`WORKDIR ${dir}\`` }
      : { en: `Replace \`cd ${dir} &&\` with \`WORKDIR ${dir}\` (this also changes the working directory of the following instructions)`, ru: `Заменить \`cd ${dir} &&\` на \`WORKDIR ${dir}\` (это меняет рабочую директорию и для следующих инструкций)` },
    edits: [
      { range: { start: run.range.start, end: run.range.start }, newText: `${keyword} ${dir}${model.eol}${indent}` },
      { range: { start: model.lines.positionAt(from), end: model.lines.positionAt(to) }, newText: '' },
    ],
    safe,
  }];
}

function stageFindingsOf(model: DockerfileModel, stage: Stage): RawFinding[] {
  const findings: RawFinding[] = [];
  const stageFindings: { finding: RawFinding; target: string }[] = [];
  for (const run of runsOf(stage)) {
    const commands = commandsOf(model, run);
    const first = commands[0];
    if (!first || first.index !== 0 || first.at !== 0 || first.name !== 'cd' || first.cmd.assignments.length > 0 || first.cmd.depth !== 0) continue;
    const all = run.script!.shell().commands;
    const next = all[1];
    if (!next || (next.joinedBy !== '&&' && next.joinedBy !== ';')) continue;
    if (first.cmd.words.length !== 2 || first.cmd.redirects.length > 0) continue;
    const target = first.cmd.words[1];
    if (target.value === '-' || /[*?[]/.test(target.value)) continue;
    const dir = target.hasExpansion ? null : target.value.startsWith('/') ? normalizePath(target.value) : null;
    const others = commands.slice(1);
    if (dir && others.some((c) => c.name === 'rm' && c.cmd.words.some((w) => !w.hasExpansion && w.value.startsWith('/') && (dir === normalizePath(w.value) || dir.startsWith(`${normalizePath(w.value)}/`))))) continue;
    if (/^\/tmp(\/|$)/.test(dir ?? target.value) || /mktemp/.test(target.value)) continue;
    const cdsAgain = others.some((c) => ['cd', 'pushd', 'popd'].includes(c.name));
    stageFindings.push({ target: dir ?? target.value, finding: {
      range: { start: model.lines.positionAt(documentOffset(model.lines, run.script!, first.cmd.start)), end: model.lines.positionAt(documentEnd(model, run.script!, first.cmd.end)) },
      message: {
        en: `This RUN starts with \`cd ${target.value}\`: set the directory with \`WORKDIR ${target.value}\` instead. WORKDIR creates the directory if needed and makes explicit where the following instructions run; \`cd\` lasts only until the end of this RUN, so it tends to be repeated.`,
        ru: `Эта RUN начинается с \`cd ${target.value}\`: задайте директорию через \`WORKDIR ${target.value}\`. WORKDIR при необходимости создаёт директорию и явно показывает, где выполняются следующие инструкции; \`cd\` действует только до конца этой RUN, и его приходится повторять.`,
      },
      fixes: dir && PLAIN_PATH.test(target.value) && !target.quoted && next.joinedBy === '&&' && !cdsAgain ? workdirFix(model, stage, run, first.cmd, target.value) : [],
    } });
  }
  // The practice clearly applies when the same `cd` repeats across RUNs of a stage that is shipped;
  // a single `cd` (typical of a builder stage's one RUN) is only a hint.
  const repeats = new Map<string, number>();
  for (const { target } of stageFindings) repeats.set(target, (repeats.get(target) ?? 0) + 1);
  for (const { finding, target } of stageFindings) {
    const clear = stage.reachesFinalImage && repeats.get(target)! > 1;
    findings.push(clear ? finding : { ...finding, severity: 'hint' });
  }
  return findings;
}
