import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { createCrmClient } from '../../src/crm';
import { BANT_DEFAULT } from '../../src/models';
import { DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import { readLeads } from '../../src/recalc/readLeads';
import { refreshContacts } from '../../src/recalc/refreshContacts';
import { BASE_URL, bantPortal, callsOf } from '../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
/** The default model with a third budget source: the company's head count, as a stand-in for size. */
const WITH_COMPANY: Model = {
  ...BANT_DEFAULT,
  criteria: BANT_DEFAULT.criteria.map((c) => (c.key === 'budget' ? { ...c, sources: [...c.sources, { object: 'company' as const, property: 'numberofemployees' }] } : c)),
};
const { portal, crm, server } = bantPortal(WITH_COMPANY);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => portal.requests.clear());
afterAll(() => server.close());

describe('reading leads', () => {
  it('reads contacts, their deals and their first company in batches, whatever the number of contacts', async () => {
    const company = portal.createCompany({ name: 'Acme', numberofemployees: '120000' }).id;
    const ids = Array.from({ length: 3 }, (_, i) => {
      const contact = portal.createContact({ email: `lead${i}@acme.example` }).id;
      portal.associate('contacts', contact, 'companies', company);
      return contact;
    });
    const deal = portal.createDeal({ dealname: 'Acme', amount: '', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
    portal.associate('deals', deal, 'contacts', ids[0]!);

    const leads = await readLeads(crm, WITH_COMPANY, [...ids, '999999']);
    expect([...leads.keys()]).toEqual(ids);
    expect(leads.get(ids[0]!)).toMatchObject({ deals: [{ id: deal }], company: { numberofemployees: '120000' } });
    expect(leads.get(ids[1]!)).toMatchObject({ deals: [], company: { numberofemployees: '120000' } });
    expect(callsOf(portal).sort()).toEqual([
      'POST /crm/v3/objects/companies/batch/read',
      'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v3/objects/deals/batch/read',
      'POST /crm/v4/associations/contacts/companies/batch/read',
      'POST /crm/v4/associations/contacts/deals/batch/read',
    ]);
  });

  it("reads the contacts' deals as soon as their associations are back, without waiting for the contacts' read", async () => {
    const contact = portal.createContact({ email: 'wait@acme.example' }).id;
    const deal = portal.createDeal({ dealname: 'Acme', amount: '50000', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
    portal.associate('deals', deal, 'contacts', contact);
    // The contacts' read waits out a 1-s Retry-After; the deals' chain goes on meanwhile.
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/read', status: 429, retryAfterSeconds: 1 });
    const waiting = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: BASE_URL, retry: { maxTotalMs: 5_000 } });

    const leads = await readLeads(waiting, BANT_DEFAULT, [contact]);

    expect(leads.get(contact)).toMatchObject({ contact: { bant_score: null }, deals: [{ id: deal, properties: { amount: '50000' } }] });
    const answered = portal.requests.map((r) => `${r.status} ${r.path}`);
    expect(answered.indexOf('200 /crm/v3/objects/deals/batch/read')).toBeLessThan(answered.indexOf('200 /crm/v3/objects/contacts/batch/read'));
    expect(answered.filter((line) => line.includes('/contacts/batch/read'))).toEqual(['429 /crm/v3/objects/contacts/batch/read', '200 /crm/v3/objects/contacts/batch/read']);
  });

  it('reads no deals or companies for a model that reads only contacts', async () => {
    const contactOnly: Model = { ...BANT_DEFAULT, criteria: BANT_DEFAULT.criteria.map((c) => ({ ...c, sources: c.sources.filter((s) => s.object === 'contact') })) };
    const contact = portal.createContact({ email: 'solo@acme.example', bant_need: 'perfect' }).id;
    const leads = await readLeads(crm, contactOnly, [contact]);
    expect(leads.get(contact)).toEqual({ contact: expect.objectContaining({ bant_need: 'perfect' }), deals: [] });
    expect(callsOf(portal)).toEqual(['POST /crm/v3/objects/contacts/batch/read']);
  });

  it('lets recalculation score a company source as the card does', async () => {
    const company = portal.createCompany({ name: 'Big', numberofemployees: '100000' }).id;
    const contact = portal.createContact({ email: 'big@big.example' }).id;
    portal.associate('contacts', contact, 'companies', company);
    const [outcome] = await refreshContacts(crm, WITH_COMPANY, [contact], NOW);
    expect(outcome?.status).toBe('written');
    expect(outcome?.result?.criteria[0]).toMatchObject({ key: 'budget', points: 30, source: { object: 'company', property: 'numberofemployees' } });
  });
});
