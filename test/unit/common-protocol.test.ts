import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionKind } from 'vscode-languageserver/node';
import { COMMANDS, FIX_ALL_KIND, SETTINGS_SECTION, VIEWS } from '../../common/protocol';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> }; views: Record<string, { id: string }[]> };
};

test('the shared names are the ones package.json contributes and LSP expects', () => {
  const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
  for (const id of Object.values(COMMANDS)) assert.ok(contributed.has(id), `${id} is not contributed`);
  for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(key.startsWith(`${SETTINGS_SECTION}.`), key);
  assert.ok(Object.values(pkg.contributes.views).flat().some((v) => v.id === VIEWS.layers));
  // A sub-kind of source.fixAll, so `source.fixAll` on save includes it.
  assert.ok(FIX_ALL_KIND.startsWith(`${CodeActionKind.SourceFixAll}.`));
});
