import { ancestry, rootStage } from '../../model/lineage';
import type { DockerfileModel, InstructionInfo, Stage } from '../../model/types';
import { copyOperands } from './paths';
import { isWindowsStage } from './shell-context';
import { argumentText, jsonArray, splitBlank, unquote } from './args';
import { isDevcontainerImage, isServiceImage, isToolchainImage, isWindowsOnlyImage, parseRef, rootImage } from './known-images';

/**
 * What kind of image a Dockerfile builds, judged on its target stage (the
 * last one) and the stages it is built FROM. Advice about how the container
 * runs (a USER, a smaller base) only fits images that are run as they are:
 *
 * - `runtime`: sets a CMD/ENTRYPOINT that starts a program, or adds nothing
 *   to one on a service image (nginx, postgres…) and so inherits its service;
 * - `base`: meant to be extended: no CMD/ENTRYPOINT in the chain, or only a
 *   bare shell/interpreter prompt (`CMD ["node"]`, `CMD ["python3"]`);
 * - `toolchain`: the same on a compiler/SDK image or in a stage named like a
 *   build/CI step (`builder`, `ci`, `upload-artifact`): a build environment;
 * - `devcontainer`: under `.devcontainer/`, on a dev container base, or a
 *   target named like a dev environment (`dev`, `dev-envs`);
 * - `bundle`: a scratch image with nothing to run (files for `--output` or `COPY --from`);
 * - `windows`: a Windows container (no root, no UID 0).
 */
export type ImageKind = 'runtime' | 'base' | 'toolchain' | 'devcontainer' | 'bundle' | 'windows';

export interface ImageKindInfo {
  kind: ImageKind;
  /** The stage the image is built from (the last one). */
  target: Stage;
  /** The ENTRYPOINT and CMD in force in the chain: what starts the container. Empty when none. */
  commands: InstructionInfo[];
  /**
   * Whether the chain brings in application files: a COPY/ADD from the build
   * context or from a stage of this file, other than entrypoint shell
   * scripts. Without any, a runtime image packages a program for others
   * (an official service image's own Dockerfile) rather than an app.
   */
  bringsAppCode: boolean;
}

const cache = new WeakMap<DockerfileModel, Map<string, ImageKindInfo | null>>();

/** The kind of image the file builds; null for a file without stages. Pure and cached per model (and path). */
export function imageKind(model: DockerfileModel, filePath = ''): ImageKindInfo | null {
  let byPath = cache.get(model);
  if (!byPath) cache.set(model, (byPath = new Map()));
  if (!byPath.has(filePath)) byPath.set(filePath, classify(model, filePath));
  return byPath.get(filePath)!;
}

const BUILD_STAGE = /^(build|builder|build-?env|ci|test|tests|lint|validate|upload.*|artifacts?|binaries|binary|export|out|output|dist|package|packaging|cross|deps|dependencies|vendor|gen|generate|docs|compile|.+-(build|builder|artifacts?|test|tests|lint|ci)|(build|builder|test|lint|ci)-.+)$/i;
const DEV_STAGE = /^(dev|development|dev-?envs?|dev-?containers?)$/i;
const DEVCONTAINER_PATH = /(^|[\\/])\.devcontainer[\\/]/;

function classify(model: DockerfileModel, filePath: string): ImageKindInfo | null {
  const target = model.stages[model.stages.length - 1];
  if (!target) return null;
  const chain = ancestry(model, target);
  const image = rootImage(model, target);
  const commands = startCommands(chain);
  const info = (kind: ImageKind): ImageKindInfo => ({ kind, target, commands, bringsAppCode: bringsAppCode(model, chain) });

  if (isWindowsStage(model, target) || (image && isWindowsOnlyImage(image))) return info('windows');
  if (DEVCONTAINER_PATH.test(filePath) || (target.name && DEV_STAGE.test(target.name))
    || chain.some((s) => s.base.resolved && isDevcontainerImage(parseRef(s.base.resolved)))) return info('devcontainer');
  if (rootStage(model, target).base.scratch && commands.length === 0) return info('bundle');
  // `sleep infinity`/`tail -f /dev/null` only keeps the container up for `docker exec`: a development box.
  if (keepsAlive(model, commands)) return info('devcontainer');

  const buildEnv = (target.name !== null && BUILD_STAGE.test(target.name)) || (image !== null && isToolchainImage(image));
  if (commands.length === 0) {
    if (image && isServiceImage(image)) return info('runtime');
    return info(buildEnv ? 'toolchain' : 'base');
  }
  if (startsAPrompt(model, commands)) return info(buildEnv ? 'toolchain' : 'base');
  return info('runtime');
}

