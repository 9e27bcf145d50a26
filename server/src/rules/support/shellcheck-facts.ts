/**
 * ShellCheck results as plain data. The asynchronous provider (shellcheck/provider.ts)
 * runs the executable and produces them; the synchronous rule only reads a snapshot.
 * This module decides WHAT is checked — which scripts, in which dialect, with which
 * variables already set — so the rule and the provider agree on one cache key.
 */
import type { DockerfileModel, InstructionInfo, LogicalScript, Stage } from '../../model/types';
import { parentStage, rootStage } from '../../model/lineage';
import { programOf } from '../../model/shells';
import { runsPosixShell, scriptShell } from './shell-context';
import { declaredNames } from './declared-names';
import { inheritedContext, perStage } from './stage-cache';

/** The dialects ShellCheck knows (`busybox` only from 0.10; the provider falls back to `sh`). */
export type ShellcheckDialect = 'sh' | 'bash' | 'dash' | 'ksh' | 'busybox';

/** One script to check: what the provider needs, nothing about the Dockerfile. */
export interface ShellcheckJob {
  /** Dialect, exported names and text: equal keys give equal results. */
  key: string;
  text: string;
  dialect: ShellcheckDialect;
  /** Names the Dockerfile sets before the script runs (ARG, ENV): assigned for SC2154. */
  exported: readonly string[];
}

/**
 * A script of the model and the job that checks it. `shellKnown` is false when the
 * script runs with /bin/sh of an image we cannot place (checked as POSIX sh, the
 * strictest reading): there a "not in POSIX sh" warning may be about a bash or
 * ash that supports it.
 */
export interface ShellcheckTarget { ins: InstructionInfo; script: LogicalScript; job: ShellcheckJob; shellKnown: boolean }

export type ShellcheckLevel = 'error' | 'warning' | 'info' | 'style';

/** One ShellCheck comment; lines and columns 1-based, columns in code points of `job.text` (json1 counts a tab as 1). */
export interface ShellcheckComment {
  code: number;
  level: ShellcheckLevel;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** ShellCheck could not check the script (timed out, crashed): no findings, no error shown to the user. */
export interface ShellcheckError { error: string }

export type ShellcheckResult = { comments: readonly ShellcheckComment[] } | ShellcheckError;

/** Results by job key; a snapshot, never mutated after it is handed out. */
export type ShellcheckFacts = ReadonlyMap<string, ShellcheckResult>;

/** Bigger scripts are generated, not written: checking them would cost seconds for nothing a person reads. */
export const MAX_SCRIPT_LENGTH = 64 * 1024;

/** The builder's predefined proxy ARGs: RUN sees them without an ARG line (upper-case ones ShellCheck never flags). */
const PREDEFINED = ['all_proxy', 'ftp_proxy', 'http_proxy', 'https_proxy', 'no_proxy'];

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isShellcheckError(r: ShellcheckResult | undefined): r is ShellcheckError {
  return r !== undefined && 'error' in r;
}

const targetCache = new WeakMap<DockerfileModel, ShellcheckTarget[]>();

/**
 * Every shell-form RUN script and `RUN <<EOF` body of the model that ShellCheck
 * can check, in file order. Memoised per model: the adapter (to look results up)
 * and the rule (to read them) ask for the same version.
 */
export function shellcheckTargets(model: DockerfileModel): ShellcheckTarget[] {
  let out = targetCache.get(model);
  if (!out) targetCache.set(model, (out = collect(model)));
  return out;
}

/** The jobs of a model, without duplicates (two identical RUNs are checked once). */
export function shellcheckJobs(model: DockerfileModel): ShellcheckJob[] {
  const byKey = new Map<string, ShellcheckJob>();
  for (const t of shellcheckTargets(model)) {
    // A generated file with thousands of RUNs would keep ShellCheck busy for minutes: the first scripts are checked.
    if (byKey.size >= MAX_JOBS_PER_FILE && !byKey.has(t.job.key)) continue;
    byKey.set(t.job.key, t.job);
  }
  return [...byKey.values()];
}

/** Distinct scripts of one file handed to ShellCheck (the most RUNs in one of the 248 corpus files: 56). */
const MAX_JOBS_PER_FILE = 400;

function collect(model: DockerfileModel): ShellcheckTarget[] {
  const out: ShellcheckTarget[] = [];
  // ENV survives into the stages built FROM this one; ARG does not.
  const envAtEnd: ReadonlySet<string>[] = [];
  for (const stage of model.stages) {
    const parent = parentStage(model, stage);
    // A stage's scripts depend on it and the stages it builds on (their ENV, SHELL and base image), which is
    // what the per-stage cache keys on: an edit elsewhere in a big file does not collect them again.
    const collected = perStage('shellcheck-targets', stage, inheritedContext(model, stage), () => collectStage(model, stage, parent ? envAtEnd[parent.index] : new Set()));
    envAtEnd[stage.index] = collected.env;
    for (const t of collected.targets) out.push(t);
  }
  return out;
}

function collectStage(model: DockerfileModel, stage: Stage, inherited: ReadonlySet<string>): { targets: ShellcheckTarget[]; env: ReadonlySet<string> } {
  const targets: ShellcheckTarget[] = [];
  const env = new Set<string>(inherited);
  const visible = new Set<string>([...env, ...PREDEFINED]);
  // The sorted names change only at an ARG or ENV: RUNs in between share them.
  let exported: string[] | null = null;
  for (const ins of stage.instructions) {
    if (ins.keyword === 'ARG' || ins.keyword === 'ENV') {
      for (const d of declaredNames(model, ins)) {
        visible.add(d.name);
        if (ins.keyword === 'ENV') env.add(d.name);
      }
      exported = null;
      continue;
    }
    if (ins.keyword !== 'RUN') continue;
    const script = ins.script;
    if (!script || script.text.length > MAX_SCRIPT_LENGTH || script.text.trim() === '') continue;
    const shell = dialectOf(model, stage, ins);
    if (!shell) continue;
    // Upper-case names too: ShellCheck never reports them unassigned, but it takes a used `KAFKA_VERSION`
    // for a misspelling (SC2153) of an assigned `kafka_version` when only the latter is exported.
    exported ??= [...visible].filter((n) => SHELL_NAME.test(n)).sort();
    const text = script.text;
    const { dialect, known } = shell;
    targets.push({ ins, script, shellKnown: known, job: { key: `${dialect}\u0000${exported.join(',')}\u0000${text}`, text, dialect, exported } });
  }
  return { targets, env };
}

/**
 * The dialect of the program that runs the script: the heredoc's own
 * interpreter or `#!` line, else the SHELL in force, else the image's /bin/sh.
 * Null for what ShellCheck cannot check (zsh, PowerShell, cmd, Windows stages).
 */
function dialectOf(model: DockerfileModel, stage: Stage, ins: InstructionInfo): { dialect: ShellcheckDialect; known: boolean } | null {
  if (!runsPosixShell(model, ins)) return null;
  const argv = scriptShell(model, ins);
  const program = argv ? programName(programOf(argv)) : 'sh';
  switch (program) {
    case 'bash': return { dialect: 'bash', known: true };
    case 'dash': return { dialect: 'dash', known: true };
    case 'ksh': case 'mksh': return { dialect: 'ksh', known: true };
    case 'ash': case 'busybox': return { dialect: 'busybox', known: true };
    case 'sh': {
      const dialect = imageSh(model, stage);
      return dialect ? { dialect, known: true } : { dialect: 'sh', known: false };
    }
    default: return null;
  }
}

function programName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase().replace(/\.exe$/, '');
}

