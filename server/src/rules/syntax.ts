import type { Fix, RawFinding, Range } from '../core/types';
import type { DockerfileModel, InstructionInfo, LogicalScript } from '../model/types';
import type { Rule } from './rule';
import { argumentText, closest, jsonArray, KNOWN_INSTRUCTIONS, quotedWords, splitBlank, wordRange } from './support/args';
import { checkEmptyContinuation, escapedEscapeBefore } from './support/continuation';
import { firstTemplateLine, isTemplateLine } from './support/templates';

/**
 * What the builder (BuildKit) would refuse to build, or warns about while
 * parsing: unknown instructions, missing or malformed arguments, instructions
 * before the first FROM, an invalid `# escape=` directive, blank lines inside a
 * continued instruction (NoEmptyContinuation), and an unknown instruction
 * that follows a line ending in an escaped escape character (`\\`), which the
 * builder (and so the model) does not continue.
 */
export const syntax: Rule = {
  id: 'syntax',
  aliases: ['NoEmptyContinuation', 'ReservedStageName', 'DL3043', 'DL3061', 'DL3063'],
  severity: 'error',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'Dockerfile syntax the builder rejects or warns about: unknown instructions, missing arguments, blank continuation lines.',
    ru: 'Синтаксис Dockerfile, который сборщик отвергает или о котором предупреждает: неизвестные инструкции, нет аргументов, пустые строки продолжения.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    checkDirectives(model, findings);
    const template = firstTemplateLine(model);
    if (template) findings.push(templateFinding(template));
    if (!template && model.instructions.length > 0 && !model.instructions.some((i) => KNOWN_INSTRUCTIONS.has(i.keyword))) {
      const first = model.instructions[0];
      findings.push({
        range: first.keywordRange,
        message: {
          en: `This file has no Dockerfile instructions (the first line starts with \`${first.keywordText}\`): it is not a Dockerfile the builder can use.`,
          ru: `В этом файле нет инструкций Dockerfile (первая строка начинается с \`${first.keywordText}\`): сборщик не сможет его использовать.`,
        },
        fixes: [],
        aliases: [],
      });
      return findings;
    }
    checkBeforeFrom(model, findings);
    for (const ins of model.instructions) {
      // One finding for the template says it all: its lines are not Dockerfile syntax errors of their own.
      if (template && isTemplateLine(ins)) continue;
      if (!KNOWN_INSTRUCTIONS.has(ins.keyword)) {
        findings.push(escapedEscapeBefore(model, ins) ?? unknownInstruction(model, ins));
        continue;
      }
      for (const f of ownFindings(model, ins)) findings.push(f);
    }
    // A finding names only the codes of the check it reports; the builder's own parse errors have none elsewhere.
    return findings.map((f) => (f.aliases ? f : { ...f, aliases: [] }));
  },
};

/**
 * Argument and blank-line checks read nothing but the instruction's own lines
 * (and the escape character). A placed instruction is shared with the next
 * version only when its chunk's text, line and escape character are
 * unchanged, so its findings can be kept with it: after an edit on a big file
 * only the edited stage is checked again.
 */
const findingsOf = new WeakMap<InstructionInfo, RawFinding[]>();

function ownFindings(model: DockerfileModel, ins: InstructionInfo): RawFinding[] {
  let found = findingsOf.get(ins);
  if (!found) {
    found = [];
    checkArguments(model, ins, found);
    checkEmptyContinuation(model, ins, found);
    findingsOf.set(ins, found);
  }
  return found;
}

/**
 * A template to be rendered into a Dockerfile: the builder would reject it
 * (unknown instruction at the first tag), but the right word is "render it
 * first", said once, not one "unknown instruction" per template line.
 */
function templateFinding(first: InstructionInfo): RawFinding {
  const line = first.range.start.line + 1;
  return {
    range: first.range.start.line === first.range.end.line ? first.range : first.keywordRange,
    message: {
      en: `This looks like a template (\`{{ … }}\` or \`{% … %}\` on line ${line}) to be rendered into a Dockerfile first: the builder would reject it as it is. Lint the rendered Dockerfile; template lines are not checked one by one.`,
      ru: `Похоже, это шаблон (\`{{ … }}\` или \`{% … %}\` в строке ${line}), из которого сначала генерируют Dockerfile: в таком виде сборщик его отвергнет. Проверяйте сгенерированный Dockerfile; строки шаблона по отдельности не проверяются.`,
    },
    fixes: [],
  };
}

