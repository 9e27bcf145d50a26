import type { Fix, Localized, Position } from '../../core/types';
import { ancestry, parentStage } from '../../model/lineage';
import { effectiveUser } from './effective-user';
import type { DockerfileModel, InstructionInfo, Stage } from '../../model/types';
import { commandsOf } from './run-commands';
import { volumeArguments } from './args';
import { keywordCase } from './keyword-case';
import { builtinUser, familyOf, rootImage, type Family } from './known-images';

/**
 * The fix that makes a stage run as an unprivileged user without breaking
 * it: reuse a user that already exists (one the file creates or switched to
 * before, the base image's own `node`/`$APP_UID`/`nonroot`), else create one
 * with the tools the distribution has, and give it the VOLUME paths it will
 * write to. Null when that cannot be done safely from the text alone.
 */
export function unprivilegedUserFix(model: DockerfileModel, stage: Stage, options: { onlyExistingUser?: boolean } = {}): Fix | null {
  const plan = planUser(model, stage);
  if (!plan || (options.onlyExistingUser && !plan.existing)) return null;
  const volumes = volumesOf(model, stage);
  if (volumes === null) return null;
  const run = keywordCase(model, 'RUN');
  const eol = model.eol;
  const userAt = userInsertion(model, stage);
  const edits = [];
  let prepare = plan.create ? [plan.create] : [];
  if (volumes.paths.length) {
    // Before the first VOLUME (changes after it may be discarded), as root, and before the new USER.
    if (!plan.hasShell || !volumes.first || volumes.first.index > userAt.after || !rootAt(model, stage, volumes.first)) return null;
    prepare = [...prepare, `mkdir -p ${volumes.paths.join(' ')}`, `chown ${plan.owner} ${volumes.paths.join(' ')}`];
    const at = volumes.first.range.start;
    edits.push({ range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } }, newText: `${run} ${prepare.join(' && ')}${eol}` });
    prepare = [];
  }
  const lines = [...(prepare.length ? [`${run} ${prepare.join(' && ')}`] : []), `${keywordCase(model, 'USER')} ${plan.user}`];
  const text = userAt.atEnd ? eol + lines.join(eol) : lines.join(eol) + eol;
  edits.push({ range: { start: userAt.position, end: userAt.position }, newText: text });
  return { title: plan.title(volumes.paths), edits, safe: false };
}

interface UserPlan {
  user: string;
  /** Shell command creating the user, when it does not exist yet. */
  create: string | null;
  /** `chown` argument for the paths the user must own. */
  owner: string;
  hasShell: boolean;
  /** The file itself creates or uses the user: no guess about the base image. */
  existing?: boolean;
  title(volumes: string[]): Localized;
}

const USERADD_VALUE_OPTIONS = ['-b', '-c', '-d', '-e', '-f', '-g', '-G', '-k', '-K', '-p', '-s', '-u', '-R', '-P', '-Z', '-h',
  '--base-dir', '--comment', '--home-dir', '--home', '--expiredate', '--inactive', '--gid', '--groups', '--skel', '--key', '--password',
  '--shell', '--uid', '--root', '--prefix', '--selinux-user', '--ingroup', '--gecos', '--firstuid', '--lastuid', '--firstgid', '--lastgid', '--conf'];

/** Users the stage's chain creates with useradd/adduser, in order. */
export function createdUsers(model: DockerfileModel, stage: Stage): string[] {
  const names: string[] = [];
  for (const s of ancestry(model, stage).reverse()) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const c of commandsOf(model, ins)) {
        if (c.name !== 'useradd' && c.name !== 'adduser') continue;
        const name = userOperand(c.cmd.words.slice(c.at + 1).map((w) => w.value));
        if (name) names.push(name);
      }
    }
  }
  return names;
}

const SHORT_VALUE_LETTERS = 'bcdefgGkKpsuRPZh';

/** The user name among useradd/adduser arguments: the first operand, skipping option values (`-ms /bin/bash`, `-u 1000`, `--uid=1000`). */
function userOperand(args: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (v === '--') return args[i + 1] ?? null;
    if (v.startsWith('--')) {
      if (!v.includes('=') && USERADD_VALUE_OPTIONS.includes(v)) i++;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      // In a cluster the first letter taking a value takes the rest of the word, or the next word.
      const at = [...v.slice(1)].findIndex((ch) => SHORT_VALUE_LETTERS.includes(ch));
      if (at >= 0 && at === v.length - 2) i++;
      continue;
    }
    return v;
  }
  return null;
}

/** Non-root users an earlier USER of the chain switched to (the file's own app user). */
function earlierUsers(model: DockerfileModel, stage: Stage): string[] {
  return ancestry(model, stage).flatMap((s) => s.instructions).filter((i) => i.keyword === 'USER')
    .map((i) => i.args.trim()).filter((v) => v !== '' && !/^(root|0)(:.*)?$/i.test(v));
}

