import type { Localized, RawFinding, Range } from '../core/types';
import { documentOffset } from '../model/script';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import { baseName, commandIndex, type SimpleCommand } from '../shell/tokenize';
import type { Rule } from './rule';
import { note } from '../../../common/lecture/sections';
import { normalizePath as normalize } from './support/paths';
import { buildKitOnlyFeature } from './support/buildkit-only';
import { inheritedContext, perStage } from './support/stage-cache';
import { argumentText, jsonArray, splitBlank, unquote, volumeArguments, wordRange } from './support/args';

/**
 * A RUN, COPY or ADD that writes under a path an earlier VOLUME of the stage
 * (or of a stage it is built FROM) declared. The legacy builder runs RUN with
 * the volume mounted and throws its changes away; BuildKit keeps them; at
 * `docker run` an existing volume or a bind mount hides the path anyway, so
 * files put there are at best initial content. Conservative: only literal
 * paths, only commands that clearly write (mkdir, touch, cp, mv, ln, install,
 * rm, chown, chmod, tee, `>` redirections…), relative paths only when the
 * working directory is known and the script does not `cd`.
 */
export const volumeDiscardsChanges: Rule = {
  id: 'volume-discards-changes',
  aliases: [],
  severity: 'warning',
  lecture: 'persistent-data',
  beyondLecture: true,
  description: {
    en: 'A build step writes under a path already declared as VOLUME: the change may be discarded or hidden by the mounted volume.',
    ru: 'Шаг сборки пишет в путь, уже объявленный как VOLUME: изменение может быть отброшено или скрыто смонтированным томом.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    const atEnd: { volumes: Volume[]; workdir: string | null }[] = [];
    const buildKit = buildKitOnlyFeature(model);
    for (const stage of model.stages) {
      const parent = stage.base.fromStage >= 0 && stage.base.fromStage < stage.index ? atEnd[stage.base.fromStage] : null;
      // A stage's writes depend on it and the stages it builds on (their VOLUMEs and WORKDIR): kept per stage, so an
      // edit in a big file re-checks only what changed.
      const context = `${inheritedContext(model, stage)}|${buildKit?.en ?? ''}`;
      const checked = perStage('volume-discards-changes', stage, context, () => checkStage(model, stage, parent, buildKit));
      atEnd[stage.index] = checked;
      for (const f of checked.findings) findings.push(f);
    }
    return findings;
  },
};

interface Volume { path: string; line: number }
interface Write { path: string; range: Range; verb: string }

/** The paths a VOLUME declares, JSON or plain form; paths with variables are left out. */
function checkStage(model: DockerfileModel, stage: Stage, parent: { volumes: Volume[]; workdir: string | null } | null, buildKit: Localized | null): { findings: RawFinding[]; volumes: Volume[]; workdir: string | null } {
  const findings: RawFinding[] = [];
  const volumes: Volume[] = parent ? [...parent.volumes] : [];
  let workdir = parent ? parent.workdir : null;
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') { workdir = nextWorkdir(model, ins, workdir); continue; }
    if (ins.keyword === 'VOLUME') { volumes.push(...volumePaths(model, ins)); continue; }
    if (volumes.length === 0) continue;
    for (const write of writesOf(model, ins, workdir)) {
      const vol = volumes.find((v) => write.path === v.path || write.path.startsWith(v.path === '/' ? '/' : v.path + '/'));
      if (vol) findings.push(finding(ins, write, vol, buildKit));
    }
  }
  return { findings, volumes, workdir };
}

function volumePaths(model: DockerfileModel, ins: InstructionInfo): Volume[] {
  return volumeArguments(model, ins)
    .filter((p) => p.startsWith('/') && !p.includes('$'))
    .map((p) => ({ path: normalize(p), line: ins.range.start.line }));
}

