import { parentStage, rootStage } from '../model/lineage';
import type { Fix, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import type { Rule } from './rule';
import { firstLineRange } from './support/ranges';
import { keywordCase } from './support/keyword-case';
import { isWindowsStage } from './support/commands';

/**
 * The final image runs as root: an explicit `USER root`/`0` last, or no USER
 * at all (in the final stage or the stages it is built FROM). Hadolint only
 * catches the first case; the second is the common one.
 */
export const nonRootUser: Rule = {
  id: 'non-root-user',
  aliases: ['DL3002'],
  severity: 'warning',
  lecture: 'best-practices',
  description: {
    en: 'The final image runs as root: add an unprivileged USER.',
    ru: 'Итоговый образ работает от root: добавьте непривилегированного пользователя (USER).',
  },
  check(model) {
    const final = model.stages[model.stages.length - 1];
    // Windows has no root and no UID 0 (Nano Server already runs as ContainerUser), and a numeric USER would not start.
    if (!final || isWindowsStage(model, final)) return [];
    const user = effectiveUser(model, final);
    if (user.kind === 'non-root' || user.kind === 'unknown') return [];
    const finding: RawFinding = user.kind === 'explicit-root'
      ? {
        range: user.instruction.range,
        message: {
          en: 'The final stage switches to root and stays there: the container runs as root. The lecture: "run processes as an unprivileged user".',
          ru: 'Последний этап переключается на root и так и остаётся: контейнер работает от root. Лекция: «запускать процессы от непривилегированного пользователя».',
        },
        fixes: userFix(model, final),
      }
      : {
        severity: 'info',
        range: firstLineRange(model, final.from),
        message: {
          en: 'No USER in the final image: the container runs as root (UID 0) unless the base image sets a user. The lecture: "run processes as an unprivileged user".',
          ru: 'В итоговом образе нет USER: контейнер работает от root (UID 0), если базовый образ не задаёт пользователя. Лекция: «запускать процессы от непривилегированного пользователя».',
        },
        fixes: userFix(model, final),
      };
    return [finding];
  },
};

type EffectiveUser =
  | { kind: 'explicit-root'; instruction: InstructionInfo }
  | { kind: 'implicit-root' }
  | { kind: 'non-root' }
  | { kind: 'unknown' };

const ROOT = /^(root|0)(:.*)?$/i;

/**
 * The user the stage's processes run as: its last USER, else the nearest USER
 * up its FROM chain (an inherited root is implicit), else what the base image
 * sets. Walked in a loop: chains can be thousands of stages long.
 */
function effectiveUser(model: DockerfileModel, stage: Stage): EffectiveUser {
  for (let s = stage, inherited = false; ; inherited = true) {
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    const last = users[users.length - 1];
    if (last) {
      const value = last.args.trim();
      if (value.includes('$')) return { kind: 'unknown' };
      if (!ROOT.test(value)) return { kind: 'non-root' };
      return inherited ? { kind: 'implicit-root' } : { kind: 'explicit-root', instruction: last };
    }
    const parent = parentStage(model, s);
    if (!parent) return baseRunsAsNonRoot(s) ? { kind: 'non-root' } : { kind: 'implicit-root' };
    s = parent;
  }
}

/** Images whose publishers set a non-root user by default. */
function baseRunsAsNonRoot(stage: Stage): boolean {
  const ref = (stage.base.resolved ?? '').toLowerCase();
  return /distroless.*:.*nonroot/.test(ref) || ref.startsWith('bitnami/') || ref.startsWith('cgr.dev/chainguard/');
}

type Distro = 'alpine' | 'debian' | 'busybox' | 'node' | 'numeric';


function detectDistro(model: DockerfileModel, stage: Stage): Distro {
  const root = rootStage(model, stage);
  const ref = (root.base.resolved ?? root.base.raw).toLowerCase();
  const name = (root.base.name ?? '').toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  if (root.base.scratch || ref.includes('distroless') || ref.includes('chainguard')) return 'numeric';
  if (ref.includes('alpine')) return 'alpine';
  if (name === 'busybox') return 'busybox';
  if (name === 'node') return 'node';
  const scripts = model.stages.filter((s) => s === stage || rootStage(model, s) === root)
    .flatMap((s) => s.instructions).map((i) => i.script?.text ?? '').join('\n');
  if (/\bapk\b/.test(scripts)) return 'alpine';
  if (/\b(apt-get|apt|dnf|yum|microdnf)\b/.test(scripts)) return 'debian';
  if (/^(debian|ubuntu|python|golang|ruby|php|openjdk|eclipse-temurin|buildpack-deps|rust|perl|postgres|nginx|httpd|fedora|rockylinux|almalinux|centos|amazonlinux)$/.test(name)) return 'debian';
  return 'numeric';
}

function userFix(model: DockerfileModel, stage: Stage): Fix[] {
  const distro = detectDistro(model, stage);
  const run = keywordCase(model, 'RUN');
  const user = keywordCase(model, 'USER');
  const eol = model.eol;
  const lines: Record<Distro, string[]> = {
    debian: [`${run} groupadd --system app && useradd --system --gid app --no-create-home app`, `${user} app`],
    alpine: [`${run} addgroup -S app && adduser -S -D -H -G app app`, `${user} app`],
    busybox: [`${run} addgroup -S app && adduser -S -D -H -G app app`, `${user} app`],
    node: [`${user} node`],
    numeric: [`${user} 65532:65532`],
  };
  const titles: Record<Distro, { en: string; ru: string }> = {
    debian: { en: 'Create an unprivileged user "app" (groupadd/useradd) and switch to it before CMD/ENTRYPOINT', ru: 'Создать непривилегированного пользователя «app» (groupadd/useradd) и переключиться на него перед CMD/ENTRYPOINT' },
    alpine: { en: 'Create an unprivileged user "app" (addgroup/adduser) and switch to it before CMD/ENTRYPOINT', ru: 'Создать непривилегированного пользователя «app» (addgroup/adduser) и переключиться на него перед CMD/ENTRYPOINT' },
    busybox: { en: 'Create an unprivileged user "app" (addgroup/adduser) and switch to it before CMD/ENTRYPOINT', ru: 'Создать непривилегированного пользователя «app» (addgroup/adduser) и переключиться на него перед CMD/ENTRYPOINT' },
    node: { en: 'Switch to the image\'s own unprivileged user "node" before CMD/ENTRYPOINT', ru: 'Переключиться на встроенного непривилегированного пользователя «node» перед CMD/ENTRYPOINT' },
    numeric: { en: 'Run as the numeric unprivileged user 65532:65532 (no account is created)', ru: 'Запускать от числового непривилегированного пользователя 65532:65532 (учётная запись не создаётся)' },
  };
  const at = insertionPoint(model, stage);
  const text = at.atEnd ? eol + lines[distro].join(eol) : lines[distro].join(eol) + eol;
  return [{ title: titles[distro], edits: [{ range: { start: at.position, end: at.position }, newText: text }], safe: false }];
}

/** Before the first CMD/ENTRYPOINT after the last USER; else after the stage's last instruction. */
function insertionPoint(model: DockerfileModel, stage: Stage): { position: { line: number; character: number }; atEnd: boolean } {
  const users = stage.instructions.filter((i) => i.keyword === 'USER');
  const after = users.length ? users[users.length - 1].index : stage.from.index;
  const target = stage.instructions.find((i) => i.index > after && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
  if (target) {
    // Keep a comment that introduces CMD/ENTRYPOINT attached to it.
    const comments = new Set(model.comments.map((c) => c.line));
    let line = target.range.start.line;
    while (comments.has(line - 1)) line--;
    return { position: { line, character: 0 }, atEnd: false };
  }
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  return { position: last.range.end, atEnd: true };
}
