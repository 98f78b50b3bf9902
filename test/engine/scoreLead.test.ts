import { describe, expect, it } from 'vitest';
import { scoreLead, toDerivedProperties, validateModel } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import type { DealRecord, LeadRecord } from '../../src/engine';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const score = (contact: LeadRecord['contact'], deals?: DealRecord[], now = NOW) => scoreLead(BANT_DEFAULT, { contact, deals }, now);
const criterion = (result: ReturnType<typeof score>, key: string) => {
  const found = result.criteria.find((c) => c.key === key);
  if (!found) throw new Error(`no criterion ${key}`);
  return found;
};

describe('the default model', () => {
  it('passes its own validation', () => {
    expect(validateModel(BANT_DEFAULT)).toEqual({ ok: true, model: BANT_DEFAULT });
  });

  it('weighs Budget 30, Authority 25, Need 25, Timeline 20 for a total of 100', () => {
    expect(BANT_DEFAULT.criteria.map((c) => [c.key, c.max])).toEqual([['budget', 30], ['authority', 25], ['need', 25], ['timeline', 20]]);
    expect(score({}).max).toBe(100);
  });
});

describe("the seed's points table", () => {
  it.each([
    ['budget', 'bant_budget', '150000', 30],
    ['budget', 'bant_budget', '75000', 15],
    ['budget', 'bant_budget', '20000', 0],
    ['authority', 'bant_authority', 'c_level', 25],
    ['authority', 'bant_authority', 'director', 20],
    ['authority', 'bant_authority', 'manager', 15],
    ['authority', 'bant_authority', 'other', 0],
    ['need', 'bant_need', 'perfect', 25],
    ['need', 'bant_need', 'partial', 15],
    ['need', 'bant_need', 'low', 5],
    ['timeline', 'bant_timeline', 'within_1_month', 20],
    ['timeline', 'bant_timeline', '1_3_months', 20],
    ['timeline', 'bant_timeline', '3_6_months', 10],
    ['timeline', 'bant_timeline', 'over_6_months', 5],
  ])('%s answered %s = %s earns %i points', (key, property, value, points) => {
    const result = score({ [property]: value });
    expect(criterion(result, key).points).toBe(points);
    expect(result.score).toBe(points);
  });
});

