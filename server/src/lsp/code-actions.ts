import { CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixable, fixAll, safeEdits, suppressionEdit, type Analysis, type AnalyzeOptions, type Finding, type Lang } from '../index';
import type { FixAllResult } from '../fix';
import { rangesOverlap } from '../core/text';
import { section, isSectionId } from '../../../common/lecture/sections';
import { toDiagnostic } from './convert';
import { throwIfCancelled } from './cancel';
import type { ServerContext } from './context';
import { fixAllWithFacts } from '../pinning';
import { FIX_ALL_KIND } from './capabilities';
import { COMMANDS } from '../../../common/protocol';

export { FIX_ALL_KIND };

const OPEN_LECTURE_COMMAND = COMMANDS.openLecture;

export interface ActionContext {
  doc: TextDocument;
  analysis: Analysis;
  lang: Lang;
  /** Client-side commands the client told us it has (others are never offered). */
  clientCommands: Set<string>;
  analyzeOptions: AnalyzeOptions;
  /** Fix-all over the whole text; defaults to fixAll (fix.ts). The server passes one that knows registry facts. */
  fixAllText?: (text: string) => FixAllResult;
  /** The request's: checked between findings and before a fix-all. */
  token?: CancellationToken;
}

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (params, token) => {
    const c = await ctx.documentContext(params.textDocument.uri, token);
    if (!c) return [];
    // The latest facts, even if they arrived after the last publication.
    const { analysis, facts } = ctx.pinning.withKnownFacts(c.analysis, c.settings, c.options);
    return codeActions(params, {
      doc: c.doc, analysis, lang: c.lang, clientCommands: ctx.clientCommands, analyzeOptions: c.options, token,
      fixAllText: (text) => fixAllWithFacts(text, c.options, facts),
    });
  });
}

/** ESLint-style actions: the fix, ignore here, ignore in file, open the lecture, fix all of a rule, fix all. */
function codeActions(params: CodeActionParams, ctx: ActionContext): CodeAction[] {
  const only = params.context.only;
  // Kinds are hierarchical: asking for 'source' also asks for 'source.fixAll.dockerfileLectureHints'.
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const fixAll = only && wants(FIX_ALL_KIND) ? fixAllAction(ctx) : [];
  if (!wants(CodeActionKind.QuickFix)) return fixAll;
  return [...quickFixes(params, ctx), ...fixAll];
}

/**
 * Actions by what they do: findings of one rule on one instruction share the
 * same ignore comments (and a merge's findings one fix), so each distinct
 * action is offered once, naming every diagnostic it addresses, not once per
 * finding (`EXPOSE 99999 99998 99997` offered the ignore pair three times).
 */
class ActionList {
  private readonly byKey = new Map<string, CodeAction>();

  add(action: CodeAction): void {
    const key = JSON.stringify([action.kind, action.title, action.edit ?? null, action.command ?? null]);
    const known = this.byKey.get(key);
    if (!known) { this.byKey.set(key, action); return; }
    for (const d of action.diagnostics ?? []) known.diagnostics?.push(d);
    if (action.isPreferred) known.isPreferred = true;
  }

  get all(): CodeAction[] { return [...this.byKey.values()]; }
}

function quickFixes(params: CodeActionParams, ctx: ActionContext): CodeAction[] {
  const { analysis, lang, doc } = ctx;
  const model = analysis.model;
  if (!model) return [];
  const list = new ActionList();
  const actions = { push: (a: CodeAction) => list.add(a) };
  const hits = analysis.findings.filter((f) => rangesOverlap(f.range, params.range) || touches(f, params.range.start));
  for (const f of hits) {
    throwIfCancelled(ctx.token);
    const diagnostic = toDiagnostic(f);
    f.fixes.forEach((fix, i) => actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: i === 0 && fix.safe,
      edit: { changes: { [doc.uri]: fix.edits } },
    }));
    // Like fix-all: only visible findings (hints are lessons, their fixes are applied one by one on request).
    const sameRule = analysis.findings.filter((x) => x.rule === f.rule && fixable(x));
    // Several findings can share one fix (a merge of three RUNs): offer "fix all" only for distinct fixes.
    const distinctFixes = new Set(sameRule.map((x) => JSON.stringify(x.fixes.find((fx) => fx.safe)!.edits)));
    if (distinctFixes.size > 1) {
      actions.push({
        title: lang === 'ru' ? `Исправить все проблемы ${f.rule}` : `Fix all ${f.rule} problems`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [doc.uri]: safeEdits(sameRule) } },
      });
    }
    for (const scope of ['instruction', 'file'] as const) {
      const s = suppressionEdit(model, f, scope, lang);
      if (s) actions.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: [s.edit] } } });
    }
    if (ctx.clientCommands.has(OPEN_LECTURE_COMMAND) && isSectionId(f.lecture)) {
      const title = section(f.lecture).title[lang];
      actions.push({
        title: lang === 'ru' ? `Открыть лекцию: ${title}` : `Open the lecture: ${title}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title, command: OPEN_LECTURE_COMMAND, arguments: [f.lecture] },
      });
    }
  }
  return list.all;
}

function touches(f: Finding, pos: { line: number; character: number }): boolean {
  return f.range.start.line <= pos.line && pos.line <= f.range.end.line;
}

/** Every safe fix; a whole-document edit only when fixes had to be applied in several passes. */
function fixAllAction(ctx: ActionContext): CodeAction[] {
  const { analysis, doc, lang } = ctx;
  const first = safeEdits(analysis.findings);
  if (first.length === 0) return [];
  throwIfCancelled(ctx.token);
  const result = ctx.fixAllText ? ctx.fixAllText(doc.getText()) : fixAll(doc.getText(), ctx.analyzeOptions);
  const edits: LspTextEdit[] = result.passes <= 1
    ? first
    : [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: result.text }];
  const diagnostics: Diagnostic[] = analysis.findings.filter(fixable).map(toDiagnostic);
  return [{
    title: lang === 'ru' ? 'Исправить все автоматически исправимые проблемы' : 'Fix all auto-fixable problems',
    kind: FIX_ALL_KIND,
    diagnostics,
    edit: { changes: { [doc.uri]: edits } },
  }];
}
