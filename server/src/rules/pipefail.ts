import { rootStage } from '../model/lineage';
import type { Fix, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import { commandIndex, baseName, type SimpleCommand } from '../shell/tokenize';
import type { Rule } from './rule';
import { findingsPerStage } from './support/stage-cache';
import { commandsOf, runsOf } from './support/run-commands';
import { documentEnd, firstBodyLine } from './support/script-edits';
import { scriptShell } from './support/shell-context';
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
 * command only, so `curl … | tar x` "succeeds" even when the download failed.
 */
export const pipefail: Rule = {
  id: 'pipefail',
  aliases: ['DL4006'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'A pipe in RUN hides the failure of every command but the last: set `-o pipefail`.',
    ru: 'Конвейер в RUN скрывает ошибки всех команд, кроме последней: включите `-o pipefail`.',
  },
  check(model) {
    return findingsPerStage('pipefail', model, (stage) => {
      const findings: RawFinding[] = [];
      for (const run of runsOf(stage)) {
        const shell = scriptShell(model, run);
        if (shell && shell.some((a) => /pipefail/.test(a))) continue;
        if (commandsOf(model, run).length === 0) continue; // not a POSIX shell, or unparsable
        const pipe = riskyPipeline(run.script!.shell().commands);
        if (!pipe) continue;
        const [from, to] = pipe;
        const script = run.script!;
        const left = pipe[2];
        findings.push({
          range: { start: model.lines.positionAt(documentOffset(model.lines, script, from.start)), end: model.lines.positionAt(documentEnd(model, script, to.end)) },
          message: {
            en: `This pipe's exit status is that of its last command only: if \`${left}\` fails, the RUN still succeeds and the build goes on with a broken result. Run it with \`set -o pipefail\` (bash, ash) or \`SHELL ["/bin/bash", "-o", "pipefail", "-c"]\`.`,
            ru: `Код возврата этого конвейера — код его последней команды: если \`${left}\` упадёт, RUN всё равно завершится успешно, и сборка пойдёт дальше со сломанным результатом. Запускайте с \`set -o pipefail\` (bash, ash) или \`SHELL ["/bin/bash", "-o", "pipefail", "-c"]\`.`,
          },
          fixes: fixFor(model, stage, run, shell),
        });
      }
      return findings;
    });
  },
};

/** The first top-level pipeline with a producer on the left whose failure matters, unless `set -o pipefail` came before. */
function riskyPipeline(commands: SimpleCommand[]): [SimpleCommand, SimpleCommand, string] | null {
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    if (c.depth === 0 && setsPipefail(c)) return null;
    if (c.depth !== 0 || commands[i + 1]?.joinedBy !== '|' || commands[i + 1].depth !== 0) continue;
    let end = i + 1;
    while (commands[end + 1]?.joinedBy === '|' && commands[end + 1].depth === 0) end++;
    const risky = commands.slice(i, end).find((x) => PRODUCERS.has(nameOf(x)));
    if (risky) return [c, commands[end], nameOf(risky)];
    i = end;
  }
  return null;
}

function nameOf(c: SimpleCommand): string {
  const at = commandIndex(c);
  return at < 0 ? '' : baseName(c.words[at].value);
}

function setsPipefail(c: SimpleCommand): boolean {
  return nameOf(c) === 'set' && c.words.some((w, i) => w.value === 'pipefail' && i > 0 && /^-[a-z]*o$/.test(c.words[i - 1].value));
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

function fixFor(model: DockerfileModel, stage: Stage, run: InstructionInfo, shell: string[] | null): Fix[] {
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
  const kind = family(model, stage);
  if (kind === 'alpine' || kind === 'bash-sh') return [prepend()];
  if (kind !== 'debian') return [];
  const indent = /^[ \t]*/.exec(model.lines.lineText(run.range.start.line))![0];
  return [{
    title: { en: 'Insert `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (bash then runs this and every later RUN of the stage)', ru: 'Вставить `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` перед этой RUN (bash будет выполнять её и все следующие RUN этапа)' },
    edits: [{ range: { start: run.range.start, end: run.range.start }, newText: `${keywordCase(model, 'SHELL')} ["/bin/bash", "-o", "pipefail", "-c"]${model.eol}${indent}` }],
    safe: false,
  }];
}
