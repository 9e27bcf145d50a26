/**
 * The lecture as an HTML page, rendered from the knowledge base
 * (common/lecture/sections.ts): the display language first, the other one
 * below it, a table of contents, one anchor per section id, the notes beyond
 * the lecture marked as ours, and an architecture diagram drawn as inline SVG
 * where the lecture's missing docker.png would be. Pure: no `vscode` import.
 */
import type { Lang } from '../../../common/i18n';
import { LECTURE_TITLE, NOTES, QUOTES, SECTIONS, type Quote, type Section, type SectionId } from '../../../common/lecture/sections';
import { escapeHtml, htmlPage } from './html-page';

export interface LecturePageOptions {
  cspSource: string;
  nonce: string;
  lang: Lang;
  /** A section id to scroll to once the page has loaded. */
  section?: SectionId | null;
}

interface LectureStrings {
  contents: string;
  intro: string;
  primaryLabel: string;
  secondaryLabel: string;
  beyond: string;
  beyondNote: string;
  figure: string;
  figureCaption: string;
  tableHeader: [string, string, string, string];
}

const LECTURE_STRINGS: Record<Lang, LectureStrings> = {
  en: {
    contents: 'Contents',
    intro: 'Rendered from the extension’s knowledge base. The Russian text is quoted verbatim from the lecture; the English text is our rendering of it. Notes marked “Beyond the lecture” are ours: they state the precise truth where the lecture simplifies.',
    primaryLabel: 'English rendering',
    secondaryLabel: 'Original (Russian)',
    beyond: 'Beyond the lecture',
    beyondNote: 'not in the lecture: our additions',
    figure: 'Figure: the Docker architecture',
    figureCaption: 'The Docker architecture: the client talks to the daemon through the REST API; the daemon hands containers to containerd; images move between the host and a registry with push and pull. (Drawn for this extension in place of the lecture’s docker.png.)',
    tableHeader: ['Component', 'Purpose', 'Interaction', 'Features'],
  },
  ru: {
    contents: 'Содержание',
    intro: 'Собрано из базы знаний расширения. Русский текст — дословные цитаты из лекции, английский — наш перевод. Заметки с пометкой «Сверх лекции» написаны нами: они уточняют то, что лекция упрощает.',
    primaryLabel: 'Оригинал лекции',
    secondaryLabel: 'English (перевод)',
    beyond: 'Сверх лекции',
    beyondNote: 'этого нет в лекции: наши дополнения',
    figure: 'Рисунок: архитектура Docker',
    figureCaption: 'Архитектура Docker: клиент обращается к демону через REST API; демон передаёт контейнеры containerd; образы перемещаются между хостом и реестром командами push и pull. (Нарисовано для расширения вместо отсутствующего в лекции docker.png.)',
    tableHeader: ['Компонент', 'Назначение', 'Взаимодействие', 'Особенности'],
  },
};

/** `**bold**` and `` `code` `` of the knowledge base, after escaping (so nothing else can become markup). */
export function inlineMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

type QuoteKind = 'row' | 'item' | 'para';

/** Decided on the Russian original: table rows, list items (lower-case fragments), or sentences of a paragraph. */
export function quoteKind(q: Quote): QuoteKind {
  const ru = q.ru.trim();
  if (ru.startsWith('|')) return 'row';
  if (/^[a-zа-яё]/.test(ru)) return 'item';
  return 'para';
}

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

function quotesOf(s: Section): Quote[] {
  const listed = s.quotes.map((id) => QUOTES.find((q) => q.id === id)).filter((q): q is Quote => Boolean(q));
  const rest = QUOTES.filter((q) => q.section === s.id && !s.quotes.includes(q.id));
  return [...listed, ...rest];
}

