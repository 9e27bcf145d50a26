import type { Localized } from '../core/types';
import { ancestry } from '../model/lineage';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import type { Rule } from './rule';
import { firstLineRange } from './support/ranges';
import { commandsOf } from './support/run-commands';
import { argumentText, jsonArray, splitBlank } from './support/args';
import { exposedPorts } from './support/ports';
import { effectiveUser } from './support/effective-user';
import { imageKind, startProgram } from './support/image-kind';
import { rootImage, runsAsNonRootByDefault, startsAsRootService, type ImageRef } from './support/known-images';
import { createdUsers, unprivilegedUserFix } from './support/user-fix';

/**
 * The image runs its process as root. Only runtime images (see
 * support/image-kind.ts): a base image meant to be extended, a build
 * environment, a dev container, a scratch bundle or a Windows image is not
 * where the USER belongs. An explicit `USER root` left at the end is a
 * warning; no USER on an official image that runs as root is the lecture's
 * practice (info); an unknown base may set a USER itself, and services that
 * start as root and drop privileges themselves are teaching notes (hint)
 * without an automatic USER, which would break them.
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
  check(model, context) {
    const kind = imageKind(model, context.filePath);
    if (!kind || kind.kind !== 'runtime') return [];
    const stage = kind.target;
    const user = effectiveUser(model, stage);
    if (user.kind === 'user' || user.kind === 'variable') return [];
    const image = rootImage(model, stage);
    const explicit = user.kind === 'root' && !user.inherited ? user.instruction : null;
    const range = explicit ? explicit.range : firstLineRange(model, stage.from);

    const dropper = dropsPrivileges(model, stage, kind.commands, image) ?? rootProgram(startProgram(model, kind.commands));
    if (dropper) {
      return [{ severity: 'hint', range, message: startsAsRootMessage(dropper), fixes: [] }];
    }
    if (!explicit && image && runsAsNonRootByDefault(image)) return [];
    const created = createdUsers(model, stage).filter((u) => !u.includes('$'));
    if (!explicit && created.length && entrypointScript(model, kind.commands)) {
      return [{ severity: 'hint', range, message: entrypointUserMessage(created[created.length - 1]), fixes: [] }];
    }
    if (!explicit && !kind.bringsAppCode) {
      return [{ severity: 'hint', range, message: packagedProgramMessage(), fixes: [] }];
    }
    const known = image !== null && isKnownRootImage(image);
    // On an unknown base only the file's own user is a safe bet; elsewhere the distribution tells how to make one.
    const fix = unprivilegedUserFix(model, stage, { onlyExistingUser: !known && !explicit });
    const fixes = fix ? [fix] : [];
    if (explicit) return [{ range, message: explicitRootMessage(), fixes }];
    if (!known) return [{ severity: 'hint', range, message: unknownBaseMessage(), fixes }];
    return [{ severity: 'info', range, message: noUserMessage(), fixes }];
  },
};

const LECTURE = { en: 'The lecture: "run processes as an unprivileged user".', ru: 'Лекция: «запускать процессы от непривилегированного пользователя».' };
const ISOLATION = {
  en: 'Beyond the lecture: without user-namespace remapping or rootless mode, UID 0 in the container is UID 0 on the host, so a process that escapes isolation is root there.',
  ru: 'За рамками лекции: без переназначения пользователей (userns-remap) или rootless-режима UID 0 в контейнере — это UID 0 на хосте, и процесс, вырвавшийся из изоляции, будет там root.',
};
const OWNERSHIP = {
  en: 'Give that user the directories the process writes to (WORKDIR, volumes).',
  ru: 'Отдайте этому пользователю каталоги, в которые пишет процесс (WORKDIR, тома).',
};

function explicitRootMessage(): Localized {
  return {
    en: `The final stage switches to root and stays there: the container runs as root. ${LECTURE.en} ${OWNERSHIP.en} ${ISOLATION.en}`,
    ru: `Последний этап переключается на root и так и остаётся: контейнер работает от root. ${LECTURE.ru} ${OWNERSHIP.ru} ${ISOLATION.ru}`,
  };
}

function noUserMessage(): Localized {
  return {
    en: `No USER in the final image, and its base image runs as root: the container runs as root (UID 0). ${LECTURE.en} ${OWNERSHIP.en} ${ISOLATION.en}`,
    ru: `В итоговом образе нет USER, а базовый образ работает от root: контейнер работает от root (UID 0). ${LECTURE.ru} ${OWNERSHIP.ru} ${ISOLATION.ru}`,
  };
}

function unknownBaseMessage(): Localized {
  return {
    en: `No USER in this file: the container runs as root unless the base image (not one we know) sets a user itself; check it with \`docker image inspect -f '{{.Config.User}}' <image>\`. ${LECTURE.en}`,
    ru: `В этом файле нет USER: контейнер работает от root, если базовый образ (нам неизвестный) сам не задаёт пользователя; проверьте: \`docker image inspect -f '{{.Config.User}}' <образ>\`. ${LECTURE.ru}`,
  };
}

function entrypointUserMessage(user: string): Localized {
  return {
    en: `No USER in this file, though it creates the user \`${user}\`: the entrypoint script probably switches to it after preparing the container as root (check it). If it does not, add \`USER ${user}\` before CMD/ENTRYPOINT. ${LECTURE.en}`,
    ru: `В этом файле нет USER, хотя он создаёт пользователя \`${user}\`: вероятно, скрипт точки входа переключается на него, подготовив контейнер от root (проверьте). Если нет — добавьте \`USER ${user}\` перед CMD/ENTRYPOINT. ${LECTURE.ru}`,
  };
}

function packagedProgramMessage(): Localized {
  return {
    en: `No USER: the container runs as root. This file packages a program rather than copying in an app, so images built FROM it usually choose the user; if it is run as it is, add an unprivileged USER and give it the directories the program writes to. ${LECTURE.en}`,
    ru: `Нет USER: контейнер работает от root. Этот файл упаковывает программу, а не копирует приложение, так что пользователя обычно выбирают образы, собранные FROM него; если его запускают как есть, добавьте непривилегированного пользователя (USER) и отдайте ему каталоги, в которые пишет программа. ${LECTURE.ru}`,
  };
}

/** An ENTRYPOINT that runs a shell script: where images prepare as root and then drop privileges. */
function entrypointScript(model: DockerfileModel, commands: InstructionInfo[]): boolean {
  const entry = commands.find((i) => i.keyword === 'ENTRYPOINT');
  if (!entry) return false;
  const text = argumentText(model, entry)?.text ?? '';
  const words = (jsonArray(text)?.filter((w): w is string => typeof w === 'string')) ?? splitBlank(text).map((w) => w.raw);
  return words.some((w) => /(\.sh|entrypoint|start|run|init)$/i.test(w));
}

