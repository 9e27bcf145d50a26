/**
 * LSP adapter for layer insight: code lenses ("layer 3 of 7 · stage build …")
 * above every RUN/COPY/ADD and a stage summary above every FROM; inlay hints as
 * a quieter alternative; and the handler body of `dockerfileLectureHints/layers`.
 */
import type { CodeLens, Command, InlayHint, Range as LspRange } from 'vscode-languageserver/node';
import type { Lang, Range } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import { layerInsight, layerStack, layerTitle, stageTitle } from '../layers/insight';
import type { LayersResult } from '../../../common/layers';
import { COMMANDS } from '../../../common/protocol';

export { LAYERS_REQUEST, type LayersParams, type LayersResult } from '../../../common/layers';

export const OPEN_LECTURE_COMMAND = COMMANDS.openLecture;

export interface LayerLensOptions {
  /**
   * Client commands the client announced. When it has the lecture command,
   * clicking a lens opens the lecture at the layers section; otherwise the
   * lens is a plain label (an empty command id, which clients show as text).
   */
  clientCommands?: ReadonlySet<string>;
  /** Also put a summary lens on every FROM (default true). */
  stageSummaries?: boolean;
}

/** Resolved code lenses: no `codeLens/resolve` round trip is needed. */
export function layerLenses(model: DockerfileModel, lang: Lang, options: LayerLensOptions = {}): CodeLens[] {
  const insight = layerInsight(model);
  const lenses: CodeLens[] = [];
  const command = (title: string): Command => (options.clientCommands?.has(OPEN_LECTURE_COMMAND)
    ? { title, command: OPEN_LECTURE_COMMAND, arguments: ['layers'] }
    : { title, command: '' });
  if (options.stageSummaries !== false) {
    for (const s of insight.stages) lenses.push({ range: firstLine(model, s.from), command: command(stageTitle(insight, s)[lang]) });
  }
  for (const pos of insight.layers) lenses.push({ range: firstLine(model, pos.instruction), command: command(layerTitle(insight, pos)[lang]) });
  return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
}

/**
 * The same facts as inlay hints at the end of each instruction's first line
 * (for clients or users that prefer them to lenses). Only hints inside `range`.
 */
export function layerInlayHints(model: DockerfileModel, lang: Lang, range?: Range): InlayHint[] {
  const insight = layerInsight(model);
  const hints: InlayHint[] = [];
  for (const pos of insight.layers) {
    const line = pos.instruction.range.start.line;
    if (range && (line < range.start.line || line > range.end.line)) continue;
    const short = lang === 'ru' ? `слой ${pos.number}/${pos.of}` : `layer ${pos.number}/${pos.of}`;
    hints.push({
      position: { line, character: model.lines.lineText(line).length },
      label: pos.finalNumber === null ? `${short} ✕` : short,
      tooltip: layerTitle(insight, pos)[lang],
      paddingLeft: true,
    });
  }
  return hints;
}

/** The result of `dockerfileLectureHints/layers` for a document the server has analysed. */
export function layersResult(model: DockerfileModel | null, uri: string, version: number | null): LayersResult {
  return model ? layerStack(model, uri, version) : null;
}

function firstLine(model: DockerfileModel, ins: InstructionInfo): LspRange {
  const line = ins.range.start.line;
  return { start: { line, character: ins.range.start.character }, end: { line, character: model.lines.lineText(line).length } };
}
