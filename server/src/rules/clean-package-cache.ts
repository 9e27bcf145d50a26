import { descendsFrom, lastInherited } from '../model/lineage';
import type { Fix, Localized, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import type { Rule } from './rule';
import { APT_ARG_OPTIONS, commandsOf, findCommands, hasOption, mountTargets, runsOf, runsViaSudo, subcommandOf, type RunCommand } from './support/run-commands';
import { appendCommand, commandRange, insertAfterWord } from './support/script-edits';
import { normalizePath } from './support/paths';
import { pipCacheDisabledByEnv, pipNoCacheValue } from './support/pip-no-cache-env';
import { pipInstall, runsPip } from './support/pip';

const APT = ['apt-get', 'apt'];
const APT_INSTALL = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall'];
const YUM = ['yum', 'dnf', 'microdnf', 'tdnf'];
const YUM_INSTALL = ['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade'];

const LECTURE: Localized = {
  en: 'The lecture: "every `RUN`, `COPY` or `ADD` instruction creates a separate layer, and optimising them directly affects the size of the final image".',
  ru: 'Лекция: «каждая инструкция `RUN`, `COPY` или `ADD` создает отдельный слой, и их оптимизация напрямую влияет на размер итогового образа».',
};

/**
 * A package manager's cache left in the layer of the RUN that filled it.
 * Removing it in a later RUN would not help (the bytes stay in this layer), so
 * the clean-up must happen in the same RUN — or the cache must be a
 * `--mount=type=cache`. Stages that do not reach the final image are skipped.
 */
export const cleanPackageCache: Rule = {
  id: 'clean-package-cache',
  aliases: ['DL3009', 'DL3019', 'DL3042', 'DL3032', 'DL3040', 'DL3060'],
  severity: 'warning',
  lecture: 'layers',
  description: {
    en: 'A package manager leaves its cache (apt lists, apk index, pip/yum/yarn caches) in the layer: clean it in the same RUN.',
    ru: 'Менеджер пакетов оставляет в слое свой кеш (списки apt, индекс apk, кеш pip/yum/yarn): очищайте его в той же RUN.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      if (!stage.reachesFinalImage) continue;
      for (const run of runsOf(stage)) {
        const commands = commandsOf(model, run);
        if (commands.length === 0) continue;
        const mounts = mountTargets(run).map((t) => t.replace(/\/+$/, ''));
        const ctx: Ctx = { model, stage, run, commands, mounts };
        findings.push(...apt(ctx), ...apk(ctx), ...pip(ctx), ...yum(ctx), ...yarn(ctx));
      }
    }
    return findings;
  },
};

interface Ctx {
  model: DockerfileModel;
  stage: Stage;
  run: InstructionInfo;
  commands: RunCommand[];
  mounts: string[];
}

function finding(ctx: Ctx, c: RunCommand, last: number, message: Localized, fixes: Fix[]): RawFinding {
  return { range: commandRange(ctx.model, c, last), message: { en: `${message.en} ${LECTURE.en}`, ru: `${message.ru} ${LECTURE.ru}` }, fixes };
}

/**
 * Whether a mount covers `dir` (the mount is the directory or one of its
 * parents): nothing written there stays in the layer. A mount below it (on
 * `/var/lib/apt/lists/partial`) leaves the rest of the directory in the layer.
 */
function mounted(ctx: Ctx, dirs: string[]): boolean {
  return ctx.mounts.some((m) => dirs.some((d) => d === m || d.startsWith(`${m}/`)));
}

/** Operands of `rm` commands (and paths given to `find … -delete`) in the RUN, as written, with where the command starts. */
function removedPaths(ctx: Ctx): { path: string; at: number }[] {
  const out: { path: string; at: number }[] = [];
  for (const c of ctx.commands) {
    if (c.name === 'rm' || (c.name === 'find' && c.cmd.words.some((w) => w.value === '-delete'))) {
      for (const w of c.cmd.words.slice(c.at + 1)) if (!w.value.startsWith('-')) out.push({ path: w.value, at: startOf(c) });
    }
  }
  return out;
}

