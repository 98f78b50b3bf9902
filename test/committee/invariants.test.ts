import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollupCommittee } from '../../src/committee';
import type { CommitteeInput, CommitteeMember } from '../../src/committee';
import type { Model, RawProperties } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const MODEL: Model = { ...BANT_DEFAULT, committee: { deals: true, companies: true, roleCriterion: 'authority' } };
/** A contact's authority answer that meets the deal's gate (Director or above). */
const SENIOR = ['c_level', 'director'];

/** Any raw answer a contact or deal could hold: known answers, junk, blanks, nulls. */
const budget = fc.oneof(fc.constantFrom('', '0', '49999.99', '50000', '100000', '-1', 'abc'), fc.integer({ min: 0, max: 300_000 }).map(String), fc.constant(null));
const authority = fc.constantFrom('c_level', 'director', 'manager', 'other', 'intern', '', null);
const juniorAuthority = fc.constantFrom('manager', 'other', 'intern', '', null);
const need = fc.constantFrom('perfect', 'partial', 'low', 'none', '', null);
const timeline = fc.constantFrom('within_1_month', '1_3_months', '3_6_months', 'over_6_months', 'soon', '', null);
const date = fc.oneof(fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2028-01-01') }).map((ms) => new Date(ms).toISOString().slice(0, 10)), fc.constantFrom('', 'not a date'));

const contact = (auth: fc.Arbitrary<string | null>) =>
  fc.record({ bant_budget: budget, bant_authority: auth, bant_need: need, bant_timeline: timeline }) as fc.Arbitrary<RawProperties>;
const dealProperties = fc.record({ amount: budget, closedate: date, hs_is_closed: fc.constantFrom('true', 'false', '') }) as fc.Arbitrary<RawProperties>;

const asMembers = (contacts: RawProperties[], from = 1): CommitteeMember[] => contacts.map((c, i) => ({ id: String(from + i), contact: c }));
const committee = (deal: RawProperties, members: CommitteeMember[]): CommitteeInput => ({ object: 'deal', id: '9', deals: [{ id: '9', properties: deal }], members });
const points = (input: CommitteeInput) => rollupCommittee(MODEL, input, NOW).criteria.map((c) => c.points);

describe('roll-up invariants over any committee', () => {
  it('never lowers a criterion, the score or the verdict when a contact joins', () => {
    fc.assert(fc.property(dealProperties, fc.array(contact(authority), { maxLength: 8 }), contact(authority), (deal, contacts, joiner) => {
      const before = rollupCommittee(MODEL, committee(deal, asMembers(contacts)), NOW);
      const after = rollupCommittee(MODEL, committee(deal, [...asMembers(contacts), { id: '999', contact: joiner }]), NOW);
      after.criteria.forEach((c, i) => expect(c.points).toBeGreaterThanOrEqual(before.criteria[i]!.points));
      expect(after.score).toBeGreaterThanOrEqual(before.score);
      if (before.qualified) expect(after.qualified).toBe(true);
      expect(after.committeeSize).toBe(before.committeeSize + 1);
    }));
  });

  it('lowers Authority below the gate when the only contact at Director level or above leaves', () => {
    fc.assert(fc.property(
      dealProperties, fc.array(contact(juniorAuthority), { maxLength: 8 }), contact(fc.constantFrom(...SENIOR)), fc.nat(8),
      (deal, others, senior, at) => {
        const members = asMembers(others);
        members.splice(Math.min(at, members.length), 0, { id: '999', contact: senior });
        const withSenior = rollupCommittee(MODEL, committee(deal, members), NOW).criteria[1]!;
        const without = rollupCommittee(MODEL, committee(deal, members.filter((m) => m.id !== '999')), NOW).criteria[1]!;
        expect(withSenior).toMatchObject({ status: 'met', from: { kind: 'contact', id: '999' } });
        expect(without.points).toBeLessThan(withSenior.points);
        expect(without.status).not.toBe('met');
      },
    ));
  });

  it('gives the same points whatever the order of the contacts', () => {
    fc.assert(fc.property(dealProperties, fc.array(contact(authority), { maxLength: 8 }), (deal, contacts) => {
      const members = asMembers(contacts);
      expect(points(committee(deal, [...members].reverse()))).toEqual(points(committee(deal, members)));
    }));
  });

  it('keeps every criterion within 0..max and names whose evidence earned points', () => {
    fc.assert(fc.property(dealProperties, fc.array(contact(authority), { maxLength: 8 }), (deal, contacts) => {
      const result = rollupCommittee(MODEL, committee(deal, asMembers(contacts)), NOW);
      for (const c of result.criteria) {
        expect(c.points).toBeGreaterThanOrEqual(0);
        expect(c.points).toBeLessThanOrEqual(c.max);
        if (c.points > 0) expect(c.from).not.toBeNull();
        if (c.status === 'unknown' || c.status === 'invalid') expect(c.points).toBe(0);
      }
    }));
  });

  it('lists every unreadable answer as a gap, whether or not another answer was used', () => {
    fc.assert(fc.property(fc.array(contact(authority), { maxLength: 8 }), (contacts) => {
      const result = rollupCommittee(MODEL, committee({}, asMembers(contacts)), NOW);
      const unreadable = contacts.filter((c) => c.bant_authority === 'intern').length;
      expect(result.gaps.filter((g) => g.kind === 'invalid' && g.criterion === 'authority')).toHaveLength(unreadable);
    }));
  });
});
