/**
 * The extension as a person sees it: Debian Chromium (playwright-core) on
 * code-server with the installed .vsix. Two passes, each in a fresh window
 * and workspace copy: light theme with `dockerfileLectureHints.language: en`,
 * dark theme with `ru`. Each pass opens the Dockerfile from the Explorer,
 * waits for squiggles, reads the Problems panel, hovers a RUN keyword, applies
 * the merge quick fix from the Ctrl+. menu, and opens the lecture from the
 * command palette. Screenshots go to test-results/ui-<theme>-<step>.png on
 * every run (and ui-<theme>-failure.png when a step fails).
 *
 *   npx tsc -p . && node --test out/test/e2e/ui.test.js
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { RESULTS_DIR } from './tools/paths';
import { requireTools } from './tools/discovery';
import { makeTempDir } from './tools/processes';
import { printTime, seconds, TIMEOUTS } from './tools/timing';
import { ensureVsix } from './tools/vsix';
import { type Lang, prepareWorkspace } from './tools/workspace';
import { type CodeServer, installExtension, startCodeServer, workbenchUrl } from './tools/code-server';
import { launchChromium } from './tools/chromium';
import { APPLY, DIAGNOSTICS, HOVERS, LECTURE_VIEW, type Localized } from './suite/cases';

const SUITE = 'ui (Chromium on code-server)';

interface Pass { theme: 'light' | 'dark'; themeId: string; bodyClass: string; lang: Lang }
const PASSES: Pass[] = [
  { theme: 'light', themeId: 'Light Modern', bodyClass: 'vs', lang: 'en' },
  { theme: 'dark', themeId: 'Dark Modern', bodyClass: 'vs-dark', lang: 'ru' },
];

/** What each pass looks at: the first rows of the extension-host tables (suite/cases.ts). */
const FILE = DIAGNOSTICS[0].file;
const RULES = [...new Set(DIAGNOSTICS[0].expect.map((d) => d.rule))];
const HOVER = HOVERS.find((h) => h.file === FILE && h.word === 'RUN')!;
const MERGE = APPLY.find((a) => a.file === FILE)!;

