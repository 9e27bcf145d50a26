import type { Fix, RawFinding, Range } from '../core/types';
import type { DockerfileModel, InstructionInfo, LogicalScript, Stage } from '../model/types';
import type { Rule } from './rule';
import { declaredNames } from './support/declared-names';
import { argumentText, closest, quotedWords, wordRange } from './support/args';
import { rootStage } from '../model/lineage';
import { flagValueRange } from './support/flag-ranges';
import { keywordCase } from './support/keyword-case';
import { isWindowsStage } from './support/shell-context';
import { inheritedContext, perStage } from './support/stage-cache';
import { PLATFORM_ARGS } from '../model/variables';

/**
 * `$X` / `${X}` that the builder expands to nothing.
 *
 * In FROM (UndefinedArgInFrom) only ARGs declared before the first FROM and
 * the builder's platform ARGs exist, so everything else is reported.
 *
 * In other instructions that the builder expands (ENV, ARG values, LABEL,
 * WORKDIR, USER, VOLUME, STOPSIGNAL, EXPOSE, COPY/ADD and their --chown/--chmod;
 * never RUN/CMD/ENTRYPOINT text, where the shell expands at run time) a
 * variable is defined by an ARG or ENV of the stage above it, or an ENV of the
 * stages it is built FROM in this file. The base image's own environment is
 * unknown here, so for stages built on an image only clear mistakes are
 * reported: a global ARG the stage did not re-declare, a platform ARG
 * (TARGETARCH…) the stage did not declare, a variable declared further down
 * the stage or in the same ENV instruction, and likely typos. Stages built on
 * `scratch` have no inherited environment: every unknown name is reported.
 *
 * A scope table is built in one pass; dockerfile-ast's resolveVariable is
 * not used (it rescans the file for every variable).
 */
export const undefinedVariable: Rule = {
  id: 'undefined-variable',
  aliases: ['UndefinedVar', 'UndefinedArgInFrom', 'DL3044'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'A variable that is not defined where it is used: it expands to an empty string.',
    ru: 'Переменная не определена там, где используется: она подставится как пустая строка.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    const suggestion = makeSuggester();
    checkFroms(model, findings, suggestion);
    const envAtEnd: Set<string>[] = [];
    for (const stage of model.stages) {
      const inherited = stage.base.fromStage >= 0 && stage.base.fromStage < stage.index ? envAtEnd[stage.base.fromStage] : NO_NAMES;
      // What the stage inherits (its ancestors' ENVs, the base image, global ARGs) is in inheritedContext;
      // a declaration fix differs on the file's last line; typo suggestions have a budget per analysis.
      const context = `${inheritedContext(model, stage)}|${stage.from.range.end.line + 1 < model.lines.lineCount}|${suggestion.budget}`;
      const before = suggestion.budget;
      const result = perStage('undefined-variable', stage, context, () => {
        const own: RawFinding[] = [];
        const env = checkStage(model, stage, inherited, own, suggestion);
        return { own, env, suggestionsUsed: before - suggestion.budget };
      });
      // A result kept from an earlier version spent its suggestions then: they count here too.
      suggestion.budget = before - result.suggestionsUsed;
      for (const f of result.own) findings.push(f);
      envAtEnd[stage.index] = result.env;
    }
    return findings;
  },
};

const NO_NAMES: ReadonlySet<string> = new Set();

