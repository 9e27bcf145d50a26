/**
 * Characters a terminal acts on instead of showing: C0 controls but the tab
 * (ESC starts colour changes, screen clears, cursor moves and OSC 8 links;
 * backspace and CR overwrite what was printed), DEL, C1 controls (0x9b is a
 * one-byte CSI), bidirectional overrides and isolates that reorder the rest of
 * the line (U+202E), the Unicode line separators, and lone surrogates.
 */
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text output quotes Dockerfile text (and paths) in messages: each such
 * character is shown escaped (`\x1b`, `\u202e`), always, whatever the
 * terminal, so a Dockerfile cannot clear the screen, forge a line or hide
 * text. JSON and SARIF keep the exact text: their readers escape it.
 */
export function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
