import type { Fix, TextEdit } from '../../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../../model/types';
import { wholeLines } from './ranges';
import { declaredNames } from './declared-names';

/**
 * The fix that turns a build argument holding a secret into a build secret:
 * the ARG goes, and every RUN that reads the variable gets
 * `--mount=type=secret,id=NAME,env=NAME`, which puts the secret into that RUN's
 * environment under the same name, so its script is unchanged, and stores it
 * in no layer and no history entry. The build is then run with
 * `docker build --secret id=NAME,env=NAME .` (the value from the caller's
 * environment) instead of `--build-arg NAME=…`.
 *
 * The `env=` option needs the Dockerfile frontend 1.10 or later, so a file
 * without a `# syntax=` directive gets `# syntax=docker/dockerfile:1` (the
 * latest 1.x). Offered only when nothing but shell-form RUNs of the ARG's own
 * stage reads the name: an ENV, LABEL, COPY or an exec-form RUN reading it
 * would lose its value. Never safe: how the build is invoked changes.
 */
export function secretMountFix(model: DockerfileModel, arg: InstructionInfo, name: string): Fix | null {
  const stage: Stage | undefined = model.stages[arg.stage];
  if (!stage || arg.keyword !== 'ARG' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return null;
  const readers: InstructionInfo[] = [];
  for (const ins of stage.instructions) {
    if (ins === arg) continue;
    // Another ARG of the same name in the stage makes two declarations: too subtle for an automatic fix.
    if (ins.keyword === 'ARG' && declaredNames(model, ins).some((d) => d.name === name)) return null;
    if (ins.index < arg.index) continue;
    if (!readsVariable(ins, name)) continue;
    if (ins.keyword !== 'RUN' || ins.execForm) return null;
    readers.push(ins);
  }
  if (readers.length === 0) return null;

  const mount = `--mount=type=secret,id=${name},env=${name}`;
  const edits: TextEdit[] = [{ range: wholeLines(model, arg), newText: '' }];
  for (const run of readers) edits.push({ range: { start: run.keywordRange.end, end: run.keywordRange.end }, newText: ` ${mount}` });
  if (!model.directives.some((d) => d.name.toLowerCase() === 'syntax')) {
    edits.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# syntax=docker/dockerfile:1${model.eol}` });
  }
  return {
    title: { en: `Pass ${name} as a build secret (RUN --mount=type=secret)`, ru: `Передавать ${name} как секрет сборки (RUN --mount=type=secret)` },
    edits,
    safe: false,
  };
}

/** The `docker build` option that hands the secret in, for messages. */
export function secretBuildOption(name: string): string {
  return `docker build --secret id=${name},env=${name} .`;
}

/** `$NAME` or `${NAME…}` anywhere in the instruction's text (a RUN's script, a heredoc body, flags). */
function readsVariable(ins: InstructionInfo, name: string): boolean {
  const texts = [ins.args, ins.script?.text ?? '', ...ins.flags.map((f) => f.value ?? '')];
  return texts.some((t) => mentions(t, name));
}

function mentions(text: string, name: string): boolean {
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
    const braced = text[i + 1] === '{';
    const start = i + (braced ? 2 : 1);
    if (text.startsWith(name, start)) {
      const next = text.charCodeAt(start + name.length);
      const identifier = (next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95;
      if (!identifier) return true;
    }
  }
  return false;
}
