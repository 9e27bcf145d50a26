/**
 * HTML for the layer stack view, inside the shared page shell (html-page.ts).
 * Pure: no `vscode` import, so unit tests can render it. Every string from a
 * Dockerfile goes through `escapeHtml`. The webview's script is an inline
 * string here (the tsconfig has no DOM lib).
 */
import type { Lang } from '../../../common/i18n';
import { stageLabel, type InstructionView, type LayerStack, type StageView } from '../../../common/layers';
import { escapeHtml, htmlPage } from './html-page';

// ---------------------------------------------------------------- strings of the layer view

interface LayerStrings {
  pageTitle: string;
  finalImage: string;
  finalSummary: (n: number, base: string) => string;
  stage: (label: string) => string;
  notInFinal: string;
  inFinal: string;
  builtOn: (label: string) => string;
  baseImage: string;
  scratch: string;
  resolvedAs: string;
  rwLayer: string;
  rwNote: string;
  layer: (k: number, n: number) => string;
  finalPos: (k: number, n: number) => string;
  copiesFrom: (from: string) => string;
  volume: string;
  volumeNote: string;
  ports: string;
  portsNote: string;
  config: (n: number) => string;
  configNote: string;
  buildStages: string;
  onlyFs: string;
  openLecture: string;
  noDockerfile: string;
  waiting: string;
  notAnalysed: string;
  noStages: string;
  error: (message: string) => string;
  emptyStage: string;
}

const plural = (n: number, one: string, few: string, many: string): string => {
  const m10 = n % 10, m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};

const LAYER_STRINGS: Record<Lang, LayerStrings> = {
  en: {
    pageTitle: 'Layers',
    finalImage: 'Final image',
    finalSummary: (n, base) => `${n} ${n === 1 ? 'layer' : 'layers'} from this Dockerfile on top of ${base}`,
    stage: (label) => `stage ${label}`,
    notInFinal: 'not in the final image',
    inFinal: 'in the final image',
    builtOn: (label) => `builds on stage ${label}`,
    baseImage: 'base image',
    scratch: 'scratch — an empty image, no layers',
    resolvedAs: 'with ARG defaults',
    rwLayer: 'container read-write layer',
    rwNote: 'mounted on top by docker run; destroyed with the container',
    layer: (k, n) => `layer ${k} of ${n}`,
    finalPos: (k, n) => `${k}/${n} in the image`,
    copiesFrom: (from) => `copies files from ${from}`,
    volume: 'VOLUME',
    volumeNote: 'data lives outside the read-write layer',
    ports: 'EXPOSE',
    portsNote: 'documented only; published with docker run -p or -P',
    config: (n) => `Image configuration, no layers (${n})`,
    configNote: 'These instructions change only the image metadata.',
    buildStages: 'Build stages that do not reach the final image',
    onlyFs: 'RUN, COPY, ADD and, in BuildKit, every WORKDIR other than / add filesystem layers.',
    openLecture: 'Lecture: the layered file system',
    noDockerfile: 'Open a Dockerfile to see its layers.',
    waiting: 'Waiting for the language server…',
    notAnalysed: 'The language server has not analysed this file (is it a Dockerfile?).',
    noStages: 'No FROM yet: a Dockerfile starts with a base image.',
    error: (m) => `The language server could not provide the layers: ${m}`,
    emptyStage: 'no layers of its own',
  },
  ru: {
    pageTitle: 'Слои',
    finalImage: 'Итоговый образ',
    finalSummary: (n, base) => `${n} ${plural(n, 'слой', 'слоя', 'слоёв')} из этого Dockerfile поверх ${base}`,
    stage: (label) => `этап ${label}`,
    notInFinal: 'не попадает в итоговый образ',
    inFinal: 'входит в итоговый образ',
    builtOn: (label) => `строится на этапе ${label}`,
    baseImage: 'базовый образ',
    scratch: 'scratch — пустой образ без слоёв',
    resolvedAs: 'с умолчаниями ARG',
    rwLayer: 'read-write слой контейнера',
    rwNote: 'монтируется сверху при docker run; уничтожается вместе с контейнером',
    layer: (k, n) => `слой ${k} из ${n}`,
    finalPos: (k, n) => `${k}/${n} в образе`,
    copiesFrom: (from) => `копирует файлы из ${from}`,
    volume: 'VOLUME',
    volumeNote: 'данные живут вне read-write слоя',
    ports: 'EXPOSE',
    portsNote: 'только документирует; публикуется через docker run -p или -P',
    config: (n) => `Конфигурация образа, без слоёв (${n})`,
    configNote: 'Эти инструкции меняют только метаданные образа.',
    buildStages: 'Этапы сборки, не попадающие в итоговый образ',
    onlyFs: 'Слои файловой системы добавляют RUN, COPY, ADD и, в BuildKit, каждая WORKDIR, кроме /.',
    openLecture: 'Лекция: слоистая файловая система',
    noDockerfile: 'Откройте Dockerfile, чтобы увидеть его слои.',
    waiting: 'Ждём языковой сервер…',
    notAnalysed: 'Языковой сервер не анализировал этот файл (это Dockerfile?).',
    noStages: 'Пока нет FROM: Dockerfile начинается с базового образа.',
    error: (m) => `Языковой сервер не смог вернуть слои: ${m}`,
    emptyStage: 'собственных слоёв нет',
  },
};