/** ARGs the builder defines for FROM lines and, once declared with ARG, inside stages: the platform ones and the target stage's name. */
const AUTOMATIC_ARGS: ReadonlySet<string> = new Set([...PLATFORM_ARGS, 'TARGETSTAGE']);
/** Predefined ARGs usable without an ARG instruction. */
const PROXY_ARGS = new Set([
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
]);
/** Variables Windows itself defines for every process; Windows stages may rely on them. */
const WINDOWS_SYSTEM = new Set([
  'PROGRAMFILES', 'PROGRAMFILES(X86)', 'PROGRAMW6432', 'PROGRAMDATA', 'SYSTEMROOT', 'SYSTEMDRIVE', 'WINDIR', 'USERPROFILE', 'USERNAME',
  'APPDATA', 'LOCALAPPDATA', 'TEMP', 'TMP', 'COMSPEC', 'PATHEXT', 'COMPUTERNAME', 'ALLUSERSPROFILE', 'PUBLIC', 'HOMEDRIVE', 'HOMEPATH',
  'COMMONPROGRAMFILES', 'PROCESSOR_ARCHITECTURE', 'NUMBER_OF_PROCESSORS', 'OS', 'PSMODULEPATH',
]);
/** Instructions whose arguments the builder expands. */
const EXPANDED = new Set(['ENV', 'ARG', 'LABEL', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL', 'EXPOSE', 'COPY', 'ADD']);

export interface VariableUse {
  name: string;
  /** Offsets in the scanned text, covering `$X` or `${…}`. */
  start: number;
  end: number;
  /** `${X:-…}`, `${X-…}`, `${X:+…}`, `${X+…}`, `${X:?…}`: the text handles an unset X itself. */
  guarded: boolean;
}

/**
 * The variables a builder expansion of `text` reads: `$X` and `${X…}`
 * outside single quotes, not escaped with the escape character.
 */
export function scanVariables(text: string, escapeChar: string): VariableUse[] {
  const uses: VariableUse[] = [];
  let single = false;
  let double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (single) { if (c === "'") single = false; continue; }
    if (c === escapeChar) { i++; continue; }
    if (c === "'" && !double) { single = true; continue; }
    if (c === '"') { double = !double; continue; }
    if (c !== '$') continue;
    if (text[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
      }
      if (depth > 0) break;
      const body = text.slice(i + 2, j - 1);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(body);
      if (m) uses.push({ name: m[1], start: i, end: j, guarded: /^:?[-+?]/.test(m[2]) });
      i = j - 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 200));
    if (m) {
      uses.push({ name: m[0], start: i, end: i + 1 + m[0].length, guarded: false });
      i += m[0].length;
    }
  }
  return uses;
}

interface Located { use: VariableUse; range: Range }
type Suggester = ReturnType<typeof makeSuggester>;

function usesIn(model: DockerfileModel, script: LogicalScript): Located[] {
  const uses = script.memo(`variables:${model.escapeChar}`, (text) => scanVariables(text, model.escapeChar));
  return uses.map((use) => ({ use, range: wordRange(model, script, use.start, use.end) }));
}

/** Variable uses in the flags the builder expands (COPY/ADD --chown, --chmod). */
function flagUses(model: DockerfileModel, ins: InstructionInfo): Located[] {
  const out: Located[] = [];
  for (const f of ins.flags) {
    if ((f.name !== 'chown' && f.name !== 'chmod') || !f.value) continue;
    for (const use of scanVariables(f.value, model.escapeChar)) {
      const range = flagValueRange(model, f, use.start, use.end);
      if (range) out.push({ use, range });
    }
  }
  return out;
}

function checkFroms(model: DockerfileModel, findings: RawFinding[], suggestion: Suggester): void {
  const declaredInStages = new Map<string, number>();
  for (const stage of model.stages) {
    for (const [name, line] of argsDeclaredIn(model, stage)) if (!declaredInStages.has(name)) declaredInStages.set(name, line);
  }
  for (const stage of model.stages) {
    for (const { use, range } of fromUses(model, stage)) {
      if (use.guarded || model.globalArgs.has(use.name) || AUTOMATIC_ARGS.has(use.name) || PROXY_ARGS.has(use.name)) continue;
      const inStage = declaredInStages.get(use.name);
      const guess = inStage === undefined ? suggestion(use.name, () => [...model.globalArgs.keys()]) : null;
      const fixes: Fix[] = guess ? [renameFix(range, use, guess)] : [];
      const hint = inStage !== undefined
        ? { en: ` \`ARG ${use.name}\` on line ${inStage + 1} is inside a stage; FROM only sees ARGs declared before the first FROM.`, ru: ` \`ARG ${use.name}\` в строке ${inStage + 1} находится внутри этапа; FROM видит только ARG, объявленные до первой FROM.` }
        : guess
          ? { en: ` Did you mean \`${guess}\`?`, ru: ` Возможно, имелось в виду \`${guess}\`?` }
          : { en: ` Declare \`ARG ${use.name}=<default>\` before the first FROM.`, ru: ` Объявите \`ARG ${use.name}=<значение>\` до первой FROM.` };
      findings.push({
        range,
        aliases: ['UndefinedArgInFrom'],
        message: {
          en: `\`${use.name}\` is not a global ARG, so in FROM it expands to an empty string (unless passed with --build-arg).${hint.en}`,
          ru: `\`${use.name}\` — не глобальный ARG, поэтому в FROM подставится пустая строка (если не передать её через --build-arg).${hint.ru}`,
        },
        fixes,
      });
    }
  }
}

