/**
 * The HubSpot requests behind one card open, exactly, by case: the budget is 10 per open
 * (issue 10), with every part of the card riding on ONE contact read.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleCardRequest } from '../../../src/app/functions/handleCardRequest';
import { createAccountCache } from '../../../src/app/functions/accountDetails';
import type { AccountCache } from '../../../src/app/functions/accountDetails';
import { createUserNamesCache } from '../../../src/app/functions/cardHistory';
import type { UserNamesCache } from '../../../src/app/functions/cardHistory';
import { CARD_ASSOCIATIONS, contactReadSpec } from '../../../src/app/functions/contactRead';
import type { CardData, CardResponse } from '../../../src/app/cards/lib/cardApi';
import { validateModel } from '../../../src/engine';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { createModelResolver } from '../../../src/versions';
import { bantPortal, callsOf } from '../../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const BUDGET = 10;
const { portal, crm, server } = bantPortal(BANT_DEFAULT);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A model that also reads the contact's company (the default reads none): the company batch read counts too. */
function withCompanySource(): Model {
  const model = structuredClone(BANT_DEFAULT) as Model;
  model.criteria[0]!.sources.push({ object: 'company', property: 'annualrevenue', label: 'Company revenue' });
  const checked = validateModel(model);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.model;
}

let contactId: string;
let account: AccountCache;
let names: UserNamesCache;
const PUBLISHED = 'GET /crm/v3/objects/p_bant_model_version/published';

