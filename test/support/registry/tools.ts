import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const SKIP_MESSAGE = 'SKIPPED registry tests: run apt-get install -y docker-registry apache2-utils';

/** True when `cmd` is an executable somewhere on PATH (no shell involved). */
export function onPath(cmd: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

/**
 * Skip reason for tests that need real servers, or undefined to run them.
 * On CI a missing tool must not hide the tests: we run them and they fail loudly.
 */
export function registrySkipReason(tools = ['docker-registry', 'htpasswd', 'openssl']): string | undefined {
  const missing = tools.filter((t) => !onPath(t));
  if (missing.length === 0 || process.env.CI) return undefined;
  console.log(`${SKIP_MESSAGE} (missing: ${missing.join(', ')})`);
  return SKIP_MESSAGE;
}

/** Throws a clear error when a tool is absent (used when not skipping, e.g. on CI). */
export function requireTool(cmd: string): void {
  if (!onPath(cmd)) throw new Error(`${cmd} is not installed. ${SKIP_MESSAGE.replace('SKIPPED registry tests: ', '')}`);
}

/** Bounded wait helper: rejects after `ms` with `what` in the message. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}
