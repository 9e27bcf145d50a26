/** Command-line linter: a thin adapter over the same analysis core as the server. */
import { writeFileSync } from 'node:fs';
import { analyze, fixAll, type Lang } from './index';
import { atLeast } from './core/severity';
import { langFromLocale } from './core/i18n';
import { parseArgs, UsageError, USAGE, type LintArgs } from './cli/args';
import { readSource, InputError } from './cli/read';
import { formatJson, formatRules, formatSarif, formatText, type FileReport } from './cli/format';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export function main(argv: string[], env: NodeJS.ProcessEnv): number {
  const envLang: Lang = langFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  let args;
  try {
    args = parseArgs(argv, envLang);
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`error: ${e.message}\n\n${USAGE}\n`); return 2; }
    throw e;
  }
  switch (args.command) {
    case 'help': process.stdout.write(USAGE + '\n'); return 0;
    case 'version': process.stdout.write(VERSION + '\n'); return 0;
    case 'rules': process.stdout.write(formatRules(args.format, args.lang)); return 0;
    case 'lint': return lint(args, env);
  }
}

function lint(args: LintArgs, env: NodeJS.ProcessEnv): number {
  const reports: FileReport[] = [];
  let ioError = false;
  for (const path of args.files) {
    let source;
    try {
      source = readSource(path);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      process.stderr.write(`error: ${e.message}\n`);
      ioError = true;
      continue;
    }
    let text = source.text;
    if (args.fix) {
      const fixed = fixAll(text, { lang: args.lang });
      if (fixed.applied > 0) {
        const out = (source.bom ? '\ufeff' : '') + fixed.text;
        if (path === '-') process.stdout.write(out);
        else writeFileSync(path, out);
        text = fixed.text;
      } else if (path === '-') {
        process.stdout.write((source.bom ? '\ufeff' : '') + text);
      }
    }
    const analysis = analyze(text, { lang: args.lang });
    reports.push({ path, findings: analysis.findings, skipped: analysis.skipped });
  }
  const toStdout = !(args.fix && args.files.includes('-'));
  const rendered = args.format === 'json' ? formatJson(reports)
    : args.format === 'sarif' ? formatSarif(reports, args.lang, VERSION)
    : formatText(reports, args.lang, toStdout && process.stdout.isTTY === true && !env.NO_COLOR);
  (toStdout ? process.stdout : process.stderr).write(rendered);
  if (ioError) return 2;
  const failOn = args.failOn;
  if (failOn === 'never') return 0;
  return reports.some((r) => r.findings.some((f) => atLeast(f.severity, failOn))) ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
