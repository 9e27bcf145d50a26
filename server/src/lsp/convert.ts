import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../index';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SOURCE = 'lecture-hints';

/** A finding the analysis hands out again unchanged (see analyze.ts) is converted once. */
const converted = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(f: Finding): Diagnostic {
  let d = converted.get(f);
  if (!d) converted.set(f, (d = convert(f)));
  return d;
}

function convert(f: Finding): Diagnostic {
  // A ShellCheck finding is known by its own code (SC2086), with ShellCheck's wiki page for it.
  const sc = f.rule === 'shellcheck' ? f.aliases.find((a) => /^SC\d{4}$/.test(a)) : undefined;
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: sc ?? f.rule,
    ...(sc ? { codeDescription: { href: `https://www.shellcheck.net/wiki/${sc}` } } : {}),
    source: SOURCE,
    message: plainText(f.message),
    data: { rule: f.rule, lecture: f.lecture, beyondLecture: f.beyondLecture, aliases: f.aliases },
  };
}

/**
 * Editors show a diagnostic's message as plain text (the Problems panel, the
 * hover's first lines), where Markdown code spans read as stray backticks:
 * `x` becomes ‘x’. A message with an odd number of backticks (a Dockerfile
 * that uses ` as its escape character) is left as it is.
 */
function plainText(message: string): string {
  const ticks = message.split('`').length - 1;
  if (ticks === 0 || ticks % 2 !== 0) return message;
  return message.replace(/`([^`]*)`/g, '‘$1’');
}
