import type { RawFinding } from '../core/types';
import type { Rule } from './rule';
import { APT_ARG_OPTIONS, commandsOf, operandIndex, runsOf, subcommandOf, type RunCommand } from './support/run-commands';
import { commandRange } from './support/script-edits';
import { pipInstall } from './support/pip';

const APK_ARG_OPTIONS = ['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file'];
const PIP_ARG_OPTIONS = ['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--upgrade-strategy', '--progress-bar', '--cache-dir', '--timeout', '--retries', '--proxy', '--cert', '--client-cert', '--log', '--src', '--only-binary', '--no-binary', '-C', '--config-settings', '--global-option', '--exists-action'];
const NPM_ARG_OPTIONS = ['--prefix', '--registry', '--cache', '--userconfig', '-w', '--workspace', '--omit', '--include'];
const GEM_ARG_OPTIONS = ['-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-p', '--http-proxy', '--platform', '-g', '--file', '--document'];

/** Not a package name but a file, a path or a URL. */
const NOT_A_NAME = /^(\.{1,2}(\/|$)|\/|~|[a-z][a-z0-9+.-]*:\/\/|git[+@])|\.(deb|apk|whl|gem|tgz|zip|tar(\.\w+)?)$/i;

/**
 * Package installs without versions (apt-get, apk, pip, npm -g, gem): the same
 * Dockerfile builds different images over time. Off by default — pinning
 * distribution packages is contested (old pins vanish from the mirrors).
 */
export const pinPackageVersions: Rule = {
  id: 'pin-package-versions',
  aliases: ['DL3008', 'DL3018', 'DL3013', 'DL3016', 'DL3028'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  enabledByDefault: false,
  description: {
    en: 'Packages installed without a version (apt-get, apk, pip, npm -g, gem) make builds unreproducible.',
    ru: 'Пакеты без указания версии (apt-get, apk, pip, npm -g, gem) делают сборку невоспроизводимой.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      for (const run of runsOf(stage)) {
        for (const c of commandsOf(model, run)) {
          const found = unpinned(c);
          if (!found || found.packages.length === 0) continue;
          const list = found.packages.slice(0, 5).map((p) => `\`${p}\``).join(', ') + (found.packages.length > 5 ? ', …' : '');
          findings.push({
            range: commandRange(model, c, found.last),
            message: {
              en: `\`${found.shown}\` installs ${list} without a version: rebuilding later may silently bring different versions. The lecture asks to "always name version tags explicitly, for reproducible builds" for images; the same reasoning applies to packages — pin them (${found.how}), accepting that old pins may disappear from the mirrors.`,
              ru: `\`${found.shown}\` ставит ${list} без версии: при пересборке могут незаметно приехать другие версии. Лекция требует «всегда явно указывать теги версий для воспроизводимости сборок» для образов; для пакетов рассуждение то же — закрепите версии (${found.how}), помня, что старые версии могут исчезнуть из зеркал.`,
            },
            fixes: [],
          });
        }
      }
    }
    return findings;
  },
};

interface Unpinned { packages: string[]; shown: string; how: string; last: number }

function collect(c: RunCommand, from: number, argOptions: string[], pinned: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = operandIndex(c.cmd, from, argOptions); i >= 0; i = operandIndex(c.cmd, i + 1, argOptions)) {
    const w = c.cmd.words[i];
    if (w.hasExpansion || /[*?[]/.test(w.value) || NOT_A_NAME.test(w.value) || pinned(w.value)) continue;
    out.push(w.value);
  }
  return out;
}

function unpinned(c: RunCommand): Unpinned | null {
  const words = c.cmd.words;
  const shown = (i: number) => words.slice(c.at, i + 1).map((w) => w.value).join(' ');
  if (c.name === 'apt-get' || c.name === 'apt') {
    const sub = subcommandOf(c, APT_ARG_OPTIONS);
    if (sub?.value !== 'install') return null;
    return { packages: collect(c, sub.index + 1, APT_ARG_OPTIONS, (p) => p.includes('=')), shown: shown(sub.index), how: '`pkg=1.2.3-1`', last: sub.index };
  }
  if (c.name === 'apk') {
    const sub = subcommandOf(c, APK_ARG_OPTIONS);
    if (sub?.value !== 'add') return null;
    return { packages: collect(c, sub.index + 1, APK_ARG_OPTIONS, (p) => /[=~<>]/.test(p)), shown: shown(sub.index), how: '`pkg=1.2.3-r0`, `pkg~1.2`', last: sub.index };
  }
  if (c.name === 'npm') {
    const sub = subcommandOf(c, NPM_ARG_OPTIONS);
    if (!sub || !['install', 'i', 'add'].includes(sub.value)) return null;
    if (!words.some((w) => w.value === '-g' || w.value === '--global' || w.value === '--location=global')) return null;
    return { packages: collect(c, sub.index + 1, NPM_ARG_OPTIONS, (p) => /^@?[^@]+@(\d|[~^=<>v])/.test(p)), shown: shown(sub.index), how: '`pkg@1.2.3`', last: sub.index };
  }
  if (c.name === 'gem') {
    const sub = subcommandOf(c, GEM_ARG_OPTIONS);
    if (sub?.value !== 'install') return null;
    if (words.some((w) => w.value === '-v' || w.value === '--version' || w.value.startsWith('--version='))) return null;
    return { packages: collect(c, sub.index + 1, GEM_ARG_OPTIONS, (p) => p.includes(':')), shown: shown(sub.index), how: '`-v 1.2.3`, `pkg:1.2.3`', last: sub.index };
  }
  const i = pipInstall(c);
  if (i < 0) return null;
  return { packages: collect(c, i + 1, PIP_ARG_OPTIONS, (p) => /[=<>~!@]/.test(p)), shown: shown(i), how: '`pkg==1.2.3`', last: i };
}
