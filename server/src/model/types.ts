import type { Position, Range, RawFinding } from '../core/types';
import type { LineIndex } from '../core/text';
import type { ShellScript } from '../shell/tokenize';

export interface FlagInfo { name: string; value: string | null; range: Range }

/** The shell text of a shell-form RUN/CMD/ENTRYPOINT with continuations removed. */
export interface LogicalScript {
  /** Built on first use: most rules never look at most scripts. */
  readonly text: string;
  /**
   * Document position of a character of `text` (see `documentOffset` for end
   * offsets). A position, not an offset: an edit on the same line above moves
   * every later offset but no later position, so instructions below it (and
   * all that rules worked out for them) can be shared with the next version.
   */
  docPosition(offset: number): Position;
  /** Tokenised on first use. */
  shell(): ShellScript;
  /**
   * Something worked out from `text` alone, kept with the cached chunk so an
   * edit elsewhere does not recompute it. `compute` must depend on nothing but
   * the text (and the key), and callers must not mutate what it returns.
   */
  memo<T>(key: string, compute: (text: string) => T): T;
}

export interface InstructionInfo {
  /** Upper-case keyword, e.g. 'RUN'. */
  keyword: string;
  /** The keyword as written, to respect the file's casing. */
  keywordText: string;
  range: Range;
  keywordRange: Range;
  /** Range of the arguments after any flags; null when there are none. */
  argsRange: Range | null;
  /** Arguments with continuations removed (dockerfile-ast's view). */
  args: string;
  flags: FlagInfo[];
  execForm: boolean;
  heredoc: boolean;
  /** Index of the stage this instruction belongs to; -1 before the first FROM. */
  stage: number;
  /** Position in model.instructions. */
  index: number;
  /** Shell-form script for RUN/CMD/ENTRYPOINT (not exec form); for `RUN <<EOF` alone, the heredoc's body. */
  readonly script: LogicalScript | null;
  /**
   * The arguments after the flags as the builder reads them (continuations,
   * and comment or blank lines inside them, removed); for a heredoc only its
   * first line. Null when there are none.
   */
  readonly argText: LogicalScript | null;
}

export interface BaseImage {
  /** The image reference as written, e.g. 'node:${V}'. */
  raw: string;
  /** After substituting global ARG defaults; null when a variable has no default. */
  resolved: string | null;
  range: Range;
  name: string | null;
  tag: string | null;
  digest: string | null;
  /** The global ARGs the reference uses. */
  variables: string[];
  /** Index of an earlier stage this FROM builds on, or -1. */
  fromStage: number;
  scratch: boolean;
}

export interface Layer {
  /** 1-based number within the stage, counting only filesystem layers. */
  number: number;
  instruction: InstructionInfo;
}

export interface Stage {
  index: number;
  name: string | null;
  nameRange: Range | null;
  from: InstructionInfo;
  base: BaseImage;
  instructions: InstructionInfo[];
  layers: Layer[];
  /** Whether the final image contains this stage's layers (the last stage and the stages it builds on). */
  reachesFinalImage: boolean;
}

export interface ArgDefinition { name: string; value: string | null; range: Range; valueRange: Range | null }

export interface DockerfileModel {
  text: string;
  lines: LineIndex;
  eol: '\r\n' | '\n';
  escapeChar: string;
  instructions: InstructionInfo[];
  stages: Stage[];
  /** ARGs declared before the first FROM: the only ones FROM can use. */
  globalArgs: Map<string, ArgDefinition>;
  comments: { line: number; text: string; range: Range }[];
  directives: { name: string; value: string; range: Range }[];
  /**
   * Places where the model reads the text differently from the builder (a
   * lone `\r`), found while building it. Each names the rule that reports it
   * (see analyze.runRules), so settings and suppressions apply as usual.
   */
  problems: ModelProblem[];
}

/** A problem the model notices while it parses (a lone CR), reported under the rule it names. */
export interface ModelProblem extends RawFinding {
  rule: string;
}
