import { DockerfileParser, Instruction, type From } from 'dockerfile-ast';
import type { Range } from '../core/types';
import { LineIndex, loneCrAsLf } from '../core/text';
import { escapedEscapeRun, heredocInterpreter, isPosixShellCommand } from './shells';
import type { InstructionInfo } from './types';

/**
 * What dockerfile-ast tells us about one instruction, in chunk-relative lines:
 * the model's InstructionInfo before it is placed in the file (no stage, index, script or argument text yet).
 */
export type ParsedInstruction = Omit<InstructionInfo, 'stage' | 'index' | 'script' | 'argText'> & {
  from?: { image: string; imageRange: Range | null; stageName: string | null; stageNameRange: Range | null };
  /** `RUN <<EOF` (nothing else but a shell to run it): the body, which the builder runs as the RUN's script. */
  heredocScript?: Range;
};

export interface ParsedChunk {
  /** The chunk's own text: positions and cached scripts refer to it. */
  text: string;
  instructions: ParsedInstruction[];
  comments: { line: number; text: string; range: Range }[];
  directives: { name: string; value: string; range: Range }[];
  initialArgs: { name: string; value: string | null; range: Range; valueRange: Range | null }[];
  escapeChar: string;
}

/**
 * Parses one chunk. A chunk after the first does not carry the file's parser
 * directives, so a non-default escape character is given to it as a synthetic
 * first line, which `lineShift` then removes from every range. A lone `\r`
 * is parsed as the line break the editor and LineIndex see (dockerfile-ast
 * half-knows it and threw on `\` + lone `\r`); the model reports it, since
 * the builder does not break lines there.
 */
export function parseChunk(original: string, escapeChar: string | null): ParsedChunk {
  const text = loneCrAsLf(original);
  const prefixed = escapeChar !== null && escapeChar !== '\\';
  const source = prefixed ? `# escape=${escapeChar}\n${text}` : text;
  const shift = prefixed ? -1 : 0;
  let ast = DockerfileParser.parse(source);
  const asBuilt = endEscapedEscapes(source, ast.getEscapeCharacter());
  if (asBuilt !== null) ast = DockerfileParser.parse(asBuilt);
  const index = new LineIndex(source);
  const lineText = (r: Range) => index.slice(r);
  const mv = (r: Range): Range => ({ start: { line: r.start.line + shift, character: r.start.character }, end: { line: r.end.line + shift, character: r.end.character } });
  const mvOrNull = (r: Range | null) => (r ? mv(r) : null);

  const instructions = ast.getInstructions().map((ins) => describe(ins, lineText, mv, mvOrNull));
  return {
    instructions,
    comments: ast.getComments().map((c) => ({ line: c.getRange().start.line + shift, text: c.getContent(), range: mv(c.getRange()) })),
    directives: prefixed ? [] : ast.getDirectives().map((d) => ({ name: d.getName().toLowerCase(), value: d.getValue(), range: d.getRange() })),
    // `ARG A=1 B=2` declares both.
    initialArgs: ast.getInitialARGs().flatMap((arg) => arg.getProperties().map((p) => ({ name: p.getName(), value: p.getValue(), range: mv(p.getRange()), valueRange: mvOrNull(p.getValueRange()) }))),
    escapeChar: ast.getEscapeCharacter(),
    text,
  };
}

/**
 * A line ending in an escaped escape character (`\\`, or more of them) is not
 * continued by the builder (see escapedEscapeRun); dockerfile-ast continues
 * it and swallows the next instruction (a Windows `COPY … C:\\dir\\` followed
 * by `ENV …`). The text parsed has those trailing escapes blanked, same
 * length, so every position stays the same and instructions end where the
 * builder ends them. Null when no line needs it. Scanned by character codes:
 * this runs on every edit, and a regex over long runs of escapes backtracked.
 */
function endEscapedEscapes(source: string, escapeChar: string): string | null {
  if (escapeChar.length !== 1 || !source.includes(escapeChar + escapeChar)) return null;
  const escapeCode = escapeChar.charCodeAt(0);
  let out = '';
  let copied = 0;
  for (let start = 0, newline = source.indexOf('\n'); newline >= 0; start = newline + 1, newline = source.indexOf('\n', start)) {
    const end = newline > start && source.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const run = escapedEscapeRun(source, start, end, escapeCode);
    if (!run) continue;
    out += source.slice(copied, run.from) + ' '.repeat(run.to - run.from);
    copied = run.to;
  }
  return copied === 0 ? null : out + source.slice(copied);
}

