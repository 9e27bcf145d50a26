import { RULES, type Finding, type Lang } from '../index';
import { section, isSectionId } from '../../../common/lecture/sections';
import { escapeControls } from './escape';

export interface FileReport {
  path: string;
  findings: Finding[];
  /** Why the text was not analysed (too big). */
  skipped?: string;
  /** Why the file could not be read, or its fixes written. */
  error?: string;
}

function sectionTitle(id: string, lang: Lang): string {
  return isSectionId(id) ? section(id).title[lang] : id;
}

export function formatText(reports: FileReport[], lang: Lang, color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<string, number> = { error: 31, warning: 33, info: 36, hint: 90 };
  const out: string[] = [];
  let total = 0;
  for (const r of reports) {
    // Paths and messages quote the user's text: shown escaped, never acted on by the terminal.
    const path = escapeControls(r.path);
    if (r.skipped) out.push(`${path}: ${escapeControls(r.skipped)}`);
    for (const f of r.findings) {
      total++;
      const where = `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const alias = f.aliases.length ? ` (${f.aliases.join(', ')})` : '';
      const lecture = lang === 'ru' ? 'лекция' : 'lecture';
      const fixable = f.fixes.length ? (lang === 'ru' ? ' [есть исправление]' : ' [fix available]') : '';
      out.push(`${where}: ${paint(sevColor[f.severity], f.severity)} ${paint(1, f.rule)}${alias}: ${escapeControls(f.message)}${fixable}`);
      out.push(paint(90, `    ${lecture}: ${sectionTitle(f.lecture, lang)}`));
    }
  }
  out.push(lang === 'ru' ? `замечаний: ${total}, файлов: ${reports.length}` : `${total} finding(s) in ${reports.length} file(s)`);
  return out.join('\n') + '\n';
}

/**
 * The JSON contract other tools read: keep keys and shapes exactly as they
 * are. Version 1 only grows: `skipped` and `error` appear on a file only when
 * it was not analysed or could not be read or written.
 */
export function formatJson(reports: FileReport[]): string {
  return JSON.stringify({
    version: 1,
    files: reports.map((r) => ({
      path: r.path,
      ...(r.skipped !== undefined ? { skipped: r.skipped } : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
      diagnostics: r.findings.map((f) => ({
        rule: f.rule,
        aliases: f.aliases,
        severity: f.severity,
        message: f.message,
        lecture: f.lecture,
        range: f.range,
        fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
      })),
    })),
  }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 for code-scanning dashboards; columns are 1-based there. */
export function formatSarif(reports: FileReport[], lang: Lang, version: string): string {
  const region = (f: Finding) => ({
    startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
  });
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'dockerfile-lecture-hints',
          version,
          rules: RULES.map((r) => ({
            id: r.id,
            shortDescription: { text: r.description[lang] },
            defaultConfiguration: { level: SARIF_LEVEL[r.severity], enabled: r.enabledByDefault !== false },
            properties: { aliases: r.aliases, lecture: r.lecture },
          })),
        },
      },
      results: reports.flatMap((r) => r.findings.map((f) => ({
        ruleId: f.rule,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: artifact(r.path), region: region(f) } }],
        properties: { lecture: f.lecture, aliases: f.aliases },
      }))),
      invocations: [invocation(reports)],
    }],
  }, null, 2) + '\n';
}

const artifact = (path: string) => ({ uri: encodeURI(path.replace(/\\/g, '/')) });

/** Files not read, not analysed or not written, as SARIF tool notifications: a dashboard must not show them as clean. */
function invocation(reports: FileReport[]) {
  const notes = reports.flatMap((r) => [
    ...(r.error !== undefined ? [{ level: 'error', message: { text: r.error } }] : []),
    ...(r.skipped !== undefined ? [{ level: 'warning', message: { text: r.skipped } }] : []),
  ].map((n) => ({ ...n, locations: [{ physicalLocation: { artifactLocation: artifact(r.path) } }] })));
  return { executionSuccessful: !reports.some((r) => r.error !== undefined), toolExecutionNotifications: notes };
}

export function formatRules(format: 'text' | 'markdown' | 'json', lang: Lang): string {
  if (format === 'json') {
    return JSON.stringify(RULES.map((r) => ({ id: r.id, aliases: r.aliases, severity: r.severity, lecture: r.lecture, enabledByDefault: r.enabledByDefault !== false, description: r.description[lang] })), null, 2) + '\n';
  }
  if (format === 'markdown') {
    const head = lang === 'ru'
      ? '| Правило | Синонимы | Важность | Раздел лекции | Что проверяет |\n|---|---|---|---|---|'
      : '| Rule | Aliases | Severity | Lecture section | What it checks |\n|---|---|---|---|---|';
    const rows = RULES.map((r) => `| \`${r.id}\` | ${r.aliases.join(', ') || '—'} | ${r.severity}${r.enabledByDefault === false ? ' (off by default)' : ''} | ${sectionTitle(r.lecture, lang)} | ${r.description[lang].replace(/\|/g, '\\|')} |`);
    return [head, ...rows].join('\n') + '\n';
  }
  return RULES.map((r) => `${r.id.padEnd(28)} ${r.severity.padEnd(8)} ${r.description[lang]}`).join('\n') + '\n';
}