describe("the seed's worked example", () => {
  const result = score({ bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' });

  it('scores 80 with every criterion met', () => {
    expect(result.score).toBe(80);
    expect(result.criteria.map((c) => [c.key, c.points, c.status])).toEqual([
      ['budget', 30, 'met'],
      ['authority', 15, 'met'],
      ['need', 25, 'met'],
      ['timeline', 10, 'met'],
    ]);
  });

  it('qualifies with grade A, goes to sales now, and is complete', () => {
    expect(result).toMatchObject({ qualified: true, grade: 'A', nextAction: 'sales_now', failedCriteria: [], completeness: 100, modelId: 'bant-default', modelVersion: 'bant-default@1' });
  });

  it('becomes the HubSpot values of the derived properties', () => {
    expect(toDerivedProperties(BANT_DEFAULT, result, NOW)).toEqual({
      bant_score: '80',
      bant_budget_points: '30',
      bant_authority_points: '15',
      bant_need_points: '25',
      bant_timeline_points: '10',
      bant_qualified: 'true',
      bant_grade: 'A',
      bant_next_action: 'sales_now',
      bant_failed_criteria: '',
      bant_completeness: '100',
      bant_scored_at: '2026-11-23T10:00:00.000Z',
      bant_model_version: 'bant-default@1',
      bant_verdict: 'qualified',
      bant_stale_criteria: '',
    });
  });
});

describe('budget band edges', () => {
  it.each([
    ['100000', 30, 'met'],
    ['100000.00', 30, 'met'],
    ['99999.99', 15, 'met'],
    ['50000', 15, 'met'],
    ['49999.99', 0, 'below'],
    ['0', 0, 'below'],
  ])('%s earns %i points (%s)', (value, points, status) => {
    expect(criterion(score({ bant_budget: value }), 'budget')).toMatchObject({ points, status, value });
  });

  it('reports a negative amount as invalid, with the reason, and gives it no points', () => {
    expect(criterion(score({ bant_budget: '-5' }), 'budget')).toMatchObject({
      points: 0,
      status: 'invalid',
      reason: '-5 is below the lowest band (0) (from contact bant_budget); fix the value or map it in the model',
    });
  });

  it('reports a non-numeric amount as invalid instead of scoring it zero', () => {
    expect(criterion(score({ bant_budget: 'abc' }), 'budget')).toMatchObject({
      points: 0,
      status: 'invalid',
      value: 'abc',
      reason: '"abc" is not a number (from contact bant_budget); fix the value or map it in the model',
    });
  });

  it('explains the band a value fell in', () => {
    expect(criterion(score({ bant_budget: '120000' }), 'budget').reason).toBe('120,000 is in the band 100,000 or more: 30 points (from contact bant_budget)');
    expect(criterion(score({ bant_budget: '20000' }), 'budget').reason).toBe('20,000 is in the band 0 to under 50,000: 0 points, below the minimum of 15 (from contact bant_budget)');
  });
});

describe('timeline from a deal close date', () => {
  const withClose = (closedate: string, now = NOW) =>
    criterion(score({}, [{ id: '1', properties: { closedate, dealname: 'Acme renewal', createdate: '2026-01-01' } }], now), 'timeline');

  it.each([
    ['2027-02-23T10:00:00.000Z', 20, 'exactly now + 3 months'],
    ['2027-02-24T10:00:00.000Z', 10, 'one day after now + 3 months'],
    ['2027-02-23', 20, 'a date-only value on the day of now + 3 months'],
    ['2027-05-23T10:00:00.000Z', 10, 'exactly now + 6 months'],
    ['2027-05-23T10:00:00.001Z', 5, 'one millisecond after now + 6 months'],
    ['2025-06-01', 20, 'a past date'],
    [String(Date.parse('2027-01-15T00:00:00Z')), 20, 'epoch milliseconds within 3 months'],
    [String(Date.parse('2027-09-01T00:00:00Z')), 5, 'epoch milliseconds beyond 6 months'],
  ])('%s earns %i points (%s)', (closedate, points) => {
    expect(withClose(closedate)).toMatchObject({ points, status: points >= 10 ? 'met' : 'below', source: { object: 'deal', property: 'closedate', dealId: '1', dealName: 'Acme renewal' } });
  });

  it('clamps now + 3 months to the end of a shorter month', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(withClose('2027-02-28T12:00:00Z', now).points).toBe(20);
    expect(withClose('2027-02-28T12:00:01Z', now).points).toBe(10);
  });

  it('reports an unparseable date as invalid', () => {
    expect(withClose('next spring')).toMatchObject({ status: 'invalid', points: 0 });
    expect(withClose('2027-02-30')).toMatchObject({ status: 'invalid', points: 0 });
  });

  it("prefers the rep's answer to the deal's close date", () => {
    const result = score({ bant_timeline: 'over_6_months' }, [{ id: '1', properties: { closedate: '2026-12-01' } }]);
    expect(criterion(result, 'timeline')).toMatchObject({ points: 5, source: { object: 'contact', property: 'bant_timeline' } });
  });
});

describe('deal selection', () => {
  const deal = (id: string, properties: Record<string, string>): DealRecord => ({ id, properties });

  it('falls back to the amount of the newest open deal and ignores closed deals', () => {
    const result = score({}, [
      deal('10', { amount: '200000', createdate: '2026-10-01', hs_is_closed: 'true' }),
      deal('11', { amount: '60000', createdate: '2026-09-01', hs_is_closed: 'false' }),
      deal('12', { amount: '10000', createdate: '2026-03-01' }),
    ]);
    expect(criterion(result, 'budget')).toMatchObject({ points: 15, value: '60000', source: { object: 'deal', dealId: '11' } });
    expect(result.deal).toEqual({ id: '11', name: null });
  });

  it('breaks a createdate tie by the higher id, compared as a number', () => {
    const result = score({}, [deal('9', { amount: '10', createdate: '2026-10-01' }), deal('10', { amount: '120000', createdate: '2026-10-01' })]);
    expect(criterion(result, 'budget').source?.dealId).toBe('10');
  });

  it('does not consult an older deal when the chosen one has no value', () => {
    const result = score({}, [deal('1', { amount: '500000', createdate: '2026-01-01' }), deal('2', { amount: '', createdate: '2026-06-01' })]);
    expect(criterion(result, 'budget')).toMatchObject({ status: 'unknown', points: 0 });
  });

  it('leaves deal sources empty when no deal is open', () => {
    const result = score({}, [deal('1', { amount: '500000', hs_is_closed: 'true' })]);
    expect(criterion(result, 'budget').status).toBe('unknown');
    expect(result.deal).toBeNull();
  });

  it('does not fall through to the deal when the contact answer is invalid', () => {
    const result = score({ bant_budget: 'lots' }, [deal('1', { amount: '500000' })]);
    expect(criterion(result, 'budget')).toMatchObject({ status: 'invalid', value: 'lots', source: { object: 'contact' } });
  });

  it('picks the largest open deal under the largest_open policy', () => {
    const model = { ...BANT_DEFAULT, dealSelection: { policy: 'largest_open' as const } };
    const result = scoreLead(model, { contact: {}, deals: [deal('1', { amount: '90000', createdate: '2026-01-01' }), deal('2', { amount: '1000', createdate: '2026-06-01' })] }, NOW);
    expect(result.deal?.id).toBe('1');
  });
});

describe('statuses and the gate', () => {
  it('reports an enumeration option the model does not map as invalid', () => {
    expect(criterion(score({ bant_authority: 'intern' }), 'authority')).toMatchObject({
      status: 'invalid',
      points: 0,
      reason: '"intern" is not an option the model scores (expected one of c_level, director, manager, other) (from contact bant_authority); fix the value or map it in the model',
    });
  });

  it('treats empty strings and nulls as unknown', () => {
    const result = score({ bant_budget: '', bant_authority: null, bant_need: '   ' });
    expect(result.criteria.map((c) => c.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(result).toMatchObject({ score: 0, completeness: 0, grade: 'D', nextAction: 'research', failedCriteria: ['budget', 'authority', 'need', 'timeline'] });
  });

  it('does not qualify a lead scoring 70 or more that misses one minimum', () => {
    const result = score({ bant_budget: '200000', bant_authority: 'c_level', bant_need: 'perfect', bant_timeline: 'over_6_months' });
    expect(result).toMatchObject({ score: 85, qualified: false, grade: 'A', nextAction: 'sales_later', failedCriteria: ['timeline'] });
  });

  it('routes grade C to nurture and counts only usable answers as complete', () => {
    const result = score({ bant_budget: '60000', bant_need: 'partial', bant_authority: 'bogus' });
    expect(result).toMatchObject({ score: 30, grade: 'C', nextAction: 'nurture', completeness: 50, failedCriteria: ['authority', 'timeline'] });
  });

  it('writes failed criteria in model order, separated by semicolons', () => {
    const result = score({ bant_need: 'low' });
    expect(toDerivedProperties(BANT_DEFAULT, result, NOW).bant_failed_criteria).toBe('budget;authority;need;timeline');
  });
});
