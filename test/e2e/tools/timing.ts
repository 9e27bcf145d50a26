/**
 * Every wait has a limit, and every suite says how long it took. The limits
 * live here so one knob (E2E_TIMEOUT_SCALE) stretches them all.
 */

/** E2E_TIMEOUT_SCALE=2 doubles every limit on a slow machine. */
export const TIMEOUT_SCALE = Number(process.env.E2E_TIMEOUT_SCALE) > 0 ? Number(process.env.E2E_TIMEOUT_SCALE) : 1;
export const TIMEOUTS = {
  package: 180_000 * TIMEOUT_SCALE,
  install: 60_000 * TIMEOUT_SCALE,
  codeServerStart: 60_000 * TIMEOUT_SCALE,
  /** One run of the extension-host suite (workbench load + all checks). */
  extensionSuite: 150_000 * TIMEOUT_SCALE,
  /** A whole node:test file (all its runs, including start-up). */
  testFile: 420_000 * TIMEOUT_SCALE,
  uiStep: 30_000 * TIMEOUT_SCALE,
  neovim: 30_000 * TIMEOUT_SCALE,
};

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Prints `TIME <suite>: N s` (the README and the report quote these lines). */
export function printTime(suite: string, since: number): void {
  console.log(`TIME ${suite}: ${seconds(since)}`);
}

export async function withTimeout<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));
