import { DockerfileParser, type Instruction, type From } from 'dockerfile-ast';
import { LineIndex, detectEol } from '../core/text';
import type { Range } from '../core/types';
import { logicalScript } from './script';
import { substitute, splitImageReference } from './variables';
import type { ArgDefinition, BaseImage, DockerfileModel, FlagInfo, InstructionInfo, Stage } from './types';

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const SHELL_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/** Parses once with dockerfile-ast and derives everything rules need. */
export function buildModel(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const lines = new LineIndex(text);
  const escapeChar = ast.getEscapeCharacter();
  const instructions = ast.getInstructions().map((ins, index) => describe(ins, index, text, lines, escapeChar));

  const globalArgs = new Map<string, ArgDefinition>();
  const stages: Stage[] = [];
  for (const arg of ast.getInitialARGs()) {
    const prop = arg.getProperty();
    if (!prop) continue;
    globalArgs.set(prop.getName(), { name: prop.getName(), value: prop.getValue(), range: prop.getRange(), valueRange: prop.getValueRange() });
  }
  const froms = ast.getFROMs();
  let fromCursor = 0;
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const from = froms[fromCursor++];
      const stage = makeStage(stages, ins, from, globalArgs);
      stages.push(stage);
    }
    if (stages.length === 0) continue;
    ins.stage = stages.length - 1;
    const stage = stages[stages.length - 1];
    if (ins.keyword !== 'FROM') stage.instructions.push(ins);
    if (LAYER_KEYWORDS.has(ins.keyword)) stage.layers.push({ number: stage.layers.length + 1, instruction: ins });
  }
  markFinalImage(stages);

  return {
    text,
    lines,
    eol: detectEol(text),
    escapeChar,
    instructions,
    stages,
    globalArgs,
    comments: ast.getComments().map((c) => ({ line: c.getRange().start.line, text: c.getContent(), range: c.getRange() })),
    directives: ast.getDirectives().map((d) => ({ name: d.getName().toLowerCase(), value: d.getValue(), range: d.getRange() })),
  };
}

function describe(ins: Instruction, index: number, text: string, lines: LineIndex, escapeChar: string): InstructionInfo {
  const keyword = ins.getKeyword();
  const anyIns = ins as unknown as {
    getFlags?: () => { getName(): string; getValue(): string | null; getRange(): Range }[];
    getOpeningBracket?: () => unknown;
    getHeredocs?: () => unknown[];
  };
  const flags: FlagInfo[] = anyIns.getFlags
    ? anyIns.getFlags().map((f) => ({ name: f.getName(), value: f.getValue(), range: f.getRange() }))
    : [];
  const execForm = typeof anyIns.getOpeningBracket === 'function' && anyIns.getOpeningBracket() !== null;
  const heredoc = typeof anyIns.getHeredocs === 'function' && anyIns.getHeredocs().length > 0;
  const argsRange = ins.getArgumentsRange();
  const range = ins.getRange();
  const info: InstructionInfo = {
    keyword,
    keywordText: lines.slice(ins.getInstructionRange()),
    range,
    keywordRange: ins.getInstructionRange(),
    argsRange,
    args: ins.getArgumentsContent() ?? '',
    flags,
    execForm,
    heredoc,
    stage: -1,
    index,
    script: null,
  };
  if (SHELL_KEYWORDS.has(keyword) && argsRange && !execForm && !heredoc) {
    info.script = logicalScript(text, lines.offsetAt(argsRange.start), lines.offsetAt(range.end), escapeChar);
  }
  return info;
}

function makeStage(stages: Stage[], ins: InstructionInfo, from: From, globalArgs: Map<string, ArgDefinition>): Stage {
  const raw = from.getImage() ?? '';
  const sub = substitute(raw, (name) => globalArgs.get(name)?.value ?? (globalArgs.has(name) ? null : undefined));
  const resolved = sub.value;
  const parts = resolved !== null ? splitImageReference(resolved) : { name: null, tag: null, digest: null };
  const lowered = (resolved ?? raw).toLowerCase();
  const fromStage = stages.findIndex((s) => s.name !== null && s.name.toLowerCase() === lowered);
  const base: BaseImage = {
    raw,
    resolved,
    range: from.getImageRange() ?? ins.argsRange ?? ins.range,
    name: parts.name,
    tag: parts.tag,
    digest: parts.digest,
    variables: sub.names,
    fromStage,
    scratch: lowered === 'scratch',
  };
  return {
    index: stages.length,
    name: from.getBuildStage(),
    nameRange: from.getBuildStageRange(),
    from: ins,
    base,
    instructions: [],
    layers: [],
    reachesFinalImage: false,
  };
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
