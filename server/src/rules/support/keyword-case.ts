import type { DockerfileModel } from '../../model/types';

/** Upper- or lower-case a keyword like the file's own instructions do. */
export function keywordCase(model: DockerfileModel, keyword: string): string {
  let lower = lowerCaseFiles.get(model);
  if (lower === undefined) {
    // Character codes, not regexes and lower-cased copies: big files have thousands of keywords.
    let written = 0, lowerCase = 0;
    for (const { keywordText: k } of model.instructions) {
      let letters = false, upper = false;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i) | 32;
        if (c < 97 || c > 122) continue;
        letters = true;
        if ((k.charCodeAt(i) & 32) === 0) { upper = true; break; }
      }
      if (!letters) continue;
      written++;
      if (!upper) lowerCase++;
    }
    lower = lowerCase > written / 2;
    lowerCaseFiles.set(model, lower);
  }
  return lower ? keyword.toLowerCase() : keyword.toUpperCase();
}

/** Counted once per model: fixes on big files ask for every finding. */
const lowerCaseFiles = new WeakMap<DockerfileModel, boolean>();
