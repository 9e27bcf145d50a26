import { LineIndex, detached, detectEol } from '../core/text';
import { lineBreakProblems } from './line-breaks';
import type { Range } from '../core/types';
import { scriptCore, scriptView, ScriptCore } from './script';
import { PLATFORM_ARGS, substitute, splitImageReference, UNKNOWN, type VariableValue } from './variables';
import { parseChunk, type ParsedChunk, type ParsedInstruction } from './parse-chunk';
import { splitAtStages } from './split';
import { ChunkCache } from './chunk-cache';
import type { ArgDefinition, BaseImage, DockerfileModel, InstructionInfo, LogicalScript, Stage } from './types';

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const SHELL_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/**
 * Parsed chunks by escape character and text. Ranges inside are
 * chunk-relative, so an unchanged stage is reused even when an edit above it
 * moved it down.
 */
const chunkCache = new ChunkCache(16);

/** How many parsed chunks can still be reused: those of live models and the most recent ones. */
export function reusableChunkCount(): number {
  return chunkCache.size();
}

export interface BuildOptions {
  /** Parse the whole text in one piece (the reference the chunked parse is tested against). */
  wholeFile?: boolean;
}

/** Parses with dockerfile-ast (stage by stage, cached) and derives everything rules need. */
export function buildModel(text: string, options: BuildOptions = {}): DockerfileModel {
  const lines = new LineIndex(text);
  const pieces = options.wholeFile ? null : parseByStage(text);
  const parts = pieces ?? [{ startLine: 0, parsed: parseChunk(text, null) }];
  const escapeChar = parts[0].parsed.escapeChar;

  const instructions: InstructionInfo[] = [];
  const comments: DockerfileModel['comments'] = [];
  const froms: NonNullable<ParsedInstruction['from']>[] = [];
  for (const { startLine, parsed } of parts) {
    const placed = placeChunk(parsed, { startLine, firstIndex: instructions.length, fromsBefore: froms.length, escapeChar });
    for (const ins of placed.instructions) instructions.push(ins);
    for (const f of placed.froms) froms.push(f);
    for (const c of placed.comments) comments.push(c);
  }

  const globalArgs = new Map<string, ArgDefinition>();
  for (const a of parts[0].parsed.initialArgs) globalArgs.set(a.name, { ...a, range: shift(a.range, parts[0].startLine)!, valueRange: shift(a.valueRange, parts[0].startLine) });

  const stages: Stage[] = [];
  // Lower-cased stage names seen so far, so each FROM finds its base stage in O(1).
  const stageByName = new Map<string, number>();
  let fromCursor = 0;
  const argValue = globalArgValues(parts[0].parsed.initialArgs);
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const stage = makeStage(stages, ins, froms[fromCursor++], argValue, stageByName);
      stages.push(stage);
      const key = stage.name?.toLowerCase();
      if (key !== undefined && !stageByName.has(key)) stageByName.set(key, stage.index);
    }
    if (stages.length === 0) continue;
    const stage = stages[stages.length - 1];
    if (ins.keyword !== 'FROM') stage.instructions.push(ins);
    if (LAYER_KEYWORDS.has(ins.keyword)) stage.layers.push({ number: stage.layers.length + 1, instruction: ins });
  }
  markFinalImage(stages);

  return { text, lines, eol: detectEol(text), escapeChar, instructions, stages, globalArgs, comments, directives: parts[0].parsed.directives, problems: lineBreakProblems(text, lines) };
}

/**
 * Scripts (and their shell tokens) and argument texts belong to the cached
 * chunk, in chunk-relative offsets, so an edit elsewhere does not rebuild or
 * re-tokenise every instruction of the file.
 */
interface ChunkTexts {
  index: LineIndex;
  scripts: (ScriptCore | undefined)[];
  args: (ScriptCore | undefined)[];
  /** Where each instruction's arguments are, or null when it has none. */
  argSpans: ([number, number] | null)[];
}
const chunkTexts = new WeakMap<ParsedChunk, ChunkTexts>();

function textsOf(parsed: ParsedChunk): ChunkTexts {
  let entry = chunkTexts.get(parsed);
  if (!entry) {
    const index = new LineIndex(parsed.text);
    const argSpans = parsed.instructions.map((p): [number, number] | null => {
      if (!p.argsRange) return null;
      const start = index.offsetAt(p.argsRange.start);
      // A heredoc's body is not arguments: only its first line is.
      const end = p.heredoc ? index.lineEnd(p.range.start.line) : index.offsetAt(p.range.end);
      return end > start ? [start, end] : null;
    });
    chunkTexts.set(parsed, (entry = { index, scripts: [], args: [], argSpans }));
  }
  return entry;
}

