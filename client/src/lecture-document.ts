import * as vscode from 'vscode';
import { NOTES, QUOTES, SECTIONS, isSectionId } from '../../server/src/lecture/sections';

export const OPEN_LECTURE_COMMAND = 'dockerfileLectureHints.openLecture';
const SCHEME = 'dockerfile-lecture';

/** The lecture knowledge base rendered as a read-only Markdown document, opened in the preview. */
export function registerLectureDocument(): vscode.Disposable {
  const provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: () => render() });
  const command = vscode.commands.registerCommand(OPEN_LECTURE_COMMAND, async (sectionId?: unknown) => {
    const fragment = typeof sectionId === 'string' && isSectionId(sectionId) ? sectionId : '';
    const uri = vscode.Uri.from({ scheme: SCHEME, path: '/lecture-4.md', fragment });
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  });
  return vscode.Disposable.from(provider, command);
}

function render(): string {
  const ru = vscode.env.language.toLowerCase().startsWith('ru');
  const lang = ru ? 'ru' : 'en';
  const other = ru ? 'en' : 'ru';
  const out = [ru ? '# Лекция 4: Контейнеризация в Docker' : '# Lecture 4: Containerisation with Docker'];
  for (const s of SECTIONS) {
    out.push(`<a id="${s.id}"></a>`, `## ${s.title[lang]}`, `*${s.title[other]}*`);
    for (const q of QUOTES.filter((x) => x.section === s.id)) out.push(`> ${q[lang]}`, '>', `> *${q[other]}*`);
    const notes = NOTES.filter((n) => n.section === s.id);
    if (notes.length) out.push(ru ? '**Точнее, чем в лекции:**' : '**Beyond the lecture:**', ...notes.map((n) => `- ${n.text[lang]}`));
  }
  return out.join('\n\n');
}