// ---------------------------------------------------------------------------

function checkDirectives(model: DockerfileModel, findings: RawFinding[]): void {
  const seen = new Set<string>();
  for (const d of model.directives) {
    if (d.name !== 'escape' && d.name !== 'syntax') continue;
    if (seen.has(d.name)) {
      findings.push({
        range: d.range,
        message: {
          en: `A second \`# ${d.name}=\` directive: the builder accepts only one and stops with an error.`,
          ru: `Повторная директива \`# ${d.name}=\`: сборщик допускает только одну и завершается с ошибкой.`,
        },
        fixes: [],
      });
    }
    seen.add(d.name);
    if (d.name === 'escape' && d.value !== '\\' && d.value !== '`') {
      findings.push({
        range: d.range,
        message: {
          en: `Invalid escape character \`${d.value}\`: only \`\\\` (the default) and \`\`\` (backtick, for Windows paths) are allowed; the builder stops with an error.`,
          ru: `Недопустимый escape-символ \`${d.value}\`: разрешены только \`\\\` (по умолчанию) и \`\`\` (обратный апостроф, для путей Windows); сборщик завершится с ошибкой.`,
        },
        fixes: [],
      });
    }
  }
}

function checkBeforeFrom(model: DockerfileModel, findings: RawFinding[]): void {
  for (const ins of model.instructions) {
    if (ins.stage >= 0) break;
    if (ins.keyword === 'ARG' || !KNOWN_INSTRUCTIONS.has(ins.keyword)) continue;
    findings.push({
      range: ins.keywordRange,
      aliases: ['DL3061'],
      message: {
        en: `${ins.keyword} before the first FROM: only ARG may come before FROM (there is no build stage yet); the builder stops with an error.`,
        ru: `${ins.keyword} до первой FROM: до FROM допускается только ARG (этапа сборки ещё нет); сборщик завершится с ошибкой.`,
      },
      fixes: [],
    });
  }
  if (model.stages.length === 0 && model.instructions.some((i) => i.keyword === 'ARG')) {
    const first = model.instructions[0];
    findings.push({
      range: first.keywordRange,
      message: {
        en: 'There is no FROM instruction: the Dockerfile has no stage to build.',
        ru: 'Нет инструкции FROM: в Dockerfile нет ни одного этапа для сборки.',
      },
      fixes: [],
    });
  }
}

function unknownInstruction(model: DockerfileModel, ins: InstructionInfo): RawFinding {
  const written = ins.keywordText;
  const fixes: Fix[] = [];
  const previous = model.instructions[ins.index - 1];
  const lostContinuation = previous && previous.keyword === 'RUN' && previous.range.end.line === ins.range.start.line - 1
    && (/^[&|;]/.test(written) || /^[ \t]/.test(model.lines.lineText(ins.range.start.line)));
  const guess = /^[A-Za-z]{3,}$/.test(written) ? closest(written.toUpperCase(), KNOWN_INSTRUCTIONS, written.length > 4 ? 2 : 1) : null;
  let hint = { en: '', ru: '' };
  if (lostContinuation) {
    const line = previous.range.end.line;
    const at = { line, character: model.lines.lineText(line).length };
    hint = {
      en: ` Did line ${line + 1} lose the \`${model.escapeChar}\` that continues the RUN?`,
      ru: ` Возможно, в строке ${line + 1} потерян \`${model.escapeChar}\`, продолжающий RUN?`,
    };
    fixes.push({
      title: { en: `Continue the RUN of line ${previous.range.start.line + 1}: add \`${model.escapeChar}\` at the end of line ${line + 1}`, ru: `Продолжить RUN со строки ${previous.range.start.line + 1}: добавить \`${model.escapeChar}\` в конец строки ${line + 1}` },
      edits: [{ range: { start: at, end: at }, newText: ` ${model.escapeChar}` }],
      safe: false,
    });
  } else if (guess) {
    const replacement = written === written.toLowerCase() ? guess.toLowerCase() : guess;
    hint = { en: ` Did you mean ${guess}?`, ru: ` Возможно, имелось в виду ${guess}?` };
    fixes.push({
      title: { en: `Change \`${written}\` to ${replacement}`, ru: `Заменить \`${written}\` на ${replacement}` },
      edits: [{ range: ins.keywordRange, newText: replacement }],
      safe: false,
    });
  }
  return {
    range: ins.keywordRange,
    message: {
      en: `Unknown instruction \`${written}\`: the builder stops with "unknown instruction".${hint.en}`,
      ru: `Неизвестная инструкция \`${written}\`: сборщик завершится с ошибкой «unknown instruction».${hint.ru}`,
    },
    fixes,
  };
}

