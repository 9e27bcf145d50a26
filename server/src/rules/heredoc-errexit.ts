import type { Fix, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { firstBodyLine } from './support/script-edits';
import { runsOf } from './support/run-commands';
import { runsPosixShell, scriptShell, turnsOnErrexit } from './support/shell-context';
import { commandIndex } from '../shell/tokenize';

/**
 * `RUN <<EOF` runs its body as a script, line after line. Without `set -e`
 * a failing line does not stop it, and the RUN's status is that of the last
 * line: `apt-get install` can fail and the image is built anyway. A RUN
 * written with `&&` never had this problem, which is why it surprises.
 */
export const heredocErrexit: Rule = {
  id: 'heredoc-errexit',
  aliases: [],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: '`RUN <<EOF` without `set -e`: a failing line does not stop the script, so the build may go on with a broken layer.',
    ru: '`RUN <<EOF` без `set -e`: упавшая строка не останавливает скрипт, и сборка может продолжиться со сломанным слоем.',
  },
  check(model) {
    return findingsPerStage('heredoc-errexit', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const run of runsOf(stage)) {
        const script = run.heredoc ? run.script : null;
        // The program that runs the body: a `#!/bin/sh -e` line, `RUN <<EOF bash -e`, or a SHELL with -e.
        if (!script || !runsPosixShell(model, run) || turnsOnErrexit(scriptShell(model, run) ?? [])) continue;
        const { commands, errors } = script.shell();
        if (errors.length > 0) continue;
        // Only a command that runs after another one whatever its status (`;`, a new line) can hide a failure;
        // the first command of a `then`/`do`/`else` branch runs because of the condition before it, not after it.
        const hides = commands.some((c, k) => c.depth === 0 && (c.joinedBy === '\n' || c.joinedBy === ';')
          && !BRANCH_START.test(script.text.slice(commands[k - 1]?.end ?? 0, c.start)));
        if (!hides) continue;
        if (commands.some((c) => setsErrexit(c.words.map((w) => w.value), commandIndex(c)))) continue;
        findings.push({
          range: run.keywordRange,
          message: {
            en: 'This `RUN <<…` body runs as a script without `set -e`: when a line fails, the next lines still run, and the RUN succeeds if the last line does, so a failed install or download can end up in the image. Start the body with `set -e` (or `set -eux`), or use a SHELL with `-e`.',
            ru: 'Тело этой `RUN <<…` выполняется как скрипт без `set -e`: если строка падает, следующие всё равно выполняются, и RUN считается успешной, если успешна последняя строка, так что неудавшаяся установка или загрузка может попасть в образ. Начните тело с `set -e` (или `set -eux`) либо задайте SHELL с `-e`.',
          },
          fixes: setEFix(model, run),
        });
      }
      return findings;
    });
  },
};

/** A compound command's keyword between two commands: what follows starts a branch or a loop body. */
const BRANCH_START = /(^|[\s;&|])(then|do|else|elif)(?=[\s;]|$)/;

/** `set -e`, `set -eux`, `set -o errexit`, among the body's commands. */
function setsErrexit(words: string[], at: number): boolean {
  return at >= 0 && words[at] === 'set' && turnsOnErrexit(words.slice(at + 1));
}

/** `set -e` as the body's first line (after a `#!` line). Unsafe: a build that passed may now stop. */
function setEFix(model: DockerfileModel, run: InstructionInfo): Fix[] {
  const edit = firstBodyLine(model, run, 'set -e');
  return edit ? [{
    title: { en: 'Add `set -e` as the first line of the body (the RUN then stops at the first failing line)', ru: 'Добавить `set -e` первой строкой тела (RUN остановится на первой упавшей строке)' },
    edits: [edit],
    safe: false,
  }] : [];
}
