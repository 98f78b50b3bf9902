import { describe, expect, it } from 'vitest';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { PRESETS } from '../../../src/models/catalog';
import { gradeRows, routingLines } from '../../../src/app/settings/lib/describeModel';
import { settingsLanguage } from '../../../src/app/settings/hooks/useSettingsLanguage';

const preset = (id: string): Model => {
  const found = PRESETS.find((p) => p.id === id);
  if (!found?.checked.ok) throw new Error(id);
  return found.checked.model;
};
const english = settingsLanguage('en-US');

describe('the model in words', () => {
  it('gives each grade its score range, the top one up to the maximum', () => {
    expect(gradeRows(BANT_DEFAULT, english).map((g) => `${g.grade} ${g.scores} ${g.meaning}`)).toEqual(['A 70 to 100 Top score', 'B 50 to under 70 Good score', 'C 30 to under 50 Fair score', 'D 0 to under 30 Low score']);
  });

  it('turns routing rules into sentences, in the order they are tried', () => {
    expect(routingLines(BANT_DEFAULT, english)).toEqual([
      'If qualified and an answer is out of date: Re-check the old answers before sales.',
      'If qualified: Send to sales now.',
      'If grade A or B: Send to sales, not urgent.',
      'If grade C: Nurture with marketing.',
      'Otherwise: Gather the missing BANT information.',
    ]);
    expect(routingLines(preset('gpctba-ci'), english)[3]).toBe('If grade C and Goals or Plans not met: Nurture with content on goals and plans.');
  });

  it.each([
    ['fi-FI', 'Jos luokka A tai B: Lähetä myyntiin, ei kiirettä.', 'B 50 – alle 70 Hyvät pisteet'],
    ['nb-NO', 'Hvis karakter A eller B: Send til salg, ikke hastesak.', 'B 50 til under 70'],
    ['ar', 'إذا تحقق: الدرجة A أو B، فالخطوة: أرسله إلى المبيعات، دون استعجال.', 'B من 50 إلى أقل من 70'],
  ])('speaks %s, with the model\'s own texts in that language', (locale, route, grade) => {
    const language = settingsLanguage(locale);
    expect(routingLines(BANT_DEFAULT, language)[2]).toBe(route);
    expect(gradeRows(BANT_DEFAULT, language).map((g) => `${g.grade} ${g.scores} ${g.meaning}`)[1]).toContain(grade);
  });
});
