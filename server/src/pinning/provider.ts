/**
 * The asynchronous side of pinning: looks image references up with the RegistryClient
 * (which owns caching, the request budget, timeouts and credentials) and remembers the
 * answers, so that adapters can hand rules a plain synchronous snapshot at any moment.
 */
import { OfflineError, RegistryClient, RegistryError, type ImageRef, type Platform } from '../registry';
import { DEFAULT_PLATFORM, type FactsEntry, type FactsError, type ImageConfig, type ImageFacts, type ImageLookup, type RegistryFacts } from '../rules/support/registry-facts';

export interface ProviderOptions {
  /** Why no request may be made ('offline', 'disabled', 'untrusted'); when set, `client` is ignored. */
  offlineReason?: string;
  client?: RegistryClient;
  /** Also fetch platforms and same-image tags (for hovers); the CLI does not need them. Default true. */
  extras?: boolean;
  /** A failed look-up is retried after this long, not on every keystroke. Default 60 s. */
  errorTtlMs?: number;
  /** A good answer is refreshed (in the background) after this long. Default 10 min. */
  refreshMs?: number;
}

interface Memo {
  at: number;
  entry: FactsEntry;
  /** Platforms and same-image tags were asked for (whatever the outcome): not asked again until a refresh. */
  extrasTried?: boolean;
  /** Build platforms whose config was asked for (whatever the outcome). */
  platforms: ReadonlySet<string>;
  /** Looked up without tag pins: a FROM of the same image still needs its own look-up. */
  configOnly: boolean;
}

const platformsOf = (l: ImageLookup): string[] => l.platforms?.length ? l.platforms : [DEFAULT_PLATFORM];

/** True when the memo answers everything `l` asks for (pins unless config-only, every platform's config). */
function covers(m: Memo, l: ImageLookup): boolean {
  if ('error' in m.entry) return true;
  if (m.configOnly && !l.configOnly) return false;
  return platformsOf(l).every((p) => m.platforms.has(p));
}

/** Facts known now, and the look-ups still worth making (unknown, failed long ago, or old). */
export interface KnownFacts {
  facts: RegistryFacts;
  missing: ImageLookup[];
}

export class RegistryFactsProvider {
  private readonly memo = new Map<string, Memo>();
  private readonly running = new Map<string, Promise<FactsEntry>>();
  private readonly extrasRunning = new Map<string, Promise<void>>();
  private readonly errorTtlMs: number;
  private readonly refreshMs: number;

  constructor(private readonly opts: ProviderOptions) {
    this.errorTtlMs = opts.errorTtlMs ?? 60_000;
    this.refreshMs = opts.refreshMs ?? 10 * 60_000;
  }

  /** True when this provider never touches the network. */
  get offline(): boolean {
    return this.opts.offlineReason !== undefined || !this.opts.client;
  }

  /** Synchronous snapshot; never starts a request. */
  known(lookups: ImageLookup[]): KnownFacts {
    const facts: Record<string, FactsEntry> = {};
    const missing: ImageLookup[] = [];
    const now = Date.now();
    for (const l of lookups) {
      if (this.offline) {
        facts[l.key] = { error: this.opts.offlineReason ?? 'offline', offline: true };
        continue;
      }
      const m = this.memo.get(l.key);
      if (m) facts[l.key] = m.entry;
      const ttl = m && 'error' in m.entry ? this.errorTtlMs : this.refreshMs;
      if (!m || now - m.at >= ttl || !covers(m, l)) missing.push(l);
    }
    return { facts, missing };
  }

  /** True while some reference has no answer yet, or its hover details are still coming. */
  pending(lookups: ImageLookup[]): boolean {
    if (this.offline) return false;
    return lookups.some((l) => {
      const m = this.memo.get(l.key);
      if (!m || !covers(m, l)) return true;
      if ('error' in m.entry || this.opts.extras === false || m.configOnly) return false;
      return !m.extrasTried || this.extrasRunning.has(l.key);
    });
  }