/** Programs whose master process needs root to start (port 80, chroot, capabilities) and drops it for the work. */
const ROOT_PROGRAMS = new Map<string, string>([
  ['nginx', 'nginxinc/nginx-unprivileged'], ['httpd', ''], ['httpd-foreground', ''], ['apache2', ''], ['apache2-foreground', ''], ['apachectl', ''],
  ['php-fpm', ''], ['sshd', ''], ['cron', ''], ['crond', ''], ['dockerd', ''], ['systemd', ''], ['init', ''], ['openvpn', ''], ['postfix', ''], ['dovecot', ''],
]);

function rootProgram(program: string | null): Dropper | null {
  if (!program) return null;
  const name = program.replace(/[\d.]+$/, '');
  if (!ROOT_PROGRAMS.has(name)) return null;
  return {
    what: { en: `\`${name}\` starts as root (to bind its port or manage services) and runs the work as an unprivileged user itself.`, ru: `\`${name}\` стартует от root (чтобы занять порт или управлять службами) и сам выполняет работу от непривилегированного пользователя.` },
    alternative: ROOT_PROGRAMS.get(name) || null,
  };
}

interface Dropper { what: Localized; alternative: string | null }

function startsAsRootMessage(d: Dropper): Localized {
  const alt = d.alternative
    ? { en: ` To run as non-root from the start, use an unprivileged variant such as \`${d.alternative}\` (it listens on 8080).`, ru: ` Чтобы работать не от root с самого начала, возьмите непривилегированный вариант, например \`${d.alternative}\` (он слушает порт 8080).` }
    : { en: ' To run as non-root from the start, move its port above 1024 and give the user its data directories, then add USER; or keep dropping privileges in the entrypoint.', ru: ' Чтобы работать не от root с самого начала, перенесите порт выше 1024 и отдайте пользователю каталоги данных, затем добавьте USER; или оставьте сброс привилегий в точке входа.' };
  return {
    en: `The container starts as root on purpose: ${d.what.en} A USER here would stop it from starting.${alt.en} ${LECTURE.en}`,
    ru: `Контейнер намеренно запускается от root: ${d.what.ru} USER здесь помешал бы ему запуститься.${alt.ru} ${LECTURE.ru}`,
  };
}

/** Tools an entrypoint uses to switch from root to an unprivileged user (or a supervisor that does it per service). */
const DROP_TOOLS = new Set(['gosu', 'su-exec', 'setpriv', 'runuser', 'chpst', 's6-setuidgid', 'supervisord', 's6-svscan', 'my_init', 'setuser']);

/** Packages whose daemons start as root and switch users themselves: an image that installs one runs it as root. */
const ROOT_SERVICE_PACKAGES = new Set(['apache2', 'httpd', 'nginx', 'nginx-light', 'nginx-full', 'cron', 'cronie', 'dcron', 'supervisor', 'openssh-server', 'postfix', 'dovecot-core', 'rsyslog']);
const INSTALLERS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper']);

