/** Hovers: the lecture's explanation of what is under the cursor, and an image's registry facts. */
import { hoverAt, type Analysis } from '../index';
import { lookupOf, registryImageDetails, type ImageLookup } from '../pinning';
import { instructionAtLine } from '../model/at-line';
import type { ServerContext } from './context';

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
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
  });
}

/** The image reference of the FROM on `line`, if any: hovers look up only what is pointed at. */
function imageAt(model: NonNullable<Analysis['model']>, line: number): ImageLookup[] {
  const at = instructionAtLine(model, line);
  const ins = at === undefined ? undefined : model.instructions[at];
  if (!ins || ins.keyword !== 'FROM' || ins.stage < 0) return [];
  const lookup = lookupOf(model.stages[ins.stage].base);
  return lookup ? [lookup] : [];
}
