import { readFileSync, writeFileSync } from 'node:fs';

export interface SourceText { path: string; text: string; bom: boolean }

export class InputError extends Error {}

/** Reads a file or standard input as UTF-8 text; binary or undecodable input is an InputError. */
export function readSource(path: string): SourceText {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${reason(e)}`);
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new InputError(`${path}: looks like a binary file (NUL bytes), not a Dockerfile`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not valid UTF-8 text`);
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { path, text: bom ? text.slice(1) : text, bom };
}

/** Writes fixed text back; the reason it could not, or undefined once written. */
export function writeSource(path: string, text: string): string | undefined {
  try {
    writeFileSync(path, text);
    return undefined;
  } catch (e) {
    return `${path}: cannot write: ${reason(e)}; the fixes were not saved`;
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : (e as Error).message;
}
