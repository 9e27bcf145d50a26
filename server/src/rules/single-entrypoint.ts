import { onlyLastTakesEffect } from './support/only-last-takes-effect';

/** More than one ENTRYPOINT in a stage: only the last one takes effect. */
export const singleEntrypoint = onlyLastTakesEffect('ENTRYPOINT', 'single-entrypoint', ['DL4004', 'MultipleInstructionsDisallowed']);
