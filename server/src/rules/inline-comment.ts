import type { Fix, Localized, RawFinding, Severity } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { argumentText, quotedWords } from './support/args';
import { findingsPerStage } from './support/stage-cache';

/**
 * A `#` after ARG/ENV/LABEL values is not a comment: the builder only treats
 * `#` as a comment at the start of a line. What happens instead (BuildKit's
 * parser, frontend/dockerfile/parser/line_parsers.go):
 * - `ENV A=1 # note`, `LABEL a=b # note`: every word must be `key=value`, so
 *   `#` stops the build ("can't find = in "#"") — an error;
 * - `ENV A 1 # note` (legacy form): the rest of the line is the value, so A is
 *   set to `1 # note` — a warning;
 * - `ARG A=1 # note`: each word is another ARG, so `#` and `note` are declared
 *   as build arguments — a warning (a comment word with `=` becomes an ARG with
 *   an odd name or a default).
 */
export const inlineComment: Rule = {
  id: 'inline-comment',
  aliases: [],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'A `#` after ARG/ENV/LABEL values is not a comment: the builder reads it as more names or as part of the value.',
    ru: '`#` после значений ARG/ENV/LABEL — не комментарий: сборщик читает его как новые имена или часть значения.',
  },
  check(model) {
    // Global ARGs before the first FROM, then each stage's instructions, kept per stage: each finding is about one instruction.
    const global = inlineComments(model, model.instructions.filter((ins) => ins.stage < 0));
    return global.concat(findingsPerStage('inline-comment', model, (stage) => inlineComments(model, stage.instructions)));
  },
};

const SOURCE: Localized = {
  en: 'Dockerfile comments are lines that start with `#` (the Dockerfile reference); this is not from the lecture.',
  ru: 'Комментарии в Dockerfile — это строки, начинающиеся с `#` (справочник Dockerfile); в лекции этого нет.',
};

function inlineComments(model: DockerfileModel, instructions: readonly InstructionInfo[]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const ins of instructions) {
    if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV' && ins.keyword !== 'LABEL') continue;
    const found = inlineCommentOf(model, ins);
    if (found) findings.push(found);
  }
  return findings;
}

function inlineCommentOf(model: DockerfileModel, ins: InstructionInfo): RawFinding | null {
  const script = argumentText(model, ins);
  if (!script) return null;
  const words = quotedWords(model, script);
  const legacy = ins.keyword !== 'ARG' && words.length > 0 && !words[0].raw.includes('=');
  // In the legacy form the first value word may itself start with `#` (`ENV COLOR #fff`): only later words count.
  const from = legacy ? 2 : 1;
  const at = words.findIndex((w, i) => i >= from && w.raw.startsWith('#'));
  if (at < 0) return null;
  const comment = script.text.slice(words[at].start).trim();
  const kw = ins.keyword;
  let severity: Severity;
  let what: Localized;
  if (legacy) {
    const key = words[0].raw;
    const value = script.text.slice(words[1].start).trim();
    severity = 'warning';
    what = {
      en: `In the \`${kw} key value\` form the rest of the line is the value: \`${key}\` is set to \`${value}\`, comment included.`,
      ru: `В форме \`${kw} ключ значение\` значением становится весь остаток строки: \`${key}\` получит \`${value}\` вместе с комментарием.`,
    };
  } else if (kw === 'ARG') {
    const names = words.slice(at).map((w) => `\`${w.raw}\``).join(', ');
    severity = 'warning';
    what = {
      en: `ARG declares one build argument per word, so ${names} are declared as build arguments too.`,
      ru: `ARG объявляет по аргументу сборки на каждое слово, поэтому ${names} тоже объявлены аргументами сборки.`,
    };
  } else if (words.slice(at).every((w) => w.raw.includes('='))) {
    severity = 'warning';
    what = {
      en: `Every word is read as a \`key=value\` pair, so \`${comment}\` sets ${kw === 'ENV' ? 'environment variables' : 'labels'} with odd names.`,
      ru: `Каждое слово читается как пара \`ключ=значение\`, поэтому \`${comment}\` задаёт ${kw === 'ENV' ? 'переменные окружения' : 'метки'} со странными именами.`,
    };
  } else {
    severity = 'error';
    what = {
      en: `In the \`${kw} key=value\` form every word must be a pair: the builder stops with "can't find = in \\"${words[at].raw}\\"".`,
      ru: `В форме \`${kw} ключ=значение\` каждое слово должно быть парой: сборщик остановится с ошибкой «can't find = in "${words[at].raw}"».`,
    };
  }
  const start = script.docPosition(words[at].start);
  return {
    severity,
    range: { start, end: ins.range.end },
    message: {
      en: `\`${comment}\` is not a comment here: \`#\` starts a comment only at the beginning of a line. ${what.en} Put the comment on its own line above. ${SOURCE.en}`,
      ru: `\`${comment}\` здесь не комментарий: \`#\` начинает комментарий только в начале строки. ${what.ru} Перенесите комментарий на отдельную строку выше. ${SOURCE.ru}`,
    },
    fixes: moveAbove(model, ins, script.text.slice(0, words[at].start), comment, start, !legacy),
  };
}

/**
 * Moves the comment to its own line above the instruction, with the
 * instruction's indentation. Only when the comment is on the instruction's
 * last line (a continued comment would leave a dangling escape behind).
 */
function moveAbove(model: DockerfileModel, ins: InstructionInfo, before: string, comment: string, start: { line: number; character: number }, safe: boolean): Fix[] {
  if (start.line !== ins.range.end.line) return [];
  const lineText = model.lines.lineText(start.line);
  // Also remove the blanks before `#`.
  let from = start.character;
  while (from > 0 && /[ \t]/.test(lineText[from - 1])) from--;
  if (before.trim() === '' || from === 0) return [];
  const indent = /^[ \t]*/.exec(model.lines.lineText(ins.range.start.line))![0];
  const lineStart = { line: ins.range.start.line, character: 0 };
  return [{
    title: { en: 'Move the comment to its own line above', ru: 'Перенести комментарий на отдельную строку выше' },
    edits: [
      { range: { start: lineStart, end: lineStart }, newText: `${indent}${comment}${model.eol}` },
      { range: { start: { line: start.line, character: from }, end: ins.range.end }, newText: '' },
    ],
    safe,
  }];
}
