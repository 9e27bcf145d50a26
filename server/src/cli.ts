/** Command-line linter: a thin adapter over the same analysis core as the server. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, type Lang } from './index';
import { atLeast } from './core/severity';
import { langFromLocale } from '../../common/i18n';
import { parseArgs, UsageError, USAGE, type LintArgs } from './cli/args';
import { readSource, writeSource, InputError, type SourceText } from './cli/read';
import { escapeControls } from './cli/escape';
import { formatRules, type FileReport } from './cli/format/index';
import { renderReport, writeReport } from './cli/output';
import { lookUpFacts } from './cli/registry';
import { fixAllWithFacts, withRegistryFacts } from './pinning';
import { checkModels, createShellcheckProvider, shellcheckJobs, withShellcheckFacts } from './shellcheck';
import { projectOptionsFor } from './config/project';
import type { Severity } from './core/types';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const envLang: Lang = langFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  let args;
  try {
    args = parseArgs(argv, envLang);
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`error: ${e.message} (see --help)\n`); return 2; }
    throw e;
  }
  switch (args.command) {
    case 'help': process.stdout.write(USAGE + '\n'); return 0;
    case 'version': process.stdout.write(VERSION + '\n'); return 0;
    case 'rules': process.stdout.write(formatRules(args.format, args.lang)); return 0;
    case 'lint': return lint(args, env);
  }
}

async function lint(args: LintArgs, env: NodeJS.ProcessEnv): Promise<number> {
  // One entry per file given, in order: a file that cannot be read keeps its place with its error.
  const inputs: (SourceText | { path: string; error: string })[] = [];
  for (const path of args.files) {
    try {
      inputs.push(readSource(path));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      inputs.push({ path, error: e.message });
    }
  }
  if (args.config && !existsSync(args.config)) {
    process.stderr.write(`error: ${args.config}: cannot read: no such file\n`);
    return 2;
  }
  // Each file gets the project configuration nearest to it (standard input: the current folder's).
  const warned = new Set<string>();
  const optionsFor = (path: string) => {
    const project = projectOptionsFor(path === '-' ? join(process.cwd(), 'Dockerfile') : resolve(path), args.config);
    if (project.configPath && project.config?.problems.length && !warned.has(project.configPath)) {
      warned.add(project.configPath);
      for (const p of project.config.problems) process.stderr.write(`warning: ${escapeControls(`${project.configPath}: ${p}`)}\n`);
    }
    const failOn: Severity | 'never' = args.failOnGiven ? args.failOn : project.config?.failureThreshold ?? args.failOn;
    const context = { ...project.analyze.context, filePath: path === '-' ? undefined : resolve(path) };
    // The preset is an analysis option: the core applies it under the project's settings, and fix-all sees its severities.
    return { analyze: { lang: args.lang, ...project.analyze, preset: args.preset, context }, failOn };
  };
  // Options and a first analysis per file, computed once: the facts look-up needs the models.
  const prepared = inputs.map((s) => {
    if ('error' in s) return s;
    const { analyze: options, failOn } = optionsFor(s.path);
    return { ...s, options, failOn, analysis: analyze(s.text, options) };
  });
  const models = prepared.map((p) => ('analysis' in p ? p.analysis.model : null));
  // One wait for the registry facts of every file (bounded), before anything is printed.
  const facts = await lookUpFacts(models, args, env);
  // ShellCheck is a local program, not the network: --offline does not turn it off. Absent, it is a note.
  const shellcheck = createShellcheckProvider({ profile: 'cli', setting: args.shellcheck, env, log: (l) => process.stderr.write(`note: ${escapeControls(l)}\n`) });
  const scFacts = await checkModels(shellcheck, models);
  const reports: FileReport[] = [];
  let failed = false;
  for (const p of prepared) {
    if ('error' in p) { reports.push({ path: p.path, findings: [], error: p.error }); continue; }
    const { path, text: original, bom, options, failOn, analysis: first } = p;
    let text = original;
    let error: string | undefined;
    if (args.fix) {
      const fixed = fixAllWithFacts(text, options, facts);
      if (fixed.applied > 0) {
        const out = (bom ? '\ufeff' : '') + fixed.text;
        if (path === '-') process.stdout.write(out);
        else error = writeSource(path, out);
        // Unsaved fixes are not in the file: its report is of the text it still holds.
        if (error === undefined) text = fixed.text;
      } else if (path === '-') {
        process.stdout.write((bom ? '\ufeff' : '') + text);
      }
    }
    let analysis = withRegistryFacts(text === original ? first : analyze(text, options), facts, options);
    // --fix rewrote RUN lines: their scripts were not checked yet.
    const scripts = text !== original && analysis.model ? await shellcheck.lookup(shellcheckJobs(analysis.model)) : scFacts;
    analysis = withShellcheckFacts(analysis, scripts, options);
    const findings = analysis.findings;
    reports.push({ path, findings, skipped: analysis.skipped, error });
    failed ||= failOn !== 'never' && findings.some((f) => atLeast(f.severity, failOn));
  }
  shellcheck.dispose();
  // With `--fix -` standard output holds the fixed text: the report goes to standard error.
  const toStdout = !(args.fix && args.files.includes('-'));
  // Per-file errors go to standard error in every format (as ever); the other formats also carry them in the report.
  for (const r of reports) if (r.error) process.stderr.write(`error: ${escapeControls(r.error)}\n`);
  let unwritten = false;
  for (const output of args.outputs) {
    if (output.file !== undefined) {
      const problem = writeReport(output.file, renderReport(output.format, reports, args.lang, VERSION, false));
      if (problem) { process.stderr.write(`error: ${escapeControls(problem)}\n`); unwritten = true; }
      continue;
    }
    const color = toStdout && process.stdout.isTTY === true && !env.NO_COLOR;
    (toStdout ? process.stdout : process.stderr).write(renderReport(output.format, reports, args.lang, VERSION, color));
  }
  // A file not read, not analysed or not written, or a report not written, is not a clean run: that outranks findings.
  if (unwritten || reports.some((r) => r.error !== undefined || r.skipped !== undefined)) return 2;
  return failed ? 1 : 0;
}
