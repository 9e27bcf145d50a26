import type { Fix, Localized, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { note } from '../../../common/lecture/sections';
import { commandsOf, operandIndex, subcommandOf, type RunCommand } from './support/run-commands';
import { copyOperands, resolvePath, workdirAt } from './support/paths';
import { firstLineRange } from './support/ranges';
import { keywordCase } from './support/keyword-case';
import { pipInstall } from './support/pip';

/** A dependency install that needs only the manifests, not the sources. */
interface Install {
  run: InstructionInfo;
  command: string;
  /** COPY sources for the manifests (globs may match nothing), or null when we cannot name them. */
  manifests: string[] | null;
  shown: string;
  /** Why copying only the manifests would break this install: then no fix is offered. */
  breaks?: Localized;
  /** What the fix assumes about files we cannot see (its title says so). */
  assumes?: Localized;
}

/** Instructions that may stand between the COPY and the install without depending on where files are. */
const NEUTRAL = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'MAINTAINER']);
/** COPY flags a manifest COPY can keep; ADD flags beyond these get no fix. */
const ADD_FLAGS_OK = new Set(['chown', 'chmod', 'link']);

/**
 * `COPY . .` before `npm ci` (or pip/go/bundle/composer/… installs that only
 * read a manifest): any source change invalidates the cache of the install
 * too, so every build downloads all dependencies again.
 */
export const cacheBustingCopy: Rule = {
  id: 'cache-busting-copy',
  aliases: [],
  severity: 'info',
  lecture: 'layers',
  description: {
    en: 'Copying the whole context before a dependency install re-runs the install on every source change; copy the manifests first.',
    ru: 'Копирование всего контекста перед установкой зависимостей перезапускает установку при каждом изменении кода; сначала копируйте манифесты.',
  },
  check(model) {
    const order = note('layers.cache-order').text;
    return findingsPerStage('cache-busting-copy', model, (stage) => {
      const findings: RawFinding[] = [];
      const list = stage.instructions;
      list.forEach((copy, i) => {
        if (!wholeContext(copy)) return;
        const install = findInstall(model, list.slice(i + 1));
        if (!install) return;
        const line = install.run.range.start.line + 1;
        findings.push({
          range: firstLineRange(model, copy),
          message: {
            en: `This ${copy.keyword} copies the whole build context before \`${install.shown}\` (line ${line}), which only needs ${install.manifests ? install.manifests.join(', ') : 'the dependency manifests'}. The lecture: "layers are cached while the image is built" — but a changed layer invalidates every layer after it, so each edit of any source file re-runs the install. ${order.en}${install.breaks ? ` ${install.breaks.en}` : ''}`,
            ru: `Эта ${copy.keyword} копирует весь контекст сборки до \`${install.shown}\` (строка ${line}), которой нужны только ${install.manifests ? install.manifests.join(', ') : 'манифесты зависимостей'}. Лекция: «При сборке образа слои кешируются» — но изменившийся слой сбрасывает кеш всех следующих, и любая правка исходников снова запускает установку. ${order.ru}${install.breaks ? ` ${install.breaks.ru}` : ''}`,
          },
          fixes: reorderFix(model, stage, copy, install),
        });
      });
      return findings;
    });
  },
};

function wholeContext(ins: InstructionInfo): boolean {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return false;
  if (ins.flags.some((f) => f.name.toLowerCase() === 'from')) return false;
  const ops = copyOperands(ins);
  return !!ops && ops.sources.length === 1 && (ops.sources[0] === '.' || ops.sources[0] === './');
}

/** The first RUN after the COPY (before another whole-context COPY) that installs from manifests only. */
function findInstall(model: DockerfileModel, after: InstructionInfo[]): Install | null {
  for (const ins of after) {
    if (wholeContext(ins)) return null;
    if (ins.keyword !== 'RUN') continue;
    const commands = commandsOf(model, ins);
    for (const c of commands) {
      if (commands.some((o) => o.index < c.index && (o.name === 'cd' || o.name === 'pushd'))) break;
      const found = manifestInstall(c);
      if (found) return { run: ins, ...found };
    }
  }
  return null;
}

