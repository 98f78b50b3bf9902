import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreLead } from '../../src/engine';
import type { LeadRecord } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

const NOW = new Date('2026-11-23T10:00:00.000Z');

/** Any raw value a contact or deal property could hold: known answers, junk, blanks, nulls. */
const budget = fc.oneof(fc.constantFrom('', '0', '49999.99', '50000', '100000', '-1', 'abc'), fc.integer({ min: -1000, max: 500_000 }).map(String), fc.constant(null));
const authority = fc.constantFrom('c_level', 'director', 'manager', 'other', 'intern', '', null);
const need = fc.constantFrom('perfect', 'partial', 'low', 'none', '', null);
const timeline = fc.constantFrom('within_1_month', '1_3_months', '3_6_months', 'over_6_months', 'soon', '', null);
const closedate = fc.oneof(
  fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2029-01-01') }).map((ms) => new Date(ms).toISOString()),
  fc.constantFrom('', 'not a date', '1764583200000'),
);
const deal = fc.record({
  id: fc.integer({ min: 1, max: 50 }).map(String),
  properties: fc.record({ amount: budget, closedate, hs_is_closed: fc.constantFrom('true', 'false', ''), createdate: closedate }),
});
const lead: fc.Arbitrary<LeadRecord> = fc.record({
  contact: fc.record({ bant_budget: budget, bant_authority: authority, bant_need: need, bant_timeline: timeline }),
  deals: fc.array(deal, { maxLength: 4 }),
});

const score = (record: LeadRecord) => scoreLead(BANT_DEFAULT, record, NOW);

/** For each criterion, its rep answers from lowest to highest points. */
const LADDERS: Record<string, { property: string; values: string[] }> = {
  budget: { property: 'bant_budget', values: ['0', '50000', '100000'] },
  authority: { property: 'bant_authority', values: ['other', 'manager', 'director', 'c_level'] },
  need: { property: 'bant_need', values: ['low', 'partial', 'perfect'] },
  timeline: { property: 'bant_timeline', values: ['over_6_months', '3_6_months', '1_3_months'] },
};

describe('invariants over any lead', () => {
  it('keeps the score within 0..max and equal to the sum of the criteria', () => {
    fc.assert(fc.property(lead, (record) => {
      const result = score(record);
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(result.max);
      expect(result.score).toBeCloseTo(result.criteria.reduce((s, c) => s + c.points, 0), 9);
    }));
  });

  it('never gives a criterion more than its max', () => {
    fc.assert(fc.property(lead, (record) => {
      for (const c of score(record).criteria) expect(c.points).toBeLessThanOrEqual(c.max);
    }));
  });

  it('never gives points to an unknown or invalid criterion', () => {
    fc.assert(fc.property(lead, (record) => {
      for (const c of score(record).criteria) if (c.status === 'unknown' || c.status === 'invalid') expect(c.points).toBe(0);
    }));
  });

  it('qualifies only leads that reach 70 and meet every minimum', () => {
    fc.assert(fc.property(lead, (record) => {
      const result = score(record);
      expect(result.qualified).toBe(result.score >= 70 && result.criteria.every((c) => c.status === 'met'));
    }));
  });

  it('never lowers the score or un-qualifies a lead when one answer is raised', () => {
    const step = fc.record({ key: fc.constantFrom(...Object.keys(LADDERS)), from: fc.nat(), up: fc.nat() });
    fc.assert(fc.property(lead, step, (record, { key, from, up }) => {
      const ladder = LADDERS[key]!;
      const low = from % ladder.values.length;
      const high = low + (up % (ladder.values.length - low));
      const before = score({ ...record, contact: { ...record.contact, [ladder.property]: ladder.values[low] } });
      const after = score({ ...record, contact: { ...record.contact, [ladder.property]: ladder.values[high] } });
      expect(after.score).toBeGreaterThanOrEqual(before.score);
      if (before.qualified) expect(after.qualified).toBe(true);
    }));
  });

  it('gives the same result for the same lead and moment', () => {
    fc.assert(fc.property(lead, (record) => {
      expect(score(record)).toEqual(score(structuredClone(record)));
    }));
  });
});
