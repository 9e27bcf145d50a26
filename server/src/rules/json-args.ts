import type { Fix, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { argumentText } from './support/args';
import { isWindowsStage } from './support/shell-context';
import { rootStage } from '../model/lineage';

/**
 * CMD/ENTRYPOINT in shell form run as `/bin/sh -c "…"`: the shell is PID 1,
 * signals such as SIGTERM from `docker stop` may never reach the program, and
 * a shell-form ENTRYPOINT ignores CMD and `docker run` arguments. Like
 * BuildKit, stages that set their own SHELL are left alone. A bracketed
 * argument that is not valid JSON (`CMD ['a']`) is shell form too: reported.
 */
export const jsonArgs: Rule = {
  id: 'json-args',
  aliases: ['DL3025', 'JSONArgsRecommended'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'CMD/ENTRYPOINT in shell form: use the JSON (exec) form so the program gets signals as PID 1.',
    ru: 'CMD/ENTRYPOINT в shell-форме: используйте JSON-форму (exec), чтобы программа получала сигналы как PID 1.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    // Whether SHELL was set in a stage or the stages it is built FROM.
    const shellSet: boolean[] = [];
    const entrypointSet: boolean[] = [];
    for (const stage of model.stages) {
      const parent = stage.base.fromStage >= 0 && stage.base.fromStage < stage.index ? stage.base.fromStage : -1;
      shellSet[stage.index] = (parent >= 0 && shellSet[parent]) || stage.instructions.some((i) => i.keyword === 'SHELL');
      entrypointSet[stage.index] = (parent >= 0 && entrypointSet[parent]) || stage.instructions.some((i) => i.keyword === 'ENTRYPOINT');
      if (shellSet[stage.index]) continue;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
        if (ins.heredoc || !ins.argsRange) continue;
        const script = argumentText(model, ins);
        if (!script || script.text.trim() === '') continue;
        if (ins.execForm || script.text.trimStart().startsWith('[')) {
          if (isJson(script.text)) continue;
          findings.push(brokenJson(ins, script.text));
          continue;
        }
        const entrypoint = entrypointSet[stage.index] ? 'file' : rootStage(model, stage).base.scratch ? 'none' : 'base';
        findings.push(shellForm(model, entrypoint, ins, !isWindowsStage(model, stage)));
      }
    }
    return findings;
  },
};

const KW = (ins: InstructionInfo): string => ins.keyword;

function isJson(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text.trim());
    return Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * Which ENTRYPOINT receives a CMD: one in the file, none (FROM scratch), or
 * possibly one of the base image, unknown here. Official images often have one
 * that looks at its first argument (`$1 = nginx`), so the words it gets matter.
 */
type EntrypointSource = 'file' | 'none' | 'base';

function shellForm(model: DockerfileModel, entrypoint: EntrypointSource, ins: InstructionInfo, posix: boolean): RawFinding {
  const kw = KW(ins);
  // cmd.exe splits and unescapes a command line its own way: `C:\\app\\run.exe` is not three POSIX words.
  const argv = posix ? simpleArgv(model, ins) : null;
  const shell = posix ? '/bin/sh -c "…"' : 'cmd /S /C "…"';
  const why = kw === 'ENTRYPOINT'
    ? {
      en: ' A shell-form ENTRYPOINT also ignores CMD and the arguments of `docker run`.',
      ru: ' Кроме того, ENTRYPOINT в shell-форме игнорирует CMD и аргументы `docker run`.',
    }
    : { en: '', ru: '' };
  const fixes: Fix[] = [];
  if (argv) {
    const json = `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
    const edit = { range: { start: ins.argsRange!.start, end: ins.range.end }, newText: json };
    if (kw === 'ENTRYPOINT') {
      fixes.push({
        title: {
          en: `Convert to exec form ${json} (CMD and \`docker run\` arguments will then be passed to it)`,
          ru: `Перевести в exec-форму ${json} (тогда ей будут передаваться CMD и аргументы \`docker run\`)`,
        },
        edits: [edit],
        safe: false,
      });
    } else {
      const titles: Record<EntrypointSource, { en: string; ru: string }> = {
        file: { en: `Convert to exec form ${json} (the ENTRYPOINT then gets these words instead of \`/bin/sh -c "…"\`)`, ru: `Перевести в exec-форму ${json} (ENTRYPOINT получит эти слова вместо \`/bin/sh -c "…"\`)` },
        base: { en: `Convert to exec form ${json} (an ENTRYPOINT of the base image, if it has one, then gets these words instead of \`/bin/sh -c "…"\`)`, ru: `Перевести в exec-форму ${json} (ENTRYPOINT базового образа, если он есть, получит эти слова вместо \`/bin/sh -c "…"\`)` },
        none: { en: `Convert to exec form ${json}`, ru: `Перевести в exec-форму ${json}` },
      };
      fixes.push({ title: titles[entrypoint], edits: [edit], safe: entrypoint === 'none' });
    }
  }
  const noFix = argv ? { en: '', ru: '' } : !posix ? {
    en: ' No automatic conversion: cmd.exe reads a command line differently from a POSIX shell. Write the JSON form by hand, with backslashes doubled: `["C:\\\\app\\\\run.exe", "--port", "80"]`.',
    ru: ' Автоматически не переводится: cmd.exe разбирает командную строку иначе, чем POSIX-оболочка. Напишите JSON-форму вручную, удваивая обратные слэши: `["C:\\\\app\\\\run.exe", "--port", "80"]`.',
  } : {
    en: ' No automatic conversion: the command uses shell features (variables, operators, redirections, globs or quoting) — move it into a script that ends with `exec`, or write the JSON form by hand (`["/bin/sh", "-c", "… && exec app"]` keeps the shell but lets it hand PID 1 over).',
    ru: ' Автоматически не переводится: команда использует возможности оболочки (переменные, операторы, перенаправления, шаблоны или кавычки) — вынесите её в скрипт, который заканчивается `exec`, или напишите JSON-форму вручную (`["/bin/sh", "-c", "… && exec app"]` сохраняет оболочку, но передаёт PID 1 программе).',
  };
  return {
    range: ins.keywordRange,
    message: {
      en: `${kw} in shell form runs as \`${shell}\`: the shell becomes PID 1 and may not pass SIGTERM on, so \`docker stop\` waits its timeout and then kills the program without a clean shutdown. The JSON (exec) form runs the program directly.${why.en}${noFix.en}`,
      ru: `${kw} в shell-форме выполняется как \`${shell}\`: PID 1 становится оболочка, которая может не передать SIGTERM, и \`docker stop\` ждёт таймаут, а затем убивает программу без корректного завершения. JSON-форма (exec) запускает программу напрямую.${why.ru}${noFix.ru}`,
    },
    fixes,
  };
}

