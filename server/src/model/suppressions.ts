import type { DockerfileModel, InstructionInfo } from './types';
import { instructionAtLine } from './at-line';

/**
 * Inline suppressions. Our own syntax plus the two that teams already have in
 * their files, so adopting this extension does not mean rewriting comments:
 *   # lecture-hints ignore=rule-a,rule-b -- reason      (the next instruction)
 *   # lecture-hints global ignore=rule-a                (the whole file)
 *   # hadolint ignore=DL3059 / # hadolint global ignore=DL3059
 *   # check=skip=JSONArgsRecommended  (directive: whole file; comment above an instruction: that one)
 * Codes are rule ids or aliases; `resolve` maps them to rule ids. A code no rule
 * has (ShellCheck's SC2086: one rule reports hundreds of such codes) is kept as
 * written, lower-cased: it silences only the findings carrying it as their own alias.
 */
export interface Suppressions {
  file: Set<string>;
  byInstruction: Map<number, Set<string>>;
}

const OWN = /^lecture-hints\s+(global\s+)?ignore\s*=\s*([^\s]+)/i;
const HADOLINT = /^hadolint\s+(global\s+)?ignore\s*=\s*([^\s]+)/i;
const CHECK = /^check\s*=\s*skip\s*=\s*([^\s;]+)/i;
const MAYBE_PRAGMA = /ignore|skip/i;

/** Whether a comment line (`# …`) is a suppression pragma of ours, hadolint's or BuildKit's. */
export function isSuppressionComment(line: string): boolean {
  const text = line.trim().replace(/^#\s*/, '');
  return OWN.test(text) || HADOLINT.test(text) || CHECK.test(text);
}

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
  const commentLines = new Set<number>();
  const pragmas: { line: number; text: string }[] = [];
  const consider = (line: number, text: string) => {
    commentLines.add(line);
    // Every pragma says `ignore` or `skip`: big files have thousands of ordinary comments.
    if (MAYBE_PRAGMA.test(text)) pragmas.push({ line, text: text.trim() });
  };
  for (const c of model.comments) consider(c.line, c.text);
  for (const d of model.directives) consider(d.range.start.line, model.lines.lineText(d.range.start.line).replace(/^\s*#/, ''));
  for (const { line, text } of pragmas) {
    const m = OWN.exec(text) ?? HADOLINT.exec(text);
    // Global pragmas count wherever they are, not only above an instruction.
    if (m?.[1]) { addCodes(file, m[2], resolve); continue; }
    const codes = m?.[2] ?? CHECK.exec(text)?.[1];
    if (codes === undefined) continue;
    // Only the instruction right below the unbroken run of comment lines holding the pragma.
    let below = line + 1;
    while (commentLines.has(below)) below++;
    const at = instructionAtLine(model, below);
    const ins = at === undefined ? undefined : model.instructions[at];
    if (ins && ins.range.start.line === below) addCodes(setFor(byInstruction, ins), codes, resolve);
  }
  return { file, byInstruction };
}

function setFor(map: Map<number, Set<string>>, ins: InstructionInfo): Set<string> {
  let s = map.get(ins.index);
  if (!s) map.set(ins.index, (s = new Set()));
  return s;
}

function addCodes(target: Set<string>, list: string, resolve: (code: string) => string[]): void {
  for (const raw of list.split(',')) {
    const code = raw.trim();
    const ids = resolve(code);
    for (const id of ids) target.add(id);
    if (ids.length === 0 && code) target.add(code.toLowerCase());
  }
}