// ---------------------------------------------------------------- the view's body

/** What the view shows instead of a stack. */
export type LayerViewState =
  | { kind: 'stack'; stack: LayerStack }
  | { kind: 'no-dockerfile' }
  | { kind: 'waiting' }
  | { kind: 'not-analysed' }
  | { kind: 'error'; message: string };

export function renderLayerBody(state: LayerViewState, lang: Lang): string {
  const t = LAYER_STRINGS[lang];
  switch (state.kind) {
    case 'no-dockerfile': return message(t.noDockerfile);
    case 'waiting': return message(t.waiting);
    case 'not-analysed': return message(t.notAnalysed);
    case 'error': return message(t.error(state.message));
    case 'stack': return renderStack(state.stack, lang);
  }
}

function message(text: string): string {
  return `<p class="state muted">${escapeHtml(text)}</p>`;
}

function renderStack(stack: LayerStack, lang: Lang): string {
  const t = LAYER_STRINGS[lang];
  if (stack.stages.length === 0 || stack.finalStage < 0) return message(t.noStages);
  const chain = stack.finalChain.map((i) => stack.stages[i]).filter((s): s is StageView => Boolean(s));
  const bottom = chain[0] ?? stack.stages[stack.finalStage];
  const others = stack.stages.filter((s) => !stack.finalChain.includes(s.index));
  const out: string[] = [];
  out.push(`<header class="summary">
<h1>${escapeHtml(t.finalImage)}</h1>
<p>${escapeHtml(t.finalSummary(stack.finalLayerCount, baseName(bottom, stack, lang)))}</p>
<p class="muted">${escapeHtml(t.onlyFs)} <button class="link" data-lecture="layers">${escapeHtml(t.openLecture)}</button></p>
</header>`);
  out.push(renderImage(stack, chain, lang, true));
  if (others.length) {
    out.push(`<h2 class="others-title">${escapeHtml(t.buildStages)}</h2>`);
    for (const s of others) out.push(renderImage(stack, [s], lang, false));
  }
  return out.join('\n');
}

