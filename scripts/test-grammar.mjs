#!/usr/bin/env node
// Tests for the TextMate grammar syntaxes/dockerfile.tmLanguage.json.
//
//   node scripts/test-grammar.mjs
//
// 1. The JSON grammar is up to date with its source, test/grammar/generate-grammar.mjs.
// 2. Every test/grammar/cases/*.test.dockerfile passes vscode-tmgrammar-test
//    (assertion comments `# ^^^ scope`; `source.shell` is the stand-in
//    test/grammar/shell-stub.tmLanguage.json, see test/grammar/grammars.json).
// 3. Smoke check over real Dockerfiles in ../shared/corpus/ (read in place, never
//    copied): each file is tokenized line by line with vscode-textmate +
//    vscode-oniguruma; no line may fail or hit the time limit, and at every
//    point where Docker's parser ends an instruction (a line without
//    continuation, or the terminator of its last heredoc) the rule stack must
//    be back at the top level, so the next instruction keyword is a keyword.
//
// Exits non-zero on any failure; the last line is `grammar: N passed, M failed`.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GRAMMAR_DIR = join(ROOT, 'test', 'grammar');
const CASES_DIR = join(GRAMMAR_DIR, 'cases');
const CONFIG = join(GRAMMAR_DIR, 'grammars.json');
const DOCKERFILE_GRAMMAR = join(ROOT, 'syntaxes', 'dockerfile.tmLanguage.json');
const SHELL_STUB = join(GRAMMAR_DIR, 'shell-stub.tmLanguage.json');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const LINE_TIME_LIMIT_MS = 1000;

const require = createRequire(join(ROOT, 'package.json'));
let passed = 0;
let failed = 0;

function pass(what) {
  passed++;
  console.log(`ok   ${what}`);
}
function fail(what, details) {
  failed++;
  console.log(`FAIL ${what}`);
  if (details) console.log(details.replace(/^/gm, '     '));
}