function cachedScript(parsed: ParsedChunk, k: number, escapeChar: string): ScriptCore {
  const entry = textsOf(parsed);
  const p = parsed.instructions[k];
  return (entry.scripts[k] ??= scriptCore(parsed.text, entry.index.offsetAt(p.argsRange!.start), entry.index.offsetAt(p.range.end), escapeChar));
}

/** A heredoc body is shell text as it stands: the shell, not the builder, reads its line continuations. */
function cachedHeredocScript(parsed: ParsedChunk, k: number, body: Range): ScriptCore {
  const entry = textsOf(parsed);
  return (entry.scripts[k] ??= heredocScript(parsed.text, entry.index.offsetAt(body.start), entry.index.offsetAt(body.end)));
}

function heredocScript(chunkText: string, start: number, end: number): ScriptCore {
  const text = chunkText.slice(start, end);
  return new ScriptCore(text, [{ scriptStart: 0, docStart: start, length: text.length }]);
}

function argumentSpan(parsed: ParsedChunk, k: number): [number, number] | null {
  return textsOf(parsed).argSpans[k];
}

function cachedArgText(parsed: ParsedChunk, k: number, escapeChar: string): ScriptCore {
  const entry = textsOf(parsed);
  const [start, end] = entry.argSpans[k]!;
  return (entry.args[k] ??= scriptCore(parsed.text, start, end, escapeChar));
}

interface Placement { startLine: number; firstIndex: number; fromsBefore: number; escapeChar: string }
interface PlacedChunk {
  key: string;
  instructions: PlacedInstruction[];
  froms: NonNullable<ParsedInstruction['from']>[];
  comments: DockerfileModel['comments'];
}
/** The last placement of each cached chunk. */
const placements = new WeakMap<ParsedChunk, PlacedChunk>();

/**
 * A chunk's instructions placed in the document. When the chunk sits where it
 * sat in the previous build (same line, instruction and stage numbers: every
 * chunk above an edit, and below it unless the edit added or removed lines or
 * instructions), the same objects are handed out again, with the
 * scripts, argument texts and per-instruction results rules already worked out
 * for them. Nothing about them can differ, so sharing them between two
 * versions' models is safe.
 */
function placeChunk(parsed: ParsedChunk, at: Placement): PlacedChunk {
  const key = `${at.startLine}:${at.firstIndex}:${at.fromsBefore}:${at.escapeChar}`;
  const last = placements.get(parsed);
  if (last && last.key === key) return last;
  const source = { parsed, startLine: at.startLine, escapeChar: at.escapeChar };
  const placed: PlacedChunk = { key, instructions: [], froms: [], comments: [] };
  let stage = at.fromsBefore - 1;
  parsed.instructions.forEach((p, k) => {
    const info = new PlacedInstruction(p, at.startLine, at.firstIndex + k, source, k);
    if (p.keyword === 'FROM') stage++;
    info.stage = stage;
    placed.instructions.push(info);
    if (p.from) placed.froms.push({ ...p.from, imageRange: shift(p.from.imageRange, at.startLine), stageNameRange: shift(p.from.stageNameRange, at.startLine) });
  });
  for (const c of parsed.comments) placed.comments.push({ line: c.line + at.startLine, text: c.text, range: shift(c.range, at.startLine)! });
  placements.set(parsed, placed);
  return placed;
}

/** Chunked parse, or null when a chunk does not start where the split expected (then parse whole). */
function parseByStage(text: string): { startLine: number; parsed: ParsedChunk }[] | null {
  const { escapeChar, chunks } = splitAtStages(text);
  const out: { startLine: number; parsed: ParsedChunk }[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const { startLine, text: chunkText } = chunks[i];
    // Keyed by escape character, then by the text itself (not a concatenation, which would copy every chunk).
    const escapeKey = i === 0 ? '' : escapeChar;
    let parsed = chunkCache.get(escapeKey, chunkText);
    if (!parsed) {
      // Parsed from its own copy, so neither the chunk nor anything taken from it holds this version of the file.
      const own = detached(chunkText);
      chunkCache.set(escapeKey, own, (parsed = parseChunk(own, i === 0 ? null : escapeChar)));
    }
    if (i > 0) {
      const first = parsed.instructions[0];
      if (!first || first.keyword !== 'FROM' || first.range.start.line !== 0) return null;
    }
    out.push({ startLine, parsed });
  }
  return out;
}