/** Debian and Ubuntu release names, as image tags carry them (`node:22-bookworm`, `eclipse-temurin:21-noble`). */
const DEBIAN_RELEASE = /(^|[-.])(stretch|buster|bullseye|bookworm|trixie|forky|sid|xenial|bionic|focal|jammy|noble|oracular|plucky)($|[-.])/;
/** Official images whose variants without a release or `alpine` in the tag are built on Debian or Ubuntu. */
const DEBIAN_BASED = new Set(['debian', 'ubuntu', 'buildpack-deps', 'node', 'python', 'golang', 'ruby', 'rust', 'php', 'perl', 'openjdk', 'eclipse-temurin', 'nginx', 'httpd', 'postgres', 'redis', 'tomcat']);
/** Images whose /bin/sh is bash (the Red Hat family, Amazon Linux). */
const BASH_SH = new Set(['almalinux', 'rockylinux', 'centos', 'fedora', 'amazonlinux', 'oraclelinux', 'ubi8', 'ubi9', 'ubi10', 'ubi8-minimal', 'ubi9-minimal', 'ubi10-minimal']);

/**
 * What /bin/sh is in the stage's base image: BusyBox ash on Alpine and BusyBox,
 * dash on Debian and Ubuntu, bash on the Red Hat family; null when unknown.
 */
function imageSh(model: DockerfileModel, stage: Stage): ShellcheckDialect | null {
  const base = rootStage(model, stage).base;
  const name = (base.name ?? '').toLowerCase();
  const last = name.slice(name.lastIndexOf('/') + 1);
  const tag = (base.tag ?? '').toLowerCase();
  if (last === 'alpine' || last === 'busybox' || /(^|[-.])alpine/.test(tag)) return 'busybox';
  if (BASH_SH.has(last) || /(^|[-.])(ubi\d+|amazoncorretto|al2023|oraclelinux\d*|rockylinux\d*|almalinux\d*)($|[-.])/.test(tag)) return 'bash';
  // Only the official images (`node`, `docker.io/library/node`): `someone/node` may be built on anything.
  const official = name.replace(/^(docker\.io\/)?(library\/)?/, '');
  if (DEBIAN_RELEASE.test(tag) || DEBIAN_BASED.has(official)) return 'dash';
  return null;
}
