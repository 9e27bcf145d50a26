/**
 * XML text from untrusted strings (Dockerfile text quoted in messages, paths).
 * XML 1.0 cannot carry most C0 controls, U+FFFE/U+FFFF or lone surrogates at
 * all, not even as character references: a report with one would not parse.
 * Those are written as visible `\xNN` / `\uNNNN` text instead; markup
 * characters become entities; tab, CR and LF become references so attribute
 * values keep them (a parser would fold them into spaces otherwise).
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

export function xmlEscape(s: string): string {
  return s
    .replace(NOT_XML, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c]);
}

/** `name="value" …` with every value escaped. */
export function xmlAttributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs).map(([k, v]) => `${k}="${xmlEscape(String(v))}"`).join(' ');
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
