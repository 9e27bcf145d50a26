import { descendsFrom, rootStage } from '../model/lineage';
import type { Fix, Localized, RawFinding, Severity } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import { commandIndex, baseName, type SimpleCommand } from '../shell/tokenize';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { commandsOf, runsOf } from './support/run-commands';
import { documentEnd, firstBodyLine } from './support/script-edits';
import { scriptShell, turnsOnErrexit } from './support/shell-context';
import { programOf } from '../model/shells';
import { documentOffset } from '../model/script';
import { keywordCase } from './support/keyword-case';

/**
 * Commands on the left of a pipe whose failure leaves the right side with a
 * truncated or empty stream that it may happily accept: downloads, decompressors,
 * archivers, key tools. Filters and checks (`find | xargs`, `grep | sha256sum -c`)
 * are left alone: there the right side notices, or nothing is built from the stream.
 */
const PRODUCERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'gzip', 'gunzip', 'zcat', 'xz', 'xzcat', 'unxz', 'bzip2', 'bunzip2', 'bzcat', 'zstd', 'zstdcat', 'unzstd', 'lz4', 'unzip', 'tar', 'cpio', 'gpg', 'gpg2', 'openssl', 'git', 'docker', 'ssh', 'scp', 'rsync', 'base64']);
/** Official images built on Debian or Ubuntu (bash is there) unless the tag says alpine/windows. */
const DEBIAN_BASED = new Set(['debian', 'ubuntu', 'buildpack-deps', 'node', 'python', 'ruby', 'golang', 'rust', 'php', 'perl', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'maven', 'gradle', 'haskell', 'erlang', 'elixir', 'julia', 'gcc', 'postgres', 'redis', 'nginx', 'httpd', 'pypy', 'swift', 'r-base', 'mongo', 'mariadb', 'tomcat', 'ghost', 'wordpress', 'drupal', 'nextcloud', 'rabbitmq', 'cassandra']);
/** Distributions whose /bin/sh is bash. */
const BASH_AS_SH = /(^|\/)(fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|ubi\d*(-minimal|-micro)?|ubi)$/;

/**
 * A pipe in a RUN run by /bin/sh: the step's exit status is that of the last
 * command only. Reported only where that can hide a failure, at a level that
 * says how much: `curl … | sh` runs an empty script and succeeds (warning);
 * `curl … | jq` or `tar c | gzip > x` may write an empty result (info); a key
 * import (`| gpg --dearmor`, `| apt-key add -`) rejects empty input itself and
 * the repository's `apt-get update` fails without the key (hint). A consumer
 * that fails on empty or truncated input (`| tar x`, `| gunzip`, `| sha256sum
 * -c`) already fails the RUN: no finding.
 */
export const pipefail: Rule = {
  id: 'pipefail',
  aliases: ['DL4006'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'A pipe in RUN hides the failure of every command but the last: set `-o pipefail` where that failure could go unnoticed.',
    ru: 'Конвейер в RUN скрывает ошибки всех команд, кроме последней: включите `-o pipefail` там, где такая ошибка может остаться незамеченной.',
  },
  check(model) {
    return findingsPerStage('pipefail', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const run of runsOf(stage)) {
        const shell = scriptShell(model, run);
        if (shell && shell.some((a) => /pipefail/.test(a))) continue;
        if (commandsOf(model, run).length === 0) continue; // not a POSIX shell, or unparsable
        const commands = run.script!.shell().commands;
        const errexit = turnsOnErrexit(shell ?? []) || commands.some((c) => nameOf(c) === 'set' && turnsOnErrexit(c.words.slice(1).map((w) => w.value)));
        const pipe = riskyPipeline(commands, errexit);
        if (!pipe) continue;
        const script = run.script!;
        const kind = family(model, stage);
        const breaks = sigpipeUser(model, stage, run, shell ? 'run' : kind === 'debian' ? 'stage' : 'run');
        findings.push({
          severity: SEVERITY[pipe.risk],
          range: { start: model.lines.positionAt(documentOffset(model.lines, script, pipe.from.start)), end: model.lines.positionAt(documentEnd(model, script, pipe.to.end)) },
          message: message(pipe, howTo(shell, kind), breaks === null ? null : breaks.range.start.line + 1),
          fixes: breaks ? [] : fixFor(model, run, shell, kind),
        });
      }
      return findings;
    });
  },
};

/** What a failing producer leads to, by the pipe's last command. */
type Risk = 'runs-script' | 'writes-result' | 'key-unchecked' | 'key-import';
const SEVERITY: Record<Risk, Severity> = { 'runs-script': 'warning', 'writes-result': 'info', 'key-unchecked': 'info', 'key-import': 'hint' };