/** One image: `stages` is a chain (bottom first); the final image gets the container's read-write layer. */
function renderImage(stack: LayerStack, stages: StageView[], lang: Lang, final: boolean): string {
  const t = LAYER_STRINGS[lang];
  const top = stages[stages.length - 1];
  const volumes = stages.flatMap((s) => s.volumes);
  const ports = stages.flatMap((s) => s.ports);
  const config = stages.flatMap((s) => s.config);
  const heading = final
    ? `${t.stage(stageLabel(top))} · ${t.inFinal}`
    : `${t.stage(stageLabel(top))} · ${t.notInFinal}`;

  const blocks: string[] = [];
  if (final) {
    blocks.push(`<div class="block rw" role="listitem"><span class="kw">${escapeHtml(t.rwLayer)}</span><span class="note">${escapeHtml(t.rwNote)}</span></div>`);
  }
  for (let i = stages.length - 1; i >= 0; i--) {
    const s = stages[i];
    const layers = [...s.layers].reverse();
    if (stages.length > 1) blocks.push(`<div class="divider" role="listitem">${escapeHtml(t.stage(stageLabel(s)))}</div>`);
    if (layers.length === 0) blocks.push(`<div class="block empty muted" role="listitem">${escapeHtml(t.emptyStage)}</div>`);
    for (const layer of layers) {
      const meta = [t.layer(layer.number, layer.of)];
      if (final && layer.finalNumber !== null && stages.length > 1) meta.push(t.finalPos(layer.finalNumber, stack.finalLayerCount));
      const copy = layer.copyFrom !== null ? `<span class="note">${escapeHtml(t.copiesFrom(layer.copyFrom))}</span>` : '';
      blocks.push(`<button class="block layer kw-${escapeHtml(layer.keyword.toLowerCase())}" role="listitem" ${rangeAttrs(layer)} title="${escapeHtml(layer.source)}">`
        + `<span class="meta">${escapeHtml(meta.join(' · '))}</span>`
        + `<span class="code mono"><span class="kw">${escapeHtml(layer.keyword)}</span> ${escapeHtml(afterKeyword(layer))}</span>${copy}</button>`);
    }
  }
  blocks.push(baseBlock(stack, stages[0], lang));

  const portHtml = ports.length
    ? `<div class="ports" aria-label="${escapeHtml(t.ports)}">${ports.map((p) => `<button class="port mono" ${rangeAttrs(p)} title="${escapeHtml(`${t.ports} ${p.port}: ${t.portsNote}`)}">⇄ ${escapeHtml(p.port)}</button>`).join('')}<span class="ports-note muted">${escapeHtml(t.portsNote)}</span></div>`
    : '';
  const volumeHtml = volumes.length
    ? `<aside class="volumes" aria-label="${escapeHtml(t.volume)}">${volumes.map((v) => `<button class="volume" ${rangeAttrs(v)} title="${escapeHtml(`${t.volume} ${v.path}: ${t.volumeNote}`)}"><span class="kw">${escapeHtml(t.volume)}</span><span class="mono">${escapeHtml(v.path)}</span></button>`).join('')}<span class="muted small">${escapeHtml(t.volumeNote)}</span></aside>`
    : '';
  const configHtml = config.length
    ? `<details class="config"><summary>${escapeHtml(t.config(config.length))}</summary><p class="muted small">${escapeHtml(t.configNote)}</p><ul>${config.map((c) => `<li><button class="cfg mono" ${rangeAttrs(c)} title="${escapeHtml(c.source)}"><span class="kw">${escapeHtml(c.keyword)}</span> ${escapeHtml(afterKeyword(c))}</button></li>`).join('')}</ul></details>`
    : '';

  return `<section class="image${final ? ' final' : ' dimmed'}" aria-label="${escapeHtml(heading)}">
<h2>${escapeHtml(heading)}</h2>
<div class="image-grid${volumes.length ? ' with-volumes' : ''}">
<div class="container${final ? ' running' : ''}">
${portHtml}
<div class="stack" role="list">
${blocks.join('\n')}
</div>
</div>
${volumeHtml}
</div>
${configHtml}
</section>`;
}

