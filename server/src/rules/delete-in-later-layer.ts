import type { Localized, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { ShellWord } from '../shell/tokenize';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { commandsOf, optionValue, operandIndex, type RunCommand } from './support/run-commands';
import { copyOperands, normalizePath, resolvePath, workdirAt } from './support/paths';
import { scriptRange } from './support/script-edits';

/**
 * A path that a layer put into the image. `dir`: the layer filled a directory there.
 * `light`: what it put there is a few small files (scripts, configs), so leaving them in
 * the earlier layer costs next to nothing.
 */
interface Created { path: string; dir: boolean; by: InstructionInfo; how: Localized; light: boolean }

/** Names of what weighs: packages, archives, images, repositories, dependency trees, caches. */
const HEAVY_NAME = /\.(deb|rpm|apk|whl|egg|jar|war|ear|tar|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst|lz4|zip|7z|rar|iso|img|qcow2|bin|run|so|a)$|(^|\/)(\.git|node_modules|vendor|\.cache|cache|build|dist|target)(\/|$)/i;
/** Plain files whose name says they are small: scripts, configs, keys, notes. */
const SMALL_FILE = /\.(sh|bash|py|pl|rb|js|txt|md|conf|cfg|ini|json|ya?ml|toml|xml|properties|env|list|asc|gpg|pem|crt|key|pub|patch|diff|sql|service)$/i;

/**
 * `rm` of files that an earlier layer of the same stage created (COPY/ADD
 * destinations; downloads and extractions of earlier RUNs): the bytes stay in
 * the earlier read-only layer, so the image does not get any smaller. Only
 * exact paths and their parent directories count, never guesses about what a
 * directory holds; only stages that reach the final image.
 */
export const deleteInLaterLayer: Rule = {
  id: 'delete-in-later-layer',
  aliases: [],
  severity: 'warning',
  lecture: 'layers',
  description: {
    en: 'Deleting files in a later RUN does not shrink the image: they stay in the layer that added them.',
    ru: 'Удаление файлов в следующей RUN не уменьшает образ: они остаются в слое, который их добавил.',
  },
  check(model) {
    return findingsPerStage('delete-in-later-layer', model, (stage) => {
      const findings: RawFinding[] = [];
      let created: Created[] = [];
      for (const ins of stage.instructions) {
        if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
          created.push(...copied(model, ins));
          continue;
        }
        if (ins.keyword !== 'RUN') continue;
        const commands = commandsOf(model, ins);
        const cwd = workdirAt(model, ins);
        const removed: string[] = [];
        const cwdAt = cwdBefore(commands, cwd);
        // What this RUN itself wrote before an rm: deleting its own download does shrink its layer.
        const ownWrites: Created[] = [];
        for (const c of commands) {
          const here = cwdAt(c);
          if (c.name === 'rm') {
            for (const { word, path } of operands(c, here)) {
              removed.push(path);
              const hits = created.filter((k) => matches(path, k));
              if (hits.length === 0) continue;
              // Re-created only if this RUN wrote every hit path again itself (not merely something under the same directory).
              const rewritten = hits.every((h) => ownWrites.some((w) => h.path === w.path || h.path.startsWith(`${w.path}/`)));
              findings.push(report(model, c, word, hits[hits.length - 1], rewritten || hits.every((k) => k.light)));
            }
          } else if (c.name === 'mv') {
            for (const { path } of operands(c, here).slice(0, -1)) removed.push(path);
          }
          ownWrites.push(...written(c, here, ins));
        }
        // What this RUN itself removed or moved away is no longer there for later RUNs to delete.
        created = created.filter((k) => !removed.some((r) => matches(r.replace(/\/\*$/, ''), k)));
        for (const c of commands) {
          for (const k of written(c, cwdAt(c), ins)) {
            if (!removed.some((r) => matches(r, k) || matches(r.replace(/\/\*$/, ''), k))) created.push(k);
          }
        }
      }
      return findings;
    }, { only: (stage) => stage.reachesFinalImage });
  },
};

/**
 * A warning when the deleted bytes weigh (packages, archives, clones, copied trees); a hint when they are
 * a few small copied files (a setup script, a config) or the RUN re-created the path before deleting it.
 */
