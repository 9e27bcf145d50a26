import type { RawFinding, Range, Severity } from '../core/types';
import type { DockerfileModel, LogicalScript } from '../model/types';
import type { Rule } from './rule';
import { scriptRange } from './support/script-edits';
import { isShellcheckError, shellcheckTargets, type ShellcheckComment } from './support/shellcheck-facts';

/**
 * ShellCheck's findings for the scripts of shell-form RUNs and `RUN <<EOF` bodies.
 * The rule only maps results the adapters obtained (shellcheck/provider.ts) onto
 * the Dockerfile: without them (no shellcheck installed, results not in yet) it
 * reports nothing. Each finding carries its own code as its only alias, so
 * `# hadolint ignore=SC2086` and `.hadolint.yaml`'s `ignored: [SC2086]` silence
 * that code alone, not the whole rule.
 */
export const shellcheck: Rule = {
  id: 'shellcheck',
  aliases: [],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  needsShellcheckFacts: true,
  description: {
    en: 'ShellCheck\'s findings (SC codes, each with its own severity) in RUN scripts when a `shellcheck` executable is available: quoting, syntax errors, portability to the image\'s shell.',
    ru: 'Замечания ShellCheck (коды SC, у каждого своя важность) к скриптам RUN, если установлен `shellcheck`: кавычки, синтаксические ошибки, переносимость на оболочку образа.',
  },
  check(model, context) {
    const facts = context.shellcheckFacts;
    if (!facts || facts.size === 0) return [];
    const findings: RawFinding[] = [];
    for (const { script, job, shellKnown } of shellcheckTargets(model)) {
      const result = facts.get(job.key);
      if (!result || isShellcheckError(result) || result.comments.length === 0) continue;
      const starts = lineStarts(script.text);
      for (const c of result.comments) findings.push(findingOf(model, script, starts, c, shellKnown));
    }
    return findings;
  },
};

function findingOf(model: DockerfileModel, script: LogicalScript, starts: number[], c: ShellcheckComment, shellKnown: boolean): RawFinding {
  const code = `SC${c.code}`;
  const url = `https://www.shellcheck.net/wiki/${code}`;
  return {
    range: commentRange(model, script, starts, c),
    severity: shellKnown || !isPortability(c) ? severityOf(c) : 'hint',
    aliases: [code],
    // ShellCheck speaks English only: its text is quoted as it is, with the code and the wiki page that explains it.
    message: {
      en: `ShellCheck ${code}: ${c.message} More: ${url}`,
      ru: `ShellCheck ${code} (текст ShellCheck на английском): ${c.message} Подробнее: ${url}`,
    },
    fixes: [],
  };
}

/**
 * Our policy, not ShellCheck's levels: a parse error (SC1xxx at level error) makes
 * the shell reject the script, so the RUN and the build fail; ShellCheck's other
 * errors are real defects. Its warnings are real defects in a Dockerfile only for
 * the codes below; the rest (SC2046's deliberate word splitting of `$(…)`, SC2155's
 * `export X=$(…)`, SC2038's find | xargs) are mostly deliberate in build scripts and
 * stay lessons: hints, like its info and style notes. Measured on the corpus: 119
 * warnings, 57 of them SC2046 and 42 SC2155, 53 in official images.
 */
function severityOf(c: Pick<ShellcheckComment, 'code' | 'level'>): Severity {
  if (c.level === 'error') return c.code >= 1000 && c.code < 2000 ? 'error' : 'warning';
  if (c.level === 'warning' && DEFECTS.has(c.code)) return 'warning';
  return 'hint';
}

/**
 * Warnings that point at a build that breaks or does damage: `rm -rf "$dir/"` with an
 * empty variable (SC2115), a `cd` whose failure runs the rest elsewhere (SC2164), a
 * variable nobody set (SC2154; ARG/ENV names are known), `VAR= value` (SC1007), a loop
 * over one word (SC2043), unreachable or never-true tests (SC2078, SC2157, SC2050),
 * and a misplaced redirection or quote (SC2069, SC2026, SC2140).
 */
const DEFECTS = new Set([1007, 2026, 2043, 2050, 2069, 2078, 2115, 2140, 2154, 2157, 2164]);

/**
 * SC3xxx: "In POSIX sh, X is undefined". When the image's /bin/sh is unknown it may
 * well be bash (Red Hat family) or BusyBox ash that has X: a teaching note, not a defect.
 */
function isPortability(c: Pick<ShellcheckComment, 'code'>): boolean {
  return c.code >= 3000 && c.code < 4000;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Offset in `text` of a 1-based line and column counted in code points; clamped to the line and the text. */
function offsetAt(text: string, starts: number[], line: number, column: number): number {
  if (line > starts.length) return text.length;
  let pos = starts[Math.max(0, line - 1)];
  const lineEnd = line < starts.length ? starts[line] - 1 : text.length;
  for (let k = 1; k < column && pos < lineEnd; k++) {
    const code = text.charCodeAt(pos);
    pos += code >= 0xd800 && code <= 0xdbff && pos + 1 < lineEnd ? 2 : 1;
  }
  return pos;
}

/**
 * The Dockerfile range of a comment: script offsets go through the script's map
 * to the document, across removed line continuations and whatever the escape
 * character is. An empty range (a parse error at a point) covers one character.
 */
function commentRange(model: DockerfileModel, script: LogicalScript, starts: number[], c: ShellcheckComment): Range {
  const text = script.text;
  let start = offsetAt(text, starts, c.line, c.column);
  let end = Math.max(start, offsetAt(text, starts, c.endLine, c.endColumn));
  if (end === start) {
    if (start >= text.length) start = Math.max(0, text.length - 1);
    end = Math.min(text.length, start + 1);
  }
  return scriptRange(model, script, start, end);
}
