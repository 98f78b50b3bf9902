import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { committeeDerivedProperties, rollupCommittee } from '../../src/committee';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { recalculateFromEvents, recalculateFromWorkflow } from '../../src/recalc/recalculate';
import type { WebhookEvent } from '../../src/recalc/events';
import { bantPortal, callsOf } from '../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const MODEL: Model = { ...BANT_DEFAULT, committee: { deals: true, companies: true, roleCriterion: 'authority' } };
const { portal, crm, server } = bantPortal(MODEL);
const deps = { crm, model: MODEL, now: () => NOW };

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let eventId = 5000;
const dealChange = (dealId: string, propertyName: string): WebhookEvent => ({
  eventId: String(eventId++), subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: dealId, propertyName, propertyValue: '',
});
const contactChange = (contactId: string, propertyName: string): WebhookEvent => ({
  eventId: String(eventId++), subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: contactId, propertyName, propertyValue: '',
});
const linked = (from: ['0-1' | '0-2' | '0-3', string], to: ['0-1' | '0-2' | '0-3', string], removed = false): WebhookEvent => ({
  eventId: String(eventId++), subscriptionType: 'object.associationChange', fromObjectTypeId: from[0], fromObjectId: from[1], toObjectTypeId: to[0], toObjectId: to[1], associationRemoved: removed,
});

const deal = (properties: Record<string, string> = {}) => portal.createDeal({ dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', createdate: '2026-10-01', dealstage: 'qualifiedtobuy', ...properties }).id;
const contact = (properties: Record<string, string>) => portal.createContact(properties).id;
const stored = (type: 'deals' | 'companies', id: string) => portal.getRecord(type, id)!.properties;

/** What the deal's properties should be: the roll-up of its current state. */
function expectedDeal(dealId: string): Record<string, string> {
  const properties = stored('deals', dealId);
  const members = portal.associatedIds('deals', dealId, 'contacts').map((id) => ({ id, contact: stored('contacts' as 'deals', id) }));
  const result = rollupCommittee(MODEL, { object: 'deal', id: dealId, deals: [{ id: dealId, properties }], members }, NOW);
  const { bant_scored_at: _ignored, ...rest } = committeeDerivedProperties(MODEL, result, NOW);
  // HubSpot keeps an emptied property as no value at all.
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== ''));
}
const pick = (properties: Record<string, string>, names: string[]) => Object.fromEntries(names.map((n) => [n, properties[n]]));

