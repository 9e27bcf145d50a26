/**
 * Hovers: the lecture's explanation of what is under the cursor, an image's
 * registry facts, what editing the instruction rebuilds (the cache lens), and
 * for the findings under the cursor where their advice comes from and the same
 * problem's codes in other tools.
 */
import { hoverAt, type Analysis } from '../index';
import { lookupOf, registryImageDetails, type ImageLookup } from '../pinning';
import { instructionAtLine } from '../model/at-line';
import { rangeContains } from '../core/text';
import { escapeMarkdown } from '../core/markdown';
import { findingHoverLines } from '../finding-hover';
import { cacheImpact, cacheTitle } from '../layers/cache-lens';
import type { ServerContext } from './context';
import { publishedFindings } from './diagnostics';

/** Hovers may wait briefly for registry facts; diagnostics never do. */
const HOVER_WAIT_MS = 1500;

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(async (params, token) => {
    const c = await ctx.documentContext(params.textDocument.uri, token);
    const model = c?.analysis.model;
    if (!c || !model) return null;
    const lookups = imageAt(model, params.position.line);
    const provider = ctx.pinning.providerFor(c.settings);
    // Wait (briefly) only for what was never answered; a known failure or old answer is shown as is.
    const facts = provider.pending(lookups) ? await provider.lookupWithin(lookups, HOVER_WAIT_MS, true) : provider.known(lookups).facts;
    const hover = hoverAt(model, params.position, c.lang, registryImageDetails(model, facts));
    // The findings the editor shows for this version (with registry facts and ShellCheck's), not a recomputation per hover.
    const findings = publishedFindings(c.doc.uri, c.doc.version) ?? c.analysis.findings;
    const parts = hover ? [hover.markdown] : [];
    const cache = hover ? cacheLine(model, params.position, c.lang) : null;
    if (cache) parts.push(cache);
    const notes = findingHoverLines(findings, params.position, c.lang);
    if (notes.length) parts.push(notes.join('  \n'));
    if (parts.length === 0) return null;
    return { contents: { kind: 'markdown', value: parts.join('\n\n') }, ...(hover ? { range: hover.range } : {}) };
  });
}

/** On an instruction's keyword: which layers a change there rebuilds (stage names are file text: escaped). */
function cacheLine(model: NonNullable<Analysis['model']>, pos: { line: number; character: number }, lang: 'en' | 'ru'): string | null {
  const at = instructionAtLine(model, pos.line);
  const ins = at === undefined ? undefined : model.instructions[at];
  if (!ins || !rangeContains(ins.keywordRange, pos)) return null;
  const impact = cacheImpact(model, ins);
  if (!impact) return null;
  const label = lang === 'ru' ? 'Кэш сборки' : 'Build cache';
  return `*${label}:* ${escapeMarkdown(cacheTitle(model, impact)[lang])}`;
}

/** The image reference of the FROM on `line`, if any: hovers look up only what is pointed at. */
function imageAt(model: NonNullable<Analysis['model']>, line: number): ImageLookup[] {
  const at = instructionAtLine(model, line);
  const ins = at === undefined ? undefined : model.instructions[at];
  if (!ins || ins.keyword !== 'FROM' || ins.stage < 0) return [];
  const lookup = lookupOf(model.stages[ins.stage].base);
  return lookup ? [lookup] : [];
}
