import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';

const RULE = 'shell-via-symlink';

test('replacing /bin/sh is a hint that points to SHELL (often deliberate, so no squiggle)', () => {
  const [f] = findingsOf(df('FROM ubuntu:24.04', 'RUN ln -sf /bin/bash /bin/sh'), RULE);
  assert.equal(f.severity, 'hint');
  assert.deepEqual(f.aliases, ['DL4005']);
  assert.match(f.message, /SHELL \["\/bin\/bash", "-c"\]/);
  assert.deepEqual(f.fixes, []);
  assert.match(findingsOf(df('from ubuntu:24.04', 'run ln -s -f /bin/bash /bin/sh'), RULE)[0].message, /`shell \["\/bin\/bash"/);
});

test('other links are not about the shell', () => {
  assert.deepEqual(linesOf(df('FROM ubuntu:24.04', 'RUN ln -sf /usr/bin/python3 /usr/bin/python', 'RUN ln -s /bin/sh /bin/mysh', 'RUN ln -sf a b /bin/'), RULE), []);
});
