import type { DockerfileModel, InstructionInfo } from '../../model/types';

/**
 * Template files (Go templates, Jinja) that render into a Dockerfile: lines
 * made of a template tag (`{{ if .Dev }}`, `{%- for p in pkgs %}`) and image
 * names filled in by the template (`FROM {{ .Base }}`). A `{{` inside a RUN
 * (`docker inspect --format '{{.Id}}'`) is ordinary text and does not count.
 */
const TAG_START = /^\{[{%]/;

/** Whether the instruction is a line the template engine consumes, or a FROM whose image it fills in. */
export function isTemplateLine(ins: InstructionInfo): boolean {
  if (TAG_START.test(ins.keywordText)) return true;
  return ins.keyword === 'FROM' && /\{\{|\{%/.test(ins.args);
}

/** The first template line of the file, or null when it is not a template. */
export function firstTemplateLine(model: DockerfileModel): InstructionInfo | null {
  return model.instructions.find(isTemplateLine) ?? null;
}

/** Whether text (an image reference, an argument) holds a template placeholder. */
export function hasTemplatePlaceholder(text: string): boolean {
  return /\{\{|\{%/.test(text);
}
