#!/usr/bin/env node
// Lists exported values of common/, client/src and server/src that nothing else imports: dead
// API that a reader has to understand for nothing. Uses the TypeScript language service
// (find references), so re-exports, type-only imports and tests all count as uses.
// Exit 1 when any is found. Usage: node scripts/check-unused-exports.mjs
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
const files = config.fileNames;
const versions = new Map(files.map((f) => [f, '1']));
const service = ts.createLanguageService({
  getScriptFileNames: () => files,
  getScriptVersion: (f) => versions.get(f) ?? '1',
  getScriptSnapshot: (f) => { try { return ts.ScriptSnapshot.fromString(readFileSync(f, 'utf8')); } catch { return undefined; } },
  getCurrentDirectory: () => root,
  getCompilationSettings: () => config.options,
  getDefaultLibFileName: ts.getDefaultLibFilePath,
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
}, ts.createDocumentRegistry());

const checked = files.filter((f) => /\/(common|client\/src|server\/src)\//.test(f));
const program = service.getProgram();
const unused = [];
for (const file of checked) {
  const source = program.getSourceFile(file);
  for (const statement of source.statements) {
    for (const { name, node } of exportedNames(statement)) {
      const refs = service.findReferences(file, node.getStart(source)) ?? [];
      const elsewhere = refs.some((r) => r.references.some((x) => x.fileName !== file && !x.isDefinition));
      if (!elsewhere) unused.push(`${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${name}`);
    }
  }
}

/**
 * The values a top-level statement exports (functions, constants, classes). Exported
 * types are left alone: they document the signatures of exported values.
 */
function exportedNames(statement) {
  const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (!exported || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return [];
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.filter((d) => ts.isIdentifier(d.name)).map((d) => ({ name: d.name.text, node: d.name }));
  if (statement.name && ts.isIdentifier(statement.name)) return [{ name: statement.name.text, node: statement.name }];
  return [];
}

// Entry points are used by their bundlers and by VS Code, and lsp/main by a lazy require (so the handshake is fast), not by imports.
const ENTRY_USES = new Set(['client/src/extension.ts: activate', 'client/src/extension.ts: deactivate', 'client/src/language-client.ts: createLanguageClient', 'server/src/lsp/main.ts: start']);
const report = unused.filter((u) => !ENTRY_USES.has(u.replace(/:\d+:/, ':')));
if (report.length === 0) {
  console.log(`unused exports: none (${checked.length} files checked)`);
} else {
  console.log(`unused exports (${report.length}): export only what another module uses`);
  for (const u of report) console.log(`  ${u}`);
  process.exitCode = 1;
}