function shift(r: Range | null, lines: number): Range | null {
  if (!r) return null;
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

/** Where an instruction came from, so its texts can be taken from the chunk cache on demand. */
interface ChunkSource { parsed: ParsedChunk; startLine: number; escapeChar: string }

/**
 * An instruction placed in the document. Its shell script and argument text
 * are built on first access: files have thousands of instructions and most
 * rules look at few of them.
 */
class PlacedInstruction implements InstructionInfo {
  readonly keyword: string;
  readonly keywordText: string;
  readonly range: Range;
  readonly keywordRange: Range;
  readonly argsRange: Range | null;
  readonly args: string;
  readonly flags: InstructionInfo['flags'];
  readonly execForm: boolean;
  readonly heredoc: boolean;
  stage = -1;
  private scriptView: LogicalScript | null | undefined;
  private argView: LogicalScript | null | undefined;

  constructor(p: ParsedInstruction, startLine: number, readonly index: number, private readonly source: ChunkSource, private readonly k: number) {
    this.keyword = p.keyword;
    this.keywordText = p.keywordText;
    this.range = shift(p.range, startLine)!;
    this.keywordRange = shift(p.keywordRange, startLine)!;
    this.argsRange = shift(p.argsRange, startLine);
    this.args = p.args;
    this.flags = p.flags.map((f) => ({ ...f, range: shift(f.range, startLine)! }));
    this.execForm = p.execForm;
    this.heredoc = p.heredoc;
  }

  get script(): LogicalScript | null {
    if (this.scriptView === undefined) {
      const { parsed, startLine, escapeChar } = this.source;
      const k = this.k;
      const body = parsed.instructions[k].heredocScript;
      this.scriptView = body
        ? scriptView(() => cachedHeredocScript(parsed, k, body), () => textsOf(parsed).index, startLine)
        : SHELL_KEYWORDS.has(this.keyword) && this.argsRange && !this.execForm && !this.heredoc
          ? scriptView(() => cachedScript(parsed, k, escapeChar), () => textsOf(parsed).index, startLine)
          : null;
    }
    return this.scriptView;
  }

  get argText(): LogicalScript | null {
    if (this.argView === undefined) {
      const { parsed, startLine, escapeChar } = this.source;
      const k = this.k;
      this.argView = argumentSpan(parsed, k) ? scriptView(() => cachedArgText(parsed, k, escapeChar), () => textsOf(parsed).index, startLine) : null;
    }
    return this.argView;
  }
}

/** A FROM's image with global ARGs substituted, and the values it was worked out with. */
interface ResolvedImage { values: VariableValue[]; sub: ReturnType<typeof substitute>; parts: ReturnType<typeof splitImageReference> | { name: null; tag: null; digest: null } }
const resolvedImages = new WeakMap<InstructionInfo, ResolvedImage>();

/** Kept with the FROM instruction while the global ARGs it names keep their values: every edit rebuilds every stage. */
function resolveImage(ins: InstructionInfo, raw: string, valueOf: ArgValue): ResolvedImage {
  const known = resolvedImages.get(ins);
  if (known && known.sub.names.every((name, i) => valueOf(name) === known.values[i])) return known;
  const sub = substitute(raw, valueOf);
  const parts = sub.value !== null ? splitImageReference(sub.value) : { name: null, tag: null, digest: null };
  const resolved = { values: sub.names.map(valueOf), sub, parts };
  resolvedImages.set(ins, resolved);
  return resolved;
}

/** A global ARG's value for FROM lines (see VariableValue). */
type ArgValue = (name: string) => VariableValue;

/**
 * Global ARG values as the builder works them out: in declaration order, each
 * default expanded with the values declared before it (`ARG IMAGE=golang:${GO}`;
 * a redeclaration sees the earlier value). A value made from a platform ARG,
 * or from an expansion not worked out here, is UNKNOWN, so a FROM using it is
 * not guessed at, not even through a `${X:-default}`.
 */
function globalArgValues(declarations: readonly { name: string; value: string | null }[]): ArgValue {
  const values = new Map<string, VariableValue>([...PLATFORM_ARGS].map((name) => [name, UNKNOWN]));
  for (const { name, value } of declarations) {
    if (PLATFORM_ARGS.has(name)) continue;
    if (value === null) {
      if (!values.has(name)) values.set(name, null);
      continue;
    }
    const expanded = substitute(value, (n) => values.get(n)).value;
    values.set(name, expanded ?? UNKNOWN);
  }
  return (name) => values.get(name);
}

function makeStage(stages: Stage[], ins: InstructionInfo, from: NonNullable<ParsedInstruction['from']>, argValue: ArgValue, stageByName: Map<string, number>): Stage {
  const raw = from.image;
  const { sub, parts } = resolveImage(ins, raw, argValue);
  const resolved = sub.value;
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