/**
 * dockerfile-ast re-tokenises an instruction's arguments on every getter, and
 * its own parse asks four times per RUN (constructor, heredocs, flags, range):
 * that was a fifth of a cold analysis. The list depends only on fields the
 * constructor sets (document, range, escape character), so one list per
 * instance is kept. Copies are handed out because callers inside the library
 * shift flags off the array they get.
 */
const argumentList = Symbol('arguments');
type RememberingInstruction = { [argumentList]?: unknown[]; getRawArguments(this: RememberingInstruction): unknown[] };
const instructionPrototype = Instruction.prototype as unknown as RememberingInstruction;
const computeArguments = instructionPrototype.getRawArguments;
instructionPrototype.getRawArguments = function remembered(this: RememberingInstruction): unknown[] {
  return (this[argumentList] ??= computeArguments.call(this)).slice();
};

function describe(ins: Instruction, lineText: (r: Range) => string, mv: (r: Range) => Range, mvOrNull: (r: Range | null) => Range | null): ParsedInstruction {
  const keyword = ins.getKeyword();
  const anyIns = ins as unknown as {
    getFlags?: () => { getName(): string; getValue(): string | null; getRange(): Range }[];
    getOpeningBracket?: () => unknown;
    getClosingBracket?: () => { getRange(): Range } | null;
    getHeredocs?: () => { getContentRange(): Range | null }[];
  };
  const parsed: ParsedInstruction = {
    keyword,
    keywordText: lineText(ins.getInstructionRange()),
    range: mv(ins.getRange()),
    keywordRange: mv(ins.getInstructionRange()),
    argsRange: mvOrNull(ins.getArgumentsRange()),
    args: ins.getArgumentsContent() ?? '',
    flags: anyIns.getFlags ? anyIns.getFlags().map((f) => ({ name: f.getName(), value: f.getValue(), range: mv(f.getRange()) })) : [],
    execForm: isExecForm(anyIns, ins.getArgumentsRange()),
    heredoc: typeof anyIns.getHeredocs === 'function' && anyIns.getHeredocs().length > 0,
  };
  const script = keyword === 'RUN' && parsed.heredoc ? heredocScriptOf(anyIns.getHeredocs!(), parsed.args, lineText) : null;
  if (script) parsed.heredocScript = mv(script);
  if (keyword === 'FROM') {
    const from = ins as From;
    parsed.from = {
      image: from.getImage() ?? '',
      imageRange: mvOrNull(from.getImageRange()),
      stageName: from.getBuildStage(),
      stageNameRange: mvOrNull(from.getBuildStageRange()),
    };
  }
  return parsed;
}

/**
 * The body of `RUN <<EOF … EOF` is the RUN's shell script. Not for
 * `RUN python3 <<EOF` or a `#!/usr/bin/python3` body (other programs run it),
 * `RUN cat <<EOF > f` (the body is a file's content), nor several heredocs.
 */
function heredocScriptOf(heredocs: { getContentRange(): Range | null }[], args: string, text: (r: Range) => string): Range | null {
  if (heredocs.length !== 1) return null;
  const body = heredocs[0].getContentRange();
  if (!body) return null;
  const interpreter = heredocInterpreter(args.split('\n', 1)[0], text(body));
  return interpreter && (interpreter.length === 0 || isPosixShellCommand(interpreter)) ? body : null;
}

/**
 * The builder takes the JSON (exec) form only when the whole argument text is
 * a JSON array; `RUN [ -d /opt ] && make` is shell form, and so is a bracket
 * with anything after it.
 */
function isExecForm(ins: { getOpeningBracket?: () => unknown; getClosingBracket?: () => { getRange(): Range } | null }, args: Range | null): boolean {
  if (typeof ins.getOpeningBracket !== 'function' || ins.getOpeningBracket() === null || !args) return false;
  const close = ins.getClosingBracket?.()?.getRange().end;
  return !!close && close.line === args.end.line && close.character === args.end.character;
}
