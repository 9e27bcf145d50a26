import type { Severity } from '../../index';
import type { FileReport } from './report';
import { lineColumn } from './report';
import { xmlAttributes, XML_DECLARATION } from './xml';

/** Checkstyle knows error, warning, info (and ignore): a hint is the mildest it has. */
const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };
const TOOL = 'dockerfile-lecture-hints';

/**
 * Checkstyle XML (Jenkins warnings-ng, reviewdog, many CI dashboards), as
 * hadolint writes it: one <file> per file given, one <error> per finding;
 * `source` is our rule id (the message names hadolint's code). A file that
 * could not be read or analysed gets an <error> of its own, so it is not shown clean.
 */
export function formatCheckstyle(reports: FileReport[]): string {
  const out = [XML_DECLARATION, '<checkstyle version="4.3">'];
  for (const r of reports) {
    out.push(`  <file ${xmlAttributes({ name: r.path })}>`);
    if (r.error !== undefined) out.push(`    <error ${xmlAttributes({ line: 1, column: 1, severity: 'error', message: r.error, source: TOOL })}/>`);
    if (r.skipped !== undefined) out.push(`    <error ${xmlAttributes({ line: 1, column: 1, severity: 'warning', message: r.skipped, source: TOOL })}/>`);
    for (const f of r.findings) {
      const alias = f.aliases.length ? ` (${f.aliases.join(', ')})` : '';
      out.push(`    <error ${xmlAttributes({ ...lineColumn(f), severity: LEVEL[f.severity], message: `${f.message}${alias}`, source: f.rule })}/>`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
}
