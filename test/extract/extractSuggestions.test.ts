import { describe, expect, it } from 'vitest';
import { extractSuggestions, toPlainText } from '../../src/extract';
import { suggestionProblems } from '../../src/engine';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import anum from '../../src/models/presets/anum.json';
import champ from '../../src/models/presets/champ.json';
import gpctba from '../../src/models/presets/gpctba-ci.json';
import meddic from '../../src/models/presets/meddic.json';
import { suggestFrom } from './support';

const CALL = 'Budget ~120k approved. Reps spend hours copying data between tools and it is killing their response times. Want to go live by end of Q2.';

describe('extractSuggestions', () => {
  it('gives one suggestion per criterion with the raw value, the exact sentence, the activity and a confidence', () => {
    const suggestions = suggestFrom(CALL, { title: 'VP Operations' });
    expect(suggestions.map((s) => [s.criterion, s.property, s.value])).toEqual([
      ['budget', 'bant_budget', '120000'],
      ['authority', 'bant_authority', 'director'],
      ['need', 'bant_need', 'perfect'],
      ['timeline', 'bant_timeline', '3_6_months'],
    ]);
    for (const s of suggestions.filter((s) => s.source.kind !== 'job_title')) {
      expect(CALL).toContain(s.evidence);
      expect(s.source).toEqual({ id: 'a1', kind: 'call_note', date: '2026-03-10' });
      expect(s.confidence).toBeGreaterThan(0.5);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
    expect(suggestions[0]!.currency).toBe('USD');
    expect(suggestions.slice(1).every((s) => s.currency === undefined)).toBe(true);
  });

  it('leaves out a criterion with nothing to go on', () => {
    expect(suggestFrom('Called, no answer.')).toEqual([]);
  });

  it('takes each fact from the newest activity that states it', () => {
    const suggestions = extractSuggestions({
      model: BANT_DEFAULT,
      now: new Date('2026-05-04'),
      texts: [
        { id: 'old', kind: 'call_note', date: '2026-03-10', text: 'Budget 50k approved. Decision by end of April.' },
        { id: 'new', kind: 'email', date: '2026-05-01', text: 'Good news: the budget was raised to 80k.' },
      ],
    });
    expect(suggestions.find((s) => s.criterion === 'budget')).toMatchObject({ value: '80000', source: { id: 'new' } });
    // End of April is past on May 4: a purchase date that already went by is no plan.
    expect(suggestions.find((s) => s.criterion === 'timeline')).toBeUndefined();
  });

  it('uses the portal currency for amounts without one', () => {
    const [budget] = extractSuggestions({ model: BANT_DEFAULT, now: new Date('2026-03-10'), homeCurrency: 'EUR', texts: [{ id: 'n', kind: 'note', date: '2026-03-10', text: 'Budget 90k approved.' }] });
    expect(budget?.currency).toBe('EUR');
  });

  it('reads HTML bodies once they are plain text', () => {
    expect(toPlainText('<p>Budget is <b>120k</b>&nbsp;approved</p><p>Decision by Q2&amp;co</p>')).toBe('Budget is 120k approved\nDecision by Q2&co');
  });
});

describe('facts mapped through the model', () => {
  const text = 'The budget is $150k. Our quoting is broken and we lose deals every week. We want to sign within 2 weeks.';

  it.each([
    ['ANUM', anum, { money: '150000', urgency: 'critical', need: 'perfect', authority: 'director' }],
    ['CHAMP', champ, { money: '150000', prioritization: 'very_important', authority: 'director' }],
    ['GPCTBA/C&I', gpctba, { budget: '150000', timeline: 'within_1_month', authority: 'director' }],
    ['MEDDIC', meddic, { identify_pain: 'significant' }],
  ])('gives the %s preset suggestions for the criteria with such facts', (_name, preset, expected) => {
    const suggestions = suggestFrom(text, { model: preset as Model, title: 'Head of Sales' });
    expect(Object.fromEntries(suggestions.map((s) => [s.criterion, s.value]))).toEqual(expected);
  });

  it('gives a date to a criterion whose contact property is read as dates', () => {
    const model: Model = {
      ...BANT_DEFAULT,
      suggestions: undefined,
      criteria: BANT_DEFAULT.criteria.map((c) => (c.key === 'timeline' ? { ...c, sources: [{ object: 'contact', property: 'bant_purchase_date' }], rule: { type: 'date_window', windows: [{ withinMonths: 3, points: 20 }], later: 5 } } : c)),
    };
    const timeline = suggestFrom('Decision by end of Q2.', { model }).find((s) => s.criterion === 'timeline');
    expect(timeline).toMatchObject({ property: 'bant_purchase_date', value: '2026-06-30' });
  });

  it('makes no suggestion a model maps to an option its property does not have', () => {
    const model: Model = { ...BANT_DEFAULT, suggestions: { facts: { need: { fact: 'need', options: { strong: 'burning' } } } } };
    expect(suggestFrom('This is exactly what we need.', { model }).find((s) => s.criterion === 'need')).toBeUndefined();
    expect(suggestionProblems(model)).toEqual([{ path: 'suggestions.facts.need.options.strong', code: 'facts.notAnOption', params: { value: 'burning', property: 'bant_need', allowed: 'perfect, partial, low' }, message: '"burning" is not an option of contact.bant_need; expected one of perfect, partial, low' }]);
  });

  it('names suggestion settings that cannot work', () => {
    const model: Model = {
      ...BANT_DEFAULT,
      suggestions: {
        facts: { budgt: { fact: 'amount' }, need: { fact: 'amount' }, authority: { fact: 'timeline' } },
        autofill: { enabled: true, minConfidence: 0 },
      },
    };
    expect(suggestionProblems(model).map((p) => p.path)).toEqual([
      'suggestions.facts.budgt', 'suggestions.facts.need.fact', 'suggestions.facts.authority.options', 'suggestions.autofill.minConfidence',
    ]);
  });

  it('finds nothing wrong with the shipped presets', () => {
    for (const preset of [BANT_DEFAULT, anum, champ, gpctba, meddic]) expect(suggestionProblems(preset as Model)).toEqual([]);
  });
});
