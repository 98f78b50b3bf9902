import { describe, expect, it } from 'vitest';
import { BANT_GROUP, BANT_PROPERTIES, DEFAULT_APP_ID } from '../../src/portal';
import type { Portal } from '../../src/portal';
import { clientFor, usePortalServer } from './support';

const usePortal = usePortalServer();

function withBant(portal: Portal): Portal {
  portal.defineGroup('contacts', BANT_GROUP);
  for (const property of BANT_PROPERTIES) portal.defineProperty('contacts', property);
  return portal;
}

describe('reads with property history', () => {
  it('reads 120 contacts with history in batches of 50, keeping the callers order', async () => {
    const portal = withBant(usePortal());
    const ids = Array.from({ length: 120 }, (_, index) => portal.createContact({ bant_budget: String(index) }).id);
    const client = clientFor();

    const records = await client.readWithHistory('contacts', [...ids].reverse(), ['bant_budget'], ['bant_budget']);

    expect(portal.requests.map((request) => (request.body as { inputs: unknown[] }).inputs.length)).toEqual([50, 50, 20]);
    expect(portal.requests[0]?.body).toMatchObject({ properties: ['bant_budget'], propertiesWithHistory: ['bant_budget'] });
    expect([...records.keys()]).toEqual([...ids].reverse());
    expect(records.get(ids[3] as string)?.properties.bant_budget).toBe('3');
    expect(client.stats().calls).toEqual({ 'contacts.batch.read': 3 });
  });

  it('returns every version as HubSpot sends it, timestamps as ISO strings, [] for a property never set', async () => {
    let now = Date.UTC(2026, 10, 3, 14);
    const portal = withBant(usePortal({ now: () => now }));
    const dana = portal.defineUser({ firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });
    const { id } = portal.createContact({ bant_budget: '40000' }, { sourceType: 'IMPORT', sourceId: '5501', updatedByUserId: Number(dana.id) });
    now += 86_400_000;
    portal.updateRecord('contacts', id, { bant_budget: '150000' }, portal.asUser(Number(dana.id)));
    now += 86_400_000;
    const client = clientFor();
    await client.updateContacts([{ id, properties: { bant_budget: '160000' } }]);

    const record = (await client.readWithHistory('contacts', [id], ['bant_budget'], ['bant_budget', 'bant_need'])).get(id);

    expect(record?.history).toEqual({
      bant_budget: [
        { value: '160000', timestamp: '2026-11-05T14:00:00.000Z', sourceType: 'INTEGRATION', sourceId: DEFAULT_APP_ID },
        { value: '150000', timestamp: '2026-11-04T14:00:00.000Z', sourceType: 'CRM_UI', sourceId: `userId:${Number(dana.id)}`, updatedByUserId: Number(dana.id) },
        { value: '40000', timestamp: '2026-11-03T14:00:00.000Z', sourceType: 'IMPORT', sourceId: '5501', updatedByUserId: Number(dana.id) },
      ],
      bant_need: [],
    });
  });

  it('reads deals with history the same way', async () => {
    const portal = usePortal();
    const { id } = portal.createDeal({ dealname: 'Acme renewal', amount: '1000' });
    portal.updateRecord('deals', id, { amount: '2000' });

    const record = (await clientFor().readWithHistory('deals', [id], ['dealname'], ['amount'])).get(id);

    expect(record?.properties.dealname).toBe('Acme renewal');
    expect(record?.history.amount?.map((version) => version.value)).toEqual(['2000', '1000']);
  });
});

describe('users', () => {
  it('lists the account users with their names in one request of up to 500', async () => {
    const portal = usePortal();
    const dana = portal.defineUser({ firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });

    const page = await clientFor().listOwners();

    expect(portal.requests).toHaveLength(1);
    expect(portal.requests[0]).toMatchObject({ method: 'GET', path: '/crm/v3/owners/', query: { limit: '500', archived: 'false' } });
    expect(page.results).toContainEqual({ userId: dana.id, ownerId: expect.any(String), firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });
    expect(page.after).toBeUndefined();
  });
});
