/** Code lenses: "layer k of n" above every RUN/COPY/ADD and a stage summary above every FROM (see layer-lens.ts). */
import type { ServerContext } from './context';
import { layerLenses } from './layer-lens';

export function registerCodeLens(ctx: ServerContext): void {
  ctx.connection.onCodeLens(async (p, token) => {
    const c = await ctx.documentContext(p.textDocument.uri, token);
    return c?.analysis.model ? layerLenses(c.analysis.model, c.lang, { clientCommands: ctx.clientCommands }) : [];
  });
}