/** The section's quotes in one language, grouped into paragraphs, lists and the table. */
function renderQuotes(quotes: Quote[], lang: Lang, anchors: boolean): string {
  const out: string[] = [];
  let i = 0;
  const t = LECTURE_STRINGS[lang];
  const span = (q: Quote, body: string) => `<span class="quote"${anchors ? ` id="q-${escapeHtml(q.id)}"` : ''} data-quote="${escapeHtml(q.id)}">${body}</span>`;
  while (i < quotes.length) {
    const kind = quoteKind(quotes[i]);
    const group: Quote[] = [];
    while (i < quotes.length && quoteKind(quotes[i]) === kind) group.push(quotes[i++]);
    if (kind === 'para') {
      out.push(`<p>${group.map((q) => span(q, inlineMarkdown(q[lang]))).join(' ')}</p>`);
    } else if (kind === 'item') {
      out.push(`<ul>${group.map((q) => `<li>${span(q, inlineMarkdown(q[lang]))}</li>`).join('')}</ul>`);
    } else {
      const head = `<tr>${t.tableHeader.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
      const rows = group.map((q) => `<tr${anchors ? ` id="q-${escapeHtml(q.id)}"` : ''} data-quote="${escapeHtml(q.id)}">${cells(q[lang]).map((c) => `<td>${inlineMarkdown(c)}</td>`).join('')}</tr>`);
      out.push(`<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`);
    }
  }
  return out.join('\n');
}

function renderSection(s: Section, lang: Lang): string {
  const other: Lang = lang === 'ru' ? 'en' : 'ru';
  const t = LECTURE_STRINGS[lang];
  const quotes = quotesOf(s);
  const notes = NOTES.filter((n) => n.section === s.id);
  const parts: string[] = [];
  parts.push(`<section id="${escapeHtml(s.id)}" class="lecture-section" aria-labelledby="h-${escapeHtml(s.id)}">`);
  parts.push(`<h2 id="h-${escapeHtml(s.id)}">${escapeHtml(s.title[lang])} <span class="other-title" lang="${other}">${escapeHtml(s.title[other])}</span></h2>`);
  parts.push(`<div class="lang-block primary" lang="${lang}"><div class="lang-label">${escapeHtml(t.primaryLabel)}</div>${renderQuotes(quotes, lang, true)}</div>`);
  parts.push(`<div class="lang-block secondary" lang="${other}"><div class="lang-label">${escapeHtml(t.secondaryLabel)}</div>${renderQuotes(quotes, other, false)}</div>`);
  if (s.id === 'architecture') parts.push(architectureFigure(lang));
  if (notes.length) {
    parts.push(`<aside class="beyond" aria-label="${escapeHtml(t.beyond)}"><h3><span class="badge">${escapeHtml(t.beyond)}</span> <span class="muted">${escapeHtml(t.beyondNote)}</span></h3><ul>`
      + notes.map((n) => `<li id="n-${escapeHtml(n.id)}">${inlineMarkdown(n.text[lang])}<div class="secondary" lang="${other}">${inlineMarkdown(n.text[other])}</div></li>`).join('')
      + '</ul></aside>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

// ---------------------------------------------------------------- the architecture diagram

interface DiagramText {
  title: string;
  host: string;
  client: string;
  clientSub: string;
  daemonSub: string;
  containerdSub: string;
  container: string;
  registrySub: string;
}

const DIAGRAM: Record<Lang, DiagramText> = {
  en: {
    title: 'Docker architecture: client, daemon, containerd, containers and a registry',
    host: 'Docker host',
    client: 'Docker client',
    clientSub: 'docker build / run / pull',
    daemonSub: 'images · containers · volumes · networks',
    containerdSub: 'container lifecycle',
    container: 'container',
    registrySub: 'Docker Hub, private',
  },
  ru: {
    title: 'Архитектура Docker: клиент, демон, containerd, контейнеры и реестр',
    host: 'Хост Docker',
    client: 'Docker client',
    clientSub: 'docker build / run / pull',
    daemonSub: 'образы · контейнеры · тома · сети',
    containerdSub: 'жизненный цикл контейнеров',
    container: 'контейнер',
    registrySub: 'Docker Hub, приватные',
  },
};

/** Client → dockerd (REST API) → containerd → containers; registry with push/pull. Colours come from the theme. */
export function architectureSvg(lang: Lang): string {
  const d = DIAGRAM[lang];
  const e = escapeHtml;
  const box = (x: number, y: number, w: number, h: number, cls: string, title: string, sub: string) =>
    `<g><rect class="d-box ${cls}" x="${x}" y="${y}" width="${w}" height="${h}" rx="6"/>`
    + `<text class="d-text" x="${x + w / 2}" y="${y + (sub ? h / 2 - 3 : h / 2 + 5)}" text-anchor="middle">${e(title)}</text>`
    + (sub ? `<text class="d-sub" x="${x + w / 2}" y="${y + h / 2 + 14}" text-anchor="middle">${e(sub)}</text>` : '')
    + '</g>';
  const containers = [0, 1, 2].map((i) => box(235 + i * 88, 246, 78, 40, 'd-container', d.container, '')).join('');
  return `<svg class="diagram" viewBox="0 0 700 310" role="img" aria-labelledby="diagram-title">
<title id="diagram-title">${e(d.title)}</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="d-head" d="M0,0 L10,5 L0,10 z"/></marker></defs>
<rect class="d-host" x="215" y="14" width="300" height="288" rx="10"/>
<text class="d-sub" x="227" y="32">${e(d.host)}</text>
${box(10, 46, 140, 64, 'd-client', d.client, d.clientSub)}
${box(235, 46, 260, 64, 'd-daemon', 'Docker daemon (dockerd)', d.daemonSub)}
${box(235, 154, 260, 56, 'd-containerd', 'containerd', d.containerdSub)}
${containers}
${box(560, 46, 130, 84, 'd-registry', 'Docker registry', d.registrySub)}
<path class="d-line" d="M150,78 L233,78" marker-end="url(#arrow)"/>
<text class="d-label" x="183" y="70" text-anchor="middle">REST API</text>
<path class="d-line" d="M365,110 L365,152" marker-end="url(#arrow)"/>
<path class="d-line" d="M274,210 L274,244" marker-end="url(#arrow)"/>
<path class="d-line" d="M365,210 L365,244" marker-end="url(#arrow)"/>
<path class="d-line" d="M450,210 L450,244" marker-end="url(#arrow)"/>
<path class="d-line" d="M495,66 L558,66" marker-end="url(#arrow)"/>
<text class="d-label" x="526" y="60" text-anchor="middle">push</text>
<path class="d-line" d="M558,112 L497,112" marker-end="url(#arrow)"/>
<text class="d-label" x="526" y="128" text-anchor="middle">pull</text>
</svg>`;
}

function architectureFigure(lang: Lang): string {
  const t = LECTURE_STRINGS[lang];
  return `<figure id="figure-architecture" class="figure">${architectureSvg(lang)}<figcaption>${escapeHtml(t.figureCaption)}</figcaption></figure>`;
}

// ---------------------------------------------------------------- the page

const LECTURE_CSS = `
body { max-width: 920px; margin: 0 auto; padding: 0 24px 48px; }
h1 { font-size: 1.6em; margin: 18px 0 4px; }
h2 { font-size: 1.25em; margin: 28px 0 8px; border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-descriptionForeground)); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 12px 0 6px; }
.subtitle, .other-title { color: var(--vscode-descriptionForeground); font-weight: normal; font-size: 0.8em; }
.subtitle { font-size: 1em; margin: 0 0 8px; }
.toc ol { padding-left: 20px; margin: 4px 0; }
.toc li { margin: 2px 0; }
.lang-block { margin: 8px 0; }
.lang-block.primary { font-size: 1.05em; }
.lang-block.secondary, .beyond .secondary { color: var(--vscode-descriptionForeground); border-left: 3px solid var(--vscode-textBlockQuote-border, var(--vscode-descriptionForeground)); padding-left: 10px; font-size: 0.95em; }
.lang-label { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.04em; color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin: 6px 0; width: 100%; }
th, td { border: 1px solid var(--vscode-widget-border, var(--vscode-descriptionForeground)); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--vscode-textBlockQuote-background, transparent); }
.beyond { margin: 12px 0; padding: 6px 12px; border: 1px dashed var(--vscode-charts-orange, var(--vscode-focusBorder)); border-radius: 6px; }
.beyond ul { margin: 4px 0; padding-left: 18px; }
.beyond li { margin: 6px 0; }
.badge { display: inline-block; font-size: 0.8em; padding: 0 6px; border-radius: 8px; color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); border: 1px solid var(--hc-border, transparent); }
.figure { margin: 14px 0; }
.figure figcaption { font-size: 0.9em; color: var(--vscode-descriptionForeground); margin-top: 4px; }
.diagram { width: 100%; max-width: 700px; height: auto; display: block; }
.d-box { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-foreground); stroke-width: 1.2; }
.d-daemon { stroke: var(--vscode-charts-blue, var(--vscode-foreground)); stroke-width: 2; }
.d-containerd { stroke: var(--vscode-charts-purple, var(--vscode-foreground)); stroke-width: 2; }
.d-container { stroke: var(--vscode-charts-green, var(--vscode-foreground)); }
.d-registry { stroke: var(--vscode-charts-orange, var(--vscode-foreground)); stroke-width: 2; }
.d-client { stroke: var(--vscode-charts-yellow, var(--vscode-foreground)); stroke-width: 2; }
.d-host { fill: none; stroke: var(--vscode-descriptionForeground); stroke-dasharray: 6 4; }
.d-line { fill: none; stroke: var(--vscode-foreground); stroke-width: 1.5; }
.d-head { fill: var(--vscode-foreground); }
.d-text { fill: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: 13px; font-weight: 600; }
.d-sub { fill: var(--vscode-descriptionForeground); font-family: var(--vscode-font-family); font-size: 11px; }
.d-label { fill: var(--vscode-textLink-foreground); font-family: var(--vscode-font-family); font-size: 11px; font-weight: 600; }
body.vscode-high-contrast .d-box, body.vscode-high-contrast-light .d-box { stroke: var(--vscode-contrastBorder); }
.flash { animation: flash 1.2s ease-out; }
@keyframes flash { from { background: var(--vscode-editor-findMatchHighlightBackground, transparent); } to { background: transparent; } }
@media (prefers-reduced-motion: reduce) { .flash { animation: none; } }
`;

const LECTURE_SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  function go(id, smooth) {
    const el = id ? document.getElementById(id) : null;
    if (!el) return;
    el.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
    el.classList.add('flash');
    setTimeout(function () { el.classList.remove('flash'); }, 1300);
    vscode.setState({ section: id });
  }
  document.addEventListener('click', function (e) {
    const a = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
    if (!a) return;
    e.preventDefault();
    go(a.getAttribute('href').slice(1), true);
  });
  window.addEventListener('message', function (e) {
    const m = e.data;
    if (m && m.type === 'scrollTo' && typeof m.id === 'string') go(m.id, true);
  });
  const root = document.getElementById('root');
  const initial = root && root.getAttribute('data-section');
  if (initial) go(initial, false);
}());`;

