/**
 * The custom request `dockerfileLectureHints/layers`: the layer stack of one
 * open document, as plain JSON for the client's layer view. Free of protocol
 * libraries so both the server and the VS Code client can import it.
 *
 * All strings are copied from the Dockerfile and are untrusted: a client must
 * escape them before it renders them as HTML or Markdown.
 */
import { EXTENSION_PREFIX } from './protocol';
import type { Range } from './range';

export const LAYERS_REQUEST = `${EXTENSION_PREFIX}/layers`;

export interface LayersParams {
  textDocument: { uri: string };
}

/** `null` when the server does not know the document or could not analyse it. */
export type LayersResult = LayerStack | null;

export interface LayerStack {
  uri: string;
  /** The document version the stack was computed from (null outside the LSP). */
  version: number | null;
  stages: StageView[];
  /** The stage that is the final image (the last one), or -1 when there is no FROM. */
  finalStage: number;
  /** Stage indexes whose layers make up the final image, bottom (first built) to top. */
  finalChain: number[];
  /** Filesystem layers this Dockerfile adds to the final image (the base image's own layers not counted). */
  finalLayerCount: number;
}

export interface StageView {
  index: number;
  /** `AS name`, or null. */
  name: string | null;
  /** The FROM instruction. */
  from: InstructionView;
  base: BaseView;
  layers: LayerView[];
  /** Instructions that change only the image configuration (no filesystem layer). */
  config: InstructionView[];
  volumes: MountView[];
  ports: PortView[];
  reachesFinalImage: boolean;
}

export interface BaseView {
  /** As written, e.g. `node:${NODE_TAG}`. */
  raw: string;
  /** With global ARG defaults substituted; null when a variable has no default. */
  resolved: string | null;
  /** Index of an earlier stage it builds on, or -1. */
  fromStage: number;
  scratch: boolean;
  range: Range;
}

export interface InstructionView {
  keyword: string;
  /** One line: flags and arguments with continuations and runs of blanks collapsed, truncated. */
  text: string;
  /** The source text (continuations kept), truncated; for tooltips. */
  source: string;
  range: Range;
}

export interface LayerView extends InstructionView {
  /** 1-based position within its stage. */
  number: number;
  /** Layers of its stage. */
  of: number;
  /** 1-based position in the final image's layers from this Dockerfile, or null when the stage does not reach it. */
  finalNumber: number | null;
  /** `COPY --from=…` source (a stage name, index or image), or null. */
  copyFrom: string | null;
}

export interface MountView { path: string; range: Range }
export interface PortView { port: string; range: Range }

/** `build`, or `2` for an unnamed second stage (1-based, as the hovers count). */
export function stageLabel(stage: { index: number; name: string | null }): string {
  return stage.name ?? String(stage.index + 1);
}