function report(model: DockerfileModel, c: RunCommand, word: ShellWord, hit: Created, light: boolean): RawFinding {
  const line = hit.by.range.start.line + 1;
  const shown = word.value;
  return {
    ...(light ? { severity: 'hint' as const } : {}),
    range: scriptRange(model, c.script, word.start, word.end),
    message: {
      en: `\`rm ${shown}\` deletes what the ${hit.how.en} at line ${line} added in its own layer: the bytes stay in that read-only layer, this layer only hides them, and the image does not get smaller. The lecture: "every \`RUN\`, \`COPY\` or \`ADD\` instruction creates a separate layer, and optimising them directly affects the size of the final image". Delete the files in the same RUN that creates them (download, unpack and clean up in one RUN), or use a multi-stage build.${light ? ' Here that is a few small files (or the RUN re-created them before deleting), so little is lost: only a hint.' : ''}`,
      ru: `\`rm ${shown}\` удаляет то, что ${hit.how.ru} в строке ${line} добавила в своём слое: байты остаются в том read-only слое, этот слой их лишь скрывает, и образ не уменьшается. Лекция: «каждая инструкция \`RUN\`, \`COPY\` или \`ADD\` создает отдельный слой, и их оптимизация напрямую влияет на размер итогового образа». Удаляйте файлы в той же RUN, где они появляются (скачать, распаковать и убрать — одной RUN), или используйте многоэтапную сборку.${light ? ' Здесь это несколько небольших файлов (или RUN сама заново создала их перед удалением), так что потеря невелика: это лишь подсказка.' : ''}`,
    },
    fixes: [],
  };
}