/** Where a command starts in the RUN's text: commands nested in `$(…)` or `if` are listed out of order. */
function startOf(c: RunCommand): number {
  return c.cmd.words[c.at].start;
}

/** Whether a removal path (an `rm` operand) removes one of `dirs` or what is in it. */
function removesDir(path: string, dirs: string[]): boolean {
  const p = path.startsWith('/') ? normalizePath(path.replace(/\/\*$/, '')) : path;
  return dirs.some((d) => p === d || p.startsWith(`${d}/`) || p.startsWith(`${d}*`));
}

function removes(ctx: Ctx, dirs: string[]): boolean {
  return removedPaths(ctx).some((r) => removesDir(r.path, dirs));
}

const APT_LISTS = ['/var/lib/apt/lists', '/var/lib/apt'];

function apt(ctx: Ctx): RawFinding[] {
  const subOf = (c: RunCommand) => subcommandOf(c, APT_ARG_OPTIONS)?.value ?? '';
  const installs = ctx.commands.filter((c) => APT.includes(c.name) && APT_INSTALL.includes(subOf(c)));
  const updates = ctx.commands.filter((c) => APT.includes(c.name) && subOf(c) === 'update');
  if (updates.length === 0) return [];
  // A mount on /var/cache/apt alone keeps the .deb files out, not the lists.
  if (mounted(ctx, APT_LISTS)) return [];
  // Order matters: lists removed before the last `apt-get update` are downloaded again and stay in the layer.
  const cleanups = [
    ...removedPaths(ctx).filter((r) => removesDir(r.path, APT_LISTS)).map((r) => r.at),
    ...ctx.commands.filter((c) => APT.includes(c.name) && subOf(c) === 'dist-clean').map(startOf),
  ];
  const lastUpdate = updates.reduce((a, b) => (startOf(b) > startOf(a) ? b : a));
  if (cleanups.some((at) => at > startOf(lastUpdate))) return [];
  const update = `${updates[0].name} update`;
  const clean = `${runsViaSudo(lastUpdate) ? 'sudo ' : ''}rm -rf /var/lib/apt/lists/*`;
  if (cleanups.length > 0) {
    const sub = subcommandOf(lastUpdate, APT_ARG_OPTIONS)!;
    return [finding(ctx, lastUpdate, sub.index, {
      en: `This \`${lastUpdate.name} update\` runs after the package lists were removed earlier in this RUN and downloads them again (/var/lib/apt/lists, tens of MB): they stay in this layer. Remove them again at the end of the RUN.`,
      ru: `Этот \`${lastUpdate.name} update\` выполняется после того, как списки пакетов уже удалены раньше в этой RUN, и скачивает их заново (/var/lib/apt/lists, десятки МБ): они остаются в этом слое. Удалите их ещё раз в конце RUN.`,
    }, aptCleanFix(ctx, clean))];
  }
  // Without an install the update is apt-update-alone's business.
  if (installs.length === 0) return [];
  const c = installs.find((i) => subOf(i) === 'install') ?? installs[0];
  const sub = subcommandOf(c, APT_ARG_OPTIONS)!;
  const onbuild = onbuildListsCleanup(ctx);
  if (onbuild !== null) {
    // A factory image keeps the lists for the installs its ONBUILD triggers run, and removes them there.
    return [{ ...finding(ctx, c, sub.index, {
      en: `\`${c.name} ${sub.value}\` after \`${update}\` leaves the package lists in this layer on purpose, it seems: the ONBUILD trigger on line ${onbuild} removes them in the images built FROM this one, after their own installs. That removal does not shrink this layer, which every such image carries; removing the lists here would make installs without their own \`apt-get update\` fail.`,
      ru: `\`${c.name} ${sub.value}\` после \`${update}\`, по-видимому, намеренно оставляет списки пакетов в этом слое: ONBUILD-триггер в строке ${onbuild} удаляет их в образах, собранных FROM этого, после их собственных установок. Это удаление не уменьшает этот слой, который несёт каждый такой образ; удаление списков здесь сломало бы установки без собственного \`apt-get update\`.`,
    }, []), severity: 'hint' }];
  }
  const later = laterAptUseWithoutUpdate(ctx);
  const needs: Localized = later === null ? { en: '', ru: '' } : {
    en: ` The RUN at line ${later} reads the lists without its own \`apt-get update\`: give it one first, or removing the lists here makes it fail.`,
    ru: ` RUN в строке ${later} читает списки без собственного \`apt-get update\`: сначала добавьте его туда, иначе после удаления списков здесь она упадёт.`,
  };
  return [finding(ctx, c, sub.index, {
    en: `\`${c.name} ${sub.value}\` after \`${update}\` leaves the package lists (/var/lib/apt/lists, tens of MB) in this layer. Remove them in the same RUN with \`rm -rf /var/lib/apt/lists/*\`; deleting them in a later RUN would not make the image smaller.${needs.en}`,
    ru: `\`${c.name} ${sub.value}\` после \`${update}\` оставляет в этом слое списки пакетов (/var/lib/apt/lists, десятки МБ). Удалите их в той же RUN командой \`rm -rf /var/lib/apt/lists/*\`; удаление в следующей RUN образ не уменьшит.${needs.ru}`,
  }, aptCleanFix(ctx, `${runsViaSudo(c) ? 'sudo ' : ''}rm -rf /var/lib/apt/lists/*`))];
}

