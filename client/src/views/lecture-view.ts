/**
 * "Open the Docker lecture": a webview panel with the lecture rendered from the
 * knowledge base (lecture-html.ts), scrolled to a section when the command gets
 * a section id (the "Open the lecture" quick fix and the layer lenses pass one).
 * Also the walkthrough's "open the example Dockerfile" command.
 */
import * as vscode from 'vscode';
import { langFromLocale, type Lang } from '../../../common/i18n';
import { COMMANDS, SETTINGS_SECTION, VIEWS } from '../../../common/protocol';
import { isSectionId, type SectionId } from '../../../common/lecture/sections';
import { makeNonce } from './html-page';
import { renderLecturePage } from './lecture-html';

const EXTENSION_ID = 'lecture-hints.dockerfile-lecture-hints';
const EXAMPLE_PATH = ['media', 'walkthrough', 'Dockerfile.example'];

/** The webviews' language: the `dockerfileLectureHints.language` setting, `auto` → VS Code's display language. */
export function displayLanguage(): Lang {
  const setting = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>('language');
  return setting === 'en' || setting === 'ru' ? setting : langFromLocale(vscode.env.language);
}

class LecturePanel {
  private panel: vscode.WebviewPanel | undefined;
  private section: SectionId | null = null;

  show(section: SectionId | null): void {
    if (section) this.section = section;
    if (this.panel) {
      this.panel.reveal(undefined, false);
      if (section) void this.panel.webview.postMessage({ type: 'scrollTo', id: section });
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEWS.lecturePanel,
      vscode.l10n.t('Docker lecture'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
    );
    panel.onDidDispose(() => { this.panel = undefined; });
    this.panel = panel;
    this.render();
  }

  /** Re-renders in the current language, keeping the last requested section. */
  render(): void {
    if (!this.panel) return;
    this.panel.webview.html = renderLecturePage({
      cspSource: this.panel.webview.cspSource,
      nonce: makeNonce(),
      lang: displayLanguage(),
      section: this.section,
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/**
 * Registers the lecture command (and the walkthrough's example command).
 * `context` is optional only so the legacy `registerLectureDocument()` shim can call it.
 */
export function registerLectureView(context?: vscode.ExtensionContext): vscode.Disposable {
  const panel = new LecturePanel();
  return vscode.Disposable.from(
    panel,
    vscode.commands.registerCommand(COMMANDS.openLecture, (sectionId?: unknown) => {
      panel.show(typeof sectionId === 'string' && isSectionId(sectionId) ? sectionId : null);
    }),
    vscode.commands.registerCommand(COMMANDS.openWalkthroughExample, () => openExample(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.language`)) panel.render();
    }),
  );
}

/** Opens the walkthrough's example as an untitled Dockerfile, so quick fixes never edit the installed extension. */
async function openExample(context?: vscode.ExtensionContext): Promise<void> {
  const root = context?.extensionUri ?? vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri;
  try {
    if (!root) throw new Error('extension folder not found');
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...EXAMPLE_PATH));
    const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: new TextDecoder().decode(bytes) });
    await vscode.window.showTextDocument(doc, { preview: false });
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the example Dockerfile: {0}', e instanceof Error ? e.message : String(e)));
  }
}
