import { LineIndex, detectEol } from '../core/text';
import type { Range } from '../core/types';
import { scriptCore, scriptView, type ScriptCore } from './script';
import { substitute, splitImageReference } from './variables';
import { parseChunk, type ParsedChunk, type ParsedInstruction } from './parse-chunk';
import { splitAtStages } from './split';
import type { ArgDefinition, BaseImage, DockerfileModel, InstructionInfo, Stage } from './types';

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const SHELL_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/**
 * Parsed chunks keyed by escape character and text. Ranges inside are
 * chunk-relative, so an unchanged stage is reused even when an edit above it
 * moved it down. Bounded so a long editing session cannot grow it forever.
 */
const chunkCache = new Map<string, ParsedChunk>();
const CHUNK_CACHE_LIMIT = 4000;

export interface BuildOptions {
  /** Parse the whole text in one piece (the reference the chunked parse is tested against). */
  wholeFile?: boolean;
}

/** Parses with dockerfile-ast (stage by stage, cached) and derives everything rules need. */
export function buildModel(text: string, options: BuildOptions = {}): DockerfileModel {
  const lines = new LineIndex(text);
  const pieces = options.wholeFile ? null : parseByStage(text);
  const parts = pieces ?? [{ startLine: 0, text, parsed: parseChunk(text, null) }];
  const escapeChar = parts[0].parsed.escapeChar;

  const instructions: InstructionInfo[] = [];
  const comments: DockerfileModel['comments'] = [];
  const froms: NonNullable<ParsedInstruction['from']>[] = [];
  for (const { startLine, text: chunkText, parsed } of parts) {
    const base = lines.offsetAt({ line: startLine, character: 0 });
    parsed.instructions.forEach((p, k) => {
      const info = place(p, startLine, instructions.length);
      if (SHELL_KEYWORDS.has(info.keyword) && p.argsRange && !info.execForm && !info.heredoc) {
        info.script = scriptView(() => cachedScript(parsed, chunkText, k, escapeChar), base);
      }
      instructions.push(info);
      if (p.from) froms.push({ ...p.from, imageRange: shift(p.from.imageRange, startLine), stageNameRange: shift(p.from.stageNameRange, startLine) });
    });
    for (const c of parsed.comments) comments.push({ line: c.line + startLine, text: c.text, range: shift(c.range, startLine)! });
  }

  const globalArgs = new Map<string, ArgDefinition>();
  for (const a of parts[0].parsed.initialArgs) globalArgs.set(a.name, { ...a, range: shift(a.range, parts[0].startLine)!, valueRange: shift(a.valueRange, parts[0].startLine) });

  const stages: Stage[] = [];
  // Lower-cased stage names seen so far, so each FROM finds its base stage in O(1).
  const stageByName = new Map<string, number>();
  let fromCursor = 0;
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const stage = makeStage(stages, ins, froms[fromCursor++], globalArgs, stageByName);
      stages.push(stage);
      const key = stage.name?.toLowerCase();
      if (key !== undefined && !stageByName.has(key)) stageByName.set(key, stage.index);
    }
    if (stages.length === 0) continue;
    ins.stage = stages.length - 1;
    const stage = stages[stages.length - 1];
    if (ins.keyword !== 'FROM') stage.instructions.push(ins);
    if (LAYER_KEYWORDS.has(ins.keyword)) stage.layers.push({ number: stage.layers.length + 1, instruction: ins });
  }
  markFinalImage(stages);

  return { text, lines, eol: detectEol(text), escapeChar, instructions, stages, globalArgs, comments, directives: parts[0].parsed.directives };
}

/**
 * Scripts (and their shell tokens) belong to the cached chunk, in chunk-relative
 * offsets, so an edit elsewhere does not re-tokenise every RUN of the file.
 */
const chunkScripts = new WeakMap<ParsedChunk, { index: LineIndex; cores: (ScriptCore | undefined)[] }>();

function cachedScript(parsed: ParsedChunk, chunkText: string, k: number, escapeChar: string): ScriptCore {
  let entry = chunkScripts.get(parsed);
  if (!entry) chunkScripts.set(parsed, (entry = { index: new LineIndex(chunkText), cores: [] }));
  const p = parsed.instructions[k];
  return (entry.cores[k] ??= scriptCore(chunkText, entry.index.offsetAt(p.argsRange!.start), entry.index.offsetAt(p.range.end), escapeChar));
}

/** Chunked parse, or null when a chunk does not start where the split expected (then parse whole). */
function parseByStage(text: string): { startLine: number; text: string; parsed: ParsedChunk }[] | null {
  const { escapeChar, chunks } = splitAtStages(text);
  const out: { startLine: number; text: string; parsed: ParsedChunk }[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const { startLine, text: chunkText } = chunks[i];
    const key = `${i === 0 ? '' : escapeChar}\u0000${chunkText}`;
    let parsed = chunkCache.get(key);
    if (!parsed) {
      parsed = parseChunk(chunkText, i === 0 ? null : escapeChar);
      if (chunkCache.size >= CHUNK_CACHE_LIMIT) chunkCache.clear();
      chunkCache.set(key, parsed);
    }
    if (i > 0) {
      const first = parsed.instructions[0];
      if (!first || first.keyword !== 'FROM' || first.range.start.line !== 0) return null;
    }
    out.push({ startLine, text: chunkText, parsed });
  }
  return out;
}

function shift(r: Range | null, lines: number): Range | null {
  if (!r) return null;
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

function place(p: ParsedInstruction, startLine: number, index: number): InstructionInfo {
  return {
    keyword: p.keyword,
    keywordText: p.keywordText,
    range: shift(p.range, startLine)!,
    keywordRange: shift(p.keywordRange, startLine)!,
    argsRange: shift(p.argsRange, startLine),
    args: p.args,
    flags: p.flags.map((f) => ({ ...f, range: shift(f.range, startLine)! })),
    execForm: p.execForm,
    heredoc: p.heredoc,
    stage: -1,
    index,
    script: null,
  };
}

function makeStage(stages: Stage[], ins: InstructionInfo, from: NonNullable<ParsedInstruction['from']>, globalArgs: Map<string, ArgDefinition>, stageByName: Map<string, number>): Stage {
  const raw = from.image;
  const sub = substitute(raw, (name) => globalArgs.get(name)?.value ?? (globalArgs.has(name) ? null : undefined));
  const resolved = sub.value;
  const parts = resolved !== null ? splitImageReference(resolved) : { name: null, tag: null, digest: null };
  const lowered = (resolved ?? raw).toLowerCase();
  const fromStage = stageByName.get(lowered) ?? -1;
  const base: BaseImage = {
    raw,
    resolved,
    range: from.imageRange ?? ins.argsRange ?? ins.range,
    name: parts.name,
    tag: parts.tag,
    digest: parts.digest,
    variables: sub.names,
    fromStage,
    scratch: lowered === 'scratch',
  };
  return { index: stages.length, name: from.stageName, nameRange: from.stageNameRange, from: ins, base, instructions: [], layers: [], reachesFinalImage: false };
}

function markFinalImage(stages: Stage[]): void {
  let i = stages.length - 1;
  const seen = new Set<number>();
  while (i >= 0 && !seen.has(i)) {
    seen.add(i);
    stages[i].reachesFinalImage = true;
    i = stages[i].base.fromStage;
  }
}