function words(c: RunCommand, from: number): string[] {
  return c.cmd.words.slice(from).map((w) => w.value);
}

/** Operands after `from` that are not options (values of `argOptions` skipped). */
function operands(c: RunCommand, from: number, argOptions: string[] = []): string[] {
  const out: string[] = [];
  for (let i = operandIndex(c.cmd, from, argOptions); i >= 0; i = operandIndex(c.cmd, i + 1, argOptions)) out.push(c.cmd.words[i].value);
  return out;
}

const LOCAL_PATHS: Localized = { en: 'no dependency is a local path or workspace member', ru: 'среди зависимостей нет локальных путей и участников workspace' };
const CARGO_BREAKS: Localized = {
  en: 'Copying only Cargo.toml would break `cargo fetch`: Cargo rejects a manifest whose targets (src/main.rs or src/lib.rs) are missing, so no fix is offered; copy a stub source file too, or use a cache mount.',
  ru: 'Копирование одного Cargo.toml сломает `cargo fetch`: Cargo отвергает манифест без целей (src/main.rs или src/lib.rs), поэтому исправление не предлагается; скопируйте и заглушку исходника или используйте cache mount.',
};

/**
 * npm, Yarn and pnpm run the root package's own install scripts (preinstall,
 * install, postinstall, prepare) unless told not to; those may use any file.
 */
function nodeScripts(all: string[]): Pick<Install, 'assumes'> {
  if (all.includes('--ignore-scripts') || all.includes('--ignore-scripts=true')) return {};
  return { assumes: { en: 'the install/prepare scripts of package.json use no other file', ru: 'скрипты install/prepare из package.json не используют других файлов' } };
}

/**
 * `composer install` runs the project's scripts (Laravel's `@php artisan
 * package:discover`, which needs the sources) and dumps an autoloader that
 * scans the classmap directories: with only composer.json and composer.lock
 * copied the build fails unless both are turned off.
 */
function composerNeeds(all: string[]): Pick<Install, 'breaks'> {
  if (all.includes('--no-scripts') && all.includes('--no-autoloader')) return {};
  return {
    breaks: {
      en: 'Copying only composer.json and composer.lock would break this install: it runs the project\'s scripts (e.g. `artisan`) and builds the autoloader from source directories, so no fix is offered. Use `composer install --no-scripts --no-autoloader` on the manifests, then after copying the rest run `composer dump-autoload` (and the scripts you need).',
      ru: 'Копирование одних composer.json и composer.lock сломает эту установку: она запускает скрипты проекта (например, `artisan`) и строит автозагрузчик по каталогам исходников, поэтому исправление не предлагается. Выполните `composer install --no-scripts --no-autoloader` по манифестам, а после копирования остального — `composer dump-autoload` (и нужные скрипты).',
    },
  };
}