function planUser(model: DockerfileModel, stage: Stage): UserPlan | null {
  const image = rootImage(model, stage);
  const family = (image && familyOf(image)) ?? familyFromCommands(model, stage);
  const hasShell = family !== 'none';
  const reuse = (user: string): UserPlan => ({
    user, create: null, owner: user, hasShell,
    title: (v) => withVolumes(v, { en: `Switch to the existing unprivileged user "${user}" before CMD/ENTRYPOINT`, ru: `Переключиться на уже существующего непривилегированного пользователя «${user}» перед CMD/ENTRYPOINT` }),
  });
  const own = [...earlierUsers(model, stage), ...createdUsers(model, stage)].filter((u) => !u.includes('$'));
  if (own.length) return { ...reuse(own[own.length - 1].split(':')[0]), existing: true };
  const builtin = image ? builtinUser(image) : null;
  if (builtin) return builtin === 'node' ? { ...reuse(builtin), owner: 'node:node' } : reuse(builtin);
  // With a home directory: programs that write caches or settings to ~ (model stores, package managers) keep working.
  if (family === 'alpine' || family === 'busybox') return created('addgroup -S app && adduser -S -D -G app app', 'addgroup/adduser', hasShell);
  if (family === 'debian' || family === 'rhel') return created('groupadd --system app && useradd --system --gid app --create-home app', 'groupadd/useradd', hasShell);
  return {
    user: '65532:65532', create: null, owner: '65532:65532', hasShell,
    title: (v) => withVolumes(v, { en: 'Run as the numeric unprivileged user 65532:65532 (no account is created)', ru: 'Запускать от числового непривилегированного пользователя 65532:65532 (учётная запись не создаётся)' }),
  };
}

function created(command: string, tools: string, hasShell: boolean): UserPlan {
  return {
    user: 'app', create: command, owner: 'app:app', hasShell,
    title: (v) => withVolumes(v, { en: `Create an unprivileged user "app" (${tools}) and switch to it before CMD/ENTRYPOINT`, ru: `Создать непривилегированного пользователя «app» (${tools}) и переключиться на него перед CMD/ENTRYPOINT` }),
  };
}

function withVolumes(volumes: string[], title: Localized): Localized {
  if (!volumes.length) return title;
  const list = volumes.join(', ');
  return { en: `${title.en}, giving it ${list}`, ru: `${title.ru}, передав ему ${list}` };
}

/** The family by the package managers the chain runs, when the base image's name does not say. */
function familyFromCommands(model: DockerfileModel, stage: Stage): Family | null {
  for (const s of ancestry(model, stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const c of commandsOf(model, ins)) {
        if (c.name === 'apk') return 'alpine';
        if (['apt-get', 'apt', 'dpkg'].includes(c.name)) return 'debian';
        if (['dnf', 'yum', 'microdnf', 'rpm', 'tdnf'].includes(c.name)) return 'rhel';
      }
    }
  }
  return null;
}

/** Literal VOLUME paths of the chain; null when one hides behind a variable or sits in an earlier stage (no safe place to chown it). */
function volumesOf(model: DockerfileModel, stage: Stage): { paths: string[]; first: InstructionInfo | null } | null {
  const paths: string[] = [];
  let first: InstructionInfo | null = null;
  for (const s of ancestry(model, stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'VOLUME') continue;
      const args = volumeArguments(model, ins);
      if (s !== stage || args.some((p) => p.includes('$') || !p.startsWith('/'))) return null;
      first ??= ins;
      for (const p of args) if (!paths.includes(p)) paths.push(p);
    }
  }
  return { paths, first };
}

/** Whether the stage still runs as root at `ins` (the fix only runs when the stage's chain ends as root). */
function rootAt(model: DockerfileModel, stage: Stage, ins: InstructionInfo): boolean {
  const users = stage.instructions.filter((i) => i.keyword === 'USER' && i.index < ins.index);
  const last = users[users.length - 1];
  if (last) return /^(root|0)(:.*)?$/i.test(last.args.trim());
  const parent = parentStage(model, stage);
  const inherited = parent ? effectiveUser(model, parent).kind : 'base';
  return inherited === 'root' || inherited === 'base';
}

/** Before the first CMD/ENTRYPOINT after the last USER; else after the stage's last instruction. */
function userInsertion(model: DockerfileModel, stage: Stage): { position: Position; atEnd: boolean; after: number } {
  const users = stage.instructions.filter((i) => i.keyword === 'USER');
  const after = users.length ? users[users.length - 1].index : stage.from.index;
  const target = stage.instructions.find((i) => i.index > after && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
  if (target) {
    // Keep a comment that introduces CMD/ENTRYPOINT attached to it.
    const comments = new Set(model.comments.map((c) => c.line));
    let line = target.range.start.line;
    while (comments.has(line - 1)) line--;
    return { position: { line, character: 0 }, atEnd: false, after: target.index };
  }
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  return { position: last.range.end, atEnd: true, after: Number.MAX_SAFE_INTEGER };
}
