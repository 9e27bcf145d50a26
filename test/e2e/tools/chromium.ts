/**
 * Chromium: playwright-core drives Debian's build (it downloads nothing), with
 * an isolated HOME and the background networking that would leave 127.0.0.1 off.
 */
import { isolatedEnv, makeTempDir } from './processes';
import { TIMEOUTS } from './timing';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--password-store=basic',
];

export async function launchChromium(chromiumPath: string, label: string) {
  const { chromium } = await import('playwright-core');
  const root = makeTempDir(`chromium-${label}`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(root) as Record<string, string>,
    timeout: TIMEOUTS.codeServerStart,
  });
}