function baseBlock(stack: LayerStack, stage: StageView, lang: Lang): string {
  const t = LAYER_STRINGS[lang];
  const b = stage.base;
  let text: string;
  if (b.scratch) text = escapeHtml(t.scratch);
  else if (b.fromStage >= 0 && stack.stages[b.fromStage]) text = escapeHtml(t.builtOn(stageLabel(stack.stages[b.fromStage])));
  else {
    text = `<span class="mono">${escapeHtml(b.raw)}</span>`;
    if (b.resolved !== null && b.resolved !== b.raw) text += ` <span class="muted">(${escapeHtml(t.resolvedAs)}: <span class="mono">${escapeHtml(b.resolved)}</span>)</span>`;
  }
  return `<button class="block base" role="listitem" ${rangeAttrs({ range: b.range })} title="${escapeHtml(stage.from.source)}"><span class="meta">${escapeHtml(t.baseImage)} · FROM</span><span class="code">${text}</span></button>`;
}

function baseName(stage: StageView, stack: LayerStack, lang: Lang): string {
  const b = stage.base;
  if (b.scratch) return 'scratch';
  if (b.fromStage >= 0 && stack.stages[b.fromStage]) return LAYER_STRINGS[lang].stage(stageLabel(stack.stages[b.fromStage]));
  return b.resolved ?? b.raw;
}

/** The instruction's one-line text without its keyword (the keyword is shown separately). */
function afterKeyword(ins: InstructionView): string {
  return ins.text.slice(ins.text.search(/\s|$/)).trim();
}

