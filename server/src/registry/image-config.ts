/**
 * What an image's config blob says (user, env, entrypoint, history…) plus the layer sizes of
 * its manifest, as bounded plain data. Everything here came from a remote server: strings are
 * cut to size and stripped of control characters, lists are capped, and consumers still escape
 * them before rendering (Markdown, HTML).
 */
import { RegistryError } from './errors';
import { isDigest, type Platform } from './manifest';

/** Config blobs of real images are a few KiB (history included); anything near this is hostile. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const MAX_LIST = 256;
const MAX_LABELS = 64;
const MAX_TEXT = 2000;

/** One layer blob as the manifest lists it. */
export interface LayerBlob {
  digest: string;
  /** Compressed size in bytes (what a pull downloads), as the manifest declares it. */
  size: number;
}

/** One entry of the config's `history`, oldest first. */
export interface HistoryEntry {
  /** e.g. `RUN /bin/sh -c apt-get update …` or `COPY file:… in /` */
  createdBy: string;
  created: string | null;
  comment: string | null;
  /** True for instructions that changed only the config (ENV, CMD, …): no layer. */
  emptyLayer: boolean;
}

/** The parts of an image config rules and hovers use. */
export interface ImageConfig {
  /** 'linux/amd64', 'linux/arm64/v8': the platform the config describes (it may differ from the one asked for). */
  platform: string;
  /** Digest of the single-platform manifest. */
  manifestDigest: string;
  /** `Config.User`; '' when the image sets none, i.e. root. */
  user: string;
  /** `Config.Env` as `KEY=value`. */
  env: string[];
  /** null when the image sets none. */
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** '' when the image sets none (the container starts in `/`). */
  workingDir: string;
  /** '80/tcp', '53/udp' */
  exposedPorts: string[];
  volumes: string[];
  labels: Record<string, string>;
  stopSignal: string | null;
  /** ISO 8601 date the image was built, as the config says; null when absent or unreadable. */
  created: string | null;
  history: HistoryEntry[];
  /** From the manifest, bottom layer first; sizes are compressed. */
  layers: LayerBlob[];
  /** Sum of the compressed layer sizes: about what a pull downloads (shared layers aside). */
  downloadSize: number;
  /** True when lists were cut to stay within bounds. */
  truncated?: boolean;
}

/** Single-platform manifest parts needed for the config: its config blob and layers. */
export interface ImageManifest {
  configDigest: string;
  /** Declared size of the config blob, when given. */
  configSize: number | null;
  layers: LayerBlob[];
}

// C0/C1 controls and bidi overrides: nothing a person needs to read from a registry.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function text(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string') return null;
  const clean = value.replace(CONTROL, '');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function strings(value: unknown, state: { truncated: boolean }): string[] | null {
  if (!Array.isArray(value)) return null;
  if (value.length > MAX_LIST) state.truncated = true;
  return value.slice(0, MAX_LIST).map((v) => text(v)).filter((v): v is string => v !== null);
}

/** `{"80/tcp": {}}` → ['80/tcp'] (Docker stores sets as objects with empty values). */
function keys(value: unknown, state: { truncated: boolean }): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const all = Object.keys(value);
  if (all.length > MAX_LIST) state.truncated = true;
  return all.slice(0, MAX_LIST).map((k) => text(k, 200) ?? '').filter((k) => k !== '');
}

function labels(value: unknown, state: { truncated: boolean }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_LABELS) state.truncated = true;
  for (const [k, v] of entries.slice(0, MAX_LABELS)) {
    const key = text(k, 200);
    const val = text(v, 500);
    if (key && val !== null && key !== '__proto__') out[key] = val;
  }
  return out;
}

function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return null;
  return text(value, 64);
}

/** Layers (and config) of a single-platform manifest; anything malformed is a RegistryError. */
export function imageManifestOf(json: unknown): ImageManifest {
  const body = (json && typeof json === 'object' ? json : {}) as { config?: { digest?: unknown; size?: unknown }; layers?: unknown };
  if (!body.config || !isDigest(body.config.digest)) throw new RegistryError('image manifest without a config digest');
  if (!Array.isArray(body.layers)) throw new RegistryError('image manifest without layers');
  const layers: LayerBlob[] = [];
  for (const l of body.layers.slice(0, MAX_LIST)) {
    const layer = l as { digest?: unknown; size?: unknown } | null;
    if (!layer || !isDigest(layer.digest) || !Number.isSafeInteger(layer.size) || (layer.size as number) < 0) {
      throw new RegistryError('image manifest with a malformed layer');
    }
    layers.push({ digest: layer.digest, size: layer.size as number });
  }
  const size = body.config.size;
  return { configDigest: body.config.digest, configSize: Number.isSafeInteger(size) ? (size as number) : null, layers };
}

/**
 * The index entry for a build platform: same os and architecture, and the variant when one
 * is asked for (arm64 without one means v8, arm means v7, as the builder assumes).
 */
export function choosePlatform(platforms: Platform[], wanted: string): Platform | null {
  const [os, architecture, variant] = wanted.split('/');
  const same = platforms.filter((p) => p.os === os && p.architecture === architecture);
  const defaultVariant = architecture === 'arm64' ? 'v8' : architecture === 'arm' ? 'v7' : undefined;
  const want = variant ?? defaultVariant;
  return same.find((p) => (p.variant ?? defaultVariant) === want) ?? (variant ? null : same[0] ?? null);
}

/** Parses a config blob's JSON into bounded facts. */
export function imageConfigOf(json: unknown, manifest: ImageManifest, manifestDigest: string): ImageConfig {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new RegistryError('image config is not a JSON object');
  const c = json as Record<string, unknown>;
  const cfg = (c.config && typeof c.config === 'object' ? c.config : {}) as Record<string, unknown>;
  const state = { truncated: false };
  const history: HistoryEntry[] = [];
  if (Array.isArray(c.history)) {
    if (c.history.length > MAX_LIST) state.truncated = true;
    for (const h of c.history.slice(0, MAX_LIST)) {
      const e = (h && typeof h === 'object' ? h : {}) as Record<string, unknown>;
      history.push({ createdBy: text(e.created_by) ?? '', created: isoDate(e.created), comment: text(e.comment, 500), emptyLayer: e.empty_layer === true });
    }
  }
  const platform = [text(c.os, 32), text(c.architecture, 32), text(c.variant, 32)].filter(Boolean).join('/');
  const out: ImageConfig = {
    platform,
    manifestDigest,
    user: text(cfg.User, 200) ?? '',
    env: strings(cfg.Env, state) ?? [],
    entrypoint: strings(cfg.Entrypoint, state),
    cmd: strings(cfg.Cmd, state),
    workingDir: text(cfg.WorkingDir, 500) ?? '',
    exposedPorts: keys(cfg.ExposedPorts, state),
    volumes: keys(cfg.Volumes, state),
    labels: labels(cfg.Labels, state),
    stopSignal: text(cfg.StopSignal, 32),
    created: isoDate(c.created),
    history,
    layers: manifest.layers,
    downloadSize: manifest.layers.reduce((sum, l) => sum + l.size, 0),
  };
  if (state.truncated || manifest.layers.length >= MAX_LIST) out.truncated = true;
  return out;
}