/** Markdown as the hover renders it: no emphasis markers or backticks. */
const plain = (md: string) => md.replace(/\*\*|`|\*/g, '');
/** A source line as a pattern over the editor's rendering (spaces become non-breaking spaces there). */
const linePattern = (text: string) => new RegExp(text.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));

test(SUITE, { timeout: TIMEOUTS.testFile }, async (t) => {
  const started = Date.now();
  const tools = requireTools(SUITE, ['node24', 'codeServerEntry', 'chromium'], t);
  if (!tools) return;
  const vsix = ensureVsix();
  const root = makeTempDir('ui');
  const extensionsDir = join(root, 'extensions');
  installExtension(tools, vsix, extensionsDir, root);
  const server = await startCodeServer(tools, { label: 'ui', extensionsDir, userSettings: { 'workbench.colorTheme': PASSES[0].themeId } });
  const browser = await launchChromium(tools.chromium, 'ui');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const failures: string[] = [];
  try {
    for (const pass of PASSES) {
      const passStarted = Date.now();
      setUserSetting(server, 'workbench.colorTheme', pass.themeId);
      const ws = prepareWorkspace(pass.lang, `ui-${pass.theme}`);
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUTS.uiStep);
      const shot = async (step: string) => {
        const path = join(RESULTS_DIR, `ui-${pass.theme}-${step}.png`);
        await page.screenshot({ path });
        console.log(`# screenshot ${path}`);
      };
      try {
        await runPass(page, server, ws.dir, pass, shot);
        console.log(`# ui pass ${pass.theme}/${pass.lang}: ok in ${seconds(passStarted)}`);
      } catch (e) {
        await shot('failure').catch(() => {});
        failures.push(`${pass.theme}/${pass.lang}: ${e instanceof Error ? e.message : String(e)}`);
        console.log(`# ui pass ${pass.theme}/${pass.lang}: FAILED after ${seconds(passStarted)}: ${e instanceof Error ? e.stack : e}`);
      } finally {
        await context.close().catch(() => {});
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    printTime(SUITE, started);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

function setUserSetting(server: CodeServer, key: string, value: unknown): void {
  const file = join(server.userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  settings[key] = value;
  writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    const r = await fn();
    console.log(`  ok   ${name} (${Date.now() - started} ms)`);
    return r;
  } catch (e) {
    console.log(`  FAIL ${name} (${Date.now() - started} ms)`);
    throw new Error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function runPass(page: Page, server: CodeServer, folder: string, pass: Pass, shot: (step: string) => Promise<void>): Promise<void> {
  const lang = pass.lang;
  const other: Lang = lang === 'ru' ? 'en' : 'ru';
  const editor = page.locator('.editor-group-container .monaco-editor').first();
  const lines = editor.locator('.view-lines .view-line');
  const lineWith = (text: string): Locator => lines.filter({ hasText: linePattern(text) }).first();
  const source = readFileSync(join(folder, FILE), 'utf8').split('\n');
  const sourceLine = (n: number) => source[n - 1];

  await step(`[${pass.theme}] workbench loads with the ${pass.theme} theme`, async () => {
    await page.goto(workbenchUrl(server, folder), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: TIMEOUTS.codeServerStart });
    await page.locator(`.monaco-workbench.${pass.bodyClass}`).waitFor({ state: 'attached' });
  });

  const original = {
    hoverLine: sourceLine(HOVER.line),
    mergeLine: sourceLine(MERGE.line),
  };

  await step(`[${pass.theme}] click ${FILE} in the Explorer; squiggles appear`, async () => {
    const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${FILE}$`) }) }).first();
    await row.waitFor({ state: 'visible', timeout: TIMEOUTS.codeServerStart });
    await row.click();
    await lineWith(original.hoverLine).waitFor({ state: 'visible' });
    await editor.locator('.squiggly-warning, .squiggly-info').first().waitFor({ state: 'attached' });
    await shot('editor');
  });

  await step(`[${pass.theme}] Problems (Ctrl+Shift+M) lists ${RULES.join(', ')}`, async () => {
    await lineWith(original.hoverLine).click();
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    await waitFor(async () => {
      const texts = await rows.allInnerTexts();
      const missing = RULES.filter((r) => !texts.some((x) => x.includes(r)));
      return missing.length === 0 ? done(texts) : notYet(`rules ${missing.join(', ')} not among the rows ${JSON.stringify(texts)}`);
    });
    await shot('problems');
  });

  await step(`[${pass.theme}] hover on RUN (line ${HOVER.line}) shows the lecture quote, ${lang} first`, async () => {
    const box = await lineWith(original.hoverLine).boundingBox();
    assert.ok(box, 'line not rendered');
    await page.mouse.move(box.x + 200, box.y + box.height / 2);
    await page.mouse.move(box.x + 10, box.y + box.height / 2, { steps: 3 });
    const hover = page.locator('.monaco-hover').filter({ hasText: plain(HOVER.quote[lang]) }).first();
    await hover.waitFor({ state: 'visible' });
    const text = await hover.innerText();
    const a = text.indexOf(plain(HOVER.quote[lang]));
    const b = text.indexOf(plain(HOVER.quote[other]));
    assert.ok(a >= 0 && b > a, `expected the ${lang} quote before the ${other} one in the hover:\n${text}`);
    await shot('hover');
    // Away from the editor, so the hover closes and does not cover the next lines.
    await page.mouse.move(5, 700);
    await page.locator('.monaco-hover').filter({ hasText: plain(HOVER.quote[lang]) }).first().waitFor({ state: 'hidden' });
  });

  await step(`[${pass.theme}] Ctrl+. on line ${MERGE.line} offers "${String(MERGE.title[lang])}"; applying it merges the RUNs`, async () => {
    const title = MERGE.title[lang];
    assert.equal(typeof title, 'string', 'the UI step needs an exact title');
    const box = await lineWith(original.mergeLine).boundingBox();
    assert.ok(box, 'line not rendered');
    const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: title as string }).first();
    // Ctrl+. now and then opens nothing in code-server (seen twice in ~20 runs, with the light bulb showing):
    // try again a few times before calling it a failure; a missing action still fails every attempt.
    for (let attempt = 1; ; attempt++) {
      await page.mouse.click(box.x + 10, box.y + box.height / 2);
      await page.keyboard.press('Control+Period');
      try {
        await item.waitFor({ state: 'visible', timeout: 8000 });
        break;
      } catch (e) {
        if (attempt === 4) throw e;
        console.log(`  (Ctrl+. showed no menu with the merge on attempt ${attempt}; pressing it again)`);
        await page.keyboard.press('Escape');
      }
    }
    await shot('quickfix');
    // Keyboard first: walk the menu with the arrow keys until the merge item is focused, then Enter.
    for (let i = 0; i < 12; i++) {
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      if ((await focused.count()) && (await focused.first().innerText()).includes(title as string)) break;
      await page.keyboard.press('ArrowDown');
    }
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    if ((await focused.count()) && (await focused.first().innerText()).includes(title as string)) {
      await page.keyboard.press('Enter');
      console.log('  (applied with the keyboard: arrows + Enter)');
    } else {
      await item.click();
      console.log('  (applied with a click: the keyboard focus never reached the item)');
    }
    const merged = MERGE.expectText.split('\n').find((l) => l.trim().startsWith('&&'))!;
    await lineWith(merged).waitFor({ state: 'visible' });
    // The merge findings leave the Problems panel.
    await waitFor(async () => {
      const texts = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
      return texts.some((x) => x.includes('merge-consecutive-run')) ? notYet(`merge-consecutive-run still listed: ${JSON.stringify(texts)}`) : done(texts);
    });
    await shot('merged');
  });

  await step(`[${pass.theme}] command palette: "${LECTURE_VIEW.paletteTitle}" renders the lecture (${lang})`, async () => {
    await lineWith(MERGE.expectText.split('\n')[1]).click();
    await runFromPalette(page, LECTURE_VIEW.paletteTitle, LECTURE_VIEW.paletteTitle);
    await page.locator('.tabs-container .tab').filter({ hasText: LECTURE_VIEW.tabLabel }).first().waitFor({ state: 'visible' });
    const heading = await waitFor(() => findHeading(page, LECTURE_VIEW.heading));
    assert.ok(heading.startsWith(LECTURE_VIEW.heading[lang]), `the lecture page is not in ${lang}: "${heading}"`);
    await shot('lecture');
  });

  await step(`[${pass.theme}] the Dockerfile Layers view draws the layers with the container's read-write layer on top`, async () => {
    // Keys typed while the lecture webview has focus go to its frame: give the editor focus first.
    await lineWith(MERGE.expectText.split('\n')[1]).click();
    await runFromPalette(page, 'Focus on Dockerfile Layers View', 'Dockerfile Layers');
    const blocks = await waitFor(() => findLayerBlocks(page));
    assert.ok(blocks > 0, 'no layer blocks in the view');
    await shot('layers');
  });

  await step(`[${pass.theme}] Developer: Show Running Extensions lists our activation time`, async () => {
    await lineWith(MERGE.expectText.split('\n')[1]).click();
    await runFromPalette(page, 'Developer: Show Running Extensions', 'Show Running Extensions');
    const list = page.locator('.runtime-extensions-editor').first();
    await list.waitFor({ state: 'visible' });
    const row = list.locator('.extension').filter({ has: page.locator('.name', { hasText: /Dockerfile Lecture Hints|dockerfile-lecture-hints/i }) }).first();
    // The list is sorted slowest first and only draws the rows in view: scroll until ours is drawn.
    await waitFor(async () => {
      if (await row.count() > 0) return done(true);
      await list.hover();
      await page.mouse.wheel(0, 400);
      return notYet('our extension is not in the Running Extensions list');
    });
    // What VS Code itself reports: loading our code plus the activate() call.
    const text = await row.locator('.activation-time').innerText();
    const ms = Number(/(\d+)\s*ms/.exec(text)?.[1]);
    assert.ok(Number.isFinite(ms), `no activation time in "${text}"`);
    console.log(`# activation (${pass.theme}): ${ms} ms, as Running Extensions shows it ("${text}")`);
    recordActivation(pass.theme, ms);
    await shot('running-extensions');
  });
}

/** Runs a command from the palette (F1): types `command`, waits for the row showing `rowText`, presses Enter. */
async function runFromPalette(page: Page, command: string, rowText: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${command}`);
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: rowText }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Kept for `npm run bench`, which reports the activation time VS Code measured in the last UI run. */
function recordActivation(theme: string, ms: number): void {
  const file = join(RESULTS_DIR, 'activation.json');
  let all: Record<string, unknown> = {};
  try { all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>; } catch { all = {}; }
  all[theme] = { ms, at: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
}

/** How many clickable layer blocks a webview frame of the layer view shows, once it has rendered. */
async function findLayerBlocks(page: Page): Promise<Poll<number>> {
  for (const f of page.frames()) {
    try {
      const n = await f.locator('.block[data-line]').count();
      const rw = await f.getByText(/read-write/).count();
      if (n > 0 && rw > 0) return done(n);
    } catch { /* a frame detached or still loading */ }
  }
  return notYet('no frame shows layer blocks yet');
}

type Poll<T> = { ok: true; value: T } | { ok: false; why: string };
const done = <T>(value: T): Poll<T> => ({ ok: true, value });
const notYet = (why: string): Poll<never> => ({ ok: false, why });

/** The first h1 of a webview frame that shows the lecture, in either language. */
async function findHeading(page: Page, heading: Localized): Promise<Poll<string>> {
  const frames: Frame[] = page.frames();
  for (const f of frames) {
    try {
      const h1 = f.locator('h1').first();
      if (!(await h1.count())) continue;
      const text = (await h1.innerText({ timeout: 500 })).trim();
      if (text.startsWith(heading.en) || text.startsWith(heading.ru)) return done(text);
    } catch { /* a frame detached or still loading */ }
  }
  return notYet(`no frame with the lecture heading among ${frames.length} frames`);
}

/** Polls `fn` every 200 ms until it is done; throws its last reason after `ms`. */
async function waitFor<T>(fn: () => Promise<Poll<T>>, ms = TIMEOUTS.uiStep): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await fn();
    if (r.ok) return r.value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${r.why}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}
