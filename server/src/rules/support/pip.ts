import type { RunCommand } from './run-commands';

/** `pip`, `pip3`, `pip3.12`. */
const PIP = /^pip(\d+(\.\d+)*)?$/;
/** `python`, `python3`, `python3.12` (for `python -m pip`). */
const PYTHON = /^python(\d+(\.\d+)*)?$/;

/** Whether the command runs pip at all (`pip …` or `python -m pip …`), whatever the subcommand. */
export function runsPip(c: RunCommand): boolean {
  return pipSubcommand(c) >= 0;
}

/**
 * Index of the word `install` in `pip install …`, `pip3 --quiet install …` or
 * `python3 -X utf8 -m pip install …`; -1 when the command is not a pip install.
 */
export function pipInstall(c: RunCommand): number {
  const i = pipSubcommand(c);
  return i >= 0 && c.cmd.words[i].value === 'install' ? i : -1;
}

/** Index of pip's subcommand word (after its global options); -1 when the command is not pip. */
function pipSubcommand(c: RunCommand): number {
  const words = c.cmd.words;
  let i = c.at + 1;
  if (PYTHON.test(c.name)) {
    while (i < words.length && words[i].value.startsWith('-') && words[i].value !== '-m') i++;
    if (words[i]?.value !== '-m' || words[i + 1]?.value !== 'pip') return -1;
    i += 2;
  } else if (!PIP.test(c.name)) {
    return -1;
  }
  while (i < words.length && words[i].value.startsWith('-')) i++;
  return i < words.length ? i : -1;
}
