import { before, after } from 'node:test';
import { seedStandard, type Seeded } from './fixtures';
import { startRegistry, type RunningRegistry } from './registry-server';
import { Seeder } from './seed';
import { registrySkipReason } from './tools';

export interface SeededRegistry {
  /** Why the registry tests cannot run on this machine (pass as the tests' `skip`); undefined when they can. */
  readonly skip: string | undefined;
  readonly registry: RunningRegistry;
  /** Digest of every seeded `repo:tag`. */
  readonly seeded: Seeded;
}

/**
 * One real registry for the whole test file, started and filled with the
 * standard content before its first test and stopped after its last. Call it
 * at the top of the file: its hooks then run before the file's own.
 */
export function seededRegistryForFile(): SeededRegistry {
  const skip = registrySkipReason(['docker-registry']);
  let registry: RunningRegistry | undefined;
  let seeded: Seeded | undefined;
  before(async () => {
    if (skip) return;
    registry = await startRegistry();
    seeded = await seedStandard(new Seeder(registry.url));
  });
  after(async () => {
    await registry?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the test registry is not running: use the tests\' `skip` option');
    return value;
  };
  return {
    skip,
    get registry() { return started(registry); },
    get seeded() { return started(seeded); },
  };
}