function rangeAttrs(x: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string {
  const n = (v: number) => String(Math.max(0, Math.trunc(Number(v) || 0)));
  const r = x.range;
  return `data-line="${n(r.start.line)}" data-char="${n(r.start.character)}" data-eline="${n(r.end.line)}" data-echar="${n(r.end.character)}"`;
}

const LAYER_CSS = `
h1 { font-size: 1.1em; margin: 10px 0 2px; }
h2 { font-size: 1em; margin: 14px 0 6px; font-weight: 600; }
.summary p { margin: 2px 0; }
.small { font-size: 0.9em; }
.state { margin-top: 12px; }
.image-grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px; }
.image-grid.with-volumes { grid-template-columns: minmax(0, 1fr) minmax(96px, 36%); }
@media (max-width: 280px) { .image-grid.with-volumes { grid-template-columns: minmax(0, 1fr); } }
.container { position: relative; padding: 4px; border-radius: 6px; }
.container.running { border: 1px dashed var(--vscode-charts-green, var(--vscode-focusBorder)); padding-top: 6px; }
.stack { display: flex; flex-direction: column; gap: 3px; }
.block { display: flex; flex-direction: column; align-items: stretch; text-align: left; width: 100%; box-sizing: border-box; padding: 4px 8px; border-radius: 3px; font: inherit; color: inherit;
  border: 1px solid var(--hc-border, var(--vscode-widget-border, transparent)); background: var(--vscode-editorWidget-background); }
button.block, button.port, button.volume, button.cfg { cursor: pointer; }
button.block:hover, button.port:hover, button.volume:hover, button.cfg:hover { background: var(--vscode-list-hoverBackground); }
.block.current { outline: 2px solid var(--vscode-focusBorder); outline-offset: -1px; }
.block .meta { font-size: 0.85em; color: var(--vscode-descriptionForeground); }
.block .code { overflow: hidden; overflow-wrap: anywhere; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2; }
.block.base .code { display: block; }
.block .note { font-size: 0.85em; color: var(--vscode-descriptionForeground); }
.block.layer { border-left: 4px solid var(--vscode-charts-blue, var(--vscode-focusBorder)); }
.block.kw-copy, .block.kw-add { border-left-color: var(--vscode-charts-purple, var(--vscode-focusBorder)); }
.block.rw { border: 1px dashed var(--vscode-charts-green, var(--vscode-focusBorder)); background: transparent; }
.block.base { border-left: 4px solid var(--vscode-charts-orange, var(--vscode-focusBorder)); background: var(--vscode-textBlockQuote-background, var(--vscode-editorWidget-background)); }
.block.empty { background: transparent; border-style: dotted; }
.kw { font-weight: 600; color: var(--vscode-textLink-foreground); }
.divider { font-size: 0.85em; color: var(--vscode-descriptionForeground); border-top: 1px solid var(--vscode-widget-border, var(--vscode-descriptionForeground)); padding-top: 2px; margin-top: 2px; }
.ports { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 0 0 6px; }
.running > .ports { margin: -15px 0 6px 6px; }
.port { font: inherit; font-size: 0.9em; color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); border: 1px solid var(--hc-border, transparent); border-radius: 8px; padding: 0 6px; }
.ports-note { font-size: 0.8em; background: var(--vscode-sideBar-background, transparent); padding: 0 2px; }
.volumes { display: flex; flex-direction: column; gap: 4px; align-self: start; margin-top: 26px; }
.volume { display: flex; flex-direction: column; font: inherit; text-align: left; color: inherit; background: transparent; border: 1px solid var(--vscode-charts-yellow, var(--vscode-focusBorder)); border-radius: 0 0 8px 8px; padding: 4px 6px; overflow-wrap: anywhere; }
.config { margin-top: 6px; }
.config ul { list-style: none; padding: 0; margin: 4px 0; }
.cfg { font: inherit; text-align: left; background: none; border: none; color: inherit; padding: 1px 0; width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.image.dimmed { opacity: 0.55; }
.image.dimmed:hover, .image.dimmed:focus-within { opacity: 0.85; }
body.vscode-high-contrast .image.dimmed, body.vscode-high-contrast-light .image.dimmed { opacity: 1; }
body.vscode-high-contrast .image.dimmed .block, body.vscode-high-contrast-light .image.dimmed .block { border-style: dashed; }
.others-title { margin-top: 18px; color: var(--vscode-descriptionForeground); }
`;

/** The webview script: click → reveal in the editor; `update` messages replace the body; `highlight` marks the instruction at the cursor. */
const LAYER_SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  let current = -1;
  function mark() {
    for (const el of root.querySelectorAll('.current')) el.classList.remove('current');
    if (current < 0) return;
    for (const el of root.querySelectorAll('.block[data-line]')) {
      const a = Number(el.dataset.line), b = Number(el.dataset.eline);
      if (a <= current && current <= b) el.classList.add('current');
    }
  }
  document.addEventListener('click', function (e) {
    const target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    const lecture = target.closest('[data-lecture]');
    if (lecture) { vscode.postMessage({ type: 'lecture', section: lecture.getAttribute('data-lecture') }); return; }
    const el = target.closest('[data-line]');
    if (!el) return;
    vscode.postMessage({ type: 'reveal', line: Number(el.dataset.line), character: Number(el.dataset.char), endLine: Number(el.dataset.eline), endCharacter: Number(el.dataset.echar) });
  });
  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'update' && typeof m.html === 'string') {
      const y = window.scrollY;
      const open = Array.from(root.querySelectorAll('details[open]')).map(function (d) { return d.closest('section') ? Array.from(root.querySelectorAll('section')).indexOf(d.closest('section')) : -1; });
      root.innerHTML = m.html;
      const sections = root.querySelectorAll('section');
      for (const i of open) { const d = i >= 0 && sections[i] ? sections[i].querySelector('details') : null; if (d) d.open = true; }
      mark();
      window.scrollTo(0, y);
    } else if (m.type === 'highlight' && typeof m.line === 'number') {
      current = m.line;
      mark();
    }
  });
  vscode.postMessage({ type: 'ready' });
}());`;

export interface LayerPageOptions {
  cspSource: string;
  nonce: string;
  lang: Lang;
  state: LayerViewState;
}

/** The whole page; later updates send only `renderLayerBody(...)` in an `update` message. */
export function renderLayerPage(o: LayerPageOptions): string {
  return htmlPage({
    lang: o.lang,
    title: LAYER_STRINGS[o.lang].pageTitle,
    cspSource: o.cspSource,
    nonce: o.nonce,
    css: LAYER_CSS,
    body: `<main id="root">${renderLayerBody(o.state, o.lang)}</main>`,
    script: LAYER_SCRIPT,
  });
}
