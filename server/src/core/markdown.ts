/**
 * Text from a Dockerfile is untrusted: escaped before it goes into Markdown,
 * so `<img onerror=…>` or `[x](command:…)` in an image name renders as text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}