function manifestInstall(c: RunCommand): Omit<Install, 'run'> | null {
  const sub = subcommandOf(c, ['--prefix', '-C', '--dir', '--cwd']);
  const all = words(c, c.at + 1);
  const shown = (n: number) => c.cmd.words.slice(c.at, n).map((w) => w.value).join(' ');
  switch (c.name) {
    case 'npm':
      if (!sub || !['install', 'i', 'ci', 'clean-install'].includes(sub.value)) return null;
      if (all.some((w) => ['-g', '--global', '--prefix', '-C'].includes(w)) || operands(c, sub.index + 1).length > 0) return null;
      return { command: 'npm', manifests: ['package*.json'], shown: shown(sub.index + 1), ...nodeScripts(all) };
    case 'yarn':
      if (sub && sub.value !== 'install') return null;
      if (all.some((w) => w === '--cwd' || w.startsWith('--cwd='))) return null;
      return { command: 'yarn', manifests: ['package.json', 'yarn.lock*'], shown: sub ? shown(sub.index + 1) : 'yarn', ...nodeScripts(all) };
    case 'pnpm':
      if (!sub || !['install', 'i'].includes(sub.value) || operands(c, sub.index + 1).length > 0) return null;
      if (all.some((w) => ['-C', '--dir', '--prefix'].includes(w) || w.startsWith('--dir='))) return null;
      return { command: 'pnpm', manifests: ['package.json', 'pnpm-lock.yaml*'], shown: shown(sub.index + 1), ...nodeScripts(all) };
    case 'go':
      return sub?.value === 'mod' && all[all.indexOf('mod') + 1] === 'download' ? { command: 'go', manifests: ['go.mod', 'go.sum*'], shown: 'go mod download', assumes: { en: 'go.mod has no `replace` pointing to a local directory', ru: 'в go.mod нет `replace` на локальный каталог' } } : null;
    case 'bundle':
      return (sub?.value === 'install' || sub === null) && operands(c, c.at + 1).length <= 1 ? { command: 'bundle', manifests: ['Gemfile', 'Gemfile.lock*'], shown: 'bundle install', assumes: { en: 'the Gemfile uses no `gemspec` or `path:` gems', ru: 'Gemfile не использует `gemspec` и гемы с `path:`' } } : null;
    case 'mvn':
    case 'mvnw': {
      const goal = all.find((w) => /^dependency:(go-offline|resolve|resolve-plugins)$/.test(w));
      if (!goal || all.some((w) => /^(compile|package|install|verify|test|deploy)$/.test(w))) return null;
      return { command: 'mvn', manifests: c.name === 'mvn' ? ['pom.xml'] : null, shown: `${c.name} ${goal}`, assumes: { en: 'the project has no modules in subdirectories', ru: 'у проекта нет модулей в подкаталогах' } };
    }
    case 'cargo':
      // Cargo refuses a manifest without targets: `cargo fetch` with only Cargo.toml fails ("no targets specified").
      return sub?.value === 'fetch' ? { command: 'cargo', manifests: ['Cargo.toml', 'Cargo.lock*'], shown: 'cargo fetch', breaks: CARGO_BREAKS } : null;
    case 'composer':
      return sub?.value === 'install' ? { command: 'composer', manifests: ['composer.json', 'composer.lock*'], shown: shown(sub.index + 1), ...composerNeeds(all) } : null;
    case 'pipenv':
      return sub?.value === 'install' && operands(c, sub.index + 1).length === 0 ? { command: 'pipenv', manifests: ['Pipfile', 'Pipfile.lock*'], shown: shown(sub.index + 1), assumes: LOCAL_PATHS } : null;
    case 'poetry':
      return sub?.value === 'install' && all.includes('--no-root') ? { command: 'poetry', manifests: ['pyproject.toml', 'poetry.lock*'], shown: 'poetry install --no-root', assumes: LOCAL_PATHS } : null;
    case 'uv':
      return sub?.value === 'sync' && all.includes('--no-install-project') ? { command: 'uv', manifests: ['pyproject.toml', 'uv.lock*'], shown: 'uv sync --no-install-project', assumes: LOCAL_PATHS } : null;
    default:
      return pipRequirements(c);
  }
}

const PIP_ARG_OPTIONS = ['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-c', '--constraint', '--trusted-host', '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--upgrade-strategy', '--progress-bar', '--cache-dir', '--timeout', '--retries', '--proxy', '--cert', '--client-cert', '--log'];

