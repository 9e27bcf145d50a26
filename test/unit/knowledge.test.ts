import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NOTES, QUOTES, SECTIONS, isSectionId } from '../../common/lecture/sections';
import { FLAG_TOPICS, IMAGE_TOPIC, INSTRUCTION_TOPICS } from '../../common/lecture/topics';
import { RULES } from '../../server/src/rules/index';

const LECTURE = resolve(__dirname, '../../../../shared/lecture/lecture-4.ru.md');

test('every Russian quote is a verbatim fragment of the lecture', (t) => {
  if (!existsSync(LECTURE)) { t.skip(`SKIPPED: ${LECTURE} not found`); return; }
  const lecture = readFileSync(LECTURE, 'utf8');
  for (const q of QUOTES) assert.ok(lecture.includes(q.ru), `quote ${q.id} is not verbatim in the lecture`);
});

test('every section, quote and note exists in both languages', () => {
  for (const s of SECTIONS) { assert.ok(s.title.en && s.title.ru, s.id); assert.ok(s.quotes.length > 0, s.id); }
  for (const q of QUOTES) { assert.ok(q.en.trim() && q.ru.trim(), q.id); assert.ok(isSectionId(q.section), q.id); }
  for (const n of NOTES) { assert.ok(n.text.en.trim() && n.text.ru.trim(), n.id); assert.ok(isSectionId(n.section), n.id); }
  assert.ok(/[а-я]/i.test(QUOTES[0].ru) && !/[а-я]/i.test(QUOTES[0].en));
});

test('every rule names an existing lecture section and describes itself in both languages', () => {
  for (const r of RULES) {
    assert.ok(isSectionId(r.lecture), `${r.id} → ${r.lecture}`);
    assert.ok(r.description.en && r.description.ru, r.id);
  }
});

test('every topic references existing quotes and notes', () => {
  const quoteIds = new Set(QUOTES.map((q) => q.id));
  const noteIds = new Set(NOTES.map((n) => n.id));
  for (const [name, topic] of Object.entries({ ...INSTRUCTION_TOPICS, ...FLAG_TOPICS, IMAGE: IMAGE_TOPIC })) {
    for (const q of topic.quotes) assert.ok(quoteIds.has(q), `${name}: quote ${q}`);
    for (const n of topic.notes) assert.ok(noteIds.has(n), `${name}: note ${n}`);
  }
  for (const kw of ['FROM', 'RUN', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'ENV', 'ARG', 'LABEL', 'WORKDIR', 'USER', 'VOLUME', 'EXPOSE', 'HEALTHCHECK', 'SHELL', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER']) {
    assert.ok(INSTRUCTION_TOPICS[kw], kw);
  }
});