function literalPath(p: string, cwd: string | null): string | null {
  if (p === '' || /[$`]/.test(p)) return null;
  if (p.startsWith('/')) return normalize(p);
  if (cwd === null || p.startsWith('~') || p.startsWith('-')) return null;
  return normalize(`${cwd}/${p}`);
}

function nextWorkdir(model: DockerfileModel, ins: InstructionInfo, current: string | null): string | null {
  const text = argumentText(model, ins)?.text.trim() ?? '';
  return literalPath(unquote(text, model.escapeChar), current);
}

function writesOf(model: DockerfileModel, ins: InstructionInfo, workdir: string | null): Write[] {
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') return copyWrites(model, ins, workdir);
  if (ins.keyword === 'RUN' && ins.script) return runWrites(model, ins, workdir);
  return [];
}

function copyWrites(model: DockerfileModel, ins: InstructionInfo, workdir: string | null): Write[] {
  const script = argumentText(model, ins);
  if (!script) return [];
  const arr = ins.heredoc ? null : jsonArray(script.text);
  if (arr) {
    const dest = arr[arr.length - 1];
    const path = typeof dest === 'string' && arr.length >= 2 ? literalPath(dest, workdir) : null;
    return path ? [{ path, range: ins.argsRange!, verb: ins.keyword }] : [];
  }
  const words = splitBlank(script.text);
  if (words.length < 2) return [];
  const dest = words[words.length - 1];
  const path = literalPath(unquote(dest.raw, model.escapeChar), workdir);
  return path ? [{ path, range: wordRange(model, script, dest.start, dest.end), verb: ins.keyword }] : [];
}

/** Commands whose operands (after options) are all written to. */
const WRITES_ALL = new Set(['mkdir', 'touch', 'rm', 'rmdir', 'tee', 'truncate', 'shred']);
/** Commands whose first operand is a mode/owner and the rest are written to. */
const WRITES_AFTER_FIRST = new Set(['chown', 'chmod', 'chgrp', 'setfacl', 'chattr']);
/** Commands whose last operand is the destination. */
const WRITES_LAST = new Set(['cp', 'mv', 'ln', 'install', 'rsync']);
/** Options that take the next word as their value. */
const OPTION_ARGS: Record<string, string[]> = {
  mkdir: ['-m', '--mode', '--context'],
  install: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix', '-t', '--target-directory'],
  cp: ['-t', '--target-directory', '-S', '--suffix'],
  mv: ['-t', '--target-directory', '-S', '--suffix'],
  ln: ['-t', '--target-directory', '-S', '--suffix'],
  truncate: ['-s', '--size', '-r', '--reference'],
  tee: [],
  setfacl: ['-m', '-x', '-M', '-X', '--modify', '--remove'],
};

function runWrites(model: DockerfileModel, ins: InstructionInfo, workdir: string | null): Write[] {
  const script = ins.script!;
  const shell = script.shell();
  const mounts = mountTargets(ins);
  // After a `cd`, relative paths no longer resolve against WORKDIR.
  let cwd = workdir;
  const out: Write[] = [];
  const rangeOf = (start: number, end: number): Range => ({
    start: model.lines.positionAt(documentOffset(model.lines, script, start)),
    end: model.lines.positionAt(documentOffset(model.lines, script, end - 1) + 1),
  });
  const add = (value: string, start: number, end: number, verb: string): void => {
    const path = literalPath(value, cwd);
    if (!path || mounts.some((m) => path === m || path.startsWith(m + '/'))) return;
    out.push({ path, range: rangeOf(start, end), verb });
  };
  for (const cmd of shell.commands) {
    for (const r of cmd.redirects) {
      if (!r.target || r.target.hasExpansion || !/>/.test(r.op) || /&\d*-?$/.test(r.op) || r.target.value === '/dev/null' || r.target.value.startsWith('/dev/')) continue;
      add(r.target.value, r.target.start, r.target.end, r.op);
    }
    const i = commandIndex(cmd);
    if (i < 0) continue;
    const name = baseName(cmd.words[i].value);
    if (name === 'cd' || name === 'pushd' || name === 'popd') { cwd = null; continue; }
    for (const w of operandsWritten(cmd, i, name)) add(w.value, w.start, w.end, name);
  }
  return out;
}

function operandsWritten(cmd: SimpleCommand, i: number, name: string): { value: string; start: number; end: number }[] {
  const isAll = WRITES_ALL.has(name), isAfterFirst = WRITES_AFTER_FIRST.has(name), isLast = WRITES_LAST.has(name);
  if (!isAll && !isAfterFirst && !isLast) return [];
  const takesArg = OPTION_ARGS[name] ?? [];
  const operands: typeof cmd.words = [];
  let target: (typeof cmd.words)[number] | null = null;
  let endOfOptions = false;
  for (let j = i + 1; j < cmd.words.length; j++) {
    const w = cmd.words[j];
    if (w.hasExpansion) { if (!endOfOptions && w.value.startsWith('-')) continue; operands.push(w); continue; }
    if (!endOfOptions && w.value === '--') { endOfOptions = true; continue; }
    if (!endOfOptions && w.value.startsWith('-') && w.value.length > 1) {
      if ((w.value === '-t' || w.value === '--target-directory') && j + 1 < cmd.words.length) target = cmd.words[j + 1];
      else if (w.value.startsWith('--target-directory=')) target = { ...w, value: w.value.slice('--target-directory='.length) };
      if (takesArg.includes(w.value)) j++;
      continue;
    }
    operands.push(w);
  }
  const literal = (w: (typeof cmd.words)[number]): boolean => !w.hasExpansion;
  if (isAll) return operands.filter(literal);
  if (isAfterFirst) return operands.slice(1).filter(literal);
  if (target) return literal(target) ? [target] : [];
  if (name === 'ln' && operands.length === 1) return [];
  if (operands.length < 2) return [];
  const last = operands[operands.length - 1];
  return literal(last) ? [last] : [];
}

/** Targets of this RUN's own `--mount`s: writes there go to the mount, not the image. */
function mountTargets(ins: InstructionInfo): string[] {
  const out: string[] = [];
  for (const f of ins.flags) {
    if (f.name !== 'mount' || !f.value) continue;
    for (const part of f.value.split(',')) {
      const m = /^\s*(target|dst|destination)\s*=\s*(\/[^,]*)$/i.exec(part);
      if (m && !m[2].includes('$')) out.push(normalize(m[2]));
    }
  }
  return out;
}

const NOTE = note('data.volume-build').text;
const LECTURE = {
  en: 'The lecture: "all data written to the read-write layer is destroyed when the container is removed" — that is why data lives in volumes, and a volume is mounted over the image\'s files at that path.',
  ru: 'Лекция: «все данные, записанные в read-write слое, уничтожаются при удалении контейнера» — поэтому данные хранят в томах, а том монтируется поверх файлов образа по этому пути.',
};

/**
 * A file only BuildKit builds: BuildKit does not mount volumes while building,
 * so the change is kept in the layer, and at `docker run` a new empty volume is
 * seeded from the image. Only a bind mount or a volume that already has data
 * hides it — the same as for any file the image puts there: a teaching note.
 */
function buildKitFinding(write: Write, vol: Volume, where: Localized, feature: Localized): RawFinding {
  return {
    severity: 'hint',
    range: write.range,
    message: {
      en: `This RUN writes to ${where.en} (\`${write.verb}\`), which VOLUME on line ${vol.line + 1} declared. This file needs BuildKit (${feature.en}), which does not mount volumes during the build: the change is kept in the layer (only the legacy builder would discard it). At \`docker run\`, Docker copies what the image has at that path into a new, empty volume, so a fresh container sees it; a bind mount, or a named volume that already holds data (say, from an earlier version of the image), hides it. ${LECTURE.en}`,
      ru: `Эта RUN пишет в ${where.ru} (\`${write.verb}\`), а этот путь объявлен VOLUME в строке ${vol.line + 1}. Этот файл требует BuildKit (${feature.ru}), а BuildKit не монтирует тома при сборке: изменение сохраняется в слое (отбросил бы его только классический сборщик). При \`docker run\` Docker копирует содержимое образа по этому пути в новый пустой том, и новый контейнер его увидит; bind mount или именованный том, в котором уже есть данные (например, от прошлой версии образа), его закроют. ${LECTURE.ru}`,
    },
    fixes: [],
  };
}

function finding(ins: InstructionInfo, write: Write, vol: Volume, buildKit: Localized | null): RawFinding {
  const where = write.path === vol.path ? `\`${vol.path}\`` : `\`${write.path}\` (under \`${vol.path}\`)`;
  const whereRu = write.path === vol.path ? `\`${vol.path}\`` : `\`${write.path}\` (внутри \`${vol.path}\`)`;
  const isRun = ins.keyword === 'RUN';
  if (isRun && buildKit) return buildKitFinding(write, vol, { en: where, ru: whereRu }, buildKit);
  const message = isRun
    ? {
      en: `This RUN writes to ${where} (\`${write.verb}\`), which VOLUME on line ${vol.line + 1} already declared. The legacy builder runs the step with a fresh volume mounted there and discards the change; BuildKit keeps it in the layer, but at \`docker run\` an existing volume or a bind mount covers the path and hides it. Do this before the VOLUME line. ${NOTE.en} ${LECTURE.en}`,
      ru: `Эта RUN пишет в ${whereRu} (\`${write.verb}\`), а этот путь уже объявлен VOLUME в строке ${vol.line + 1}. Классический сборщик выполняет шаг с новым томом, смонтированным в этом месте, и отбрасывает изменение; BuildKit сохраняет его в слое, но при \`docker run\` существующий том или bind mount закрывает путь и прячет его. Сделайте это до строки с VOLUME. ${NOTE.ru} ${LECTURE.ru}`,
    }
    : {
      en: `This ${ins.keyword} puts files into ${where}, which VOLUME on line ${vol.line + 1} already declared. They stay in the image, but only as the initial content of a new, empty volume: an existing volume or a bind mount at \`docker run\` covers the path and hides them. Keep files that belong to the image outside volume paths, or copy them before the VOLUME line on purpose. ${LECTURE.en}`,
      ru: `Эта ${ins.keyword} кладёт файлы в ${whereRu}, а этот путь уже объявлен VOLUME в строке ${vol.line + 1}. Они останутся в образе, но лишь как начальное содержимое нового пустого тома: существующий том или bind mount при \`docker run\` закроет путь и спрячет их. Храните файлы, которые должны быть частью образа, вне путей томов или осознанно копируйте их до строки с VOLUME. ${LECTURE.ru}`,
    };
  return { severity: isRun ? 'warning' : 'info', range: write.range, message, fixes: [] };
}
