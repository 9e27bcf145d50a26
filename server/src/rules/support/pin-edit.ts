import type { TextEdit } from '../../core/types';
import type { DockerfileModel, Stage } from '../../model/types';

const TAG_ONLY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** `FROM ${BASE}`: the whole image from one ARG. */
const WHOLE_VAR = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;
/** `FROM node:${V}`: the tag from one ARG. */
const TAG_VAR = /:\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

/** `ghcr.io/a/b:1@sha256:…` → `ghcr.io/a/b`; a registry port (`host:5000/x`) is kept. */
function repositoryPart(reference: string): string {
  const at = reference.indexOf('@');
  const noDigest = at >= 0 ? reference.slice(0, at) : reference;
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

/**
 * The edit that makes a stage's base image `…:tag` (or `…:tag@digest`), written where the
 * reference is written: in FROM itself, or in the global ARG that the FROM takes its tag
 * (`FROM node:${V}`) or whole image (`FROM ${BASE}`) from — changing the ARG keeps the
 * author's single place of truth. Other variable shapes get no edit rather than a guess, and
 * so does an ARG that something else also reads: another FROM (`FROM node:${V}-alpine` would
 * get the digest in the middle) or a stage that declares it again to use in a RUN.
 */
export function pinEdit(model: DockerfileModel, stage: Stage, tag: string, digest?: string): TextEdit | null {
  const { base } = stage;
  const reference = `${tag}${digest ? `@${digest}` : ''}`;
  if (base.variables.length === 0) return { range: base.range, newText: `${repositoryPart(base.raw)}:${reference}` };
  const whole = WHOLE_VAR.exec(base.raw);
  const argName = pinnedArg(stage);
  const arg = argName ? model.globalArgs.get(argName) : undefined;
  if (!arg || !arg.valueRange || arg.value === null || readElsewhere(model, argName!, stage)) return null;
  // A whole reference with variables of its own (`alpine:${V:-latest}`) has no single place to write the pin.
  if (whole) return arg.value.includes('$') ? null : { range: arg.valueRange, newText: `${repositoryPart(arg.value)}:${reference}` };
  // The ARG holds only the tag: anything else in it (a digest, a second variable) is not ours to rewrite.
  return TAG_ONLY.test(arg.value) ? { range: arg.valueRange, newText: reference } : null;
}

function readElsewhere(model: DockerfileModel, name: string, stage: Stage): boolean {
  if (model.stages.some((s) => s !== stage && s.base.variables.includes(name))) return true;
  // Another global ARG built from it (`ARG IMG=node:${V}`) would change with it.
  const use = new RegExp(`\\$(\\{${name}\\b|${name}\\b)`);
  if ([...model.globalArgs.values()].some((a) => a.name !== name && a.value !== null && use.test(a.value))) return true;
  return model.instructions.some((i) => i.keyword === 'ARG' && i.stage >= 0 && i.args.split(/\s+/).some((w) => w.split('=')[0] === name));
}

/** The ARG a pin edit goes to, for fix titles ("sets ARG NODE_VERSION"); null when the edit is in FROM. */
export function pinnedArg(stage: Stage): string | null {
  if (stage.base.variables.length === 0) return null;
  const m = WHOLE_VAR.exec(stage.base.raw) ?? TAG_VAR.exec(stage.base.raw);
  return m ? m[1] : null;
}
