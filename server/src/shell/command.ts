// Finding the command that really runs: `sudo -u app env X=1 /usr/bin/apt-get` runs apt-get,
// and rules want to match on that, not on the wrapper.
import type { SimpleCommand } from './types';

interface Wrapper {
  /** options that consume the following word, e.g. `sudo -u root` */
  argOptions?: readonly string[];
  /** options after which the wrapper does not run the command, e.g. `command -v apt-get` */
  queryOptions?: readonly string[];
  /** words after the options that are not the command, e.g. the duration of `timeout 10 cmd` */
  positional?: number;
  /** whether NAME=value words may precede the command (env) */
  assignments?: boolean;
}

// A Map, not an object literal, so names like `constructor` are not found on the prototype.
const WRAPPERS = new Map<string, Wrapper>([
  ['sudo', { argOptions: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--chdir', '--close-from', '--host', '--prompt', '--role', '--type', '--other-user', '--command-timeout'] }],
  ['doas', { argOptions: ['-u', '-C'] }],
  ['env', { argOptions: ['-u', '--unset', '-C', '--chdir'], assignments: true }],
  ['nice', { argOptions: ['-n', '--adjustment'] }],
  ['ionice', { argOptions: ['-c', '-n', '--class', '--classdata'] }],
  ['nohup', {}],
  ['time', {}],
  ['builtin', {}],
  ['eatmydata', {}],
  ['fakeroot', {}],
  ['exec', { argOptions: ['-a'] }],
  ['command', { queryOptions: ['-v', '-V'] }],
  ['stdbuf', { argOptions: ['-i', '-o', '-e'] }],
  ['timeout', { argOptions: ['-s', '--signal', '-k', '--kill-after'], positional: 1 }],
  ['gosu', { positional: 1 }],
  ['su-exec', { positional: 1 }],
]);

const ASSIGNMENT = /^[A-Za-z_]\w*=/;

/** `/usr/bin/apt-get` → `apt-get` */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Index into cmd.words of the command that actually runs, skipping wrappers such as
 * `sudo`, `env X=1`, `nice -n 5`, `timeout 10`, `gosu user`; -1 if the command has no words.
 * A wrapper with nothing after it (`sudo -l`, `env`) is itself the command.
 */
export function commandIndex(cmd: SimpleCommand): number {
  const words = cmd.words;
  let i = 0;
  while (i < words.length) {
    const wrapper = words[i].hasExpansion ? undefined : WRAPPERS.get(baseName(words[i].value));
    if (!wrapper) return i;
    let j = i + 1;
    while (j < words.length) {
      const v = words[j].value;
      if (v === '--') { j++; break; }
      if (wrapper.assignments && ASSIGNMENT.test(v)) { j++; continue; }
      if (v.length < 2 || v[0] !== '-') break;
      if (wrapper.queryOptions?.includes(v)) return i;
      j += wrapper.argOptions?.includes(v) ? 2 : 1;
    }
    j += wrapper.positional ?? 0;
    if (j >= words.length) return i;
    i = j;
  }
  return -1;
}

/** The real command's name without its directory (see commandIndex), or undefined. */
export function commandName(cmd: SimpleCommand): string | undefined {
  const i = commandIndex(cmd);
  return i < 0 ? undefined : baseName(cmd.words[i].value);
}
