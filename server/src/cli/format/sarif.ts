import { RULES, type Finding, type Lang } from '../../index';
import type { FileReport } from './report';

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
            properties: { aliases: r.aliases, lecture: r.lecture, ...(r.beyondLecture ? { beyondLecture: true } : {}) },
          })),
        },
      },
      results: reports.flatMap((r) => r.findings.map((f) => ({
        ruleId: f.rule,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: artifact(r.path), region: region(f) } }],
        properties: { lecture: f.lecture, aliases: f.aliases, ...(f.beyondLecture ? { beyondLecture: true } : {}) },
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
