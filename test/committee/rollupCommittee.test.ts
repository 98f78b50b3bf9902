import { describe, expect, it } from 'vitest';
import { committeeDerivedProperties, committeePropertyNames, describeGap, rollupCommittee } from '../../src/committee';
import type { CommitteeInput, CommitteeMember } from '../../src/committee';
import { scoreLead } from '../../src/engine';
import type { DealRecord, Model, RawProperties } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const MODEL: Model = { ...BANT_DEFAULT, committee: { deals: true, companies: true, roleCriterion: 'authority' } };

let nextId = 100;
const member = (contact: RawProperties, id = String(nextId++)): CommitteeMember => ({ id, contact });
const deal = (properties: RawProperties, id = '9'): DealRecord => ({ id, properties: { dealname: 'Acme renewal', createdate: '2026-10-01', hs_is_closed: 'false', ...properties } });
const dealCommittee = (dealProperties: RawProperties, members: CommitteeMember[]): CommitteeInput => ({ object: 'deal', id: '9', deals: [deal(dealProperties)], members });
const criterion = (result: ReturnType<typeof rollupCommittee>, key: string) => result.criteria.find((c) => c.key === key)!;

describe('a deal committee under the default model', () => {
  const maria = member({ firstname: 'Maria', lastname: 'Chen', jobtitle: 'CFO', bant_authority: 'c_level', bant_budget: '40000' });
  const bob = member({ firstname: 'Bob', lastname: 'Stone', bant_authority: 'manager', bant_need: 'partial', bant_timeline: '3_6_months' });
  const eve = member({ email: 'eve@acme.example', bant_need: 'perfect', bant_budget: '200000' });
  const result = rollupCommittee(MODEL, dealCommittee({ amount: '120000', closedate: '2027-01-15' }, [bob, maria, eve]), NOW);

  it('takes Budget from the deal amount, even when a contact answered more', () => {
    expect(criterion(result, 'budget')).toMatchObject({ points: 30, status: 'met', value: '120000', from: { kind: 'deal', id: '9', name: 'Acme renewal' } });
  });

  it('takes Authority from the most senior contact and names them', () => {
    expect(criterion(result, 'authority')).toMatchObject({ points: 25, display: 'C-level executive', from: { kind: 'contact', id: maria.id, name: 'Maria Chen' } });
    expect(criterion(result, 'authority').reason).toBe('C-level executive: 25 points (from Maria Chen)');
  });

  it('takes Need from the strongest answer, whoever gave it', () => {
    expect(criterion(result, 'need')).toMatchObject({ points: 25, display: 'Perfect match', from: { kind: 'contact', name: 'eve@acme.example' } });
  });

  it('takes Timeline from the close date before any answer', () => {
    expect(criterion(result, 'timeline')).toMatchObject({ points: 20, value: '2027-01-15', from: { kind: 'deal', id: '9' } });
  });

  it('qualifies the deal and writes down the committee: 100 points, grade A, 3 contacts, no gaps', () => {
    expect(result).toMatchObject({ object: 'deal', id: '9', score: 100, qualified: true, grade: 'A', nextAction: 'sales_now', committeeSize: 3, gaps: [], failedCriteria: [] });
  });

  it('lists the contacts most senior first, with their role, own score and what each is missing', () => {
    expect(result.members.map((m) => [m.name, m.title, m.role?.display ?? null, m.result.score, m.missing])).toEqual([
      ['Maria Chen', 'CFO', 'C-level executive', 45, ['budget', 'need']],
      ['Bob Stone', null, 'Manager', 70, []],
      ['eve@acme.example', null, null, 75, ['authority']],
    ]);
  });
});

describe('choosing among the contacts when the deal says nothing', () => {
  it('takes the highest budget answer when the deal has no amount', () => {
    const low = member({ firstname: 'Low', bant_budget: '60000' });
    const high = member({ firstname: 'High', bant_budget: '150000' });
    const result = rollupCommittee(MODEL, dealCommittee({}, [low, high]), NOW);
    expect(criterion(result, 'budget')).toMatchObject({ points: 30, value: '150000', from: { kind: 'contact', id: high.id, name: 'High' } });
  });

  it('takes the soonest timeline answer among equally good ones', () => {
    const later = member({ firstname: 'Later', bant_timeline: '1_3_months' });
    const sooner = member({ firstname: 'Sooner', bant_timeline: 'within_1_month' });
    const result = rollupCommittee(MODEL, dealCommittee({}, [later, sooner]), NOW);
    expect(criterion(result, 'timeline')).toMatchObject({ points: 20, value: 'within_1_month', from: { name: 'Sooner' } });
  });

  it('prefers the contacts over the deal when the model says so', () => {
    const model: Model = { ...MODEL, criteria: MODEL.criteria.map((c) => (c.key === 'budget' ? { ...c, rollup: { prefer: 'contacts', pick: 'highest' } } : c)) };
    const answered = member({ firstname: 'Ann', bant_budget: '60000' });
    const result = rollupCommittee(model, dealCommittee({ amount: '500000' }, [answered]), NOW);
    expect(criterion(result, 'budget')).toMatchObject({ points: 15, value: '60000', from: { name: 'Ann' } });
  });
});

