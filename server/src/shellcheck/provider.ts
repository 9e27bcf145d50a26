/**
 * The asynchronous side of the ShellCheck rule: finds the executable once, runs it
 * on the scripts nobody has checked yet (batched by dialect, a few processes at a
 * time, each bounded in time) and remembers the results by job key, so adapters can
 * hand the rule a plain synchronous snapshot at any moment. Never rejects, never
 * throws at its callers: a missing executable is one log line, a slow one a
 * timeout entry that is retried later.
 */
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellcheckComment, ShellcheckDialect, ShellcheckFacts, ShellcheckJob, ShellcheckResult } from '../rules/support/shellcheck-facts';
import { locateShellcheck, type Located, type ShellcheckExecutable, type ShellcheckSetting } from './locate';
import { runBatch, type BatchFile } from './run';

export interface ShellcheckProviderOptions {
  setting: ShellcheckSetting;
  /** For PATH; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** One process may take this long before it is killed. Default 2 s. */
  timeoutMs?: number;
  /** Scripts per process. Default 16. */
  batchSize?: number;
  /** Processes at a time. Default 2 (editors share the machine with builds). */
  concurrency?: number;
  /** Results kept (least recently used go first). Default 5000. */
  maxEntries?: number;
  /** A script that could not be checked (timeout, crash) is tried again after this long. Default 60 s. */
  errorTtlMs?: number;
  /** One line when the executable is missing, and one per failed batch. */
  log?: (line: string) => void;
}

/** Results known now, and the jobs still worth running. */
export interface KnownShellcheck {
  facts: ShellcheckFacts;
  missing: ShellcheckJob[];
}

interface Memo { at: number; result: ShellcheckResult }

/** Counters for tests and the output channel. */
export interface ShellcheckStats { processes: number; scriptsChecked: number; timeouts: number }