/**
 * Appending the removal of the lists; none when a later step reads them
 * without its own update (it would then fail: the fix would break the build).
 * The finding's message says what that step needs instead.
 */
function aptCleanFix(ctx: Ctx, clean: string): Fix[] {
  if (laterAptUseWithoutUpdate(ctx) !== null) return [];
  const edit = appendCommand(ctx.model, ctx.run, clean);
  return edit ? [{ title: { en: `Append \`&& ${clean}\` to this RUN`, ru: `Дописать \`&& ${clean}\` в эту RUN` }, edits: [edit], safe: true }] : [];
}

/** Line of an ONBUILD trigger (in this stage after the RUN, or a stage built on it) that removes the apt lists. */
function onbuildListsCleanup(ctx: Ctx): number | null {
  for (const stage of ctx.model.stages) {
    if (!descendsFrom(ctx.model, stage, ctx.stage)) continue;
    for (const i of stage.instructions) {
      if (i.index <= ctx.run.index || i.keyword !== 'ONBUILD') continue;
      if (/\brm\s+(-[a-zA-Z]+\s+)*[^;&|]*\/var\/lib\/apt\/lists/.test(i.args) || /apt(-get)?\s+dist-clean/.test(i.args)) return i.range.start.line + 1;
    }
  }
  return null;
}

