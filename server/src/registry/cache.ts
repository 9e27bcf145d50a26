import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Bounds memory in a long-lived language server; oldest insertions are dropped first.
const MAX_MEMORY_ENTRIES = 1000;

interface Entry {
  at: number;
  value: unknown;
}

/**
 * Tag lists and tag→digest answers, in memory and optionally on disk as one small JSON
 * file per key. Only public registry data is stored (tags, digests, platforms): the
 * transport keeps credentials and tokens in memory and they never reach this class.
 */
export class RegistryCache {
  private readonly memory = new Map<string, Entry>();

  constructor(private readonly ttlMs: number, private readonly dir?: string) {}

  /** File names are a hash so that repository names cannot escape the directory. */
  static keyOf(endpoint: string, repository: string, what: string): string {
    return createHash('sha256').update(`${endpoint}\n${repository}\n${what}`).digest('hex');
  }

  async get<T>(key: string): Promise<T | undefined> {
    const now = Date.now();
    const hit = this.memory.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as T;
    if (hit) this.memory.delete(key);
    if (!this.dir) return undefined;
    try {
      const parsed = JSON.parse(await readFile(join(this.dir, `${key}.json`), 'utf8')) as Partial<Entry>;
      if (typeof parsed.at !== 'number' || now - parsed.at >= this.ttlMs || parsed.at > now + 60_000) {
        return undefined;
      }
      this.remember(key, { at: parsed.at, value: parsed.value });
      return parsed.value as T;
    } catch {
      return undefined; // missing or corrupt file: behave as a miss
    }
  }

  private remember(key: string, entry: Entry): void {
    this.memory.delete(key);
    this.memory.set(key, entry);
    if (this.memory.size > MAX_MEMORY_ENTRIES) this.memory.delete(this.memory.keys().next().value as string);
  }

  async set(key: string, value: unknown): Promise<void> {
    const entry: Entry = { at: Date.now(), value };
    this.remember(key, entry);
    if (!this.dir) return;
    // Write to a unique temp file then rename: readers (other windows, other
    // processes) see either the old or the new file, never a torn one.
    const file = join(this.dir, `${key}.json`);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(tmp, JSON.stringify(entry), { mode: 0o600 });
      await rename(tmp, file);
    } catch {
      // A read-only or full disk must not break linting; the memory copy still works.
      await unlink(tmp).catch(() => undefined);
    }
  }
}
