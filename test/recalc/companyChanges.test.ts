import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { parseWebhookBatch } from '../../src/recalc/events';
import type { AssociationChangeEvent, PropertyChangeEvent } from '../../src/recalc/events';
import { recalculateFromEvents } from '../../src/recalc/recalculate';
import { refreshContacts } from '../../src/recalc/refreshContacts';
import { bantPortal, callsOf } from '../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
/** The default model with a third budget source: the company's annual revenue. */
const WITH_COMPANY: Model = {
  ...BANT_DEFAULT,
  criteria: BANT_DEFAULT.criteria.map((c) => (c.key === 'budget' ? { ...c, sources: [...c.sources, { object: 'company' as const, property: 'annualrevenue' }] } : c)),
};
const { portal, crm, server } = bantPortal(WITH_COMPANY);
const deps = { crm, model: WITH_COMPANY, now: () => NOW };

let eventId = 5000;
const propertyChange = (objectTypeId: string, objectId: string, propertyName: string): PropertyChangeEvent => ({
  eventId: String(eventId++), subscriptionType: 'object.propertyChange', objectTypeId, objectId, propertyName, propertyValue: '',
});
const companyChange = (companyId: string, propertyName: string) => propertyChange('0-2', companyId, propertyName);
const companyContactChange = (companyId: string, contactId: string, associationRemoved = false): AssociationChangeEvent => ({
  eventId: String(eventId++), subscriptionType: 'object.associationChange', fromObjectId: companyId, toObjectId: contactId,
  fromObjectTypeId: '0-2', toObjectTypeId: '0-1', associationType: 'COMPANY_TO_CONTACT', associationRemoved,
});
const stored = (contactId: string, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, portal.getRecord('contacts', contactId)!.properties[n]]));
/** Each request as "METHOD path ids": the ids of its inputs, in order. */
const requestsWithIds = () => portal.requests.map((r) => `${r.method} ${r.path} ${((r.body as { inputs?: Array<{ id: string }> } | undefined)?.inputs ?? []).map((i) => i.id).join(',')}`);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let acme: string;
let globex: string;
let ann: string;
let bob: string;
let cy: string;
beforeEach(async () => {
  acme = portal.createCompany({ name: 'Acme', annualrevenue: '60000' }).id;
  globex = portal.createCompany({ name: 'Globex', annualrevenue: '60000' }).id;
  ann = portal.createContact({ email: 'ann@acme.example' }).id;
  bob = portal.createContact({ email: 'bob@acme.example' }).id;
  cy = portal.createContact({ email: 'cy@globex.example' }).id;
  portal.associate('contacts', ann, 'companies', acme);
  portal.associate('companies', acme, 'contacts', bob);
  portal.associate('contacts', cy, 'companies', globex);
  await refreshContacts(crm, WITH_COMPANY, [ann, bob, cy], NOW);
  expect(stored(ann, ['bant_budget_points', 'bant_score'])).toEqual({ bant_budget_points: '15', bant_score: '15' });
  portal.requests.clear();
});

