import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool, withTimeout } from './tools';

export interface RunningRegistry {
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT — also the ImageRef registry name */
  host: string;
  stop(): Promise<void>;
}

export type RegistryAuth =
  | { htpasswd: { username: string; password: string } }
  | { token: { realm: string; service: string; issuer: string; certPath: string } };

// Children that are still alive when the test process exits for any reason get killed,
// so a failing test never leaves a registry listening behind it.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** The config's `auth` section plus the files it refers to. */
function authConfig(auth: RegistryAuth | undefined, dir: string): { section?: object; files: [string, string][] } {
  if (!auth) return { files: [] };
  if ('htpasswd' in auth) {
    // -B bcrypt (the only hash the registry accepts), -b password from argv, -n print.
    const line = execFileSync('htpasswd', ['-Bbn', auth.htpasswd.username, auth.htpasswd.password], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    const path = join(dir, 'htpasswd');
    return { section: { htpasswd: { realm: 'test', path } }, files: [[path, line.trim() + '\n']] };
  }
  const t = auth.token;
  return { section: { token: { realm: t.realm, service: t.service, issuer: t.issuer, rootcertbundle: t.certPath } }, files: [] };
}

/**
 * Starts Debian's `docker-registry` on 127.0.0.1 with a random port and its own temp
 * storage. The port is read from its "listening on" log line.
 */
export async function startRegistry(auth?: RegistryAuth): Promise<RunningRegistry> {
  requireTool('docker-registry');
  if (auth && 'htpasswd' in auth) requireTool('htpasswd');
  const dir = await mkdtemp(join(tmpdir(), 'registry-test-'));
  const { section, files } = authConfig(auth, dir);
  for (const [path, content] of files) await writeFile(path, content);
  // JSON is valid YAML, so the config needs no YAML writer.
  const config = {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
    http: { addr: '127.0.0.1:0', secret: 'test-only-secret' },
    health: { storagedriver: { enabled: false } },
    ...(section ? { auth: section } : {}),
  };
  const configPath = join(dir, 'config.yml');
  await writeFile(configPath, JSON.stringify(config));

  const child = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    // Keep draining both streams for the whole life of the child: a full pipe blocks it.
    const onData = (chunk: Buffer) => {
      if (output.length < 20_000) output += chunk.toString('utf8');
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`docker-registry exited (${code}): ${output.slice(-2000)}`)));
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await withTimeout(exited, 5000, 'registry SIGTERM').catch(async () => {
        child.kill('SIGKILL');
        await withTimeout(exited, 5000, 'registry SIGKILL');
      });
    }
    live.delete(child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const p = await withTimeout(port, 15_000, 'docker-registry start');
    const url = `http://127.0.0.1:${p}`;
    await waitForV2(url);
    return { url, host: `127.0.0.1:${p}`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Polls /v2/ until it answers (200, or 401 with auth), bounded. */
async function waitForV2(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`registry at ${url} did not answer /v2/`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
