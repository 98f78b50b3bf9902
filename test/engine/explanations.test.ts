import { describe, expect, it } from 'vitest';
import { describeExplanation, displayMeasure, scoreLead, scoreValue } from '../../src/engine';
import type { LeadRecord, Rule } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const criterion = (record: LeadRecord, key: string) => scoreLead(BANT_DEFAULT, record, NOW).criteria.find((c) => c.key === key)!;

describe('machine-readable explanations', () => {
  it.each([
    ['a band', { bant_budget: '120000' }, 'budget', { code: 'band', measure: { kind: 'number', raw: '120000', value: 120000, unit: 'currency' }, from: 100000, points: 30 }],
    ['a closed band', { bant_budget: '60000' }, 'budget', { code: 'band', measure: { kind: 'number', raw: '60000', value: 60000, unit: 'currency' }, from: 50000, to: 100000, points: 15 }],
    ['below the bands', { bant_budget: '-5' }, 'budget', { code: 'below_bands', measure: { kind: 'number', raw: '-5', value: -5, unit: 'currency' }, lowest: 0 }],
    ['not a number', { bant_budget: 'abc' }, 'budget', { code: 'not_a_number', raw: 'abc' }],
    ['not a finite number', { bant_budget: '1e400' }, 'budget', { code: 'not_finite', raw: '1e400' }],
    ['an option', { bant_authority: 'manager' }, 'authority', { code: 'option', value: 'manager', label: 'Manager', points: 15 }],
    ['an unknown option', { bant_authority: 'intern' }, 'authority', { code: 'unknown_option', raw: 'intern', expected: ['c_level', 'director', 'manager', 'other'] }],
    ['no value', {}, 'timeline', { code: 'no_value', looked: [{ object: 'contact', property: 'bant_timeline' }, { object: 'deal', property: 'closedate' }] }],
  ] as const)('explains %s as a code and its values', (_, contact, key, explanation) => {
    expect(criterion({ contact }, key).explanation).toEqual(explanation);
  });

  it('explains date windows, later dates and dates that do not exist', () => {
    const timeline = (closedate: string) => criterion({ contact: {}, deals: [{ id: '1', properties: { closedate } }] }, 'timeline').explanation;
    expect(timeline('2027-01-15')).toEqual({ code: 'date_window', date: '2027-01-15', withinMonths: 3, points: 20 });
    expect(timeline('2028-01-15')).toEqual({ code: 'date_later', date: '2028-01-15', months: 6, points: 5 });
    expect(timeline('2027-02-30')).toEqual({ code: 'not_a_calendar_date', raw: '2027-02-30' });
    expect(timeline('soon')).toEqual({ code: 'not_a_date', raw: 'soon' });
  });

  it('explains booleans, multi-selects and checklists', () => {
    const options = [{ value: 'a', label: 'A', points: 10 }, { value: 'b', label: 'B', points: 20 }];
    const explain = (rule: Rule, raw: string) => scoreValue(rule, raw, 25, NOW).explanation;
    expect(explain({ type: 'boolean', whenTrue: 5, whenFalse: 0 }, 'TRUE')).toEqual({ code: 'boolean', value: true, points: 5 });
    expect(explain({ type: 'boolean', whenTrue: 5, whenFalse: 0 }, 'yes')).toEqual({ code: 'not_a_boolean', raw: 'yes' });
    expect(explain({ type: 'multi', mode: 'sum', options }, 'a;b')).toEqual({ code: 'selected', values: ['a', 'b'], mode: 'sum', points: 25, uncapped: 30 });
    expect(explain({ type: 'multi', mode: 'sum', options }, 'a;c;d')).toEqual({ code: 'unknown_options', values: ['c', 'd'], expected: ['a', 'b'] });
    const coverage: Rule = { type: 'coverage', options, bands: [{ from: 50, points: 25 }, { from: 0, to: 50, points: 0 }] };
    expect(explain(coverage, 'b')).toEqual({ code: 'band', measure: { kind: 'coverage', covered: 1, total: 2, percent: 50 }, from: 50, points: 25 });
    expect(explain(coverage, 'z')).toEqual({ code: 'unknown_items', values: ['z'], expected: ['a', 'b'] });
  });

  it('words every explanation as the reason says it', () => {
    const contacts = [{ bant_budget: '20000', bant_authority: 'intern', bant_need: 'low' }, { bant_budget: 'abc', bant_authority: 'c_level' }, {}];
    for (const contact of contacts) {
      for (const c of scoreLead(BANT_DEFAULT, { contact }, NOW).criteria) expect(c.reason.startsWith(describeExplanation(c.explanation))).toBe(true);
    }
    expect(describeExplanation({ code: 'band', measure: { kind: 'number', raw: '20000', value: 20000 }, from: 0, to: 50000, points: 0 })).toBe('20,000 is in the band 0 to under 50,000: 0 points');
  });
});

describe('amounts shown as entered', () => {
  it.each([
    ['12345678901234567890', '12,345,678,901,234,567,890'],
    ['100000.123456789', '100,000.123456789'],
    ['0.30000000000000004', '0.30000000000000004'],
    ['100000.00', '100,000'],
    ['0099999.990', '99,999.99'],
    ['120000', '120,000'],
    ['+.5', '0.5'],
    ['-0', '0'],
    ['1e5', '100,000'],
    ['1e-7', '1e-7'],
  ])('shows %s as %s', (raw, display) => {
    expect(displayMeasure({ kind: 'number', raw, value: Number(raw), unit: 'currency' })).toBe(display);
  });

  it('shows a budget that floating point cannot hold with its digits, in the display and the reason', () => {
    const budget = criterion({ contact: { bant_budget: '12345678901234567890' } }, 'budget');
    expect(budget).toMatchObject({ points: 30, display: '12,345,678,901,234,567,890' });
    expect(budget.reason).toBe('12,345,678,901,234,567,890 is in the band 100,000 or more: 30 points (from contact bant_budget)');
  });

  it('keeps percentages ungrouped with their sign', () => {
    expect(displayMeasure({ kind: 'number', raw: '12.50', value: 12.5, unit: 'percent' })).toBe('12.5 %');
    expect(displayMeasure({ kind: 'number', raw: '33.3333333333', value: 33.3333333333, unit: 'percent' })).toBe('33.3333333333 %');
  });
});
