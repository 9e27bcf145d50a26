import { onlyLastTakesEffect } from './support/only-last-takes-effect';

/** More than one CMD in a stage: only the last one takes effect. */
export const singleCmd = onlyLastTakesEffect('CMD', 'single-cmd', ['DL4003', 'MultipleInstructionsDisallowed']);
