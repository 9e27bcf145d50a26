import type { Range } from '../../core/types';
import type { DockerfileModel, InstructionInfo } from '../../model/types';
import { argumentText, splitBlank, wordRange } from './args';

export interface PortWord {
  raw: string;
  range: Range;
  ip: string;
  host: string;
  /** The container part without the protocol, e.g. `8000-8010`. */
  container: string;
  proto: string;
  /** Parsed container range; null when invalid. */
  start: number | null;
  end: number | null;
}

/** The words of an EXPOSE, split the way the builder splits port specs; words with variables or quotes are left out. */
export function exposedPorts(model: DockerfileModel, ins: InstructionInfo): PortWord[] {
  const script = argumentText(model, ins);
  if (!script) return [];
  const out: PortWord[] = [];
  for (const w of splitBlank(script.text)) {
    if (/[$"'`\\]/.test(w.raw)) continue;
    const parts = w.raw.split(':');
    const containerProto = parts[parts.length - 1];
    const host = parts.length >= 2 ? parts[parts.length - 2] : '';
    const ip = parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : '';
    const slash = containerProto.indexOf('/');
    const container = slash < 0 ? containerProto : containerProto.slice(0, slash);
    const proto = slash < 0 ? '' : containerProto.slice(slash + 1);
    const range = parseRange(container);
    out.push({ raw: w.raw, range: wordRange(model, script, w.start, w.end), ip, host, container, proto, start: range?.[0] ?? null, end: range?.[1] ?? null });
  }
  return out;
}

function parsePort(s: string): number | null {
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n <= 65535 ? n : null;
}

/** `80` → [80, 80]; `8000-8010` → [8000, 8010]; null when invalid or backwards. */
export function parseRange(s: string): [number, number] | null {
  const dash = s.indexOf('-');
  const a = parsePort(dash < 0 ? s : s.slice(0, dash));
  if (a === null) return null;
  if (dash < 0 || s.slice(dash + 1) === s.slice(0, dash)) return [a, a];
  const b = parsePort(s.slice(dash + 1));
  if (b === null || b < a) return null;
  return [a, b];
}