/** Names the stage's ARGs declare, each with the line of its first declaration there (the stage's own text only). */
function argsDeclaredIn(model: DockerfileModel, stage: Stage): [string, number][] {
  return perStage('undefined-variable:args', stage, '', () => {
    const out = new Map<string, number>();
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'ARG') continue;
      for (const d of declaredNames(model, ins)) if (!out.has(d.name)) out.set(d.name, ins.range.start.line);
    }
    return [...out];
  });
}

/** Variable uses in a stage's FROM line, flags included (the FROM's own text only). */
function fromUses(model: DockerfileModel, stage: Stage): Located[] {
  return perStage('undefined-variable:from', stage, '', () => {
    const ins = stage.from;
    const uses: Located[] = [];
    for (const f of ins.flags) {
      if (!f.value) continue;
      for (const use of scanVariables(f.value, model.escapeChar)) {
        const range = flagValueRange(model, f, use.start, use.end);
        if (range) uses.push({ use, range });
      }
    }
    const script = argumentText(model, ins);
    if (script) uses.push(...usesIn(model, script));
    return uses;
  });
}

function checkStage(model: DockerfileModel, stage: Stage, inherited: ReadonlySet<string>, findings: RawFinding[], suggestion: Suggester): Set<string> {
  const scratch = rootStage(model, stage).base.scratch;
  const env = new Set(inherited);
  const args = new Set<string>();
  // Every name this stage declares, with the line of its first declaration.
  const laterInStage = new Map<string, number>();
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
    for (const d of declaredNames(model, ins)) if (!laterInStage.has(d.name)) laterInStage.set(d.name, ins.range.start.line);
  }
  const windows = isWindowsStage(model, stage);
  const defined = (name: string): boolean => env.has(name) || args.has(name) || PROXY_ARGS.has(name) || name === 'PATH'
    || (windows && WINDOWS_SYSTEM.has(name.toUpperCase()));

  for (const ins of stage.instructions) {
    if (!EXPANDED.has(ins.keyword)) continue;
    const script = argumentText(model, ins);
    if (ins.keyword === 'ARG') {
      // Each ARG word's default is expanded with the names declared before it.
      if (!script) continue;
      for (const w of quotedWords(model, script)) {
        const eq = w.raw.indexOf('=');
        if (eq >= 0) {
          for (const use of scanVariables(w.raw.slice(eq + 1), model.escapeChar)) {
            const located = { use, range: wordRange(model, script, w.start + eq + 1 + use.start, w.start + eq + 1 + use.end) };
            report(located, ins);
          }
        }
        const name = eq < 0 ? w.raw : w.raw.slice(0, eq);
        if (name) args.add(name);
      }
      continue;
    }
    for (const located of flagUses(model, ins)) report(located, ins);
    const declared = ins.keyword === 'ENV' ? declaredNames(model, ins) : [];
    if (script) {
      // `ENV A=1 B=$A`: A is set by an earlier pair of the same ENV, which does not count yet.
      // (`ENV X=$X:…` reads the previous X on purpose and is not a mistake.)
      const pairs = ins.keyword === 'ENV' && declared.length > 1 ? quotedWords(model, script) : [];
      for (const located of usesIn(model, script)) {
        const own = pairs.findIndex((w) => w.start <= located.use.start && located.use.start < w.end);
        const earlier = own > 0 && pairs.slice(0, own).some((w) => w.raw.split('=')[0] === located.use.name);
        report(located, ins, earlier);
      }
    }
    for (const d of declared) env.add(d.name);
  }
  return env;

  function report({ use, range }: Located, ins: InstructionInfo, sameEnv = false): void {
    if (use.guarded || defined(use.name)) return;
    const name = use.name;
    const global = model.globalArgs.get(name);
    const later = laterInStage.get(name);
    const unlessBase = scratch
      ? { en: '', ru: '' }
      : { en: ' (unless the base image sets it in its environment)', ru: ' (если её не задаёт окружение базового образа)' };
    let message: { en: string; ru: string } | null = null;
    let guess: string | null = null;
    const fixes: Fix[] = [];
    if (sameEnv) {
      message = {
        en: `\`${name}\` is set in this same ENV instruction, but ENV expands all its values before setting any, so here \`$${name}\` is the old value — empty${unlessBase.en}. Set it in an earlier ENV.`,
        ru: `\`${name}\` задаётся в этой же инструкции ENV, но ENV подставляет все значения до того, как что-либо задать, поэтому здесь \`$${name}\` — прежнее значение, то есть пустое${unlessBase.ru}. Задайте её в предыдущей ENV.`,
      };
    } else if (global && (later === undefined || later > ins.range.start.line)) {
      message = {
        en: `\`${name}\` is a global ARG (line ${global.range.start.line + 1}), but a global ARG is only visible in FROM lines until the stage declares \`ARG ${name}\`: here it expands to an empty string${unlessBase.en}.`,
        ru: `\`${name}\` — глобальный ARG (строка ${global.range.start.line + 1}), но глобальный ARG виден только в строках FROM, пока этап не объявит \`ARG ${name}\`: здесь подставится пустая строка${unlessBase.ru}.`,
      };
      fixes.push(declareFix(model, stage, name, { en: 'it takes the global default', ru: 'он получит глобальное значение' }));
    } else if (AUTOMATIC_ARGS.has(name)) {
      message = {
        en: `\`${name}\` is an automatic platform ARG, but inside a stage it exists only after \`ARG ${name}\`: here it expands to an empty string.`,
        ru: `\`${name}\` — автоматический платформенный ARG, но внутри этапа он появляется только после \`ARG ${name}\`: здесь подставится пустая строка.`,
      };
      fixes.push(declareFix(model, stage, name, { en: 'the builder fills it in', ru: 'сборщик подставит значение' }));
    } else if (later !== undefined && later > ins.range.start.line) {
      message = {
        en: `\`${name}\` is declared only further down, on line ${later + 1}: at this point it expands to an empty string${unlessBase.en}. Declare it before it is used.`,
        ru: `\`${name}\` объявлена только ниже, в строке ${later + 1}: здесь она подставится как пустая строка${unlessBase.ru}. Объявите её до использования.`,
      };
    } else if ((guess = suggestion(name, () => [...env, ...args]))) {
      message = {
        en: `\`${name}\` is not defined in this stage${unlessBase.en}; did you mean \`${guess}\`?`,
        ru: `\`${name}\` не определена в этом этапе${unlessBase.ru}; возможно, имелось в виду \`${guess}\`?`,
      };
      fixes.push(renameFix(range, use, guess));
    } else if (scratch) {
      message = {
        en: `\`${name}\` is not defined by any ARG or ENV above, and a stage built on scratch inherits no environment: it expands to an empty string.`,
        ru: `\`${name}\` не задана ни одной ARG или ENV выше, а этап на основе scratch не наследует окружения: подставится пустая строка.`,
      };
    }
    if (!message) return;
    // Each finding carries only the other tools' code for what it reports.
    findings.push({ range, message, fixes, aliases: sameEnv ? ['UndefinedVar', 'DL3044'] : ['UndefinedVar'] });
  }
}

