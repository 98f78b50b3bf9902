import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { readLeadHistory, readUserNames } from '../../src/recalc/readLeadHistory';
import { readLeads } from '../../src/recalc/readLeads';
import { bantPortal, callsOf } from '../support/bantPortal';

const WITH_COMPANY: Model = {
  ...BANT_DEFAULT,
  criteria: BANT_DEFAULT.criteria.map((c) => (c.key === 'budget' ? { ...c, sources: [...c.sources, { object: 'company' as const, property: 'numberofemployees' }] } : c)),
};
const { portal, crm, server } = bantPortal(WITH_COMPANY);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => portal.requests.clear());
afterAll(() => server.close());

describe('reading leads with their history', () => {
  it('reads the same leads as readLeads, with the same calls, history riding on the batch reads of 50', async () => {
    const company = portal.createCompany({ name: 'Acme', numberofemployees: '100' }).id;
    portal.updateRecord('companies', company, { numberofemployees: '120000' });
    const other = portal.createCompany({ name: 'Other', numberofemployees: '5' }).id;
    const ids = Array.from({ length: 60 }, (_, i) => {
      const contact = portal.createContact({ bant_need: i % 2 ? 'low' : 'perfect' }).id;
      portal.associate('contacts', contact, 'companies', i === 1 ? other : company);
      return contact;
    });
    const deal = portal.createDeal({ dealname: 'Acme renewal', amount: '1000' }).id;
    portal.updateRecord('deals', deal, { amount: '2000' });
    portal.associate('deals', deal, 'contacts', ids[0]!);
    const plain = await readLeads(crm, WITH_COMPANY, ids);
    portal.requests.clear();

    const read = await readLeadHistory(crm, WITH_COMPANY, ids);

    expect([...read.keys()]).toEqual([...plain.keys()]);
    for (const [id, lead] of plain) expect(read.get(id)?.lead).toMatchObject(lead);
    expect(callsOf(portal).sort()).toEqual([
      'POST /crm/v3/objects/companies/batch/read',
      'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v3/objects/deals/batch/read',
      'POST /crm/v4/associations/contacts/companies/batch/read',
      'POST /crm/v4/associations/contacts/deals/batch/read',
    ]);
    const first = read.get(ids[0]!)!.history;
    expect(first.contact.bant_need?.map((v) => v.value)).toEqual(['perfect']);
    expect(first.deals).toEqual([{ id: deal, name: 'Acme renewal', history: expect.objectContaining({ amount: [expect.objectContaining({ value: '2000' }), expect.objectContaining({ value: '1000' })] }) }]);
    expect(first.company?.numberofemployees?.map((v) => v.value)).toEqual(['120000', '100']);
    expect(read.get(ids[1]!)!.history.company?.numberofemployees?.map((v) => v.value)).toEqual(['5']);
  });
});

describe('user names', () => {
  it('names the users asked for from one owners page, and asks nothing when nobody is named', async () => {
    const dana = portal.defineUser({ firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });

    expect(await readUserNames(crm, [])).toEqual(new Map());
    expect(callsOf(portal)).toEqual([]);
    expect(await readUserNames(crm, [dana.id, '999'])).toEqual(new Map([[dana.id, 'Dana Reyes']]));
    expect(callsOf(portal)).toEqual(['GET /crm/v3/owners/']);
  });

  it('goes without names when the app lacks the owners scope, and fails on anything else', async () => {
    portal.failNext({ path: '/crm/v3/owners/', status: 403 });
    expect(await readUserNames(crm, ['7'])).toEqual(new Map());

    portal.failNext({ path: '/crm/v3/owners/', status: 400 });
    await expect(readUserNames(crm, ['7'])).rejects.toThrow(/owners.list/);
  });
});
