/** The `dockerfileLectureHints/layers` request behind the Dockerfile Layers view. */
import type { ServerContext } from './context';
import { layersResult, LAYERS_REQUEST, type LayersParams } from './layer-lens';

export function registerLayers(ctx: ServerContext): void {
  ctx.connection.onRequest(LAYERS_REQUEST, async (p: LayersParams, token) => {
    const c = await ctx.documentContext(p.textDocument.uri, token);
    return c ? layersResult(c.analysis.model, c.doc.uri, c.doc.version) : null;
  });
}