/**
 * A likely intended name within a small edit distance. Typo search is linear
 * in the names in scope, so a file with thousands of unknown variables only
 * gets suggestions for the first few (the budget is per analysis).
 */
function makeSuggester(): { (name: string, candidates: () => string[]): string | null; budget: number } {
  const suggest = (name: string, candidates: () => string[]): string | null => {
    if (name.length < 4 || suggest.budget <= 0) return null;
    suggest.budget--;
    const list = candidates();
    return list.length > 2000 ? null : closest(name, list, name.length > 4 ? 2 : 1);
  };
  suggest.budget = 50;
  return suggest;
}

function renameFix(range: Range, use: VariableUse, guess: string): Fix {
  return {
    title: { en: `Use \`${guess}\``, ru: `Использовать \`${guess}\`` },
    edits: [{ range: nameRange(range, use), newText: guess }],
    safe: false,
  };
}

/** The range of just the name inside `$NAME` / `${NAME…}` (same line as the use). */
function nameRange(range: Range, use: VariableUse): Range {
  const offset = range.start.character + (use.end - use.start > use.name.length + 1 && range.start.line === range.end.line ? 2 : 1);
  return { start: { line: range.start.line, character: offset }, end: { line: range.start.line, character: offset + use.name.length } };
}

function declareFix(model: DockerfileModel, stage: Stage, name: string, why: { en: string; ru: string }): Fix {
  const arg = `${keywordCase(model, 'ARG')} ${name}`;
  const line = stage.from.range.end.line;
  const at = line + 1 < model.lines.lineCount
    ? { edit: { range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, newText: arg + model.eol } }
    : { edit: { range: { start: stage.from.range.end, end: stage.from.range.end }, newText: model.eol + arg } };
  return {
    title: { en: `Declare \`${arg}\` at the start of this stage (${why.en})`, ru: `Объявить \`${arg}\` в начале этапа (${why.ru})` },
    edits: [at.edit],
    safe: false,
  };
}
