import type { DockerfileModel, InstructionInfo, Stage } from '../../model/types';
import { parentStage } from '../../model/lineage';
import { argumentText } from './args';

/**
 * The user a stage's processes run as, as far as this file says: its last
 * USER, else the nearest USER up its FROM chain, else whatever the base
 * image sets. Shared by the rules that care whether the container is root.
 */
export type EffectiveUser =
  /** `USER root`/`USER 0` (any group); `inherited` when it comes from a stage this one is built FROM. */
  | { kind: 'root'; instruction: InstructionInfo; inherited: boolean }
  /** A literal non-root user. */
  | { kind: 'user'; name: string; instruction: InstructionInfo }
  /** `USER $APP_UID`: decided at build time. */
  | { kind: 'variable'; instruction: InstructionInfo }
  /** No USER in the file's chain: the base image decides. */
  | { kind: 'base' };

const ROOT = /^(root|0)(:.*)?$/i;

/** Walked in a loop: chains can be thousands of stages long. */
export function effectiveUser(model: DockerfileModel, stage: Stage): EffectiveUser {
  for (let s: Stage | null = stage, inherited = false; s; s = parentStage(model, s), inherited = true) {
    const last = lastUser(s);
    if (!last) continue;
    const value = argumentText(model, last)?.text.trim() ?? '';
    if (value.includes('$')) return { kind: 'variable', instruction: last };
    if (value === '' ) continue;
    if (ROOT.test(value)) return { kind: 'root', instruction: last, inherited };
    return { kind: 'user', name: value, instruction: last };
  }
  return { kind: 'base' };
}

function lastUser(stage: Stage): InstructionInfo | undefined {
  for (let i = stage.instructions.length - 1; i >= 0; i--) if (stage.instructions[i].keyword === 'USER') return stage.instructions[i];
  return undefined;
}