describe('invalid answers', () => {
  it("skips a contact's unreadable answer, uses another's valid one, and lists the bad one as a gap", () => {
    const bad = member({ firstname: 'Mia', bant_authority: 'intern' });
    const good = member({ firstname: 'Dan', bant_authority: 'director' });
    const result = rollupCommittee(MODEL, dealCommittee({}, [bad, good]), NOW);
    expect(criterion(result, 'authority')).toMatchObject({ points: 20, status: 'met', from: { name: 'Dan' } });
    expect(result.gaps).toContainEqual(expect.objectContaining({ kind: 'invalid', criterion: 'authority', value: 'intern', from: { kind: 'contact', id: bad.id, name: 'Mia' } }));
    expect(describeGap(MODEL, result.gaps.find((g) => g.kind === 'invalid')!)).toMatch(/^Fix Mia's Authority answer "intern": "intern" is not an option the model scores/);
  });

  it('skips an unreadable deal amount and falls back to the answers, listing the amount', () => {
    const answered = member({ firstname: 'Ann', bant_budget: '60000' });
    const result = rollupCommittee(MODEL, dealCommittee({ amount: '-5' }, [answered]), NOW);
    expect(criterion(result, 'budget')).toMatchObject({ points: 15, from: { name: 'Ann' } });
    expect(result.gaps).toContainEqual(expect.objectContaining({ kind: 'invalid', criterion: 'budget', value: '-5', from: { kind: 'deal', id: '9', name: 'Acme renewal' } }));
  });

  it('marks a criterion invalid, not unknown, when every answer is unreadable', () => {
    const result = rollupCommittee(MODEL, dealCommittee({}, [member({ bant_need: 'huge' }), member({ bant_need: 'tiny' })]), NOW);
    expect(criterion(result, 'need')).toMatchObject({ points: 0, status: 'invalid', from: null });
    expect(result.gaps.filter((g) => g.criterion === 'need').map((g) => g.kind)).toEqual(['invalid', 'invalid']);
  });
});

describe('committees of 1, 2 and 30', () => {
  it('scores a committee of one, without deal data, criterion by criterion as the contact alone', () => {
    const only = member({ bant_budget: '75000', bant_authority: 'director', bant_need: 'partial', bant_timeline: '3_6_months' });
    const result = rollupCommittee(MODEL, dealCommittee({}, [only]), NOW);
    const alone = scoreLead(MODEL, { contact: only.contact }, NOW);
    expect(result.criteria.map((c) => c.points)).toEqual(alone.criteria.map((c) => c.points));
    expect(result.committeeSize).toBe(1);
  });

  it('completes a committee of two where each brings what the other lacks', () => {
    const champion = member({ firstname: 'Cara', bant_need: 'perfect', bant_timeline: '1_3_months', bant_authority: 'manager' });
    const buyer = member({ firstname: 'Ben', bant_authority: 'director', bant_budget: '100000' });
    const alone = rollupCommittee(MODEL, dealCommittee({}, [champion]), NOW);
    const both = rollupCommittee(MODEL, dealCommittee({}, [champion, buyer]), NOW);
    expect(alone).toMatchObject({ qualified: false, failedCriteria: ['budget', 'authority'] });
    expect(both).toMatchObject({ qualified: true, score: 95, committeeSize: 2 });
  });

  it('rolls up a committee of 30 with the most senior of them and lists all 30', () => {
    const members = Array.from({ length: 30 }, (_, i) => member({ firstname: `P${i}`, bant_authority: i === 17 ? 'c_level' : 'other', bant_need: i % 3 === 0 ? 'partial' : 'low' }));
    const result = rollupCommittee(MODEL, dealCommittee({ amount: '90000' }, members), NOW);
    expect(result.committeeSize).toBe(30);
    expect(result.members).toHaveLength(30);
    expect(result.members[0]?.name).toBe('P17');
    expect(criterion(result, 'authority')).toMatchObject({ points: 25, from: { name: 'P17' } });
    expect(criterion(result, 'need')).toMatchObject({ points: 15, from: { name: 'P0' } });
    expect(criterion(result, 'budget')).toMatchObject({ points: 15, status: 'met', from: { kind: 'deal' } });
  });
});

describe('missing data and gaps as actions', () => {
  it('leaves every criterion unknown for a deal without contacts or data, with an action for each', () => {
    const result = rollupCommittee(MODEL, dealCommittee({}, []), NOW);
    expect(result).toMatchObject({ score: 0, qualified: false, grade: 'D', completeness: 0, committeeSize: 0, members: [] });
    expect(result.criteria.map((c) => c.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(result.gaps.map((gap) => describeGap(MODEL, gap))).toEqual([
      'Ask about Budget: no one has answered yet (50,000 qualifies)',
      'No one at Director level or above yet',
      'Ask about Need: no one has answered yet (Partial match qualifies)',
      'Ask about Timeline: no one has answered yet (3–6 months qualifies)',
    ]);
  });

  it("holds a deal's Authority to Director or above, though a manager meets a contact's minimum", () => {
    const manager = member({ firstname: 'Mo', bant_authority: 'manager' });
    const result = rollupCommittee(MODEL, dealCommittee({}, [manager]), NOW);
    expect(criterion(result, 'authority')).toMatchObject({ points: 15, status: 'below', minimum: 20, from: { name: 'Mo' } });
    expect(criterion(result, 'authority').reason).toBe("Manager: 15 points, below the committee's minimum of 20 (from Mo)");
    expect(result.gaps.map((g) => describeGap(MODEL, g))).toContain('No one at Director level or above yet');
  });

  it('words a low budget with the best so far and where it came from', () => {
    const result = rollupCommittee(MODEL, dealCommittee({ amount: '40000' }, []), NOW);
    expect(result.gaps.map((g) => describeGap(MODEL, g))[0]).toBe('Budget is below what qualifies (50,000): the best so far is 40,000, from deal "Acme renewal"');
  });
});

describe('a company committee', () => {
  it('reads its open deals only, and takes the soonest close date among them', () => {
    const input: CommitteeInput = {
      object: 'company', id: '3', company: { id: '3', properties: { name: 'Acme' } }, members: [member({ bant_authority: 'director' })],
      deals: [
        deal({ dealname: 'Won long ago', amount: '900000', hs_is_closed: 'true', closedate: '2026-01-01' }, '1'),
        deal({ dealname: 'Small', amount: '60000', closedate: '2027-05-01' }, '2'),
        deal({ dealname: 'Soon', amount: '20000', closedate: '2026-12-15' }, '4'),
        deal({ dealname: 'Also soon', closedate: '2027-01-10' }, '5'),
      ],
    };
    const result = rollupCommittee(MODEL, input, NOW);
    expect(result).toMatchObject({ object: 'company', id: '3', deal: null, committeeSize: 1 });
    expect(criterion(result, 'budget')).toMatchObject({ points: 15, value: '60000', from: { kind: 'deal', id: '2', name: 'Small' } });
    expect(criterion(result, 'timeline')).toMatchObject({ points: 20, value: '2026-12-15', from: { kind: 'deal', id: '4', name: 'Soon' } });
  });

  it('reads company sources, naming the company', () => {
    const model: Model = {
      ...MODEL,
      criteria: MODEL.criteria.map((c) => (c.key === 'budget' ? { ...c, sources: [...c.sources, { object: 'company', property: 'annualrevenue' }] } : c)),
    };
    const result = rollupCommittee(model, { object: 'company', id: '3', company: { id: '3', properties: { name: 'Acme', annualrevenue: '250000' } }, deals: [], members: [] }, NOW);
    expect(criterion(result, 'budget')).toMatchObject({ points: 30, from: { kind: 'company', id: '3', name: 'Acme' } });
  });
});

describe('the properties written on a deal or company', () => {
  it("are the contact's derived properties with the same names, plus the committee's size", () => {
    const result = rollupCommittee(MODEL, dealCommittee({ amount: '120000' }, [member({ bant_authority: 'director' }), member({})]), NOW);
    const properties = committeeDerivedProperties(MODEL, result, NOW);
    expect(Object.keys(properties)).toEqual(committeePropertyNames(MODEL));
    expect(properties).toMatchObject({ bant_score: '50', bant_budget_points: '30', bant_authority_points: '20', bant_qualified: 'false', bant_failed_criteria: 'need;timeline', bant_committee_size: '2' });
  });
});
