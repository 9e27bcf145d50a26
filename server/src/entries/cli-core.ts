/**
 * Entry of dist/cli-core.js (loaded by entries/cli.ts through the code cache):
 * runs the command line (cli.ts) and exits with its code.
 */
import { main } from '../cli';

/**
 * Exits once stdout and stderr are flushed: a registry request still running after the
 * facts deadline must not keep the process alive until its own timeout.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => { if (--pending === 0) process.exit(code); };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

// Only when started as the program (the loader sets require.main), not when merely required.
if (require.main === module) {
  main(process.argv.slice(2), process.env).then(exitWhenFlushed, (e: unknown) => {
    process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    exitWhenFlushed(2);
  });
}