describe("a deal's committee, recalculated by the same handler", () => {
  it('completes as a director joins: the association event rolls the deal up and writes it once', async () => {
    const id = deal();
    const champion = contact({ firstname: 'Cara', lastname: 'Lind', bant_authority: 'manager', bant_need: 'perfect' });
    portal.associate('deals', id, 'contacts', champion);
    const first = await recalculateFromEvents([linked(['0-3', id], ['0-1', champion])], deps);
    expect(first.ok).toBe(true);
    expect(first.committees.find((c) => c.object === 'deal' && c.id === id)).toMatchObject({ status: 'written', result: { qualified: false, failedCriteria: ['authority'] } });
    expect(stored('deals', id)).toMatchObject({ bant_qualified: 'false', bant_committee_size: '1', bant_failed_criteria: 'authority' });

    const director = contact({ firstname: 'Dana', lastname: 'Reyes', bant_authority: 'director' });
    portal.associate('deals', id, 'contacts', director);
    portal.requests.clear();
    const second = await recalculateFromEvents([linked(['0-1', director], ['0-3', id])], deps);
    const outcome = second.committees.find((c) => c.object === 'deal' && c.id === id)!;
    expect(outcome).toMatchObject({ status: 'written', changes: { bant_qualified: ['false', 'true'], bant_committee_size: ['1', '2'] } });
    expect(outcome.result?.criteria[1]).toMatchObject({ display: 'Director', from: { kind: 'contact', name: 'Dana Reyes' } });
    expect(stored('deals', id)).toMatchObject({ ...expectedDeal(id), bant_qualified: 'true', bant_score: '95' });
    expect(portal.requests.filter((r) => r.path === '/crm/v3/objects/deals/batch/update')).toHaveLength(1);
  });

  it('writes nothing the second time the same event arrives', async () => {
    const id = deal();
    portal.associate('deals', id, 'contacts', contact({ bant_authority: 'c_level' }));
    await recalculateFromEvents([dealChange(id, 'amount')], deps);
    portal.requests.clear();
    const again = await recalculateFromEvents([dealChange(id, 'amount')], deps);
    expect(again.committees.find((c) => c.id === id)?.status).toBe('unchanged');
    expect(portal.requests.filter((r) => r.path.endsWith('/batch/update'))).toEqual([]);
  });

  it("rolls up every deal of a contact whose answers changed, when the contact sits on several deals", async () => {
    const [a, b] = [deal({ dealname: 'A' }), deal({ dealname: 'B', amount: '60000' })];
    const shared = contact({ firstname: 'Sam', bant_authority: 'other' });
    portal.associate('deals', a, 'contacts', shared);
    portal.associate('deals', b, 'contacts', shared);
    await recalculateFromEvents([dealChange(a, 'amount'), dealChange(b, 'amount')], deps);
    portal.updateRecord('contacts', shared, { bant_authority: 'c_level' });
    const report = await recalculateFromEvents([contactChange(shared, 'bant_authority')], deps);
    expect(report.committees.filter((c) => c.object === 'deal').map((c) => [c.id, c.status, c.changes.bant_authority_points])).toEqual([[a, 'written', ['0', '25']], [b, 'written', ['0', '25']]]);
    expect(pick(stored('deals', b), ['bant_authority_points', 'bant_budget_points'])).toEqual({ bant_authority_points: '25', bant_budget_points: '15' });
  });

  it('rolls the deal up from the workflow action too', async () => {
    const id = deal();
    portal.associate('deals', id, 'contacts', contact({ bant_need: 'partial' }));
    const report = await recalculateFromWorkflow({ object: { objectId: id, objectType: 'DEAL' } }, deps);
    expect(report.committees).toEqual([expect.objectContaining({ object: 'deal', id, status: 'written' })]);
  });

  it('makes no call at all for events about the properties it writes on deals', async () => {
    const id = deal();
    portal.requests.clear();
    const report = await recalculateFromEvents([dealChange(id, 'bant_score'), dealChange(id, 'bant_committee_size')], deps);
    expect(report).toMatchObject({ ok: true, contacts: [], committees: [] });
    expect(callsOf(portal)).toEqual([]);
  });
});

describe('committees of 30, and contacts leaving', () => {
  it('rolls up a deal of 30 contacts from one batch read of them, and drops Authority when its only senior contact leaves', async () => {
    const id = deal();
    const members = Array.from({ length: 30 }, (_, i) => contact({ email: `m${i}@acme.example`, bant_authority: i === 7 ? 'c_level' : 'other', bant_need: i % 2 === 0 ? 'partial' : 'perfect' }));
    for (const member of members) portal.associate('deals', id, 'contacts', member);
    portal.requests.clear();
    const report = await recalculateFromEvents([dealChange(id, 'amount')], deps);
    expect(report.ok).toBe(true);
    expect(stored('deals', id)).toMatchObject({ ...expectedDeal(id), bant_committee_size: '30', bant_authority_points: '25', bant_qualified: 'true' });
    expect(portal.requests.filter((r) => r.path === '/crm/v3/objects/contacts/batch/read').map((r) => (r.body as { inputs: unknown[] }).inputs.length)).toEqual([30, 30]);

    portal.dissociate('deals', id, 'contacts', members[7]!);
    const left = await recalculateFromEvents([linked(['0-3', id], ['0-1', members[7]!], true)], deps);
    expect(left.committees.find((c) => c.id === id)).toMatchObject({ status: 'written', changes: { bant_qualified: ['true', 'false'], bant_committee_size: ['30', '29'] } });
    expect(stored('deals', id)).toMatchObject({ ...expectedDeal(id), bant_failed_criteria: 'authority' });
  });
});

