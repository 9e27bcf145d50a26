import type { Fix, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { firstBodyLine } from './support/script-edits';
import { runsOf } from './support/run-commands';
import { runsPosixShell, scriptShell, turnsOnErrexit } from './support/shell-context';
import { commandIndex, type SimpleCommand } from '../shell/tokenize';
import { documentOffset } from '../model/script';

/**
 * `RUN <<EOF` runs its body as a script, line after line. Without `set -e`
 * a failing line does not stop it, and the RUN's status is that of the last
 * line: `apt-get install` can fail and the image is built anyway. A RUN
 * written with `&&` never had this problem, which is why it surprises.
 */
export const heredocErrexit: Rule = {
  id: 'heredoc-errexit',
  aliases: [],
  // The lecture's practice (one fail-fast && chain per RUN) lost in a heredoc: info where a failure would really be hidden.
  severity: 'info',
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
        if (commands.some((c) => setsErrexit(c.words.map((w) => w.value), commandIndex(c)))) continue;
        const masked = firstMasked(commands, script.text);
        if (!masked) continue;
        const at = commandIndex(masked);
        const second = at < 0 ? undefined : masked.words[at + 1];
        const name = at < 0 ? masked.assignments.map((a) => a.value).join(' ') : masked.words[at].value + (second && !second.value.startsWith('-') ? ` ${second.value}` : '');
        const line = model.lines.positionAt(documentOffset(model.lines, script, masked.start)).line + 1;
        findings.push({
          range: run.keywordRange,
          message: {
            en: `This \`RUN <<…\` body runs as a script without \`set -e\`, so it loses the fail-fast of an \`&&\` chain: \`${name}\` (line ${line}) can fail and the next lines still run, and the RUN succeeds if its last command does, so a failed install or download can end up in the image. Start the body with \`set -e\` (or \`set -eux\`), or use a SHELL with \`-e\`.`,
            ru: `Тело этой \`RUN <<…\` выполняется как скрипт без \`set -e\` и теряет остановку на первой ошибке, которую даёт цепочка \`&&\`: \`${name}\` (строка ${line}) может упасть, а следующие строки всё равно выполнятся, и RUN считается успешной, если успешна её последняя команда, так что неудавшаяся установка или загрузка может попасть в образ. Начните тело с \`set -e\` (или \`set -eux\`) либо задайте SHELL с \`-e\`.`,
          },
          fixes: setEFix(model, run),
        });
      }
      return findings;
    });
  },
};

/**
 * The first command whose failure the body would hide: it can fail, and a
 * command runs after it whatever its status (`;`, a new line). The first
 * command of a `then`/`do`/`else` branch runs because of the condition before
 * it, not after it. A body that is one command, one `if … fi` around one
 * command, or whose earlier lines cannot fail (echo, export…) hides nothing.
 */
function firstMasked(commands: SimpleCommand[], text: string): SimpleCommand | null {
  for (let k = 1; k < commands.length; k++) {
    const c = commands[k];
    if (c.depth !== 0 || (c.joinedBy !== '\n' && c.joinedBy !== ';')) continue;
    if (BRANCH_START.test(text.slice(commands[k - 1].end, c.start))) continue;
    // The and-or list that ran before `c`: `a && b | c` fails if any of its commands can.
    let start = k - 1;
    while (start > 0 && ['&&', '||', '|'].includes(commands[start].joinedBy ?? '')) start--;
    const failing = commands.slice(start, k).find(canFail);
    if (failing) return failing;
  }
  return null;
}

/** Builtins that do not fail in practice (given sane arguments). */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', ':', 'export', 'set', 'unset', 'umask', 'shopt', 'alias', 'readonly', 'declare', 'typeset', 'local', 'trap']);

function canFail(c: SimpleCommand): boolean {
  const at = commandIndex(c);
  // `X=1` cannot fail; `X=$(cmd)` has cmd's status.
  if (at < 0) return c.assignments.some((a) => /\$\(|`/.test(a.value));
  if (c.redirects.some((r) => r.op.includes('>') && r.target)) return true; // a file that cannot be written
  return !CANNOT_FAIL.has(c.words[at].value);
}

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