function renderLectureBody(lang: Lang, section: SectionId | null = null): string {
  const other: Lang = lang === 'ru' ? 'en' : 'ru';
  const t = LECTURE_STRINGS[lang];
  const toc = SECTIONS.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title[lang])}</a> <span class="muted" lang="${other}">${escapeHtml(s.title[other])}</span></li>`);
  toc.splice(1, 0, `<li class="muted"><a href="#figure-architecture">${escapeHtml(t.figure)}</a></li>`);
  return `<main id="root"${section ? ` data-section="${escapeHtml(section)}"` : ''}>
<header>
<h1 lang="${lang}">${escapeHtml(LECTURE_TITLE[lang])}</h1>
<p class="subtitle" lang="${other}">${escapeHtml(LECTURE_TITLE[other])}</p>
<p class="muted">${escapeHtml(t.intro)}</p>
</header>
<nav class="toc" aria-label="${escapeHtml(t.contents)}"><h2>${escapeHtml(t.contents)}</h2><ol>${toc.join('')}</ol></nav>
${SECTIONS.map((s) => renderSection(s, lang)).join('\n')}
</main>`;
}

export function renderLecturePage(o: LecturePageOptions): string {
  return htmlPage({
    lang: o.lang,
    title: LECTURE_TITLE[o.lang],
    cspSource: o.cspSource,
    nonce: o.nonce,
    css: LECTURE_CSS,
    body: renderLectureBody(o.lang, o.section ?? null),
    script: LECTURE_SCRIPT,
  });
}
