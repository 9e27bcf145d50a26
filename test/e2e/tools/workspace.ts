/**
 * The workspace the suites open: a fresh copy of test/e2e/workspace per run,
 * with its settings and the run file that tells the extension-host suite what
 * to expect.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WORKSPACE_SRC } from './paths';
import { makeTempDir } from './processes';
import { TIMEOUT_SCALE } from './timing';

export type Lang = 'en' | 'ru';

export interface PreparedWorkspace {
  dir: string;
  /** Where the extension-host suite writes its per-check results (JSON). */
  resultFile: string;
}

/** Settings every run of the suites uses (the language comes on top). */
export function workspaceSettings(lang: Lang): Record<string, unknown> {
  return {
    'dockerfileLectureHints.language': lang,
    // No registry look-ups: the suites never leave 127.0.0.1 (pins come from the bundled table).
    'dockerfileLectureHints.registry.enabled': false,
    'editor.codeActionsOnSave': { 'source.fixAll.dockerfileLectureHints': 'explicit' },
    'files.eol': '\n',
    'files.insertFinalNewline': false,
    'files.trimTrailingWhitespace': false,
    'files.trimFinalNewlines': false,
    'editor.formatOnSave': false,
    // E2E_EXTRA_SETTINGS='{"dockerfileLectureHints.rules":{…}}' runs the same suites with other settings.
    ...(process.env.E2E_EXTRA_SETTINGS ? JSON.parse(process.env.E2E_EXTRA_SETTINGS) as Record<string, unknown> : {}),
  };
}

/**
 * Copies test/e2e/workspace to a temp dir and writes `.vscode/settings.json`
 * (display language, fix-all on save) and `.e2e-run.json`: the language the
 * suite must expect, and where to write its results.
 */
export function prepareWorkspace(lang: Lang, label = `ws-${lang}`): PreparedWorkspace {
  const dir = join(makeTempDir(label), 'workspace');
  cpSync(WORKSPACE_SRC, dir, { recursive: true });
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(workspaceSettings(lang), null, 2) + '\n');
  const resultFile = join(dirname(dir), 'suite-result.json');
  writeFileSync(join(dir, '.e2e-run.json'), JSON.stringify({ language: lang, resultFile, timeoutScale: TIMEOUT_SCALE }, null, 2) + '\n');
  return { dir, resultFile };
}
