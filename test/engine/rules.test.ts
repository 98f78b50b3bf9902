import { describe, expect, it } from 'vitest';
import { addMonths, derivedPropertiesChanged, formatNumber, propertiesRead, scoreLead, scoreValue, validateModel } from '../../src/engine';
import type { Model, Rule } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const points = (rule: Rule, raw: string, max = 25) => {
  const scored = scoreValue(rule, raw, max, NOW);
  return scored.ok ? scored.points : scored.reason;
};

describe('rule types', () => {
  const options = [
    { value: 'security', label: 'Security', points: 10 },
    { value: 'speed', label: 'Speed', points: 8 },
    { value: 'cost', label: 'Cost', points: 12 },
  ];

  it('sums multi-select options and caps the sum at the criterion max', () => {
    expect(points({ type: 'multi', mode: 'sum', options }, 'security;speed')).toBe(18);
    expect(points({ type: 'multi', mode: 'sum', options }, 'security;speed;cost')).toBe(25);
  });

  it('takes the best multi-select option under max mode', () => {
    expect(points({ type: 'multi', mode: 'max', options }, 'speed;cost')).toBe(12);
  });

  it('names the options a multi-select value does not know', () => {
    expect(points({ type: 'multi', mode: 'sum', options }, 'speed;price')).toBe('"price" is not an option the model scores (expected some of security, speed, cost)');
  });

  it('maps checklist coverage to bands', () => {
    const rule: Rule = {
      type: 'coverage',
      options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }, { value: 'd', label: 'D' }],
      bands: [{ from: 75, points: 25 }, { from: 50, to: 75, points: 15 }, { from: 0, to: 50, points: 5 }],
    };
    expect(points(rule, 'a;b;c')).toBe(25);
    expect(points(rule, 'a;b')).toBe(15);
    expect(points(rule, 'd')).toBe(5);
  });

  it('scores Likert levels', () => {
    const rule: Rule = { type: 'likert', levels: [{ value: 'not', label: 'Not important', points: 0 }, { value: 'somewhat', label: 'Somewhat important', points: 10 }, { value: 'very', label: 'Very important', points: 25 }] };
    expect(points(rule, 'somewhat')).toBe(10);
    expect(points(rule, 'very')).toBe(25);
  });

  it('scores booleans as HubSpot stores them and rejects anything else', () => {
    const rule: Rule = { type: 'boolean', whenTrue: 20, whenFalse: 0 };
    expect(points(rule, 'true')).toBe(20);
    expect(points(rule, 'FALSE')).toBe(0);
    expect(points(rule, 'yes')).toBe('"yes" is not a boolean (expected true or false)');
  });
});

describe('company sources and precedence', () => {
  const model: Model = {
    ...BANT_DEFAULT,
    criteria: BANT_DEFAULT.criteria.map((c) => (c.key === 'budget' ? { ...c, sources: [...c.sources, { object: 'company' as const, property: 'annualrevenue' }] } : c)),
  };

  it('validates', () => {
    expect(validateModel(model).ok).toBe(true);
  });

  it('reads the company when neither the contact nor the deal has a value', () => {
    const result = scoreLead(model, { contact: {}, company: { annualrevenue: '75000' } }, NOW);
    expect(result.criteria[0]).toMatchObject({ points: 15, source: { object: 'company', property: 'annualrevenue' } });
  });

  it('lists the properties a model reads on each object', () => {
    expect(propertiesRead(model)).toEqual({
      contact: ['bant_budget', 'bant_authority', 'bant_need', 'bant_timeline', 'bant_override', 'bant_override_reason', 'bant_override_by', 'bant_override_until'],
      deal: ['hs_is_closed', 'createdate', 'dealname', 'amount', 'closedate'],
      company: ['annualrevenue'],
    });
  });
});

describe('helpers', () => {
  it('adds calendar months, clamping to the last day of the month', () => {
    expect(addMonths(new Date('2026-11-30T10:00:00Z'), 3).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2027-11-30T10:00:00Z'), 3).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('writes numbers as plain decimals', () => {
    expect([80, 62.5, 0.1 + 0.2, 1e21, 1e-7, -0].map(formatNumber)).toEqual(['80', '62.5', '0.3', '1000000000000000000000', '0', '0']);
  });

  it('sees no change when only bant_scored_at or the number format differs', () => {
    expect(derivedPropertiesChanged({ bant_score: '80.0', bant_scored_at: 'yesterday', bant_failed_criteria: 'need;budget' }, { bant_score: '80', bant_scored_at: 'now', bant_failed_criteria: 'budget;need' })).toEqual([]);
    expect(derivedPropertiesChanged({ bant_score: '80', bant_grade: 'A' }, { bant_score: '75', bant_grade: 'A' })).toEqual(['bant_score']);
    expect(derivedPropertiesChanged({}, { bant_failed_criteria: '' })).toEqual([]);
  });
});