function brokenJson(ins: InstructionInfo, text: string): RawFinding {
  const kw = KW(ins);
  const fixes: Fix[] = [];
  const converted = singleQuotedArray(text);
  if (converted) {
    const json = `[${converted.map((a) => JSON.stringify(a)).join(', ')}]`;
    fixes.push({
      title: { en: `Use double quotes: ${json}`, ru: `Использовать двойные кавычки: ${json}` },
      edits: [{ range: { start: ins.argsRange!.start, end: ins.range.end }, newText: json }],
      safe: true,
    });
  }
  return {
    severity: 'error',
    range: ins.argsRange ?? ins.keywordRange,
    message: {
      en: `This ${kw} looks like the exec form but is not valid JSON (JSON strings need double quotes), so the builder takes it as shell form: the container would run \`/bin/sh -c '${text.trim()}'\` and fail.`,
      ru: `Этот ${kw} похож на exec-форму, но это не корректный JSON (строки JSON — только в двойных кавычках), поэтому сборщик считает его shell-формой: контейнер выполнит \`/bin/sh -c '${text.trim()}'\` и завершится ошибкой.`,
    },
    fixes,
  };
}

/** `['a', 'b c']` → ['a', 'b c'] when every element is a plain single-quoted string. */
function singleQuotedArray(text: string): string[] | null {
  const m = /^\s*\[(.*)\]\s*$/s.exec(text);
  if (!m) return null;
  const items = m[1].split(',').map((s) => s.trim());
  const out: string[] = [];
  for (const item of items) {
    const q = /^'([^'"\\]*)'$/.exec(item) ?? /^"([^'"\\]*)"$/.exec(item);
    if (!q) return null;
    out.push(q[1]);
  }
  return out.length ? out : null;
}

const SHELL_ONLY = new Set([
  'cd', 'export', 'set', 'unset', 'source', '.', 'eval', 'exit', 'return', 'shift', 'trap', 'ulimit', 'umask',
  'alias', 'read', 'wait', 'local', 'readonly', 'declare', 'typeset', 'if', 'while', 'until', 'for', 'case',
  'function', 'select', '[[', '{', '}', '!', 'time', 'exec', 'command', 'builtin', 'let', 'shopt', 'hash', 'type', 'getopts', 'times',
]);

/**
 * The argv the shell would build, when the command is one plain simple
 * command: no operators, redirections, assignments, expansions, globs, brace
 * or tilde expansion, comments, and not a shell builtin. A leading `exec` is
 * dropped (it exists only to hand PID 1 over). Null when not that simple.
 */
function simpleArgv(model: DockerfileModel, ins: InstructionInfo): string[] | null {
  const script = ins.script;
  if (!script) return null;
  // Comment lines inside the continuation would be lost by a rewrite.
  const first = ins.range.start.line;
  if (model.comments.some((c) => c.line > first && c.line <= ins.range.end.line)) return null;
  const shell = script.shell();
  if (shell.errors.length || shell.commands.length !== 1) return null;
  const cmd = shell.commands[0];
  if (cmd.assignments.length || cmd.redirects.length || cmd.depth !== 0 || cmd.words.length === 0) return null;
  if (script.text.slice(cmd.end).trim() !== '' || script.text.slice(0, cmd.start).trim() !== '') return null;
  const words = [...cmd.words];
  if (words[0].value === 'exec' && !words[0].quoted) {
    words.shift();
    if (words.length === 0 || words[0].value.startsWith('-')) return null;
  }
  if (SHELL_ONLY.has(words[0].value)) return null;
  for (const w of words) {
    const raw = script.text.slice(w.start, w.end);
    if (w.hasExpansion || /[$`]/.test(raw) || hasUnquoted(raw, /[*?[\]{}~#]/)) return null;
  }
  return words.map((w) => w.value);
}

/** Whether a character matching `re` occurs outside quotes and escapes in a raw shell word. */
function hasUnquoted(raw: string, re: RegExp): boolean {
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) { if (c === quote) quote = ''; else if (c === '\\' && quote === '"') i++; continue; }
    if (c === '\\') { i++; continue; }
    if (c === '"' || c === "'") { quote = c; continue; }
    if (re.test(c)) return true;
  }
  return false;
}
