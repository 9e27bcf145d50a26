/**
 * The extension-host suite: VS Code's test runner loads this file (as
 * `extensionTestsPath`) into the extension host and awaits `run()`. It drives
 * the real extension through the `vscode` API only: diagnostics, hovers, code
 * actions, applying a quick fix, fix-all on save, and the contributed commands.
 *
 * The workspace root holds `.e2e-run.json` (written by the runner):
 *   { "language": "en" | "ru", "resultFile": "/abs/path.json" }
 * and `.vscode/settings.json` with the matching `dockerfileLectureHints.language`.
 * Each check's result goes to `resultFile` for the runner to print; run()
 * rejects when any check failed, which makes the workbench exit non-zero.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  ACTIONS, APPLY, COMMANDS, DIAGNOSTICS, FIX_ALL_KIND, HOVERS, LECTURE_LABEL, LECTURE_VIEW, MESSAGE_MARK, SAVE,
  type ExpectedDiagnostic, type Lang, type Matcher,
} from './cases';

const EXTENSION_ID = 'lecture-hints.dockerfile-lecture-hints';
const SOURCE = 'lecture-hints';
const SETTLE_MS = 1500;
/** How long a poll waits for the server: the first one covers activation and server start-up. */
const FIRST_WAIT_MS = 30_000;
const WAIT_MS = 8_000;