  /**
   * Looks up the references that are unknown or due for a refresh (concurrent calls for
   * one reference share one look-up) and resolves with the snapshot once the pins are
   * known. Platforms and same-image tags arrive in the background unless `withExtras`
   * asks to wait for them too (hovers do). Never rejects.
   */
  async lookup(lookups: ImageLookup[], withExtras = false): Promise<RegistryFacts> {
    const client = this.opts.client;
    if (this.offline || !client) return this.known(lookups).facts;
    await Promise.all(this.known(lookups).missing.map((l) => this.lookupOne(client, l)));
    // Only now the hover details: every pin of the analysis got its share of the request budget first.
    for (const l of lookups) this.startExtras(client, l);
    if (withExtras) await Promise.all(lookups.map((l) => this.extrasRunning.get(l.key)));
    return this.known(lookups).facts;
  }

  /** Like lookup(), but waits at most `ms`; references still unanswered get a timeout error. */
  async lookupWithin(lookups: ImageLookup[], ms: number, withExtras = false): Promise<RegistryFacts> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); });
    await Promise.race([this.lookup(lookups, withExtras), limit]).finally(() => clearTimeout(timer));
    const out: Record<string, FactsEntry> = { ...this.known(lookups).facts };
    for (const l of lookups) out[l.key] ??= { error: `no answer within ${ms} ms`, offline: false };
    return out;
  }

  /** All tags of a repository (for completion), or [] when offline, failed or slower than `ms`. */
  async tags(ref: ImageRef, ms: number): Promise<string[]> {
    const client = this.opts.client;
    if (this.offline || !client) return [];
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<string[]>((resolve) => { timer = setTimeout(() => resolve([]), ms); });
    const tags = optional(client.listTags(ref)).then((t) => t ?? []);
    return Promise.race([tags, limit]).finally(() => clearTimeout(timer));
  }

  private lookupOne(client: RegistryClient, l: ImageLookup): Promise<FactsEntry> {
    const running = this.running.get(l.key);
    if (running) return running;
    const previous = this.memo.get(l.key);
    // A new platform or a first FROM of a config-only image widens what is asked; the client's
    // cache answers the parts already known without new requests.
    const platforms = new Set([...(previous?.platforms ?? []), ...platformsOf(l)]);
    const configOnly = l.configOnly === true && (previous?.configOnly ?? true);
    const job = pins(client, l.ref, [...platforms], configOnly).then((fresh) => {
      const entry = carryExtras(this.memo.get(l.key)?.entry, fresh);
      this.memo.set(l.key, { at: Date.now(), entry, extrasTried: entry !== fresh, platforms, configOnly });
      return entry;
    });
    this.running.set(l.key, job);
    const done = () => this.running.delete(l.key);
    job.then(done, done);
    return job;
  }

  private startExtras(client: RegistryClient, l: ImageLookup): void {
    const memo = this.memo.get(l.key);
    if (this.opts.extras === false || !memo || memo.configOnly || memo.extrasTried || 'error' in memo.entry || this.extrasRunning.has(l.key)) return;
    memo.extrasTried = true;
    const job = this.addExtras(client, l, memo.entry).finally(() => this.extrasRunning.delete(l.key));
    this.extrasRunning.set(l.key, job);
  }

  /** Second phase: platforms and same-image tags, for hovers only. Never rejects. */
  private async addExtras(client: RegistryClient, l: ImageLookup, entry: ImageFacts): Promise<void> {
    const built: ImageRef = { registry: entry.registry, repository: entry.repository, ...(entry.writtenDigest ? { digest: entry.writtenDigest } : { tag: entry.tag }) };
    const [platforms, same] = await Promise.all([
      optional(client.platforms(built)),
      entry.tag && !entry.stale ? optional(client.sameDigestTags({ registry: entry.registry, repository: entry.repository, tag: entry.tag })) : Promise.resolve(undefined),
    ]);
    const current = this.memo.get(l.key);
    if (!current || current.entry !== entry) return; // replaced by a newer look-up meanwhile
    const extra: ImageFacts = { ...entry };
    if (platforms) extra.platforms = platforms.map(platformName);
    if (same) extra.sameDigestTags = same;
    this.memo.set(l.key, { ...current, entry: extra, extrasTried: true });
  }
}