describe('calls grow with the records touched ÷ 100', () => {
  it('reads and writes 250 deals of one contact in 3 batch calls per step (1 for associations, 1,000 per call)', async () => {
    const shared = contact({ email: 'everywhere@acme.example', bant_authority: 'manager' });
    const deals = Array.from({ length: 250 }, (_, i) => deal({ dealname: `Wide ${i}` }));
    for (const id of deals) portal.associate('deals', id, 'contacts', shared);
    portal.updateRecord('contacts', shared, { bant_authority: 'director' });
    portal.requests.clear();
    const report = await recalculateFromEvents([contactChange(shared, 'bant_authority')], deps);
    expect(report.ok).toBe(true);
    expect(report.committees.filter((c) => c.object === 'deal' && c.status === 'written')).toHaveLength(250);
    const count = (path: string) => portal.requests.filter((r) => r.path === path).length;
    // 250 deals: ⌈250 / 100⌉ = 3 calls per batch read or update of deals (3 to score the contact with
    // its deals, 3 to roll them up), ⌈250 / 1,000⌉ = 1 association read of their contacts; the
    // contact's deals are asked once to score it and once to find its committees.
    expect({
      dealReads: count('/crm/v3/objects/deals/batch/read'),
      dealContacts: count('/crm/v4/associations/deals/contacts/batch/read'),
      dealUpdates: count('/crm/v3/objects/deals/batch/update'),
      contactDeals: count('/crm/v4/associations/contacts/deals/batch/read'),
    }).toEqual({ dealReads: 3 + 3, dealContacts: 1, dealUpdates: 3, contactDeals: 2 });
  });
});

describe("a company's committee", () => {
  it('is rolled up across its contacts and open deals when one joins', async () => {
    const company = portal.createCompany({ name: 'Globex' }).id;
    const open = deal({ dealname: 'Globex expansion', amount: '150000' });
    const closed = deal({ dealname: 'Globex old', amount: '900000', dealstage: 'closedwon' });
    portal.associate('deals', open, 'companies', company);
    portal.associate('deals', closed, 'companies', company);
    const buyer = contact({ firstname: 'Gia', bant_authority: 'c_level', bant_need: 'partial' });
    portal.associate('contacts', buyer, 'companies', company);
    const report = await recalculateFromEvents([linked(['0-2', company], ['0-1', buyer])], deps);
    const outcome = report.committees.find((c) => c.object === 'company')!;
    expect(outcome).toMatchObject({ id: company, status: 'written', result: { committeeSize: 1 } });
    expect(outcome.result?.criteria[0]).toMatchObject({ value: '150000', from: { kind: 'deal', id: open, name: 'Globex expansion' } });
    expect(stored('companies', company)).toMatchObject({ bant_score: '90', bant_qualified: 'true', bant_committee_size: '1' });
  });
});

describe('calls per batch', () => {
  it('stays a constant handful of batch calls for 100 deal changes, as for 2', async () => {
    const deals = Array.from({ length: 100 }, (_, i) => {
      const id = deal({ dealname: `Bulk ${i}`, amount: '1000' });
      portal.associate('deals', id, 'contacts', contact({ email: `bulk${i}@acme.example`, bant_authority: 'director' }));
      return id;
    });
    await recalculateFromEvents(deals.slice(0, 2).map((id) => dealChange(id, 'amount')), deps);
    for (const [i, id] of deals.entries()) portal.updateRecord('deals', id, { amount: String(50_000 + i) });
    portal.requests.clear();
    const small = await recalculateFromEvents(deals.slice(0, 2).map((id) => dealChange(id, 'amount')), deps);
    const smallCalls = callsOf(portal).sort();
    portal.requests.clear();
    const large = await recalculateFromEvents(deals.map((id) => dealChange(id, 'amount')), deps);
    expect(small.ok && large.ok).toBe(true);
    expect(large.committees.filter((c) => c.object === 'deal' && c.status === 'written')).toHaveLength(98);
    const expected = [
      // the contacts, as without committees
      'POST /crm/v4/associations/deals/contacts/batch/read', 'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v4/associations/contacts/deals/batch/read', 'POST /crm/v3/objects/deals/batch/read', 'POST /crm/v3/objects/contacts/batch/update',
      // the deals' companies, the deals, their contacts, then the contacts' answers; the deal writes
      'POST /crm/v4/associations/deals/companies/batch/read', 'POST /crm/v3/objects/deals/batch/read',
      'POST /crm/v4/associations/deals/contacts/batch/read', 'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v3/objects/deals/batch/update',
    ].sort();
    expect(smallCalls).toEqual(expected);
    expect(callsOf(portal).sort()).toEqual(expected);
  });
});