export class ShellcheckProvider {
  readonly stats: ShellcheckStats = { processes: 0, scriptsChecked: 0, timeouts: 0 };
  private readonly memo = new Map<string, Memo>();
  private readonly running = new Map<string, Promise<void>>();
  private located: Promise<Located> | undefined;
  private unavailable = false;
  private tmp: string | undefined;
  private fileSeq = 0;
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly opts: ShellcheckProviderOptions) {
    this.unavailable = opts.setting.mode === 'off';
  }

  /** The executable (looked up once), or why there is none. */
  executable(): Promise<Located> {
    return (this.located ??= locateShellcheck(this.opts.setting, this.opts.env).then((l) => {
      if (!l.found) {
        this.unavailable = true;
        if (this.opts.setting.mode !== 'off') this.opts.log?.(`shellcheck: ${l.reason}`);
      }
      return l;
    }));
  }

  /** Synchronous snapshot; never starts a process. Nothing is missing once ShellCheck is known to be unavailable. */
  known(jobs: readonly ShellcheckJob[]): KnownShellcheck {
    const facts = new Map<string, ShellcheckResult>();
    const missing: ShellcheckJob[] = [];
    if (this.unavailable) return { facts, missing };
    const now = Date.now();
    for (const job of jobs) {
      const m = this.memo.get(job.key);
      if (m) {
        // Least recently used goes first: a hit moves to the end.
        this.memo.delete(job.key);
        this.memo.set(job.key, m);
        facts.set(job.key, m.result);
      }
      if (!m || ('error' in m.result && now - m.at >= (this.opts.errorTtlMs ?? 60_000))) missing.push(job);
    }
    return { facts, missing };
  }

  /** True while some job has no result yet and may still get one. */
  pending(jobs: readonly ShellcheckJob[]): boolean {
    return !this.unavailable && jobs.some((j) => !this.memo.has(j.key));
  }

  /**
   * Checks the jobs that are unknown (or failed long ago) and resolves with the
   * snapshot for all of them. Concurrent calls for one script share one run.
   * Once `signal` is aborted (the document changed again), batches of this call
   * that have not started yet are dropped, so ShellCheck does not compete with
   * the typing for the CPU; the next version asks for them again.
   */
  async lookup(jobs: readonly ShellcheckJob[], signal?: AbortSignal): Promise<ShellcheckFacts> {
    if (this.unavailable || jobs.length === 0) return this.known(jobs).facts;
    const located = await this.executable();
    if (!located.found) return this.known(jobs).facts;
    // A batch another caller started and then dropped leaves its scripts unknown: this caller runs them itself.
    for (let round = 0; round < 3 && !signal?.aborted; round++) {
      const start = this.known(jobs).missing.filter((j) => !this.running.has(j.key));
      if (round > 0 && start.length === 0) break;
      for (const [dialect, group] of byDialect(start)) {
        const size = Math.max(1, this.opts.batchSize ?? 16);
        for (let i = 0; i < group.length; i += size) {
          const batch = group.slice(i, i + size);
          const job = this.limited(() => this.check(located.exe, dialect, batch), signal);
          for (const j of batch) this.running.set(j.key, job);
          const done = () => { for (const j of batch) if (this.running.get(j.key) === job) this.running.delete(j.key); };
          job.then(done, done);
        }
      }
      await Promise.all(jobs.map((j) => this.running.get(j.key)));
    }
    return this.known(jobs).facts;
  }

  /** Removes the temporary folder; the provider still answers from its memory afterwards. */
  dispose(): void {
    if (this.tmp) removeTemp(this.tmp);
    this.tmp = undefined;
  }

  private async limited(task: () => Promise<void>, signal?: AbortSignal): Promise<void> {
    const waited = this.active >= Math.max(1, this.opts.concurrency ?? 2);
    if (waited) await new Promise<void>((go) => this.queue.push(go));
    if (signal?.aborted) {
      // Dropped: a slot handed to this batch goes on to the next one, unused.
      if (waited) this.queue.shift()?.();
      return;
    }
    this.active++;
    try {
      await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  private async check(exe: ShellcheckExecutable, dialect: ShellcheckDialect, jobs: ShellcheckJob[]): Promise<void> {
    const effective = dialect === 'busybox' && !exe.busybox ? 'sh' : dialect;
    let dir: string;
    let files: (BatchFile & { job: ShellcheckJob; lines: number })[];
    try {
      dir = this.tempDir();
      files = jobs.map((job) => ({ job, name: `s${++this.fileSeq}.sh`, ...scriptFile(job) }));
      for (const f of files) writeFileSync(join(dir, f.name), f.content);
    } catch (e) {
      this.fail(jobs, `cannot write temporary files: ${(e as Error).message}`);
      return;
    }
    this.stats.processes++;
    const outcome = await runBatch(exe, effective, files, dir, this.opts.timeoutMs ?? 2000);
    for (const f of files) { try { unlinkSync(join(dir, f.name)); } catch { /* already gone */ } }
    if ('error' in outcome) {
      if (outcome.error.startsWith('timed out')) this.stats.timeouts++;
      this.fail(jobs, outcome.error);
      return;
    }
    this.stats.scriptsChecked += jobs.length;
    const now = Date.now();
    for (const f of files) {
      const comments = (outcome.byFile.get(f.name) ?? []).filter((c) => keep(c, f.lines, dialect !== effective));
      this.remember(f.job.key, { at: now, result: { comments } });
    }
  }

  private fail(jobs: ShellcheckJob[], error: string): void {
    this.opts.log?.(`shellcheck: ${jobs.length} script(s) not checked: ${error}`);
    const now = Date.now();
    for (const j of jobs) this.remember(j.key, { at: now, result: { error } });
  }

  private remember(key: string, memo: Memo): void {
    this.memo.delete(key);
    this.memo.set(key, memo);
    const max = this.opts.maxEntries ?? 5000;
    for (const oldest of this.memo.keys()) {
      if (this.memo.size <= max) break;
      this.memo.delete(oldest);
    }
  }

  private tempDir(): string {
    if (!this.tmp) {
      this.tmp = mkdtempSync(join(tmpdir(), 'dockerfile-lecture-hints-shellcheck-'));
      if (TEMP_DIRS.size === 0 && !exitHook) {
        exitHook = true;
        process.once('exit', () => { for (const d of [...TEMP_DIRS]) removeTemp(d); });
      }
      TEMP_DIRS.add(this.tmp);
    }
    return this.tmp;
  }
}

/**
 * The file ShellCheck reads: the script with CR before LF dropped (a CRLF file's
 * heredoc; no column moves), then one line exporting the names ARG and ENV set.
 * Appended rather than prepended: no line number moves, and a `# shellcheck
 * disable=…` before the script's first command still covers the whole script.
 * SC2154 looks for an assignment anywhere in the script, so the end is enough.
 */
function scriptFile(job: ShellcheckJob): { content: string; lines: number } {
  let text = job.text.replace(/\r(?=\n)/g, '');
  if (!text.endsWith('\n')) text += '\n';
  const lines = text.split('\n').length - 1;
  const exports = job.exported.length > 0 ? `export ${job.exported.map((n) => `${n}=1`).join(' ')}\n` : '';
  return { content: text + exports, lines };
}

/**
 * Drops what is about our appended line (say, SC2317 "unreachable" after an `exit`),
 * but keeps a parse error found there: it belongs to the script's unfinished end.
 * With `sh` standing in for BusyBox (ShellCheck before 0.10), drops the SC3xxx
 * portability warnings: BusyBox ash has most of those features (`[[`, `local`, `$'…'`).
 */
function keep(c: ShellcheckComment, lines: number, busyboxAsSh: boolean): boolean {
  if (c.line > lines && c.level !== 'error') return false;
  return !(busyboxAsSh && c.code >= 3000 && c.code < 4000);
}

function byDialect(jobs: ShellcheckJob[]): Map<ShellcheckDialect, ShellcheckJob[]> {
  const out = new Map<ShellcheckDialect, ShellcheckJob[]>();
  for (const j of jobs) {
    const list = out.get(j.dialect);
    if (list) list.push(j); else out.set(j.dialect, [j]);
  }
  return out;
}

/** Temporary folders of every provider, removed when the process exits (dispose() removes one sooner). */
const TEMP_DIRS = new Set<string>();
let exitHook = false;

function removeTemp(dir: string): void {
  TEMP_DIRS.delete(dir);
  try { rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
}
