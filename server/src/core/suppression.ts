import type { DockerfileModel, InstructionInfo } from '../model/types';

/**
 * Inline suppressions. Our own syntax plus the two that teams already have in
 * their files, so adopting this extension does not mean rewriting comments:
 *   # lecture-hints ignore=rule-a,rule-b -- reason      (the next instruction)
 *   # lecture-hints global ignore=rule-a                (the whole file)
 *   # hadolint ignore=DL3059 / # hadolint global ignore=DL3059
 *   # check=skip=JSONArgsRecommended  (directive: whole file; comment above an instruction: that one)
 * Codes are rule ids or aliases; `resolve` maps them to rule ids.
 */
export interface Suppressions {
  file: Set<string>;
  byInstruction: Map<number, Set<string>>;
}

const OWN = /^lecture-hints\s+(global\s+)?ignore\s*=\s*([^\s]+)/i;
const HADOLINT = /^hadolint\s+(global\s+)?ignore\s*=\s*([^\s]+)/i;
const CHECK = /^check\s*=\s*skip\s*=\s*([^\s;]+)/i;

export function findSuppressions(model: DockerfileModel, resolve: (code: string) => string[]): Suppressions {
  const file = new Set<string>();
  const byInstruction = new Map<number, Set<string>>();
  for (const d of model.directives) {
    if (d.name === 'check') {
      const m = /(?:^|;)\s*skip\s*=\s*([^;]+)/i.exec(d.value);
      if (m) addCodes(file, m[1], resolve);
    }
  }
  // dockerfile-ast reads `# lecture-hints global ignore=x` at the top as a directive; BuildKit
  // (and we) see a comment, so directive lines are scanned as comments too.
  const byLine = new Map(model.comments.map((c) => [c.line, c.text]));
  for (const d of model.directives) byLine.set(d.range.start.line, model.lines.lineText(d.range.start.line).replace(/^\s*#/, ''));
  for (const ins of model.instructions) {
    // Only the unbroken run of comment lines right above the instruction applies to it.
    for (let line = ins.range.start.line - 1; byLine.has(line); line--) {
      const text = byLine.get(line)!.trim();
      const m = OWN.exec(text) ?? HADOLINT.exec(text);
      if (m) {
        if (m[1]) addCodes(file, m[2], resolve);
        else addCodes(setFor(byInstruction, ins), m[2], resolve);
        continue;
      }
      const c = CHECK.exec(text);
      if (c) addCodes(setFor(byInstruction, ins), c[1], resolve);
    }
  }
  // Global pragmas count wherever they are, not only above an instruction.
  for (const text of byLine.values()) {
    const m = OWN.exec(text.trim()) ?? HADOLINT.exec(text.trim());
    if (m && m[1]) addCodes(file, m[2], resolve);
  }
  return { file, byInstruction };
}

function setFor(map: Map<number, Set<string>>, ins: InstructionInfo): Set<string> {
  let s = map.get(ins.index);
  if (!s) map.set(ins.index, (s = new Set()));
  return s;
}

function addCodes(target: Set<string>, list: string, resolve: (code: string) => string[]): void {
  for (const code of list.split(',')) {
    for (const id of resolve(code.trim())) target.add(id);
  }
}
