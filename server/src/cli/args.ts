import type { Lang, Severity } from '../index';
import type { Preset } from '../presets';

const REPORT_FORMATS = ['text', 'json', 'sarif', 'checkstyle', 'junit', 'gitlab'] as const;
export type ReportFormat = typeof REPORT_FORMATS[number];
/** One report: to `file`, or to standard output when absent. */
export interface ReportOutput { format: ReportFormat; file?: string }

export interface LintArgs {
  command: 'lint';
  files: string[];
  /** Each --format with the --output after it; at most one without a file (standard output). */
  outputs: ReportOutput[];
  lang: Lang;
  fix: boolean;
  offline: boolean;
  registryMirror?: string;
  failOn: Severity | 'never';
  /** Whether --fail-on was given: otherwise a project's failure-threshold applies. */
  failOnGiven: boolean;
  /** --config FILE: a .hadolint.yaml to use instead of the nearest one. */
  config?: string;
  /** --shellcheck: 'auto' (PATH), 'off', or the executable's path. */
  shellcheck: string;
  /** --preset: a rule set at its severities, under the user's and the project's settings. */
  preset: Preset;
}
export type CliArgs = LintArgs | { command: 'rules'; format: 'text' | 'markdown' | 'json'; lang: Lang } | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage:
  dockerfile-lecture-hints lint [options] FILE... | -
  dockerfile-lecture-hints rules [--format text|markdown|json] [--lang en|ru]

Options for lint:
  --format text|json|sarif|checkstyle|junit|gitlab
                             report format (default: text); repeat it for several reports
  --output FILE              write the report of the --format before it to FILE
                             (a --format without --output goes to standard output; at most one)
  --lang en|ru               language of messages (default: from LANG, else en)
  --fix                      apply all safe fixes in place (with '-': print the fixed text)
  --offline                  never use the network
  --registry-mirror URL      ask this registry instead of Docker Hub for docker.io images
  --fail-on error|warning|info|hint|never
                             exit 1 when a finding is at least this severe
                             (default: the project's failure-threshold, else error)
  --config FILE              use this .hadolint.yaml instead of the nearest one
  --preset default|hadolint  hadolint: only rules with a hadolint/ShellCheck code, at hadolint's
                             severities (settings in .hadolint.yaml still win)
  --shellcheck auto|off|PATH run ShellCheck on RUN scripts (default auto: the one on PATH, if any)
Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error
(a file not read, not analysed or whose fixes could not be written).`;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) throw new UsageError(`${name} needs a value (${allowed.join('|')})`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name} must be one of ${allowed.join('|')}, not '${value}'`);
  return value as T;
}

export function parseArgs(argv: string[], envLang: Lang): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  if (command === 'rules') {
    let format: 'text' | 'markdown' | 'json' = 'text';
    let lang = envLang;
    for (let i = 0; i < rest.length; i++) {
      const [flag, inline] = splitFlag(rest[i]);
      const value = () => inline ?? rest[++i];
      if (flag === '--format') format = oneOf(flag, value(), ['text', 'markdown', 'json'] as const);
      else if (flag === '--lang') lang = oneOf(flag, value(), ['en', 'ru'] as const);
      else throw new UsageError(`unknown option '${rest[i]}'`);
    }
    return { command: 'rules', format, lang };
  }
  if (command !== 'lint') throw new UsageError(`unknown command '${command}'`);
  const args: LintArgs = { command: 'lint', files: [], outputs: [], lang: envLang, fix: false, offline: false, failOn: 'error', failOnGiven: false, shellcheck: 'auto', preset: 'default' };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-' || !arg.startsWith('--')) { args.files.push(arg); continue; }
    const [flag, inline] = splitFlag(arg);
    const value = () => inline ?? rest[++i];
    switch (flag) {
      case '--format': args.outputs.push({ format: oneOf(flag, value(), REPORT_FORMATS) }); break;
      case '--output': {
        const file = value();
        if (!file) throw new UsageError('--output needs a file');
        // An --output before any --format is the default text report's.
        if (args.outputs.length === 0) args.outputs.push({ format: 'text' });
        const last = args.outputs[args.outputs.length - 1];
        if (last.file !== undefined) throw new UsageError(`--output '${file}': the --format before it already has an --output`);
        if (file !== '-') last.file = file;
        break;
      }
      case '--preset': args.preset = oneOf(flag, value(), ['default', 'hadolint'] as const); break;
      case '--shellcheck': {
        const setting = value();
        if (!setting) throw new UsageError('--shellcheck needs auto, off or the path of the executable');
        args.shellcheck = setting;
        break;
      }
      case '--lang': args.lang = oneOf(flag, value(), ['en', 'ru'] as const); break;
      case '--fail-on': args.failOn = oneOf(flag, value(), ['error', 'warning', 'info', 'hint', 'never'] as const); args.failOnGiven = true; break;
      case '--config': {
        const file = value();
        if (!file) throw new UsageError('--config needs a file (a .hadolint.yaml)');
        args.config = file;
        break;
      }
      case '--fix': args.fix = true; break;
      case '--offline': args.offline = true; break;
      case '--registry-mirror': {
        const url = value();
        if (!url || !/^https?:\/\/[^/]+/.test(url)) throw new UsageError('--registry-mirror needs an http(s) URL');
        args.registryMirror = url;
        break;
      }
      default: throw new UsageError(`unknown option '${arg}'`);
    }
  }
  if (args.files.length === 0) throw new UsageError('no files given (use - to read standard input)');
  if (args.outputs.length === 0) args.outputs.push({ format: 'text' });
  if (args.outputs.filter((o) => o.file === undefined).length > 1) {
    throw new UsageError('only one report can go to standard output: give the other --format an --output FILE');
  }
  const files = args.outputs.flatMap((o) => (o.file === undefined ? [] : [o.file]));
  if (new Set(files).size < files.length) throw new UsageError('two reports cannot be written to the same --output file');
  return args;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}
