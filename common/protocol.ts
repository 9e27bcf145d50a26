/**
 * Names both sides of the extension must spell the same way: the settings
 * section, the commands the client registers (and the server may put in code
 * actions and lenses), and the custom LSP notifications. The layer request and
 * its payload live in layers.ts.
 */

/** The prefix of every setting, command, view and custom method of this extension. */
export const EXTENSION_PREFIX = 'dockerfileLectureHints';

/** `workspace/configuration` section and the client's `synchronize.configurationSection`. */
export const SETTINGS_SECTION = EXTENSION_PREFIX;

export const COMMANDS = {
  /** Opens the lecture view, optionally at a section id (`layers`, `best-practices`, …). */
  openLecture: `${EXTENSION_PREFIX}.openLecture`,
  restartServer: `${EXTENSION_PREFIX}.restartServer`,
  openWalkthroughExample: `${EXTENSION_PREFIX}.openWalkthroughExample`,
} as const;

/** Client → server when the user trusts the workspace: registry look-ups may start. */
export const TRUST_NOTIFICATION = `${EXTENSION_PREFIX}/workspaceTrust`;
export interface TrustParams { trusted: boolean }

/** The code action kind of "fix all" (and `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `source.fixAll.${EXTENSION_PREFIX}`;

/** Ids of the client's webviews. */
export const VIEWS = {
  layers: `${EXTENSION_PREFIX}.layers`,
  lecturePanel: `${EXTENSION_PREFIX}.lecture`,
} as const;

/** The LanguageClient id (also the prefix of its `trace.server` setting). */
export const LANGUAGE_CLIENT_ID = EXTENSION_PREFIX;
export const DISPLAY_NAME = 'Dockerfile Lecture Hints';
