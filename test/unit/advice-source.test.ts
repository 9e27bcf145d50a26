import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adviceSource, adviceSourceLine } from '../../common/lecture/source';
import { section } from '../../common/lecture/sections';
import { RULES } from '../../server/src/rules/index';
import { adviceSourceMarkdown } from '../../server/src/hover';

test('a rule that follows the lecture names its section', () => {
  assert.deepEqual(adviceSource({ lecture: 'best-practices' }), { en: 'lecture: Best practices', ru: 'Лекция: Лучшие практики (best practices)' });
  assert.equal(adviceSourceLine({ lecture: 'layers', beyondLecture: false }, 'ru'), 'Лекция: Слоистая файловая система (UnionFS)');
});

test('advice beyond the lecture says so and names the nearest section', () => {
  assert.deepEqual(adviceSource({ lecture: 'networks', beyondLecture: true }), {
    en: 'beyond the lecture (nearest section: The network model)',
    ru: 'Сверх лекции (ближайший раздел: Сетевая модель)',
  });
});

test('every rule gets a source line in both languages that matches its beyondLecture flag', () => {
  for (const rule of RULES) {
    const line = adviceSource(rule);
    const title = section(rule.lecture).title;
    assert.ok(line.en.includes(title.en) && line.ru.includes(title.ru), rule.id);
    assert.equal(line.ru.startsWith('Сверх лекции'), rule.beyondLecture === true, rule.id);
    assert.equal(line.en.startsWith('beyond the lecture'), rule.beyondLecture === true, rule.id);
  }
  // Both kinds exist in the catalogue, so both branches are exercised on real rules.
  assert.ok(RULES.some((r) => r.beyondLecture) && RULES.some((r) => !r.beyondLecture));
});

test('the Markdown form for diagnostic hovers is one italic line', () => {
  assert.equal(adviceSourceMarkdown({ lecture: 'best-practices', beyondLecture: true }, 'ru'), '*Сверх лекции \\(ближайший раздел: Лучшие практики \\(best practices\\)\\)*');
});