interface RiskyPipe { from: SimpleCommand; to: SimpleCommand; producer: string; consumer: string; risk: Risk }

/** Interpreters that run a script read from stdin: an empty script succeeds. */
const SCRIPT_RUNNERS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php']);
/** Options that give an interpreter its code on the command line: stdin is then data. */
const INLINE_CODE = new Set(['-c', '-e', '-E', '-r']);
/** Decompressors and checks that fail on empty or truncated input: the pipe's status already reports the failure. */
const FAILS_ON_BAD_INPUT = new Set(['gunzip', 'zcat', 'unxz', 'xzcat', 'bunzip2', 'bzcat', 'unzstd', 'zstdcat', 'unlzma', 'lzcat']);
const DECOMPRESSORS = new Set(['gzip', 'xz', 'bzip2', 'zstd', 'lz4', 'lzma', 'brotli']);
const CHECKSUMS = new Set(['sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'md5sum', 'b2sum', 'cksum', 'shasum']);

/** The riskiest top-level pipeline with a producer on the left whose failure could go unnoticed, unless `set -o pipefail` came before. */
function riskyPipeline(commands: SimpleCommand[], errexit: boolean): RiskyPipe | null {
  let worst: RiskyPipe | null = null;
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    if (c.depth === 0 && setsPipefail(c)) break;
    if (c.depth !== 0 || commands[i + 1]?.joinedBy !== '|' || commands[i + 1].depth !== 0) continue;
    let end = i + 1;
    while (commands[end + 1]?.joinedBy === '|' && commands[end + 1].depth === 0) end++;
    const producer = commands.slice(i, end).find((x) => PRODUCERS.has(nameOf(x)));
    let risk = producer ? riskOf(commands[end]) : null;
    // Without -e, a failed key import followed by `;` or a new line is not caught by the next command either.
    const next = commands[end + 1];
    if (risk === 'key-import' && !errexit && next && (next.joinedBy === ';' || next.joinedBy === '\n')) risk = 'key-unchecked';
    if (producer && risk && (!worst || RANK[risk] > RANK[worst.risk])) worst = { from: c, to: commands[end], producer: nameOf(producer), consumer: nameOf(commands[end]) || 'the last command', risk };
    i = end;
  }
  return worst;
}

const RANK: Record<Risk, number> = { 'key-import': 0, 'key-unchecked': 1, 'writes-result': 1, 'runs-script': 2 };

/** What the pipe's last command does with an empty or truncated stream; null when it fails on it. */
function riskOf(last: SimpleCommand): Risk | null {
  const at = commandIndex(last);
  if (at < 0) return 'writes-result';
  const name = baseName(last.words[at].value);
  const args = last.words.slice(at + 1).map((w) => w.value);
  if (SCRIPT_RUNNERS.has(name) || /^python3(\.\d+)?$/.test(name)) {
    if (args.some((a) => INLINE_CODE.has(a))) return 'writes-result';
    // `sh -s -- args` and `bash -` read the script from stdin; `sh install.sh` does not.
    const operand = args.find((a) => !a.startsWith('-'));
    return operand === undefined || operand === '/dev/stdin' || args.includes('-s') ? 'runs-script' : 'writes-result';
  }
  if (name === 'tar' && readsArchive(args)) return null;
  if (name === 'cpio' && args.some((a) => /^-[a-zA-Z]*i/.test(a) || a === '--extract')) return null;
  if (FAILS_ON_BAD_INPUT.has(name)) return null;
  if (DECOMPRESSORS.has(name) && args.some((a) => /^-[a-zA-Z]*d/.test(a) || a === '--decompress' || a === '--uncompress')) return null;
  if (CHECKSUMS.has(name) && args.some((a) => /^-[a-zA-Z]*c/.test(a) || a === '--check')) return null;
  if (name === 'apt-key' || ((name === 'gpg' || name === 'gpg2') && args.some((a) => ['--dearmor', '--dearmour', '--import', '--enarmor'].includes(a)))) return 'key-import';
  return 'writes-result';
}

/** `tar x…`, `tar -xzf -`, `tar --extract`, `tar t…`: tar reads an archive and fails on an empty or truncated one. */
function readsArchive(args: string[]): boolean {
  const first = args[0] ?? '';
  if (/^[A-Za-z]*[xt][A-Za-z]*$/.test(first) && !first.startsWith('-')) return true;
  return args.some((a) => /^-[A-Za-z]*[xt]/.test(a) || a === '--extract' || a === '--get' || a === '--list');
}

function nameOf(c: SimpleCommand): string {
  const at = commandIndex(c);
  return at < 0 ? '' : baseName(c.words[at].value);
}

function setsPipefail(c: SimpleCommand): boolean {
  return nameOf(c) === 'set' && c.words.some((w, i) => w.value === 'pipefail' && i > 0 && /^-[a-z]*o$/.test(c.words[i - 1].value));
}

/**
 * The first pipe that `pipefail` would break (`yes | pecl install`: the consumer exits, `yes` dies of
 * SIGPIPE, and with pipefail the RUN fails with 141), in this RUN or — for a SHELL fix — in every later
 * RUN of the stage and of the stages built FROM it.
 */
function sigpipeUser(model: DockerfileModel, stage: Stage, run: InstructionInfo, scope: 'run' | 'stage'): InstructionInfo | null {
  const runs = scope === 'run' ? [run] : model.stages.filter((s) => descendsFrom(model, s, stage)).flatMap((s) => runsOf(s).filter((r) => r.index >= run.index));
  return runs.find((r) => commandsOf(model, r).length > 0 && diesOfSigpipe(r.script!.shell().commands)) ?? null;
}

/** A pipeline whose producer is meant to be cut off: `yes | …`, `… | head`, `… | grep -q`. */
function diesOfSigpipe(commands: SimpleCommand[]): boolean {
  return commands.some((c, k) => {
    const next = commands[k + 1];
    if (next?.joinedBy === '|' && nameOf(c) === 'yes') return true;
    if (c.joinedBy !== '|') return false;
    const name = nameOf(c);
    const at = commandIndex(c);
    const args = c.words.slice(at + 1).map((w) => w.value);
    return name === 'head' || (name === 'grep' && args.some((a) => /^-[a-zA-Z]*[qlm]/.test(a) || ['--quiet', '--silent', '--files-with-matches'].includes(a) || a.startsWith('--max-count')));
  });
}

/** How to turn pipefail on for this RUN, truthfully for its shell. */
function howTo(shell: string[] | null, kind: Family): Localized {
  if (shell && /(^|\/)bash$/.test(programOf(shell))) return { en: 'Start the RUN with `set -o pipefail`.', ru: 'Начните RUN с `set -o pipefail`.' };
  if (!shell && kind === 'alpine') return { en: 'BusyBox ash, alpine\'s /bin/sh, understands `set -o pipefail`: start the RUN with it.', ru: 'BusyBox ash, /bin/sh в alpine, понимает `set -o pipefail`: начните RUN с него.' };
  if (!shell && kind === 'bash-sh') return { en: '/bin/sh is bash here: start the RUN with `set -o pipefail`.', ru: 'Здесь /bin/sh — это bash: начните RUN с `set -o pipefail`.' };
  const dash = {
    en: 'Debian\'s and Ubuntu\'s /bin/sh is dash, which in the versions they ship has no pipefail (`set -o pipefail` stops the RUN with "Illegal option"): run such RUNs with bash, `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
    ru: '/bin/sh в Debian и Ubuntu — это dash, а в их версиях dash нет pipefail (`set -o pipefail` остановит RUN с ошибкой `Illegal option`): выполняйте такие RUN через bash, `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
  };
  if (!shell && kind === 'debian') return dash;
  return {
    en: `bash and BusyBox ash understand \`set -o pipefail\`; ${dash.en}`,
    ru: `bash и BusyBox ash понимают \`set -o pipefail\`; ${dash.ru}`,
  };
}

function message(pipe: RiskyPipe, how: Localized, sigpipeLine: number | null): Localized {
  const { producer: p, consumer: c } = pipe;
  const what: Localized = pipe.risk === 'runs-script' ? {
    en: `If \`${p}\` fails, \`${c}\` runs an empty or truncated script and succeeds: the RUN passes and the image is built without whatever that script was to install. A pipe's exit status is that of its last command only.`,
    ru: `Если \`${p}\` упадёт, \`${c}\` выполнит пустой или обрезанный скрипт и завершится успешно: RUN пройдёт, и образ соберётся без того, что этот скрипт должен был установить. Код возврата конвейера — код его последней команды.`,
  } : pipe.risk === 'writes-result' ? {
    en: `If \`${p}\` fails, \`${c}\` gets an empty or truncated stream and may still succeed, so the RUN passes with an empty or partial result: a pipe's exit status is that of its last command only.`,
    ru: `Если \`${p}\` упадёт, \`${c}\` получит пустой или обрезанный поток и может завершиться успешно, и RUN пройдёт с пустым или неполным результатом: код возврата конвейера — код его последней команды.`,
  } : pipe.risk === 'key-unchecked' ? {
    en: `If \`${p}\` fails, \`${c}\` gets no key and fails, but the script does not stop on errors (no \`set -e\`), so the next lines run and nothing may catch it: the repository is then used without its key. Pair pipefail with \`set -e\`.`,
    ru: `Если \`${p}\` упадёт, \`${c}\` не получит ключа и упадёт, но скрипт не останавливается на ошибках (нет \`set -e\`), следующие строки выполнятся, и этого может никто не заметить: репозиторий останется без ключа. Включайте pipefail вместе с \`set -e\`.`,
  } : {
    en: `If \`${p}\` fails, \`${c}\` rejects the empty key itself and a later \`apt-get update\` from that repository fails without it, so the build does stop; pipefail would only name the real cause sooner.`,
    ru: `Если \`${p}\` упадёт, \`${c}\` сам отвергнет пустой ключ, а следующий \`apt-get update\` из этого репозитория без ключа упадёт, так что сборка всё равно остановится; pipefail лишь раньше покажет настоящую причину.`,
  };
  const noFix: Localized = sigpipeLine === null ? { en: '', ru: '' } : {
    en: ` No automatic fix: the pipe at line ${sigpipeLine} cuts its producer off on purpose (\`yes | …\`, \`… | head\`), and with pipefail its SIGPIPE would fail that RUN.`,
    ru: ` Без автоматического исправления: конвейер в строке ${sigpipeLine} намеренно обрывает свою первую команду (\`yes | …\`, \`… | head\`), и с pipefail её SIGPIPE обрушит ту RUN.`,
  };
  return { en: `${what.en} ${how.en}${noFix.en}`, ru: `${what.ru} ${how.ru}${noFix.ru}` };
}

type Family = 'debian' | 'alpine' | 'bash-sh' | null;

function family(model: DockerfileModel, stage: Stage): Family {
  const root = rootStage(model, stage);
  const name = (root.base.name ?? '').toLowerCase().replace(/^docker\.io\/(library\/)?/, '').replace(/^library\//, '');
  const tag = (root.base.tag ?? '').toLowerCase();
  if (!name || root.base.scratch) return null;
  if (name === 'alpine' || /alpine/.test(tag)) return 'alpine';
  if (/windows|nanoserver|servercore/.test(`${name}:${tag}`)) return null;
  if (DEBIAN_BASED.has(name)) return 'debian';
  if (BASH_AS_SH.test(name)) return 'bash-sh';
  return null;
}

function fixFor(model: DockerfileModel, run: InstructionInfo, shell: string[] | null, kind: Family): Fix[] {
  const script = run.script!;
  const prepend = (): Fix => {
    // A heredoc body gets a line of its own, after its `#!` line: `&&` before a shebang would lose it.
    const asLine = firstBodyLine(model, run, 'set -o pipefail');
    if (asLine) return { title: { en: 'Add `set -o pipefail` as the first line of the body (the build then fails when any piped command fails)', ru: 'Добавить `set -o pipefail` первой строкой тела (сборка будет падать при ошибке любой команды конвейера)' }, edits: [asLine], safe: false };
    const at = model.lines.positionAt(documentOffset(model.lines, script, 0));
    return {
      title: { en: 'Prepend `set -o pipefail &&` to this RUN (the build then fails when any piped command fails)', ru: 'Добавить `set -o pipefail &&` в начало этой RUN (сборка будет падать при ошибке любой команды конвейера)' },
      edits: [{ range: { start: at, end: at }, newText: 'set -o pipefail && ' }],
      safe: false,
    };
  };
  if (shell) return /(^|\/)bash$/.test(programOf(shell)) ? [prepend()] : [];
  if (kind === 'alpine' || kind === 'bash-sh') return [prepend()];
  if (kind !== 'debian') return [];
  const indent = /^[ \t]*/.exec(model.lines.lineText(run.range.start.line))![0];
  return [{
    title: { en: 'Insert `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (bash then runs this and every later RUN of the stage)', ru: 'Вставить `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` перед этой RUN (bash будет выполнять её и все следующие RUN этапа)' },
    edits: [{ range: { start: run.range.start, end: run.range.start }, newText: `${keywordCase(model, 'SHELL')} ["/bin/bash", "-o", "pipefail", "-c"]${model.eol}${indent}` }],
    safe: false,
  }];
}