beforeEach(() => {
  contactId = portal.createContact({ firstname: 'Maya', jobtitle: 'VP Sales', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' }).id;
  const deal = portal.createDeal({ dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', dealstage: 'appointmentscheduled' });
  portal.associate('contacts', contactId, 'deals', deal.id);
  account = createAccountCache();
  names = createUserNamesCache();
  portal.requests.clear();
});

/** Opens the card as installed: the published model is looked up (one request), the account's details cached in `account`. */
async function open(model: Model = BANT_DEFAULT): Promise<CardData> {
  const response: CardResponse = await handleCardRequest(
    { action: 'load', portalId: 123, contactId },
    { crm: () => crm, model: createModelResolver({ bundled: { ok: true, model } }), now: NOW, account, names },
  );
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data;
}

/** One of each kind, created in this order (calls oldest), each saying the same; their ids by kind. */
function activities(): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [type, text] of [['calls', 'hs_call_body'], ['meetings', 'hs_meeting_body'], ['notes', 'hs_note_body'], ['emails', 'hs_email_text']] as const) {
    const id = portal.createRecord(type, { hs_timestamp: new Date(NOW.getTime() - 86_400_000).toISOString(), [text]: 'We have about 150k approved.' }).id;
    portal.associate('contacts', contactId, type, id);
    ids[type] = id;
  }
  return ids;
}

describe('the HubSpot requests of one card open', () => {
  it('reads the contact ONCE: the card\'s properties, and the ids of its deals, company, activities and leads', async () => {
    await open();
    const reads = portal.requests.filter((r) => r.path.startsWith('/crm/v3/objects/contacts'));
    expect(reads.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /crm/v3/objects/contacts/${contactId}`]);
    const query = reads[0]!.query;
    const list = (name: string) => [query[name] ?? []].flat().join(',').split(',').filter((v) => v !== '');
    expect(list('properties').sort()).toEqual(contactReadSpec(BANT_DEFAULT).properties.sort());
    expect(list('properties')).toEqual(expect.arrayContaining(['bant_budget', 'bant_budget_answered_at', 'bant_score', 'jobtitle', 'bant_dismissed_suggestions']));
    expect(list('associations')).toEqual(['deals', 'companies', 'calls', 'meetings', 'notes', 'emails', 'leads']);
    expect(CARD_ASSOCIATIONS).toEqual(list('associations'));
  });

  it('cold (the first open in a new function): the published model, the contact, its definitions, the account, its deals, the names in its history', async () => {
    const data = await open();
    expect(callsOf(portal).sort()).toEqual([
      'GET /account-info/v3/details',
      `GET /crm/v3/objects/contacts/${contactId}`,
      PUBLISHED,
      'GET /crm/v3/owners/',
      'GET /crm/v3/properties/contacts',
      'POST /crm/v3/objects/deals/batch/read',
    ]);
    // The history rides on the contact and deal reads: the answers' versions, named.
    expect(data.history?.changes.some((c) => c.kind === 'answer')).toBe(true);
    expect(Object.values(data.history?.users ?? {})).toHaveLength(1);
  });

  it('warm: the account\'s details are kept, 4 requests', async () => {
    await open();
    portal.requests.clear();
    await open();
    expect(callsOf(portal).sort()).toEqual([
      `GET /crm/v3/objects/contacts/${contactId}`,
      PUBLISHED,
      'GET /crm/v3/properties/contacts',
      'POST /crm/v3/objects/deals/batch/read',
    ]);
  });

  it('with all four kinds of activity: one batch read per kind, suggestions on the same call', async () => {
    activities();
    const data = await open();
    expect(data.suggestions?.map((s) => s.criterion)).toContain('budget');
    expect(callsOf(portal).sort()).toEqual([
      'GET /account-info/v3/details',
      `GET /crm/v3/objects/contacts/${contactId}`,
      PUBLISHED,
      'GET /crm/v3/owners/',
      'GET /crm/v3/properties/contacts',
      'POST /crm/v3/objects/calls/batch/read',
      'POST /crm/v3/objects/deals/batch/read',
      'POST /crm/v3/objects/emails/batch/read',
      'POST /crm/v3/objects/meetings/batch/read',
      'POST /crm/v3/objects/notes/batch/read',
    ]);
  });

  it(`the worst case (cold, a model reading the company, four kinds of activity) stays within ${BUDGET}`, async () => {
    activities();
    const company = portal.createRecord('companies', { name: 'Acme', annualrevenue: '5000000' });
    portal.associate('contacts', contactId, 'companies', company.id);
    const data = await open(withCompanySource());
    expect(data.company).toMatchObject({ annualrevenue: '5000000' });
    expect(callsOf(portal)).toContain('POST /crm/v3/objects/companies/batch/read');
    expect(callsOf(portal).length).toBeLessThanOrEqual(BUDGET);
    expect(callsOf(portal)).toHaveLength(10);
    // The budget is spent: the names wait for the next open, which has the account's details already.
    expect(callsOf(portal)).not.toContain('GET /crm/v3/owners/');
    expect(data.history?.users).toEqual({});
    portal.requests.clear();
    const again = await open(withCompanySource());
    expect(callsOf(portal)).toContain('GET /crm/v3/owners/');
    expect(callsOf(portal)).toHaveLength(10);
    expect(Object.keys(again.history?.users ?? {})).toHaveLength(1);
  });
  it(`with auto-fill on, the worst case keeps one request for the write and reads the newest kinds of activity first: still ${BUDGET}`, async () => {
    activities(); // calls first, emails last: the emails hold the newest activity
    const company = portal.createRecord('companies', { name: 'Acme', annualrevenue: '5000000' });
    portal.associate('contacts', contactId, 'companies', company.id);
    const model = withCompanySource();
    model.suggestions = { ...model.suggestions, autofill: { enabled: true, minConfidence: 0.5 } };
    const data = await open(model);
    expect(data.autofilled).toContain('budget');
    const calls = callsOf(portal);
    expect(calls).toContain('POST /crm/v3/objects/contacts/batch/update');
    expect(calls.filter((c) => /objects\/(calls|meetings|notes|emails)\/batch\/read/.test(c)).sort()).toEqual([
      'POST /crm/v3/objects/emails/batch/read',
      'POST /crm/v3/objects/meetings/batch/read',
      'POST /crm/v3/objects/notes/batch/read',
    ]);
    expect(calls).toHaveLength(BUDGET);
  });
  it(`opening a call transcript on a cold function, the worst case: the transcript's call is read first and the whole stays within ${BUDGET}`, async () => {
    const callId = activities().calls!; // the call is the oldest kind: without a preference it would be the one left out
    const transcriptId = portal.addTranscript(callId, [{ speaker: { id: '2', name: 'Maya' }, text: 'We set aside 90k for it.', startTimeMillis: 0, endTimeMillis: 2_000 }])!;
    const company = portal.createRecord('companies', { name: 'Acme', annualrevenue: '5000000' });
    portal.associate('contacts', contactId, 'companies', company.id);
    portal.requests.clear();
    const response: CardResponse = await handleCardRequest(
      { action: 'transcript', portalId: 123, contactId, callId, transcriptId },
      { crm: () => crm, model: createModelResolver({ bundled: { ok: true, model: withCompanySource() } }), now: NOW, account, names },
    );
    if (!response.ok) throw new Error(response.error.message);
    expect(response.data.transcripts).toEqual([expect.objectContaining({ callId, read: true })]);
    expect(response.data.suggestions?.some((s) => s.source.kind === 'transcript')).toBe(true);
    expect(callsOf(portal)).toContain('POST /crm/v3/objects/calls/batch/read');
    expect(callsOf(portal).length).toBeLessThanOrEqual(BUDGET);
  });
});

describe('a portal that refuses the optional associations', () => {
  const refusing = bantPortal(BANT_DEFAULT, { leads: false });
  beforeAll(() => {
    server.close();
    refusing.server.listen({ onUnhandledFrame: 'error' });
  });
  afterAll(() => {
    refusing.server.close();
    server.listen({ onUnhandledFrame: 'error' });
  });

  it('reads the contact once more without them, and the card works: 2 contact reads, never a failed card', async () => {
    const id = refusing.portal.createContact({ bant_budget: '120000', bant_authority: 'director' }).id;
    refusing.portal.requests.clear();
    const response = await handleCardRequest({ action: 'load', portalId: 123, contactId: id }, { crm: () => refusing.crm, model: { ok: true, model: BANT_DEFAULT }, now: NOW });
    expect(response.ok && response.data.result.criteria).toHaveLength(4);
    const reads = refusing.portal.requests.filter((r) => r.path === `/crm/v3/objects/contacts/${id}`);
    expect(reads.map((r) => r.status)).toEqual([403, 200]);
    expect([reads[1]!.query.associations].flat().join(',')).toBe('deals,companies');
  });
});