interface Check { name: string; ok: boolean; ms: number; error?: string }

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (the runner opens a copy of test/e2e/workspace)');
  const runInfo = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.e2e-run.json'))).toString('utf8')) as { language: Lang; resultFile?: string; timeoutScale?: number };
  const lang = runInfo.language;
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const checks: Check[] = [];
  const write = () => {
    if (!runInfo.resultFile) return;
    const failed = checks.filter((c) => !c.ok).length;
    writeFileSync(runInfo.resultFile, JSON.stringify({
      language: lang, extensionPath: ext?.extensionPath ?? null, extensionVersion: (ext?.packageJSON as { version?: string } | undefined)?.version ?? null,
      passed: checks.length - failed, failed, checks,
    }, null, 2));
  };
  const check = async (name: string, fn: () => Promise<void>) => {
    const started = Date.now();
    try {
      await fn();
      checks.push({ name, ok: true, ms: Date.now() - started });
      console.log(`ok   ${name}`);
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      checks.push({ name, ok: false, ms: Date.now() - started, error });
      console.log(`FAIL ${name}\n${error}`);
    }
    write();
  };
  const t = new Tester(folder.uri, lang, runInfo.timeoutScale ?? 1);

  await check(`the extension is installed and active`, async () => {
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    const configured = vscode.workspace.getConfiguration('dockerfileLectureHints', folder.uri).get('language');
    assert.equal(configured, lang, 'dockerfileLectureHints.language in the workspace settings');
  });

  for (const c of DIAGNOSTICS) {
    await check(`diagnostics of ${c.file}`, async () => {
      const doc = await t.open(c.file);
      await t.expectDiagnostics(doc, c.expect);
      for (const d of t.ours(doc)) assert.ok(d.message.includes(MESSAGE_MARK[lang]), `message not in ${lang}: ${d.message}`);
    });
  }

  for (const h of HOVERS) {
    await check(`hover: ${h.name} (${h.file}:${h.line})`, async () => {
      const doc = await t.open(h.file);
      const text = await t.eventually(`hover on ${h.word}`, async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, t.at(doc, h.line, h.word));
        const md = (hovers ?? []).flatMap((x) => x.contents).map(markdownOf).find((s) => s.startsWith(`**${h.heading}**`));
        assert.ok(md, `no hover starting with **${h.heading}** among ${JSON.stringify((hovers ?? []).flatMap((x) => x.contents).map(markdownOf))}`);
        return md;
      });
      const other: Lang = lang === 'ru' ? 'en' : 'ru';
      assert.ok(text.includes(LECTURE_LABEL[lang]), `no "${LECTURE_LABEL[lang]}" in:\n${text}`);
      const primary = text.indexOf(h.quote[lang]);
      const secondary = text.indexOf(h.quote[other]);
      assert.ok(primary >= 0, `no ${lang} quote "${h.quote[lang]}" in:\n${text}`);
      assert.ok(secondary >= 0, `no ${other} quote "${h.quote[other]}" in:\n${text}`);
      assert.ok(primary < secondary, `the ${lang} quote should come before the ${other} one in:\n${text}`);
      for (const s of h.also?.[lang] ?? []) assert.ok(text.includes(s), `no "${s}" in:\n${text}`);
    });
  }

  for (const a of ACTIONS) {
    await check(`code actions: ${a.name} (${a.file}:${a.line})`, async () => {
      const doc = await t.open(a.file);
      if (a.none) {
        await t.settle(doc);
        const titles = (await t.actions(doc, a.line, a.word)).map((x) => x.title);
        assert.deepEqual(titles, [], 'no action expected');
        return;
      }
      // Poll: the first request can come before the workbench has the diagnostics.
      await t.eventually(`actions at ${a.file}:${a.line}`, async () => {
        const titles = (await t.actions(doc, a.line, a.word)).map((x) => x.title);
        for (const m of a.titles[lang]) assert.ok(titles.some((s) => matches(s, m)), `no action ${String(m)} among ${JSON.stringify(titles)}`);
      });
    });
  }

  await check(`command ${COMMANDS.openLecture}`, async () => {
    await vscode.commands.executeCommand(COMMANDS.openLecture);
    await vscode.commands.executeCommand(COMMANDS.openLecture, 'best-practices');
    await t.eventually('a lecture tab', async () => {
      const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((tab) => tab.label);
      assert.ok(labels.some((l) => LECTURE_VIEW.tabLabel.test(l)), `no tab matching ${LECTURE_VIEW.tabLabel} among ${JSON.stringify(labels)}`);
    });
  });

  await check(`command ${COMMANDS.openExample}: the walkthrough's example opens and is analysed`, async () => {
    await vscode.commands.executeCommand(COMMANDS.openExample);
    await t.eventually('the example with lecture-hints diagnostics', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      assert.ok(doc && doc.isUntitled && doc.languageId === 'dockerfile', `active editor: ${doc?.uri.toString()} (${doc?.languageId})`);
      assert.ok(vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'lecture-hints'), 'no lecture-hints diagnostics on the example');
    });
  });

  await check(`command ${COMMANDS.restart}: diagnostics and hovers come back`, async () => {
    await vscode.commands.executeCommand(COMMANDS.restart);
    const c = DIAGNOSTICS[0];
    const doc = await t.open(c.file);
    await t.expectDiagnostics(doc, c.expect);
    const h = HOVERS[0];
    await t.eventually('a hover after the restart', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', (await t.open(h.file)).uri, t.at(await t.open(h.file), h.line, h.word));
      assert.ok((hovers ?? []).flatMap((x) => x.contents).map(markdownOf).some((s) => s.includes(h.quote[lang])), 'no lecture hover after the restart');
    });
  });

  for (const a of APPLY) {
    await check(`apply quick fix: ${a.name} (${a.file}:${a.line})`, async () => {
      const doc = await t.open(a.file);
      const action = await t.eventually(`action ${String(a.title[lang])}`, async () => {
        const all = await t.actions(doc, a.line, a.word);
        const found = all.find((x) => matches(x.title, a.title[lang]));
        assert.ok(found?.edit, `no action ${String(a.title[lang])} with an edit among ${JSON.stringify(all.map((x) => x.title))}`);
        return found;
      });
      assert.equal(await vscode.workspace.applyEdit(action.edit!), true, 'applyEdit returned false');
      assert.equal(doc.getText(), a.expectText);
      await t.expectDiagnostics(doc, a.diagnosticsAfter);
    });
  }

  for (const s of SAVE) {
    await check(`save with codeActionsOnSave: ${s.name} (${s.file})`, async () => {
      const doc = await t.open(s.file);
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      const ok = await editor.edit((e) => e.insert(new vscode.Position(s.beforeLine - 1, 0), s.insert));
      assert.equal(ok, true, 'typing into the editor failed');
      assert.equal(doc.isDirty, true);
      // The fix-all action the save will ask for is offered:
      await t.eventually('the fix-all code action', async () => {
        const whole = new vscode.Range(0, 0, doc.lineCount, 0);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND);
        const titles = (actions ?? []).map((x) => x.title);
        assert.ok(titles.includes(s.fixAllTitle[lang]), `no "${s.fixAllTitle[lang]}" among ${JSON.stringify(titles)}`);
      });
      await vscode.commands.executeCommand('workbench.action.files.save');
      await t.eventually('the saved file', async () => {
        assert.equal(doc.isDirty, false, 'still dirty');
        const onDisk = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
        assert.equal(onDisk, s.expectText);
      });
      assert.equal(doc.getText(), s.expectText);
      await t.expectDiagnostics(doc, s.diagnosticsAfter);
    });
  }

  const failed = checks.filter((c) => !c.ok);
  console.log(`${checks.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length) throw new Error(`${failed.length} of ${checks.length} checks failed: ${failed.map((c) => c.name).join('; ')}`);
}

// ---------------------------------------------------------------------------

function markdownOf(c: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof c === 'string') return c;
  return 'value' in c ? c.value : String(c);
}

function matches(title: string, m: Matcher): boolean {
  return typeof m === 'string' ? title === m : m.test(title);
}

const SEVERITY: Record<vscode.DiagnosticSeverity, ExpectedDiagnostic['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

class Tester {
  private waited = false;

  constructor(private readonly root: vscode.Uri, private readonly lang: Lang, private readonly scale: number) {}

  async open(file: string): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(this.root, ...file.split('/')));
    await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
    return doc;
  }

  /** Inside `word` on a 1-based line. */
  at(doc: vscode.TextDocument, line: number, word: string): vscode.Position {
    const text = doc.lineAt(line - 1).text;
    const col = text.indexOf(word);
    if (col < 0) throw new Error(`"${word}" is not on line ${line} of ${doc.uri.path}: ${JSON.stringify(text)}`);
    return new vscode.Position(line - 1, col + Math.min(1, word.length - 1));
  }

  ours(doc: vscode.TextDocument): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE);
  }

  /** Polls until our diagnostics of `doc` are exactly `expected` (rule, line, severity). */
  async expectDiagnostics(doc: vscode.TextDocument, expected: ExpectedDiagnostic[]): Promise<void> {
    const key = (d: ExpectedDiagnostic) => `${d.rule}@${d.line}:${d.severity}`;
    const want = expected.map(key).sort();
    if (want.length === 0) await this.settle(doc);
    await this.eventually(`diagnostics of ${doc.uri.path}`, async () => {
      const got = this.ours(doc).map((d) => key({ rule: codeOf(d), line: d.range.start.line + 1, severity: SEVERITY[d.severity] })).sort();
      assert.deepEqual(got, want);
    });
  }

  /** For "nothing expected": wait until the server has certainly seen this version of the document. */
  async settle(doc: vscode.TextDocument): Promise<void> {
    await this.eventually('the server answers for this document', async () => {
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 1));
    });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  }

  async actions(doc: vscode.TextDocument, line: number, word: string): Promise<vscode.CodeAction[]> {
    const pos = this.at(doc, line, word);
    const range = new vscode.Range(pos, pos);
    const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, range);
    return (all ?? []).filter((x): x is vscode.CodeAction => !('command' in x && typeof x.command === 'string'));
  }

  /** Retries `fn` until it stops throwing, for at most `ms`; then throws its last error. */
  async eventually<T>(what: string, fn: () => Promise<T>, limit?: number): Promise<T> {
    const ms = (limit ?? (this.waited ? WAIT_MS : FIRST_WAIT_MS)) * this.scale;
    this.waited = true;
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        return await fn();
      } catch (e) {
        if (Date.now() > deadline) {
          const msg = e instanceof Error ? e.message : String(e);
          throw new Error(`[${this.lang}] ${what}: still failing after ${ms} ms: ${msg}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
}

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}
