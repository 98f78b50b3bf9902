import { afterEach, describe, expect, it } from 'vitest';
import { createCrmClient } from '../../src/crm';
import { DEFAULT_PORTAL_TOKEN, seedDemoPortal, startPortal } from '../../src/portal';
import type { RunningPortal } from '../../src/portal';
import { createVirtualClock, rejection } from './support';

// No msw here: these requests cross a real socket to 127.0.0.1.
let running: RunningPortal | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('the CRM client over real HTTP', () => {
  it('reads, follows associations, writes and searches against startPortal', async () => {
    running = await startPortal();
    const { portal, url } = running;
    const seeded = seedDemoPortal(portal, { contacts: 30, seed: 7 });
    const client = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: url });
    const ids = seeded.contacts.slice(0, 5);

    const contacts = await client.readContacts(ids, ['email', 'bant_need']);
    const deals = await client.contactDeals(ids);
    const write = await client.updateContacts([{ id: ids[0] as string, properties: { bant_need: 'partial' } }]);
    const found = await client.searchContacts({
      filterGroups: [{ filters: [{ propertyName: 'bant_need', operator: 'EQ', value: 'partial' }] }],
      properties: ['bant_need'],
      limit: 100,
    });

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect([...contacts.keys()]).toEqual(ids);
    expect(contacts.get(ids[0] as string)?.email).toBe(portal.getRecord('contacts', ids[0] as string)?.properties.email);
    expect([...deals.keys()]).toEqual(ids);
    for (const id of ids) expect(deals.get(id)).toEqual(portal.associatedIds('contacts', id, 'deals'));
    expect(write).toEqual({ written: [ids[0]], failed: [] });
    expect(found.results.map((record) => record.id)).toContain(ids[0]);
    expect(found.results.every((record) => record.properties.bant_need === 'partial')).toBe(true);
    expect(portal.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /crm/v3/objects/contacts/batch/read 200',
      `POST /crm/v4/associations/contacts/deals/batch/read ${[...deals.values()].some((list) => list.length === 0) ? 207 : 200}`,
      'POST /crm/v3/objects/contacts/batch/update 200',
      'POST /crm/v3/objects/contacts/search 200',
    ]);
  });

  it('turns a refused connection into a retryable NETWORK error after retrying', async () => {
    const closed = await startPortal();
    await closed.close();
    const clock = createVirtualClock();
    const client = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: closed.url, clock, random: () => 0, retry: { maxAttempts: 3 } });

    const error = await rejection(client.readContacts(['1'], ['email']));

    expect(error).toMatchObject({ code: 'NETWORK', retryable: true, isTransport: true, attempts: 3, status: undefined });
    expect((error as Error).message).toMatch(/^contacts\.batch\.read: could not reach HubSpot \(ECONNREFUSED/);
    expect(clock.sleeps).toEqual([125, 250]);
    expect(client.stats()).toMatchObject({ calls: { 'contacts.batch.read': 3 }, retries: 2, errors: { NETWORK: 3 } });
  });
});