const APT_TOOLS = ['apt-get', 'apt', 'apt-cache', 'aptitude'];
/** One of those as a word of its own (`apt.conf` or `adapt` do not count). */
const APT_WORD = /(^|[\s"'\[;&|(])(apt|apt-get|apt-cache|aptitude)(?=[\s"',;&|)]|$)/;
/** apt subcommands that do not read the package lists. */
const LISTS_UNUSED = ['update', 'clean', 'autoclean', 'autoremove', 'remove', 'purge', 'dist-clean'];

/**
 * Line of a later instruction (this stage or one built FROM it) that reads the
 * package lists without updating first: an install, but also `apt-get
 * download`, `apt-cache policy`, or an ONBUILD trigger that runs apt.
 */
function laterAptUseWithoutUpdate(ctx: Ctx): number | null {
  const { model, run } = ctx;
  for (const stage of model.stages) {
    if (!descendsFrom(model, stage, ctx.stage)) continue;
    for (const r of stage.instructions) {
      if (r.index <= run.index) continue;
      // Text we do not read as commands (an ONBUILD trigger, exec form, another program's heredoc): assume the worst only if it names apt.
      if (r.keyword === 'ONBUILD' || (r.keyword === 'RUN' && r.script === null)) {
        if (APT_WORD.test(r.args)) return r.range.start.line + 1;
        continue;
      }
      if (r.keyword !== 'RUN') continue;
      const reads = commandsOf(model, r).some((c) => APT_TOOLS.includes(c.name) && !LISTS_UNUSED.includes(subcommandOf(c, APT_ARG_OPTIONS)?.value ?? ''));
      if (reads && findCommands(model, r, APT, ['update'], APT_ARG_OPTIONS).length === 0) return r.range.start.line + 1;
    }
  }
  return null;
}

const APK_ARG_OPTIONS = ['-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file'];

function apk(ctx: Ctx): RawFinding[] {
  if (mounted(ctx, ['/var/cache/apk', '/etc/apk/cache'])) return [];
  if (removes(ctx, ['/var/cache/apk', '/etc/apk/cache'])) return [];
  if (ctx.commands.some((c) => c.name === 'apk' && subcommandOf(c)?.value === 'cache')) return [];
  const adds: { c: RunCommand; sub: number }[] = [];
  const updates: { c: RunCommand; sub: number }[] = [];
  for (const c of ctx.commands) {
    if (c.name !== 'apk') continue;
    const sub = subcommandOf(c, APK_ARG_OPTIONS);
    if (sub?.value === 'update' && !hasOption(c.cmd, c.at + 1, ['--no-cache'])) updates.push({ c, sub: sub.index });
    if (sub?.value !== 'add' || hasOption(c.cmd, c.at + 1, ['--no-cache', '--no-network'])) continue;
    adds.push({ c, sub: sub.index });
  }
  // `apk update` writes the index to /var/cache/apk; `apk add --no-cache` does not read it, so the index only adds bytes.
  const clean = 'rm -rf /var/cache/apk/*';
  const cleanEdit = updates.length > 0 ? appendCommand(ctx.model, ctx.run, clean) : null;
  if (adds.length === 0) {
    if (updates.length === 0) return [];
    const { c, sub } = updates[0];
    return [finding(ctx, c, sub, {
      en: '`apk update` downloads the package index into /var/cache/apk, and it stays in this layer; `apk add --no-cache` does not even use it. Drop `apk update`, or remove the index at the end of the RUN.',
      ru: '`apk update` скачивает индекс пакетов в /var/cache/apk, и он остаётся в этом слое; `apk add --no-cache` его даже не использует. Уберите `apk update` или удалите индекс в конце RUN.',
    }, cleanEdit ? [{ title: { en: `Append \`&& ${clean}\` to this RUN`, ru: `Дописать \`&& ${clean}\` в эту RUN` }, edits: [cleanEdit], safe: true }] : [])];
  }
  const { c, sub } = adds[0];
  const flagEdits = adds.map((a) => insertAfterWord(ctx.model, ctx.run.script!, a.c.cmd.words[a.sub], ' --no-cache'));
  const what: Localized = adds.length === 1
    ? { en: 'Add `--no-cache` to `apk add`', ru: 'Добавить `--no-cache` к `apk add`' }
    : { en: `Add \`--no-cache\` to the ${adds.length} \`apk add\` commands of this RUN`, ru: `Добавить \`--no-cache\` ко всем \`apk add\` этой RUN (${adds.length})` };
  // With an `apk update` in the RUN, `--no-cache` alone would leave the index it downloaded: the fix removes that too, or is not offered.
  const fixes: Fix[] = updates.length === 0
    ? [{ title: what, edits: flagEdits, safe: true }]
    : cleanEdit
      ? [{ title: { en: `${what.en} and append \`&& ${clean}\` (the index \`apk update\` downloaded)`, ru: `${what.ru} и дописать \`&& ${clean}\` (индекс, скачанный \`apk update\`)` }, edits: [...flagEdits, cleanEdit], safe: true }]
      : [];
  return [finding(ctx, c, sub, {
    en: `\`apk add\` without \`--no-cache\` keeps the package index (/var/cache/apk) in this layer. Use \`apk add --no-cache\`${updates.length > 0 ? ' and drop `apk update` (or remove /var/cache/apk/* at the end of the RUN)' : ''}.`,
    ru: `\`apk add\` без \`--no-cache\` оставляет в этом слое индекс пакетов (/var/cache/apk). Используйте \`apk add --no-cache\`${updates.length > 0 ? ' и уберите `apk update` (или удалите /var/cache/apk/* в конце RUN)' : ''}.`,
  }, fixes)];
}

/** A shell assignment `PIP_NO_CACHE_DIR=value` that turns pip's cache off (see pip-no-cache-env). */
function disablesPipCache(assignment: string): boolean {
  return assignment.startsWith('PIP_NO_CACHE_DIR=') && pipNoCacheValue(assignment.slice('PIP_NO_CACHE_DIR='.length));
}

function pip(ctx: Ctx): RawFinding[] {
  const { model, run } = ctx;
  if (ctx.mounts.some((m) => /pip/.test(m) || m === '/root/.cache' || /\/\.cache$/.test(m))) return [];
  if (removedPaths(ctx).some(({ path: p }) => /(^|\/)\.cache(\/pip)?\/?\*?$/.test(p))) return [];
  if (ctx.commands.some((c) => pipInstall(c) < 0 && runsPip(c) && c.cmd.words.some((w) => w.value === 'cache') && c.cmd.words.some((w) => w.value === 'purge'))) return [];
  if (pipCacheDisabledByEnv(model, run)) return [];
  const installs: { c: RunCommand; at: number }[] = [];
  for (const c of ctx.commands) {
    const at = pipInstall(c);
    if (at < 0) continue;
    // pip accepts unambiguous prefixes of long options (`--no-cache` is `--no-cache-dir`), before or after `install`.
    if (c.cmd.words.slice(c.at + 1).some((w) => w.value.startsWith('--no-cache') || w.value.startsWith('--cache-dir'))) continue;
    if (c.cmd.assignments.some((a) => disablesPipCache(a.value))) continue;
    if (ctx.commands.some((o) => o.index < c.index && o.name === 'export' && o.cmd.words.some((w) => disablesPipCache(w.value)))) continue;
    installs.push({ c, at });
  }
  if (installs.length === 0) return [];
  const { c, at } = installs[0];
  const shown = c.cmd.words.slice(c.at, at + 1).map((w) => w.value).join(' ');
  return [finding(ctx, c, at, {
    en: `\`${shown}\` without \`--no-cache-dir\` keeps the downloaded packages (~/.cache/pip) in this layer. Add \`--no-cache-dir\` (or set \`ENV PIP_NO_CACHE_DIR=1\`).`,
    ru: `\`${shown}\` без \`--no-cache-dir\` оставляет в этом слое скачанные пакеты (~/.cache/pip). Добавьте \`--no-cache-dir\` (или задайте \`ENV PIP_NO_CACHE_DIR=1\`).`,
  }, [{
    title: installs.length === 1
      ? { en: 'Add `--no-cache-dir` to `pip install`', ru: 'Добавить `--no-cache-dir` к `pip install`' }
      : { en: `Add \`--no-cache-dir\` to the ${installs.length} \`pip install\` commands of this RUN`, ru: `Добавить \`--no-cache-dir\` ко всем \`pip install\` этой RUN (${installs.length})` },
    edits: installs.map((i) => insertAfterWord(model, run.script!, i.c.cmd.words[i.at], ' --no-cache-dir')),
    safe: true,
  }])];
}

function yum(ctx: Ctx): RawFinding[] {
  const installs = ctx.commands.filter((c) => YUM.includes(c.name) && YUM_INSTALL.includes(subcommandOf(c, ['-c', '--config', '--installroot', '--setopt', '--releasever'])?.value ?? ''));
  if (installs.length === 0) return [];
  if (mounted(ctx, ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'])) return [];
  if (removes(ctx, ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'])) return [];
  if (ctx.commands.some((c) => YUM.includes(c.name) && subcommandOf(c)?.value === 'clean' && c.cmd.words.some((w) => w.value === 'all'))) return [];
  const c = installs[0];
  const sub = subcommandOf(c, ['-c', '--config', '--installroot', '--setopt', '--releasever'])!;
  const clean = `${runsViaSudo(c) ? 'sudo ' : ''}${c.name} clean all`;
  const edit = appendCommand(ctx.model, ctx.run, clean);
  return [finding(ctx, c, sub.index, {
    en: `\`${c.name} ${sub.value}\` leaves the package metadata cache (/var/cache/${c.name === 'yum' ? 'yum' : 'dnf'}) in this layer. Run \`${c.name} clean all\` at the end of the same RUN.`,
    ru: `\`${c.name} ${sub.value}\` оставляет в этом слое кеш метаданных пакетов (/var/cache/${c.name === 'yum' ? 'yum' : 'dnf'}). Выполните \`${c.name} clean all\` в конце той же RUN.`,
  }, edit ? [{
    title: { en: `Append \`&& ${clean}\` to this RUN`, ru: `Дописать \`&& ${clean}\` в эту RUN` },
    edits: [edit],
    safe: true,
  }] : [])];
}

function yarn(ctx: Ctx): RawFinding[] {
  const { model, run } = ctx;
  const installs = ctx.commands.filter((c) => {
    if (c.name !== 'yarn') return false;
    const sub = subcommandOf(c, ['--cwd', '--modules-folder', '--network-timeout', '--mutex']);
    return (sub === null || sub.value === 'install') && !hasOption(c.cmd, c.at + 1, ['--immutable', '--cache-folder', '--help', '--version']);
  });
  if (installs.length === 0) return [];
  if (ctx.mounts.some((m) => /yarn/.test(m))) return [];
  if (ctx.commands.some((c) => c.name === 'yarn' && subcommandOf(c)?.value === 'cache' && c.cmd.words.some((w) => w.value === 'clean'))) return [];
  if (removedPaths(ctx).some(({ path: p }) => /yarn/i.test(p))) return [];
  if (usesYarnBerry(model, run)) return [];
  const c = installs[0];
  const sub = subcommandOf(c, ['--cwd', '--modules-folder', '--network-timeout', '--mutex']);
  const edit = appendCommand(model, run, 'yarn cache clean');
  return [finding(ctx, c, sub?.index ?? c.at, {
    en: '`yarn install` keeps every downloaded package in the Yarn cache in this layer. Run `yarn cache clean` at the end of the same RUN.',
    ru: '`yarn install` оставляет в этом слое кеш Yarn со всеми скачанными пакетами. Выполните `yarn cache clean` в конце той же RUN.',
  }, edit ? [{
    title: { en: 'Append `&& yarn cache clean` to this RUN (Yarn 1; with Yarn 2+ Plug\'n\'Play the cache is the install)', ru: 'Дописать `&& yarn cache clean` в эту RUN (Yarn 1; в Yarn 2+ с Plug\'n\'Play кеш и есть установка)' },
    edits: [edit],
    safe: false,
  }] : [])];
}

/** Yarn 2+ keeps packages in its cache by design (Plug'n'Play); signs of it in the stage. */
function usesYarnBerry(model: DockerfileModel, run: InstructionInfo): boolean {
  return lastInherited(model, run, 'yarn-berry', (i) => /corepack|\.yarnrc\.yml|yarn set version|\.yarn\/releases/.test(model.lines.slice(i.range)), true) !== null;
}