// ---------------------------------------------------------------------------
// 1. generated grammar in sync
// ---------------------------------------------------------------------------
{
  const r = spawnSync(process.execPath, [join(GRAMMAR_DIR, 'generate-grammar.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status === 0) pass('syntaxes/dockerfile.tmLanguage.json matches test/grammar/generate-grammar.mjs');
  else fail('syntaxes/dockerfile.tmLanguage.json is stale', `${r.stdout}${r.stderr}`);
}

// ---------------------------------------------------------------------------
// 2. vscode-tmgrammar-test unit tests
// ---------------------------------------------------------------------------

/**
 * The tool's assertion parser backtracks exponentially on malformed assertion
 * lines (it then hangs instead of failing), so check their shape first.
 */
function lintAssertions(text) {
  const problems = [];
  const scopes = String.raw`(?:[ \t]+[\w][-\w.]*)*`;
  const good = new RegExp(String.raw`^#(?:[ \t]*\^+)+${scopes}(?:[ \t]+-${scopes})?[ \t]*$|^#[ \t]*<~*-+${scopes}(?:[ \t]+-${scopes})?[ \t]*$`);
  text.split(/\r?\n/).forEach((line, i) => {
    if (i === 0) return;
    if (/^#\s*(\^|<~*-)/.test(line) && !good.test(line)) problems.push(`line ${i + 1}: malformed assertion: ${line}`);
  });
  return problems;
}

const toolPkgPath = (() => {
  try {
    return require.resolve('vscode-tmgrammar-test/package.json');
  } catch {
    return null;
  }
})();
const cases = existsSync(CASES_DIR)
  ? readdirSync(CASES_DIR).filter((f) => f.endsWith('.test.dockerfile')).sort()
  : [];
if (!toolPkgPath) {
  fail('vscode-tmgrammar-test is not installed (npm ci)');
} else if (cases.length === 0) {
  fail(`no grammar test cases in ${relative(ROOT, CASES_DIR)}`);
} else {
  const toolPkg = JSON.parse(readFileSync(toolPkgPath, 'utf8'));
  const bin = typeof toolPkg.bin === 'string' ? toolPkg.bin : toolPkg.bin['vscode-tmgrammar-test'];
  const cli = join(dirname(toolPkgPath), bin);
  for (const name of cases) {
    const file = join(CASES_DIR, name);
    const rel = relative(ROOT, file);
    const text = readFileSync(file, 'utf8');
    const problems = lintAssertions(text);
    if (problems.length) {
      fail(rel, problems.join('\n'));
      continue;
    }
    const assertions = text.split(/\r?\n/).filter((l, i) => i > 0 && /^#\s*(\^|<~*-)/.test(l)).length;
    const r = spawnSync(process.execPath, [cli, '--config', relative(ROOT, CONFIG), rel], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    if (r.status === 0) pass(`${rel} (${assertions} assertion lines)`);
    else fail(rel, `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`.trim());
  }
}

// ---------------------------------------------------------------------------
// 3. corpus smoke check
// ---------------------------------------------------------------------------

const INSTRUCTION = /^(?:from|run|cmd|label|maintainer|expose|env|add|copy|entrypoint|volume|user|workdir|arg|onbuild|stopsignal|healthcheck|shell)$/i;
const DIRECTIVE = /^[ \t]*#[ \t]*(syntax|escape|check)[ \t]*=[ \t]*(.*?)[ \t]*$/i;
const HEREDOC = /(?<![^ \t\n])[0-9]*<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2(?![A-Za-z0-9_.-])/g;

/**
 * Docker's view of the file's lines, worked out without the grammar: which
 * lines start an instruction, and on which line each instruction ends.
 */
function analyse(lines) {
  const info = lines.map(() => ({ kind: 'other' }));
  let escape = '\\';
  let i = 0;
  while (i < lines.length && DIRECTIVE.test(lines[i])) {
    const [, name, value] = DIRECTIVE.exec(lines[i]);
    if (name.toLowerCase() === 'escape' && (value === '`' || value === '\\')) escape = value;
    info[i++].kind = 'directive';
  }
  const continues = (line) => (escape === '`' ? /`[ \t]*$/ : /\\[ \t]*$/).test(line);
  const skippable = (line) => /^[ \t]*(#|$)/.test(line);
  while (i < lines.length) {
    const line = lines[i];
    if (/^[ \t]*$/.test(line)) { info[i++].kind = 'blank'; continue; }
    if (/^[ \t]*#/.test(line)) { info[i++].kind = 'comment'; continue; }
    const words = line.trim().split(/[ \t]+/);
    if (!INSTRUCTION.test(words[0])) { i++; continue; }
    info[i].kind = 'start';
    info[i].keyword = words[0];
    // physical lines of the instruction
    const parts = [line];
    let last = i;
    while (continues(lines[last]) && last + 1 < lines.length) {
      let j = last + 1;
      while (j < lines.length && skippable(lines[j])) info[j++].kind = 'inside';
      if (j >= lines.length) { last = j - 1; break; }
      info[j].kind = 'inside';
      parts.push(lines[j]);
      last = j;
    }
    let end = last;
    const verb = (words[0].toLowerCase() === 'onbuild' ? words[1] || '' : words[0]).toLowerCase();
    if (['run', 'copy', 'add'].includes(verb)) {
      for (const m of parts.join('\n').matchAll(HEREDOC)) {
        const strip = m[1] === '-';
        let j = end + 1;
        while (j < lines.length) {
          const body = strip ? lines[j].replace(/^\t+/, '') : lines[j];
          if (body.replace(/[ \t]+$/, '') === m[3]) break;
          info[j++].kind = 'heredoc';
        }
        if (j < lines.length) info[j].kind = 'heredoc-end';
        end = Math.min(j, lines.length - 1);
      }
    }
    info[end].endsInstruction = true;
    i = end + 1;
  }
  return { info, escape };
}

function loadTextmate() {
  const fromRoot = (name) => {
    try {
      return require(name);
    } catch {
      // fall back to the copy nested in vscode-tmgrammar-test, if any
      if (!toolPkgPath) return null;
      try {
        return createRequire(toolPkgPath)(name);
      } catch {
        return null;
      }
    }
  };
  const tm = fromRoot('vscode-textmate');
  const onig = fromRoot('vscode-oniguruma');
  if (!tm || !onig) return null;
  const wasmPath = join(dirname(require.resolve('vscode-oniguruma', { paths: [ROOT, dirname(toolPkgPath || ROOT)] })), 'onig.wasm');
  return { tm, onig, wasmPath };
}

async function corpusCheck() {
  if (!existsSync(CORPUS) || !statSync(CORPUS).isDirectory()) {
    console.log('SKIPPED corpus grammar check (../shared/corpus not found)');
    return;
  }
  const lib = loadTextmate();
  if (!lib) {
    console.log('SKIPPED corpus grammar check (vscode-textmate / vscode-oniguruma not installed)');
    return;
  }
  const { tm, onig, wasmPath } = lib;
  const onigLib = onig.loadWASM(readFileSync(wasmPath).buffer).then(() => ({
    createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
    createOnigString: (s) => new onig.OnigString(s),
  }));
  const sources = { 'source.dockerfile': DOCKERFILE_GRAMMAR, 'source.shell': SHELL_STUB };
  const registry = new tm.Registry({
    onigLib,
    loadGrammar: async (scope) => (sources[scope] ? tm.parseRawGrammar(readFileSync(sources[scope], 'utf8'), sources[scope]) : null),
  });
  const grammar = await registry.loadGrammar('source.dockerfile');
  if (!grammar) {
    fail('corpus: could not load source.dockerfile');
    return;
  }

  const files = readdirSync(CORPUS)
    .filter((f) => /dockerfile|containerfile/i.test(f) && statSync(join(CORPUS, f)).isFile())
    .sort();
  const totals = { files: 0, lines: 0, instructions: 0, heredocs: 0 };
  // vscode-textmate reports endless loops with console.error and carries on.
  const logged = [];
  const origError = console.error;
  const origWarn = console.warn;
  console.error = (...a) => logged.push(a.join(' '));
  console.warn = (...a) => logged.push(a.join(' '));
  const failures = [];
  try {
    for (const name of files) {
      const text = readFileSync(join(CORPUS, name), 'utf8').replace(/^\uFEFF/, '');
      const lines = text.split(/\r?\n/);
      if (lines.length && lines[lines.length - 1] === '') lines.pop();
      const { info, escape } = analyse(lines);
      // Top level: the root rule, plus (after `# escape=``) the directive block
      // and the escape region, which adds the scope meta.escape-backtick.dockerfile.
      const baseDepth = escape === '`' ? 3 : 1;
      const baseScopes = escape === '`' ? 2 : 1;
      const problems = [];
      let stack = tm.INITIAL;
      for (let n = 0; n < lines.length; n++) {
        const line = lines[n];
        logged.length = 0;
        let r;
        try {
          r = grammar.tokenizeLine(line, stack, LINE_TIME_LIMIT_MS);
        } catch (e) {
          problems.push(`line ${n + 1}: tokenizer threw ${e}`);
          break;
        }
        if (r.stoppedEarly) problems.push(`line ${n + 1}: tokenization stopped early (time limit)`);
        if (logged.length) problems.push(`line ${n + 1}: ${logged.join(' | ')}`);
        const toks = r.tokens;
        let at = 0;
        for (const t of toks) {
          if (t.startIndex !== at) { problems.push(`line ${n + 1}: tokens not contiguous at ${at}`); break; }
          at = t.endIndex;
        }
        if (line.length > 0 && at < line.length) problems.push(`line ${n + 1}: tokens cover ${at}/${line.length} characters`);

        const li = info[n];
        if (li.kind === 'start') {
          totals.instructions++;
          const kw = toks.find((t) => line.slice(t.startIndex, t.endIndex).trim() !== '');
          const scopes = kw ? kw.scopes : [];
          if (!scopes.includes('keyword.other.special-method.dockerfile') || scopes.length !== baseScopes + 2) {
            problems.push(`line ${n + 1}: instruction keyword ${li.keyword} scoped as [${scopes.join(' ')}]`);
          }
        } else if (li.kind === 'comment') {
          const c = toks.find((t) => line.slice(t.startIndex, t.endIndex).trim() !== '');
          if (!c || !c.scopes.includes('comment.line.number-sign.dockerfile') || c.scopes.length !== baseScopes + 2) {
            problems.push(`line ${n + 1}: top-level comment scoped as [${c ? c.scopes.join(' ') : ''}]`);
          }
        } else if (li.kind === 'heredoc-end') {
          totals.heredocs++;
          const d = toks.find((t) => line.slice(t.startIndex, t.endIndex).trim() !== '');
          if (!d || !d.scopes.includes('keyword.control.heredoc-token.dockerfile')) {
            problems.push(`line ${n + 1}: heredoc terminator scoped as [${d ? d.scopes.join(' ') : ''}]`);
          }
        }
        if (li.endsInstruction && r.ruleStack.depth !== baseDepth) {
          problems.push(`line ${n + 1}: instruction ends here but the rule stack is ${r.ruleStack.depth} deep (want ${baseDepth})`);
        }
        stack = r.ruleStack;
        if (problems.length > 5) break;
      }
      totals.files++;
      totals.lines += lines.length;
      if (problems.length) failures.push({ name, problems });
    }
  } finally {
    console.error = origError;
    console.warn = origWarn;
  }
  for (const { name, problems } of failures) fail(`corpus ${name}`, problems.slice(0, 6).join('\n'));
  const good = totals.files - failures.length;
  passed += good;
  console.log(
    `ok   corpus: ${good}/${totals.files} files, ${totals.lines} lines, ${totals.instructions} instructions, ` +
      `${totals.heredocs} heredocs tokenized back to top level`,
  );
}

await corpusCheck();
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
