import { onlyLastTakesEffect } from './support/only-last-takes-effect';

/** More than one HEALTHCHECK in a stage: only the last one takes effect. */
export const singleHealthcheck = onlyLastTakesEffect('HEALTHCHECK', 'single-healthcheck', ['DL3012', 'MultipleInstructionsDisallowed']);