/** Whether removing `target` (a normalised path, or `dir/*`) removes what `k` created. */
function matches(target: string, k: Created): boolean {
  if (target === '/' || target === '/*') return false;
  if (target.endsWith('/*')) {
    const dir = target.slice(0, -2);
    return k.path.startsWith(`${dir}/`) || (k.dir && k.path === dir);
  }
  const glob = target.lastIndexOf('/');
  const base = target.slice(glob + 1);
  if (/[*?[]/.test(base)) {
    const dir = target.slice(0, glob) || '/';
    if (/[*?[]/.test(dir) || /\[/.test(base)) return false;
    const re = new RegExp(`^${base.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
    const kDir = k.path.slice(0, k.path.lastIndexOf('/')) || '/';
    return kDir === dir && re.test(k.path.slice(k.path.lastIndexOf('/') + 1));
  }
  return k.path === target || k.path.startsWith(`${target}/`);
}

/**
 * The working directory of each command: unknown after a `cd` earlier in the
 * RUN. The first `cd` is found once: a heredoc body can have tens of
 * thousands of commands.
 */
function cwdBefore(commands: RunCommand[], cwd: string | null): (c: RunCommand) => string | null {
  const firstCd = commands.find((o) => ['cd', 'pushd', 'popd'].includes(o.name))?.index ?? Infinity;
  return (c) => (c.index > firstCd ? null : cwd);
}

/** The path operands of rm/mv, resolved; `dir/*` is kept as such, other globs only in the last segment. */
function operands(c: RunCommand, cwd: string | null): { word: ShellWord; path: string }[] {
  const out: { word: ShellWord; path: string }[] = [];
  let options = true;
  for (const word of c.cmd.words.slice(c.at + 1)) {
    if (options && word.value === '--') { options = false; continue; }
    if (options && word.value.startsWith('-')) continue;
    if (word.hasExpansion) continue;
    const star = word.value.endsWith('/*') && !word.quoted;
    const raw = star ? word.value.slice(0, -2) : word.value;
    if (!star && /[*?[]/.test(raw) && word.quoted) continue;
    const path = resolvePath(raw, cwd);
    if (path === null || path === '/') continue;
    out.push({ word, path: star ? `${path}/*` : path });
  }
  return out;
}

/** Paths a COPY/ADD puts into the image. */
function copied(model: DockerfileModel, ins: InstructionInfo): Created[] {
  const ops = copyOperands(ins);
  if (!ops) return [];
  const dest = resolvePath(ops.dest, workdirAt(model, ins));
  if (dest === null || dest === '/') return [];
  const how = { en: ins.keyword, ru: ins.keyword };
  const intoDir = ops.dest.endsWith('/') || /(^|\/)\.{1,2}$/.test(ops.dest) || ops.sources.length > 1;
  // Small only when every source is a plain file whose name says so: a folder or `.` may hold anything.
  const light = ops.sources.every((src) => !/[*?[$]/.test(src) && SMALL_FILE.test(src) && !HEAVY_NAME.test(src.slice(src.lastIndexOf('/') + 1)));
  const out: Created[] = [{ path: dest, dir: true, by: ins, how, light }];
  if (intoDir) {
    for (const src of ops.sources) {
      if (/[*?[$]/.test(src) || src.endsWith('/') || src === '.' || /^[a-z][a-z0-9+.-]*:\/\//i.test(src) && !/\/[^/?#]+$/.test(src)) continue;
      const name = src.replace(/[?#].*$/, '').replace(/\/+$/, '');
      const base = name.slice(name.lastIndexOf('/') + 1);
      // A directory source copies its contents, not itself, and ADD unpacks archives:
      // only names that look like plain files land at dest/name.
      if (!/^[^.].*\.[A-Za-z0-9]+$/.test(base)) continue;
      if (ins.keyword === 'ADD' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(src) && /\.(tar|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst)$/i.test(base)) continue;
      out.push({ path: normalizePath(`${dest}/${base}`), dir: false, by: ins, how, light: !HEAVY_NAME.test(base) && SMALL_FILE.test(base) });
    }
  }
  return out;
}

/** Paths a RUN's command downloads, writes or unpacks to. */
function written(c: RunCommand, cwd: string | null, ins: InstructionInfo): Created[] {
  const words = c.cmd.words;
  const paths: { value: string; dir: boolean; how: Localized }[] = [];
  const add = (w: ShellWord | null | undefined, dir: boolean, how: Localized) => { if (w && !w.hasExpansion && w.value !== '-') paths.push({ value: w.value, dir, how }); };
  switch (c.name) {
    case 'curl':
      add(optionValue(c.cmd, c.at + 1, ['--output'], 'o'), false, { en: 'RUN (curl download)', ru: 'RUN (скачивание curl)' });
      for (const r of c.cmd.redirects) if ((r.op === '>' || r.op === '>>') && r.target) add(r.target, false, { en: 'RUN (curl download)', ru: 'RUN (скачивание curl)' });
      break;
    case 'wget':
      add(optionValue(c.cmd, c.at + 1, ['--output-document'], 'O'), false, { en: 'RUN (wget download)', ru: 'RUN (скачивание wget)' });
      for (const r of c.cmd.redirects) if ((r.op === '>' || r.op === '>>') && r.target) add(r.target, false, { en: 'RUN (wget download)', ru: 'RUN (скачивание wget)' });
      break;
    case 'tar': {
      const first = words[c.at + 1]?.value ?? '';
      const extract = /^[A-Za-z]*x[A-Za-z]*$/.test(first) || words.slice(c.at + 1).some((w) => /^-[A-Za-z]*x/.test(w.value) || w.value === '--extract' || w.value === '--get');
      if (extract) add(optionValue(c.cmd, c.at + 1, ['--directory'], 'C'), true, { en: 'RUN (tar extraction)', ru: 'RUN (распаковка tar)' });
      break;
    }
    case 'unzip':
      add(optionValue(c.cmd, c.at + 1, [], 'd'), true, { en: 'RUN (unzip extraction)', ru: 'RUN (распаковка unzip)' });
      break;
    case 'git': {
      const sub = operandIndex(c.cmd, c.at + 1, ['-C', '-c']);
      if (sub < 0 || words[sub].value !== 'clone') break;
      const args = ['-b', '--branch', '--depth', '-c', '--config', '-o', '--origin', '--reference', '--separate-git-dir', '-j', '--jobs', '--filter', '--template', '-u', '--upload-pack', '--shallow-since', '--shallow-exclude'];
      const repo = operandIndex(c.cmd, sub + 1, args);
      const dir = repo < 0 ? -1 : operandIndex(c.cmd, repo + 1, args);
      if (dir >= 0) add(words[dir], true, { en: 'RUN (git clone)', ru: 'RUN (git clone)' });
      break;
    }
  }
  const out: Created[] = [];
  for (const p of paths) {
    const path = /[*?[]/.test(p.value) ? null : resolvePath(p.value, cwd);
    // Downloads, extractions and clones: packages, archives, source trees.
    if (path !== null && path !== '/') out.push({ path: normalizePath(path), dir: p.dir, by: ins, how: p.how, light: false });
  }
  return out;
}
