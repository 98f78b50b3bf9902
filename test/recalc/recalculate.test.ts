import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scoreLead, toDerivedProperties } from '../../src/engine';
import { refreshContacts } from '../../src/recalc/refreshContacts';
import { recalculateFromEvents, recalculateFromWorkflow } from '../../src/recalc/recalculate';
import type { WebhookEvent } from '../../src/recalc/events';
import { BANT_DEFAULT } from '../../src/models';
import { bantPortal, callsOf } from '../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const { portal, crm, server } = bantPortal(BANT_DEFAULT);
const deps = { crm, model: BANT_DEFAULT, now: () => NOW };

let eventId = 1000;
const dealChange = (dealId: string, propertyName: string, propertyValue = ''): WebhookEvent => ({
  eventId: String(eventId++), subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: dealId, propertyName, propertyValue,
});
const contactChange = (contactId: string, propertyName: string): WebhookEvent => ({
  eventId: String(eventId++), subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: contactId, propertyName, propertyValue: '',
});

/** What the stored derived values should be: `bant score` on the contact's current state. */
function expectedFor(contactId: string): Record<string, string> {
  const contact = portal.getRecord('contacts', contactId)!.properties;
  const deals = portal.associatedIds('contacts', contactId, 'deals').map((id) => ({ id, properties: portal.getRecord('deals', id)!.properties }));
  const { bant_scored_at: _ignored, ...rest } = toDerivedProperties(BANT_DEFAULT, scoreLead(BANT_DEFAULT, { contact, deals }, NOW), NOW);
  return rest;
}
function stored(contactId: string, names: string[]): Record<string, string | undefined> {
  const properties = portal.getRecord('contacts', contactId)!.properties;
  return Object.fromEntries(names.map((n) => [n, properties[n]]));
}
const batchUpdates = () => portal.requests.filter((r) => r.path.endsWith('/batch/update'));

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('a deal amount change', () => {
  let fallsBack: string;
  let answered: string;
  let elsewhere: string;
  let deal: string;
  beforeEach(async () => {
    deal = portal.createDeal({ dealname: 'Acme renewal', amount: '40000', createdate: '2026-10-01', dealstage: 'qualifiedtobuy' }).id;
    const other = portal.createDeal({ dealname: 'Other', amount: '40000', createdate: '2026-10-01', dealstage: 'qualifiedtobuy' }).id;
    fallsBack = portal.createContact({ email: 'a@acme.example', bant_authority: 'director' }).id;
    answered = portal.createContact({ email: 'b@acme.example', bant_budget: '150000' }).id;
    elsewhere = portal.createContact({ email: 'c@other.example' }).id;
    portal.associate('deals', deal, 'contacts', fallsBack);
    portal.associate('deals', deal, 'contacts', answered);
    portal.associate('deals', other, 'contacts', elsewhere);
    await refreshContacts(crm, BANT_DEFAULT, [fallsBack, answered, elsewhere], NOW);
    portal.requests.clear();
  });

  it('rescores only the contacts whose budget falls back to that deal', async () => {
    portal.updateRecord('deals', deal, { amount: '120000' });
    const report = await recalculateFromEvents([dealChange(deal, 'amount', '120000')], deps);
    expect(report).toMatchObject({ ok: true });
    expect(report.contacts.map((c) => [c.id, c.status])).toEqual([[fallsBack, 'written'], [answered, 'unchanged']]);
    const updates = batchUpdates();
    expect(updates).toHaveLength(1);
    expect((updates[0]!.body as { inputs: Array<{ id: string }> }).inputs.map((i) => i.id)).toEqual([fallsBack]);
    expect(stored(fallsBack, ['bant_budget_points', 'bant_score'])).toEqual({ bant_budget_points: '30', bant_score: '50' });
    expect(stored(elsewhere, ['bant_budget_points'])).toEqual({ bant_budget_points: '0' });
    expect(report.contacts[0]!.changes).toMatchObject({ bant_budget_points: ['0', '30'], bant_score: ['20', '50'] });
  });

  it('writes nothing when the same delivery arrives twice', async () => {
    portal.updateRecord('deals', deal, { amount: '120000' });
    const event = dealChange(deal, 'amount', '120000');
    await recalculateFromEvents([event], deps);
    portal.requests.clear();
    const again = await recalculateFromEvents([event, event], deps);
    expect(again).toMatchObject({ ok: true, duplicates: 1 });
    expect(again.contacts.every((c) => c.status === 'unchanged')).toBe(true);
    expect(batchUpdates()).toHaveLength(0);
  });

  it('ends in the same state whatever order the events arrive in', async () => {
    portal.updateRecord('deals', deal, { amount: '75000', closedate: '2027-01-05' });
    const events = [dealChange(deal, 'closedate', '2027-01-05'), dealChange(deal, 'amount', '75000')];
    await recalculateFromEvents(events.reverse(), deps);
    // An empty multi-checkbox (no stale criteria) equals a property never written, so it is not written.
    const expected = Object.fromEntries(Object.entries(expectedFor(fallsBack)).map(([name, value]) => [name, value === '' ? undefined : value]));
    expect(stored(fallsBack, Object.keys(expected))).toEqual(expected);
    expect(stored(fallsBack, ['bant_budget_points', 'bant_timeline_points'])).toEqual({ bant_budget_points: '15', bant_timeline_points: '20' });
  });
});