/**
 * Why the process must start as root, if it must: a service image whose
 * master process drops privileges (nginx, postgres…), a privilege-dropping
 * tool installed or called in the chain (gosu, su-exec, setpriv,
 * `chroot --userspec`, s6-overlay, supervisord), or an s6 `/init` entrypoint.
 */
function dropsPrivileges(model: DockerfileModel, stage: Stage, commands: InstructionInfo[], image: ImageRef | null): Dropper | null {
  const service = image ? startsAsRootService(image) : null;
  if (service) {
    return {
      what: { en: `the \`${service.service}\` image's main process starts as root and hands the work to an unprivileged user itself.`, ru: `главный процесс образа \`${service.service}\` стартует от root и сам передаёт работу непривилегированному пользователю.` },
      alternative: service.alternative,
    };
  }
  if (image && /(^|\/)(linuxserver\/|baseimage-|phusion\/baseimage)/.test(image.repo)) {
    return { what: { en: 'its base image starts an init system as root that runs each service as its own user (PUID/PGID).', ru: 'его базовый образ запускает от root систему инициализации, которая запускает каждую службу от своего пользователя (PUID/PGID).' }, alternative: null };
  }
  const tool = dropTool(model, stage, commands);
  if (tool && ROOT_SERVICE_PACKAGES.has(tool)) {
    return {
      what: { en: `it installs \`${tool}\`, whose daemon starts as root and runs its work as an unprivileged user itself.`, ru: `он устанавливает \`${tool}\`, чей демон стартует от root и сам выполняет работу от непривилегированного пользователя.` },
      alternative: null,
    };
  }
  if (tool) {
    return {
      what: { en: `the image uses \`${tool}\`, which starts as root and switches to an unprivileged user (typically in the entrypoint).`, ru: `образ использует \`${tool}\`, который стартует от root и переключается на непривилегированного пользователя (обычно в точке входа).` },
      alternative: null,
    };
  }
  const port = privilegedPort(model, stage);
  if (port === null) return null;
  return {
    what: { en: `it serves port ${port}: under Docker 20.10+ an unprivileged process may bind it, but elsewhere (Kubernetes, older engines) only root or CAP_NET_BIND_SERVICE can, and volumes created by earlier root-run containers stay root-owned.`, ru: `он обслуживает порт ${port}: в Docker 20.10+ непривилегированный процесс может его занять, но в других средах (Kubernetes, старые версии) — только root или процесс с CAP_NET_BIND_SERVICE, а тома, созданные прежними контейнерами от root, останутся принадлежать root.` },
    alternative: null,
  };
}

/** The first port below 1024 the image EXPOSEs (in its stage or those it builds on), or null. */
function privilegedPort(model: DockerfileModel, stage: Stage): number | null {
  for (const s of ancestry(model, stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      const low = exposedPorts(model, ins).find((p) => p.start !== null && p.start < 1024);
      if (low?.start != null) return low.start;
    }
  }
  return null;
}

function dropTool(model: DockerfileModel, stage: Stage, commands: InstructionInfo[]): string | null {
  for (const ins of commands) {
    const text = argumentText(model, ins)?.text ?? '';
    const words = (jsonArray(text)?.filter((w): w is string => typeof w === 'string')) ?? splitBlank(text).map((w) => w.raw);
    for (const w of words) {
      const name = w.slice(w.lastIndexOf('/') + 1);
      if (DROP_TOOLS.has(name)) return name;
      if (w === '/init') return 's6-overlay';
    }
  }
  for (const s of ancestry(model, stage)) {
    for (const ins of s.instructions) {
      if ((ins.keyword === 'ADD' || ins.keyword === 'COPY') && /s6-overlay/.test(ins.args)) return 's6-overlay';
      if (ins.keyword !== 'RUN') continue;
      for (const c of commandsOf(model, ins)) {
        if (INSTALLERS.has(c.name)) {
          const pkg = c.cmd.words.slice(c.at + 1).map((w) => w.value.split('=')[0]).find((w) => ROOT_SERVICE_PACKAGES.has(w));
          if (pkg) return pkg;
        }
        for (const w of c.cmd.words) {
          // Installed (`apt-get install gosu`), downloaded (`-o /usr/local/bin/gosu`) or called.
          const name = w.value.slice(w.value.lastIndexOf('/') + 1);
          if (DROP_TOOLS.has(name)) return name;
          if (name === 'chroot' && c.cmd.words.some((x) => x.value.startsWith('--userspec'))) return 'chroot --userspec';
        }
      }
    }
  }
  return null;
}

/** Official images and the big vendors' base images, which run as root unless runsAsNonRootByDefault says otherwise. */
function isKnownRootImage(image: ImageRef): boolean {
  return image.official || /^(mcr\.microsoft\.com\/|gcr\.io\/distroless\/|registry\.access\.redhat\.com\/|public\.ecr\.aws\/docker\/library\/|quay\.io\/(centos|fedora)\/)/.test(image.repo);
}