/** `pip install -r requirements.txt [pkg…]`: needs only the requirement files. */
function pipRequirements(c: RunCommand): Omit<Install, 'run'> | null {
  const w = c.cmd.words;
  const i = pipInstall(c);
  if (i < 0) return null;
  const files: string[] = [];
  for (let j = i + 1; j < w.length; j++) {
    const v = w[j].value;
    if (v === '-r' || v === '--requirement') {
      const f = w[++j];
      if (!f || f.hasExpansion) return null;
      files.push(f.value);
    } else if (v.startsWith('--requirement=')) {
      files.push(v.slice('--requirement='.length));
    } else if (/^-r./.test(v)) {
      files.push(v.slice(2));
    } else if (v === '-e' || v === '--editable') {
      return null;
    } else if (PIP_ARG_OPTIONS.includes(v)) {
      j++;
    } else if (!v.startsWith('-') && !/^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]*\])?([=<>!~]=?[^/\s]*)?$/.test(v)) {
      return null; // a path, a URL or `.`: needs the sources
    }
  }
  if (files.length === 0) return null;
  return { command: 'pip', manifests: files, shown: w.slice(c.at, i + 1).map((x) => x.value).join(' ') + ` -r ${files.join(' -r ')}`, assumes: { en: 'the requirement files name no local path or other file (`-e .`, `-r other.txt`)', ru: 'файлы требований не ссылаются на локальные пути и другие файлы (`-e .`, `-r other.txt`)' } };
}

/**
 * Replace the whole-context COPY with a COPY of the manifests and put the
 * whole-context COPY back right after the install. Only when the install is
 * the first RUN after the COPY, nothing between depends on files or the
 * working directory, and the install runs where the COPY puts the files.
 */
function reorderFix(model: DockerfileModel, stage: Stage, copy: InstructionInfo, install: Install): Fix[] {
  if (!install.manifests || install.breaks) return [];
  const list = stage.instructions;
  const between = list.slice(list.indexOf(copy) + 1, list.indexOf(install.run));
  if (between.some((i) => !NEUTRAL.has(i.keyword))) return [];
  if (copy.keyword === 'ADD' && copy.flags.some((f) => !ADD_FLAGS_OK.has(f.name.toLowerCase()))) return [];
  if (copy.execForm || copy.range.start.line !== copy.range.end.line) return [];
  const ops = copyOperands(copy)!;
  const cwd = workdirAt(model, copy);
  const dest = resolvePath(ops.dest, cwd);
  const sameDir = dest !== null ? dest === workdirAt(model, install.run) : ops.dest === '.' || ops.dest === './';
  if (!sameDir || /\s|["'$]/.test(ops.dest)) return [];
  const sources: string[] = [];
  for (const m of install.manifests) {
    const rel = m.startsWith('/') ? (dest !== null && m.startsWith(`${dest}/`) ? m.slice(dest.length + 1) : null) : m.replace(/^\.\//, '');
    if (rel === null || rel.includes('/') || /[\s"'$]/.test(rel)) return [];
    sources.push(rel);
  }
  const keyword = copy.keyword === 'COPY' ? copy.keywordText : keywordCase(model, 'COPY');
  const flags = copy.flags.map((f) => model.lines.slice(f.range)).join(' ');
  const destDir = ops.dest.endsWith('/') ? ops.dest : `${ops.dest}/`;
  const manifestCopy = [keyword, flags, ...sources, destDir].filter((p) => p !== '').join(' ');
  const original = model.lines.slice(copy.range);
  const line = install.run.range.start.line + 1;
  return [{
    title: {
      en: `Copy only ${sources.join(' ')} before the install (line ${line}) and the rest after it${install.assumes ? ` (builds if ${install.assumes.en})` : ''}`,
      ru: `Копировать до установки (строка ${line}) только ${sources.join(' ')}, а остальное — после неё${install.assumes ? ` (сборка пройдёт, если ${install.assumes.ru})` : ''}`,
    },
    edits: [
      { range: copy.range, newText: manifestCopy },
      { range: { start: install.run.range.end, end: install.run.range.end }, newText: `${model.eol}${original}` },
    ],
    safe: false,
  }];
}
