import type { Lang } from '../../index';
import { lineColumn, sourceLine, type FileReport } from './report';
import { xmlAttributes, xmlEscape, XML_DECLARATION } from './xml';

/**
 * JUnit XML (GitLab test reports, Jenkins, Azure): one <testsuite> per file,
 * one failing <testcase> per finding. A file without findings has one passing
 * testcase, so a clean file shows as passed rather than as nothing; a file not
 * read or not analysed has one testcase in <error>.
 */
export function formatJunit(reports: FileReport[], lang: Lang): string {
  const suites: string[] = [];
  let tests = 0, failures = 0, errors = 0;
  for (const r of reports) {
    const cases: string[] = [];
    const problem = r.error ?? r.skipped;
    if (problem !== undefined) cases.push(`    <testcase ${xmlAttributes({ name: r.path, classname: r.path })}>\n      <error ${xmlAttributes({ message: problem })}/>\n    </testcase>`);
    for (const f of r.findings) {
      const { line, column } = lineColumn(f);
      const alias = f.aliases.length ? ` (${f.aliases.join(', ')})` : '';
      const body = `${r.path}:${line}:${column}: ${f.severity} ${f.rule}${alias}: ${f.message}\n${sourceLine(f, lang)}`;
      cases.push(`    <testcase ${xmlAttributes({ name: `${f.rule} ${r.path}:${line}:${column}`, classname: r.path })}>\n`
        + `      <failure ${xmlAttributes({ message: f.message, type: f.severity })}>${xmlEscape(body)}</failure>\n    </testcase>`);
    }
    if (cases.length === 0) cases.push(`    <testcase ${xmlAttributes({ name: r.path, classname: r.path })}/>`);
    const fileErrors = problem !== undefined ? 1 : 0;
    tests += cases.length; failures += r.findings.length; errors += fileErrors;
    suites.push(`  <testsuite ${xmlAttributes({ name: r.path, tests: cases.length, failures: r.findings.length, errors: fileErrors })}>\n${cases.join('\n')}\n  </testsuite>`);
  }
  return [XML_DECLARATION, `<testsuites ${xmlAttributes({ name: 'dockerfile-lecture-hints', tests, failures, errors })}>`, ...suites, '</testsuites>'].join('\n') + '\n';
}
