/**
 * The page shell every webview of ours uses: a strict CSP (no remote anything,
 * scripts and styles only with the page's nonce), theme-aware base styles, and
 * the one HTML escape every string from a Dockerfile goes through, so
 * `FROM <img src=x onerror=alert(1)>` renders as text. Pure: no `vscode`
 * import, so unit tests can render pages.
 */
import { randomBytes } from 'node:crypto';
import type { Lang } from '../../../common/i18n';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A fresh nonce per page render (base64, 128 bits). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The one CSP every page of ours uses. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export interface PageParts {
  lang: Lang;
  title: string;
  cspSource: string;
  nonce: string;
  css: string;
  body: string;
  /** Inline script text; it gets the nonce. */
  script: string;
}

export function htmlPage(p: PageParts): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(p.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(p.title)}</title>
<style nonce="${escapeHtml(p.nonce)}">${BASE_CSS}${p.css}</style>
</head>
<body>
${p.body}
<script nonce="${escapeHtml(p.nonce)}">${p.script}</script>
</body>
</html>`;
}

/** Theme-aware basics: VS Code sets these variables and the body classes vscode-light / vscode-dark / vscode-high-contrast. */
const BASE_CSS = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); line-height: 1.45; margin: 0; padding: 0 12px 16px; }
code, .mono { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size, 0.95em); }
code { background: var(--vscode-textCodeBlock-background); padding: 0 3px; border-radius: 3px; }
a { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.muted { color: var(--vscode-descriptionForeground); }
button.link { background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; text-decoration: underline; }
body.vscode-high-contrast, body.vscode-high-contrast-light { --hc-border: var(--vscode-contrastBorder); }
`;