/**
 * The pin facts of one reference: what its tag points to now and the most specific tag for
 * it (skipped when `configOnly`), plus the image config for each build platform.
 */
async function pins(client: RegistryClient, ref: ImageRef, platforms: string[], configOnly: boolean): Promise<FactsEntry> {
  const where = { registry: ref.registry, repository: ref.repository };
  try {
    if (!ref.tag && ref.digest) {
      // `name@digest` alone: nothing moves, there is only the digest to describe.
      const facts: ImageFacts = { ...where, digest: ref.digest, writtenDigest: ref.digest, pinnedTag: null };
      return withConfigs(facts, await configs(client, { ...where, digest: ref.digest }, platforms));
    }
    const tag = ref.tag ?? 'latest';
    const now = await client.resolveDigest({ ...where, tag });
    // What is built: the written digest when there is one, even if the tag has moved since.
    const built = ref.digest ?? now.digest;
    // Tag lists can be refused (some registries need extra scopes) while digests answer: pin by digest then.
    const [pinned, found] = await Promise.all([
      configOnly ? Promise.resolve(undefined) : optional(client.pinTag({ ...where, tag })),
      configs(client, { ...where, digest: built }, platforms),
    ]);
    const facts: ImageFacts = { ...where, tag, digest: now.digest, pinnedTag: pinned && pinned.digest === now.digest ? pinned.tag : null };
    if (ref.digest) {
      facts.writtenDigest = ref.digest;
      facts.stale = ref.digest !== now.digest;
    }
    return withConfigs(facts, found);
  } catch (err) {
    return asFactsError(err);
  }
}

interface FoundConfigs { config: Record<string, ImageConfig>; error?: string }

/** Each platform's config; a failure is remembered as text and never fails the pins. */
async function configs(client: RegistryClient, ref: ImageRef, platforms: string[]): Promise<FoundConfigs> {
  const out: FoundConfigs = { config: {} };
  await Promise.all(platforms.map(async (platform) => {
    try {
      out.config[platform] = await client.imageConfig(ref, platform);
    } catch (err) {
      out.error = asFactsError(err).error;
    }
  }));
  return out;
}

function withConfigs(facts: ImageFacts, found: FoundConfigs): ImageFacts {
  if (Object.keys(found.config).length) facts.config = found.config;
  if (found.error) facts.configError = found.error;
  return facts;
}

/** A refresh that finds the same image keeps the hover details it already had. */
function carryExtras(previous: FactsEntry | undefined, fresh: FactsEntry): FactsEntry {
  if (!previous || 'error' in previous || 'error' in fresh || previous.digest !== fresh.digest) return fresh;
  if (previous.writtenDigest !== fresh.writtenDigest) return fresh;
  const out: ImageFacts = { ...fresh };
  if (previous.platforms) out.platforms = previous.platforms;
  if (previous.sameDigestTags) out.sameDigestTags = previous.sameDigestTags;
  return out;
}

function asFactsError(err: unknown): FactsError {
  if (err instanceof OfflineError) return { error: 'offline', offline: true };
  if (err instanceof RegistryError) return { error: err.message === 'budget' ? 'request budget used up, try again later' : err.message, offline: false };
  // Anything else is a bug in our code, not the registry's; still never breaks linting.
  return { error: `look-up failed (${err instanceof Error ? err.name : 'unknown error'})`, offline: false };
}

async function optional<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch {
    return undefined;
  }
}

function platformName(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