describe('closing a deal', () => {
  it("moves the contact's deal sources to its next open deal", async () => {
    const older = portal.createDeal({ dealname: 'Older', amount: '60000', createdate: '2026-05-01', dealstage: 'qualifiedtobuy' }).id;
    const newer = portal.createDeal({ dealname: 'Newer', amount: '200000', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
    const contact = portal.createContact({ email: 'd@acme.example' }).id;
    portal.associate('contacts', contact, 'deals', older);
    portal.associate('contacts', contact, 'deals', newer);
    await refreshContacts(crm, BANT_DEFAULT, [contact], NOW);
    expect(stored(contact, ['bant_budget_points'])).toEqual({ bant_budget_points: '30' });

    portal.updateRecord('deals', newer, { dealstage: 'closedwon' });
    const report = await recalculateFromEvents([dealChange(newer, 'dealstage', 'closedwon')], deps);
    expect(report.contacts[0]).toMatchObject({ id: contact, status: 'written', result: { deal: { id: older, properties: expect.objectContaining({ dealname: 'Older' }) } } });
    expect(stored(contact, ['bant_budget_points'])).toEqual({ bant_budget_points: '15' });
  });
});

describe('events that must not cause work', () => {
  it('makes no CRM call for an event about a derived bant_ property', async () => {
    portal.requests.clear();
    const report = await recalculateFromEvents([contactChange('1', 'bant_score'), contactChange('1', 'bant_scored_at')], deps);
    expect(report).toMatchObject({ ok: true, contacts: [], ignored: [{ reason: 'bant_score is written by this app' }, { reason: 'bant_scored_at is written by this app' }] });
    expect(callsOf(portal)).toEqual([]);
  });

  it('makes no CRM call for properties no criterion reads', async () => {
    portal.requests.clear();
    const report = await recalculateFromEvents([contactChange('1', 'firstname'), dealChange('2', 'description')], deps);
    expect(report.ignored.map((i) => i.reason)).toEqual(['contact.firstname is not read by the model', 'deal.description is not read by the model']);
    expect(callsOf(portal)).toEqual([]);
  });
});

describe('a rep editing an answer outside the card', () => {
  it('rescores that contact', async () => {
    const contact = portal.createContact({ email: 'e@acme.example', bant_need: 'low' }).id;
    await refreshContacts(crm, BANT_DEFAULT, [contact], NOW);
    portal.updateRecord('contacts', contact, { bant_need: 'perfect' });
    const report = await recalculateFromEvents([contactChange(contact, 'bant_need')], deps);
    expect(report.contacts).toMatchObject([{ id: contact, status: 'written', changes: { bant_need_points: ['5', '25'] } }]);
  });
});

describe('association changes', () => {
  it('rescores a contact removed from its deal', async () => {
    const deal = portal.createDeal({ dealname: 'Big', amount: '300000', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
    const contact = portal.createContact({ email: 'f@acme.example' }).id;
    portal.associate('deals', deal, 'contacts', contact);
    await refreshContacts(crm, BANT_DEFAULT, [contact], NOW);
    portal.dissociate('deals', deal, 'contacts', contact);
    const report = await recalculateFromEvents([{
      eventId: String(eventId++), subscriptionType: 'object.associationChange', fromObjectId: deal, toObjectId: contact,
      fromObjectTypeId: '0-3', toObjectTypeId: '0-1', associationType: 'DEAL_TO_CONTACT', associationRemoved: true,
    }], deps);
    expect(report.contacts).toMatchObject([{ id: contact, status: 'written', changes: { bant_budget_points: ['30', '0'] } }]);
  });
});

describe('a batch of 100 events', () => {
  it('makes the same small number of API calls as a batch of 2', async () => {
    const deals = Array.from({ length: 100 }, (_, i) => {
      const deal = portal.createDeal({ dealname: `D${i}`, amount: '1000', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
      const contact = portal.createContact({ email: `bulk${i}@acme.example` }).id;
      portal.associate('deals', deal, 'contacts', contact);
      portal.updateRecord('deals', deal, { amount: String(50_000 + i * 1000) });
      return deal;
    });
    portal.requests.clear();
    const small = await recalculateFromEvents(deals.slice(0, 2).map((d) => dealChange(d, 'amount')), deps);
    const smallCalls = callsOf(portal);
    portal.requests.clear();
    const large = await recalculateFromEvents(deals.map((d) => dealChange(d, 'amount')), deps);
    expect(small.ok && large.ok).toBe(true);
    expect(large.contacts).toHaveLength(100);
    const expected = [
      'POST /crm/v4/associations/deals/contacts/batch/read',
      'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v4/associations/contacts/deals/batch/read',
      'POST /crm/v3/objects/deals/batch/read',
      'POST /crm/v3/objects/contacts/batch/update',
    ];
    expect(smallCalls.sort()).toEqual([...expected].sort());
    expect(callsOf(portal).sort()).toEqual([...expected].sort());
  });
});

describe('a failed write', () => {
  it('reports a retryable failure, and the same event delivered again succeeds', async () => {
    const deal = portal.createDeal({ dealname: 'Retry', amount: '90000', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
    const contact = portal.createContact({ email: 'g@acme.example' }).id;
    portal.associate('deals', deal, 'contacts', contact);
    const event = dealChange(deal, 'amount', '90000');
    portal.requests.clear();
    // The CRM client tries twice in these tests: both tries fail.
    portal.failNext({ path: /\/batch\/update$/, count: 2, status: 500 });
    const failed = await recalculateFromEvents([event], deps);
    expect(failed).toMatchObject({ ok: false, retryable: true });
    expect(stored(contact, ['bant_score'])).toEqual({ bant_score: undefined });
    expect(batchUpdates()).toHaveLength(2);
    portal.requests.clear();
    const retried = await recalculateFromEvents([event], deps);
    expect(retried).toMatchObject({ ok: true, contacts: [{ id: contact, status: 'written' }] });
    expect(stored(contact, ['bant_budget_points'])).toEqual({ bant_budget_points: '15' });
  });
});

describe('a workflow action', () => {
  it("recalculates the enrolled deal's contacts", async () => {
    const deal = portal.createDeal({ dealname: 'WF', amount: '110000', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
    const contact = portal.createContact({ email: 'h@acme.example' }).id;
    portal.associate('deals', deal, 'contacts', contact);
    const report = await recalculateFromWorkflow({ object: { objectId: deal, objectType: 'DEAL' } }, deps);
    expect(report.contacts).toMatchObject([{ id: contact, status: 'written' }]);
    expect(stored(contact, ['bant_budget_points'])).toEqual({ bant_budget_points: '30' });
  });
});
