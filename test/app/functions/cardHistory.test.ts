/**
 * The history on the card's load call: who changed what and why the score moved, riding on the
 * reads the card makes anyway, named with one owners read; the card function against the local
 * portal with the real CRM client.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleCardRequest } from '../../../src/app/functions/handleCardRequest';
import { createUserNamesCache } from '../../../src/app/functions/cardHistory';
import type { CardData, CardResponse } from '../../../src/app/cards/lib/cardApi';
import { BANT_DEFAULT } from '../../../src/models';
import { refreshContacts } from '../../../src/recalc/refreshContacts';
import { bantPortal } from '../../support/bantPortal';

let now = Date.UTC(2026, 10, 3, 9);
const { portal, crm, server } = bantPortal(BANT_DEFAULT, { now: () => now });
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const dana = portal.defineUser({ firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });

const call = async (parameters: Record<string, unknown>, names = createUserNamesCache()): Promise<CardData> => {
  const response: CardResponse = await handleCardRequest({ portalId: 123, ...parameters }, { crm: () => crm, model: { ok: true, model: BANT_DEFAULT }, now: new Date(now), names });
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data;
};

describe('a disputed lead, as the card tells it', () => {
  let contactId: string;
  let dealId: string;
  beforeEach(async () => {
    now = Date.UTC(2026, 10, 3, 9);
    // Dana imports the lead, with its deal.
    contactId = portal.createContact({ email: 'buyer@acme.example', bant_authority: 'manager', bant_timeline: '3_6_months' }, { sourceType: 'IMPORT', sourceId: '5501', updatedByUserId: Number(dana.id) }).id;
    dealId = portal.createDeal({ dealname: 'Acme renewal', amount: '40000', closedate: '2027-01-15', dealstage: 'appointmentscheduled' }, portal.asUser(Number(dana.id))).id;
    portal.associate('contacts', contactId, 'deals', dealId);
    // An hour later she saves Need on the card.
    now += 3_600_000;
    await call({ action: 'save', contactId, answers: { bant_need: 'perfect' }, userId: dana.id });
    // The next day the deal's amount changes on its record and the app recalculates.
    now = Date.UTC(2026, 10, 4, 11, 59);
    portal.updateRecord('deals', dealId, { amount: '150000' }, portal.asUser(Number(dana.id)));
    now += 60_000;
    await refreshContacts(crm, BANT_DEFAULT, [contactId], new Date(now));
    now = Date.UTC(2026, 10, 6, 15);
    portal.requests.clear();
  });

  it('rides on the load call: the score over time and every change, with where it came from and who made it', async () => {
    const { history } = await call({ action: 'load', contactId });
    expect(history?.scores).toEqual([{ at: '2026-11-03T10:00:00.000Z', score: 50 }, { at: '2026-11-04T12:00:00.000Z', score: 80 }]);
    expect(history?.changes).toEqual([
      {
        kind: 'score', at: '2026-11-04T12:00:00.000Z', from: 50, to: 80, source: { via: 'recalculation' }, qualified: { from: false, to: true },
        causes: [{ kind: 'deal', dealId, dealName: 'Acme renewal', property: 'amount', from: '40000', to: '150000' }],
      },
      { kind: 'score', at: '2026-11-03T10:00:00.000Z', from: null, to: 50, source: { via: 'card', userId: dana.id }, causes: [{ kind: 'answer', criterion: 'need' }], qualified: { from: null, to: false } },
      { kind: 'model', at: '2026-11-03T10:00:00.000Z', from: null, to: 'bant-default@1' },
      { kind: 'answer', at: '2026-11-03T10:00:00.000Z', criterion: 'need', property: 'bant_need', from: null, to: 'perfect', source: { via: 'card', userId: dana.id } },
      { kind: 'answer', at: '2026-11-03T09:00:00.000Z', criterion: 'authority', property: 'bant_authority', from: null, to: 'manager', source: { via: 'import', userId: dana.id } },
      { kind: 'answer', at: '2026-11-03T09:00:00.000Z', criterion: 'timeline', property: 'bant_timeline', from: null, to: '3_6_months', source: { via: 'import', userId: dana.id } },
    ]);
    expect(history?.users).toEqual({ [dana.id]: 'Dana Reyes' });
    expect(history?.older).toBe(0);
    // History asked for on the reads the card makes anyway: the contact's and its deals'.
    const contactRead = portal.requests.find((r) => r.path === `/crm/v3/objects/contacts/${contactId}`)!;
    expect([contactRead.query.propertiesWithHistory].flat().join(',').split(',')).toEqual(expect.arrayContaining(['bant_score', 'bant_budget', 'bant_need_answered_at', 'bant_answered_by', 'bant_override']));
    const dealRead = portal.requests.find((r) => r.path === '/crm/v3/objects/deals/batch/read')!;
    expect((dealRead.body as { propertiesWithHistory: string[] }).propertiesWithHistory).toEqual(expect.arrayContaining(['amount', 'closedate']));
  });

  it('shows the write it just made at once: an override by the rep, without reading the history again', async () => {
    const data = await call({ action: 'override', contactId, verdict: 'not_qualified', reason: 'Budget is for next fiscal year', until: '2026-12-31', userId: dana.id });
    expect(data.history?.changes[0]).toEqual({
      kind: 'override', at: '2026-11-06T15:00:00.000Z', verdict: 'not_qualified', reason: 'Budget is for next fiscal year', until: '2026-12-31', by: dana.id,
      source: { via: 'card', userId: dana.id },
    });
    // HubSpot's own history then says the same.
    const loaded = await call({ action: 'load', contactId });
    expect(loaded.history?.changes[0]).toMatchObject({ kind: 'override', verdict: 'not_qualified', by: dana.id });
  });

  it('names a re-confirmed answer as still true, by the rep', async () => {
    const data = await call({ action: 'confirm', contactId, criteria: ['authority'], userId: dana.id });
    expect(data.history?.changes[0]).toEqual({ kind: 'confirmed', at: '2026-11-06T15:00:00.000Z', criterion: 'authority', value: 'manager', source: { via: 'card', userId: dana.id } });
  });

  it('keeps the names while the function is warm: the next open reads no owners', async () => {
    const names = createUserNamesCache();
    await call({ action: 'load', contactId }, names);
    expect(portal.requests.filter((r) => r.path.startsWith('/crm/v3/owners'))).toHaveLength(1);
    portal.requests.clear();
    await call({ action: 'load', contactId }, names);
    expect(portal.requests.filter((r) => r.path.startsWith('/crm/v3/owners'))).toHaveLength(0);
  });

  it('says "a user" when the app may not read the owners (an optional scope): the card still opens', async () => {
    portal.failNext({ path: '/crm/v3/owners/', status: 403, count: 1 });
    const data = await call({ action: 'load', contactId });
    expect(data.result.score).toBe(80);
    expect(data.history?.users).toEqual({});
    expect(data.history?.changes).toHaveLength(6);
  });
});

describe('history reads at most 50 records at a time', () => {
  it('reads 60 deals in two batch reads of at most 50 (HubSpot\'s limit with history), no more', async () => {
    now = Date.UTC(2026, 10, 3, 9);
    const contactId = portal.createContact({ bant_authority: 'director' }).id;
    for (let i = 0; i < 60; i++) portal.associate('contacts', contactId, 'deals', portal.createDeal({ dealname: `Deal ${i}`, amount: String(1000 * (i + 1)), dealstage: 'appointmentscheduled' }).id);
    portal.requests.clear();
    const data = await call({ action: 'load', contactId });
    expect(data.deal).not.toBeNull();
    const reads = portal.requests.filter((r) => r.path === '/crm/v3/objects/deals/batch/read');
    expect(reads.map((r) => (r.body as { inputs: unknown[] }).inputs.length).sort((a, b) => a - b)).toEqual([10, 50]);
    expect(reads.map((r) => r.status)).toEqual([200, 200]);
  });
});