/** A builder parse error: no other tool has a code of its own for it. */
function error(range: Range, en: string, ru: string): RawFinding {
  return { range, message: { en, ru }, fixes: [], aliases: [] };
}

const NEED_ARGUMENTS = new Set(['ADD', 'ARG', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
const JSON_CAPABLE = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

function checkArguments(model: DockerfileModel, ins: InstructionInfo, findings: RawFinding[]): void {
  const kw = ins.keyword;
  const script = argumentText(model, ins);
  const text = script ? script.text.trim() : '';
  if (text === '') {
    if (NEED_ARGUMENTS.has(kw)) {
      findings.push(error(ins.keywordRange,
        `${kw} without arguments: the builder stops with an error.`,
        `${kw} без аргументов: сборщик завершится с ошибкой.`));
    }
    return;
  }
  // Positions are worked out only for the rare instruction that has a problem.
  const all = () => wordRange(model, script!, 0, script!.text.length);
  if (JSON_CAPABLE.has(kw) && !ins.heredoc) {
    const arr = script!.memo('json-array', jsonArray);
    if (arr && arr.some((v) => typeof v !== 'string')) {
      findings.push(error(all(),
        `In the JSON (exec) form every element must be a string in double quotes; the builder stops with an error.`,
        `В JSON-форме (exec) каждый элемент должен быть строкой в двойных кавычках; сборщик завершится с ошибкой.`));
      return;
    }
    if (kw === 'VOLUME' && arr && (arr.length === 0 || arr.some((v) => String(v).trim() === ''))) {
      findings.push(error(all(), 'VOLUME with an empty path: the builder stops with an error.', 'VOLUME с пустым путём: сборщик завершится с ошибкой.'));
      return;
    }
  }
  switch (kw) {
    case 'FROM': return checkFrom(model, script!, findings);
    case 'COPY':
    case 'ADD': {
      const arr = ins.heredoc ? null : script!.memo('json-array', jsonArray);
      const count = arr ? arr.length : splitBlank(script!.text).length;
      if (count < 2) {
        findings.push(error(all(),
          `${kw} needs a source and a destination (\`${kw} <src>... <dest>\`); with one argument the builder stops with an error.`,
          `${kw} нужны источник и назначение (\`${kw} <src>... <dest>\`); с одним аргументом сборщик завершится с ошибкой.`));
      }
      return;
    }
    case 'ENV':
    case 'LABEL': return checkKeyValues(model, ins, script!, findings);
    case 'ARG': {
      for (const w of quotedWords(model, script!)) {
        if (w.raw.startsWith('=')) {
          findings.push(error(wordRange(model, script!, w.start, w.end), 'ARG without a name before `=`: the builder stops with an error.', 'ARG без имени перед `=`: сборщик завершится с ошибкой.'));
        }
      }
      return;
    }
    case 'HEALTHCHECK': {
      const words = splitBlank(script!.text);
      const type = words[0].raw.toUpperCase();
      if (type === 'NONE' && words.length > 1) {
        findings.push(error(all(), 'HEALTHCHECK NONE takes no arguments: the builder stops with an error.', 'HEALTHCHECK NONE не принимает аргументов: сборщик завершится с ошибкой.'));
      } else if (type === 'CMD' && (words.length === 1 || jsonArray(script!.text.slice(words[1].start))?.length === 0)) {
        findings.push(error(all(), 'HEALTHCHECK CMD without a command: the builder stops with an error.', 'HEALTHCHECK CMD без команды: сборщик завершится с ошибкой.'));
      } else if (type !== 'NONE' && type !== 'CMD') {
        findings.push(error(wordRange(model, script!, words[0].start, words[0].end),
          `HEALTHCHECK expects \`CMD <command>\` or \`NONE\`, not \`${words[0].raw}\`: the builder stops with an error.`,
          `HEALTHCHECK ожидает \`CMD <команда>\` или \`NONE\`, а не \`${words[0].raw}\`: сборщик завершится с ошибкой.`));
      }
      return;
    }
    case 'ONBUILD': {
      const trigger = splitBlank(script!.text)[0];
      const t = trigger.raw.toUpperCase();
      if (t === 'ONBUILD' || t === 'FROM' || t === 'MAINTAINER') {
        findings.push({ ...error(wordRange(model, script!, trigger.start, trigger.end),
          `${t} cannot be an ONBUILD trigger: the builder stops with an error.`,
          `${t} не может быть триггером ONBUILD: сборщик завершится с ошибкой.`), aliases: ['DL3043'] });
      }
      return;
    }
    case 'SHELL': {
      const arr = script!.memo('json-array', jsonArray);
      if (!arr || arr.length === 0) {
        findings.push(error(all(),
          'SHELL needs the JSON form, e.g. `SHELL ["/bin/bash", "-c"]`; otherwise the builder stops with an error.',
          'SHELL требует JSON-формы, например `SHELL ["/bin/bash", "-c"]`; иначе сборщик завершится с ошибкой.'));
      }
      return;
    }
    default:
      return;
  }
}

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

function checkFrom(model: DockerfileModel, script: LogicalScript, findings: RawFinding[]): void {
  const words = splitBlank(script.text);
  const all = wordRange(model, script, 0, script.text.length);
  if (!(words.length === 1 || (words.length === 3 && words[1].raw.toLowerCase() === 'as'))) {
    findings.push(error(all,
      'FROM takes an image and optionally `AS <name>` (one or three arguments); the builder stops with an error.',
      'FROM принимает образ и, при необходимости, `AS <имя>` (один или три аргумента); сборщик завершится с ошибкой.'));
    return;
  }
  if (words.length !== 3) return;
  const name = words[2];
  const range = wordRange(model, script, name.start, name.end);
  if (!STAGE_NAME.test(name.raw.toLowerCase())) {
    findings.push(error(range,
      `Invalid stage name \`${name.raw}\`: it must start with a letter and contain only letters, digits, \`-\`, \`_\` and \`.\`; the builder stops with an error.`,
      `Недопустимое имя этапа \`${name.raw}\`: оно должно начинаться с буквы и содержать только буквы, цифры, \`-\`, \`_\` и \`.\`; сборщик завершится с ошибкой.`));
  } else if (['scratch', 'context'].includes(name.raw.toLowerCase())) {
    findings.push({
      severity: 'warning',
      aliases: ['ReservedStageName', 'DL3063'],
      range,
      message: {
        en: `\`${name.raw}\` is a reserved name (\`scratch\` is the empty image, \`context\` the build context): referring to this stage by name will not work as expected.`,
        ru: `\`${name.raw}\` — зарезервированное имя (\`scratch\` — пустой образ, \`context\` — контекст сборки): ссылка на этот этап по имени не сработает так, как ожидается.`,
      },
      fixes: [],
    });
  }
}

function checkKeyValues(model: DockerfileModel, ins: InstructionInfo, script: LogicalScript, findings: RawFinding[]): void {
  const kw = ins.keyword;
  const words = quotedWords(model, script);
  if (!words[0].raw.includes('=')) {
    // Legacy `KEY value` form: needs something after the key.
    if (words.length < 2) {
      findings.push(error(wordRange(model, script, words[0].start, words[0].end),
        `${kw} \`${words[0].raw}\` has no value: write \`${kw} ${words[0].raw}=<value>\`; the builder stops with an error.`,
        `У ${kw} \`${words[0].raw}\` нет значения: напишите \`${kw} ${words[0].raw}=<значение>\`; сборщик завершится с ошибкой.`));
    }
    return;
  }
  for (const w of words) {
    if (w.raw.includes('=')) continue;
    findings.push(error(wordRange(model, script, w.start, w.end),
      `\`${w.raw}\` has no \`=\`: in the \`${kw} key=value ...\` form every word must be a pair; the builder stops with an error.`,
      `В \`${w.raw}\` нет \`=\`: в форме \`${kw} ключ=значение ...\` каждое слово должно быть парой; сборщик завершится с ошибкой.`));
  }
}
