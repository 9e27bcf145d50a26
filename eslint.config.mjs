// Guardrails that keep the layout honest (see README, "Architecture"). The layers, bottom up:
//   common/                              shared by client and server: protocol names, i18n, lecture data
//   server/src/core                      plain types, text and ranges
//   server/src/shell, model              the tokenizer, the parsed Dockerfile
//   server/src/rules (+ rules/support)   one rule per file; helpers one module per idea
//   server/src/{analyze,fix,hover,index} the pure analysis API
//   server/src/{layers,config,pinning,shellcheck}   views of an analysis, project config, registry and ShellCheck facts
//   server/src/{lsp,cli}, client/src     adapters: LSP server, command line, VS Code client
// A layer imports only from layers below it. Only syntax is checked here (no type
// information), so the lint stays fast enough to run before every test run.
import tseslint from 'typescript-eslint';

const LSP_LIBRARIES = ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-protocol', 'vscode-languageserver-textdocument', 'vscode-jsonrpc', 'vscode-jsonrpc/*'];
const NODE_IO = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process'];

/** `no-restricted-imports` patterns: forbidden module specifiers, each with the reason. */
function forbid(...groups) {
  return ['error', { patterns: groups.map(([regex, message]) => ({ regex, message })) }];
}
const names = (list) => `^(${list.map((n) => n.replace(/\./g, '\\.').replace(/\*/g, '.*')).join('|')})$`;

const NOT_SERVER = ['(^|/)server/', 'The client imports only from common/ (and vscode); the server reaches it over LSP.'];
const NOT_ADAPTERS = ['(^|/)(lsp|cli|client)(/|$)|^\\.\\.?/cli$', 'The analysis core knows nothing of its adapters (LSP server, CLI, client).'];
const NOT_LSP_LIBS = [names(LSP_LIBRARIES), 'The analysis core knows nothing of LSP: it returns plain findings and text edits.'];
const NOT_TRANSPORT = ['(^|/)registry(/(index|client|transport|auth|credentials|cache|manifest|errors))?$', 'The core may read image references (registry/ref, registry/versions), never the network client.'];
const NOT_PINNING = ['(^|/)pinning(/|$)', 'Registry facts reach rules through RuleContext; pinning/ sits above the rules.'];
const NOT_VIEWS = ['(^|/)(layers|config)(/|$)', 'Views of an analysis and project config sit above the core.'];
const NOT_IO = [names(NODE_IO), 'The analysis core is pure: no file system, network or processes.'];
const NOT_RULES = ['(^|/)rules(/|$)|(^|/)(analyze|fix|hover|index)$', 'A lower layer does not import rules or the analysis API.'];
const NOT_MODEL = ['(^|/)model(/|$)', 'core/ and shell/ sit below the model.'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test/fixtures/**', 'test/e2e/workspace/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['common/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_SERVER, ['^vscode', 'common/ is free of editor and protocol libraries.'], ['(^|/)client/', 'common/ is below the client.']) },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_SERVER, NOT_LSP_LIBS) },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_ADAPTERS, NOT_LSP_LIBS, NOT_TRANSPORT, NOT_PINNING, NOT_VIEWS, NOT_IO, NOT_RULES, NOT_MODEL) },
  },
  {
    files: ['server/src/shell/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_ADAPTERS, NOT_LSP_LIBS, NOT_TRANSPORT, NOT_PINNING, NOT_VIEWS, NOT_IO, NOT_RULES, NOT_MODEL) },
  },
  {
    files: ['server/src/model/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_ADAPTERS, NOT_LSP_LIBS, NOT_TRANSPORT, NOT_PINNING, NOT_VIEWS, NOT_IO, NOT_RULES) },
  },
  {
    files: ['server/src/rules/**/*.ts', 'server/src/data/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_ADAPTERS, NOT_LSP_LIBS, NOT_TRANSPORT, NOT_PINNING, NOT_VIEWS, NOT_IO, ['(^|/)(analyze|fix|hover)$', 'Rules do not call the analysis API that runs them.']) },
  },
  {
    // A rule file imports its contract and helpers, never another rule: shared code goes to rules/support/.
    files: ['server/src/rules/*.ts'],
    ignores: ['server/src/rules/index.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_ADAPTERS, NOT_LSP_LIBS, NOT_TRANSPORT, NOT_PINNING, NOT_VIEWS, NOT_IO, ['(^|/)(analyze|fix|hover)$', 'Rules do not call the analysis API that runs them.'], ['^\\./(?!rule$|support/)', 'A rule imports only ./rule and ./support/*: move what two rules share to rules/support/.']) },
  },
  {
    files: ['server/src/rules/support/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_ADAPTERS, NOT_LSP_LIBS, NOT_TRANSPORT, NOT_PINNING, NOT_VIEWS, NOT_IO, ['^\\.\\./(?!rule$)[^/]+$', 'Helpers do not import rule files (only the ../rule contract).']) },
  },
  {
    files: ['server/src/analyze.ts', 'server/src/fix.ts', 'server/src/hover.ts', 'server/src/index.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_ADAPTERS, NOT_LSP_LIBS, NOT_TRANSPORT, NOT_PINNING, NOT_VIEWS, NOT_IO) },
  },
  {
    files: ['server/src/layers/**/*.ts', 'server/src/config/**/*.ts', 'server/src/pinning/**/*.ts', 'server/src/shellcheck/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(NOT_ADAPTERS, NOT_LSP_LIBS) },
  },
  {
    files: ['server/src/cli/**/*.ts', 'server/src/cli.ts'],
    rules: { 'no-restricted-imports': forbid(['(^|/)lsp(/|$)', 'The CLI and the LSP server are independent adapters of the same core.'], NOT_LSP_LIBS) },
  },
);