describe('a company property change', () => {
  it("rescores exactly that company's contacts", async () => {
    portal.updateRecord('companies', acme, { annualrevenue: '250000' });
    const report = await recalculateFromEvents([companyChange(acme, 'annualrevenue')], deps);

    expect(report).toMatchObject({ ok: true, ignored: [] });
    expect(report.contacts.map((c) => [c.id, c.status, c.changes.bant_budget_points])).toEqual([[ann, 'written', ['15', '30']], [bob, 'written', ['15', '30']]]);
    const requests = requestsWithIds();
    expect(requests[0]).toBe(`POST /crm/v4/associations/companies/contacts/batch/read ${acme}`);
    expect(requests.sort()).toEqual([
      `POST /crm/v3/objects/companies/batch/read ${acme}`,
      `POST /crm/v3/objects/contacts/batch/read ${ann},${bob}`,
      `POST /crm/v3/objects/contacts/batch/update ${ann},${bob}`,
      `POST /crm/v4/associations/companies/contacts/batch/read ${acme}`,
      `POST /crm/v4/associations/contacts/companies/batch/read ${ann},${bob}`,
      `POST /crm/v4/associations/contacts/deals/batch/read ${ann},${bob}`,
    ]);
    for (const contact of [ann, bob]) expect(stored(contact, ['bant_budget_points', 'bant_score'])).toEqual({ bant_budget_points: '30', bant_score: '30' });
    expect(stored(cy, ['bant_budget_points', 'bant_score'])).toEqual({ bant_budget_points: '15', bant_score: '15' });
  });

  it('makes no CRM call for a company property no criterion reads, in either subscription format', async () => {
    const batch = parseWebhookBatch([
      companyChange(acme, 'name'),
      { eventId: String(eventId++), subscriptionType: 'company.propertyChange', objectId: acme, propertyName: 'domain', propertyValue: 'acme.example' },
    ]);
    if (!batch.ok) throw new Error(batch.problem);
    expect(batch.rejected).toEqual([]);
    const { events } = batch;
    const report = await recalculateFromEvents(events, deps);
    expect(report).toMatchObject({ ok: true, contacts: [] });
    expect(report.ignored.map((i) => i.reason)).toEqual(['company.name is not read by the model', 'company.domain is not read by the model']);
    expect(callsOf(portal)).toEqual([]);
  });

  it('costs one association read more in a batch that also has a deal change: 8 calls for two companies and a deal', async () => {
    const deal = portal.createDeal({ dealname: 'Globex', amount: '70000', createdate: '2026-10-01', dealstage: 'qualifiedtobuy' }).id;
    const dan = portal.createContact({ email: 'dan@globex.example' }).id;
    portal.associate('deals', deal, 'contacts', dan);
    portal.requests.clear();
    const report = await recalculateFromEvents([companyChange(acme, 'annualrevenue'), companyChange(globex, 'annualrevenue'), propertyChange('0-3', deal, 'amount')], deps);
    expect(report.ok).toBe(true);
    expect(report.contacts.map((c) => c.id).sort()).toEqual([ann, bob, cy, dan].sort());
    expect(callsOf(portal).sort()).toEqual([
      'POST /crm/v3/objects/companies/batch/read',
      'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v3/objects/contacts/batch/update',
      'POST /crm/v3/objects/deals/batch/read',
      'POST /crm/v4/associations/companies/contacts/batch/read',
      'POST /crm/v4/associations/contacts/companies/batch/read',
      'POST /crm/v4/associations/contacts/deals/batch/read',
      'POST /crm/v4/associations/deals/contacts/batch/read',
    ]);
  });
});

describe('a company–contact association change', () => {
  it('rescores the contact that joined or left the company', async () => {
    const dan = portal.createContact({ email: 'dan@acme.example' }).id;
    portal.associate('companies', acme, 'contacts', dan);
    const joined = await recalculateFromEvents([companyContactChange(acme, dan)], deps);
    expect(joined.contacts).toMatchObject([{ id: dan, status: 'written', changes: { bant_budget_points: [null, '15'] } }]);
    expect(callsOf(portal)).not.toContain('POST /crm/v4/associations/companies/contacts/batch/read');

    portal.dissociate('contacts', ann, 'companies', acme);
    const left = await recalculateFromEvents([{ ...companyContactChange(ann, acme, true), fromObjectTypeId: '0-1', toObjectTypeId: '0-2', associationType: 'CONTACT_TO_COMPANY' }], deps);
    expect(left.contacts).toMatchObject([{ id: ann, status: 'written', changes: { bant_budget_points: ['15', '0'] } }]);
    expect(stored(ann, ['bant_budget_points'])).toEqual({ bant_budget_points: '0' });
  });

  it('is ignored with no CRM call when the model reads no company property', async () => {
    const report = await recalculateFromEvents([companyContactChange(acme, ann)], { ...deps, model: BANT_DEFAULT });
    expect(report).toMatchObject({ ok: true, contacts: [], ignored: [{ reason: 'association company→contact does not feed the score' }] });
    expect(callsOf(portal)).toEqual([]);
  });
});