/** The last ENTRYPOINT and the last CMD of the chain (the ones in force), nearest first. */
function startCommands(chain: Stage[]): InstructionInfo[] {
  let cmd: InstructionInfo | null = null;
  let entrypoint: InstructionInfo | null = null;
  for (const stage of chain) {
    for (let i = stage.instructions.length - 1; i >= 0 && !(cmd && entrypoint); i--) {
      const ins = stage.instructions[i];
      if (ins.keyword === 'CMD' && !cmd) cmd = ins;
      if (ins.keyword === 'ENTRYPOINT' && !entrypoint) entrypoint = ins;
    }
  }
  return [entrypoint, cmd].filter((i): i is InstructionInfo => i !== null);
}

const SCRIPT = /(^|\/)([\w.-]*entrypoint[\w.-]*|[\w.-]+\.sh)$/i;

function bringsAppCode(model: DockerfileModel, chain: Stage[]): boolean {
  return chain.some((s) => s.instructions.some((ins) => {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return false;
    const from = ins.flags.find((f) => f.name === 'from')?.value;
    if (from !== undefined && from !== null && !model.stages.some((st) => st.name === from.toLowerCase() || String(st.index) === from)) return false;
    if (ins.heredoc) return false;
    const ops = copyOperands(ins);
    return !!ops && ops.sources.some((src) => !SCRIPT.test(src) && !/^https?:\/\//.test(src));
  }));
}

/** The program the container starts: the first word after wrapper entrypoints (`tini --`, `docker-entrypoint.sh`), lower case; null when none. */
export function startProgram(model: DockerfileModel, commands: InstructionInfo[]): string | null {
  const words = commands.flatMap((ins) => commandWords(model, ins));
  let i = 0;
  while (i < words.length && WRAPPER.test(baseName(words[i]))) i++;
  return i < words.length ? baseName(words[i]).toLowerCase() : null;
}

function keepsAlive(model: DockerfileModel, commands: InstructionInfo[]): boolean {
  const words = commands.flatMap((ins) => commandWords(model, ins)).join(' ');
  return /(^|\s)(sleep (infinity|inf)|tail -f \/dev\/null)$/.test(words);
}

/** Generic wrappers that run their arguments: the program is what follows them (or the CMD). */
const WRAPPER = /^(docker-entrypoint(\.sh)?|entrypoint(\.sh)?|[\w.-]+-entrypoint(\.sh)?|tini|tini-static|dumb-init|catatonit|--|-s|-g)$/;
/** Shells and interpreters that, started without a script, just give a prompt. */
const PROMPT = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'fish', 'node', 'nodejs', 'python', 'python2', 'python3', 'pypy', 'pypy3', 'ruby', 'irb',
  'php', 'perl', 'ghci', 'erl', 'iex', 'julia', 'r', 'jshell', 'pwsh', 'powershell', 'swift', 'lua', 'groovysh', 'scala', 'clojure', 'lein', 'bun', 'deno', 'rails']);

/**
 * Whether the container would start a bare shell or interpreter prompt:
 * the words after any wrapper entrypoint are one of PROMPT with only
 * options (`php -a`, `perl -de0`).
 */
function startsAPrompt(model: DockerfileModel, commands: InstructionInfo[]): boolean {
  const words = commands.flatMap((ins) => commandWords(model, ins));
  let i = 0;
  while (i < words.length && WRAPPER.test(baseName(words[i]))) i++;
  if (i >= words.length) return false; // only a wrapper: it starts the image's own program
  const program = baseName(words[i]).toLowerCase();
  // deno's entrypoint runs `deno eval …` for its demo CMD.
  if (program === 'eval' && i > 0) return true;
  return (PROMPT.has(program) || PROMPT.has(program.replace(/[\d.]+$/, ''))) && words.slice(i + 1).every((w) => w.startsWith('-'));
}

function commandWords(model: DockerfileModel, ins: InstructionInfo): string[] {
  const text = argumentText(model, ins)?.text ?? '';
  const arr = jsonArray(text);
  if (arr) return arr.filter((w): w is string => typeof w === 'string');
  return splitBlank(text).map((w) => unquote(w.raw, model.escapeChar));
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
