import { afterEach, describe, expect, it } from 'vitest';
import { createCrmClient } from '../../src/crm';
import { createPortal, DEFAULT_PORTAL_TOKEN, startPortal } from '../../src/portal';
import type { RunningPortal } from '../../src/portal';

// No msw interception here: requests cross a real socket to 127.0.0.1.
let running: RunningPortal | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('startPortal', () => {
  it('serves the SDK over real HTTP on 127.0.0.1 at a random port', async () => {
    running = await startPortal();
    const { id } = running.portal.createContact({ email: 'ann@example.com' });
    const client = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: running.url });

    const contacts = await client.readContacts([id, '404404'], ['email']);

    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(contacts).toEqual(new Map([[id, { email: 'ann@example.com', createdate: expect.any(String), hs_object_id: id, lastmodifieddate: expect.any(String) }]]));
    expect(running.portal.requests.map(({ method, path, status, body }) => ({ method, path, status, body }))).toEqual([
      { method: 'POST', path: '/crm/v3/objects/contacts/batch/read', status: 207, body: { inputs: [{ id }, { id: '404404' }], properties: ['email'], propertiesWithHistory: [] } },
    ]);
  });

  it('serves a portal built beforehand, with its token and HubSpot-style errors', async () => {
    const portal = createPortal({ token: 'demo-token' });
    running = await startPortal({ portal });

    const unauthorised = await fetch(`${running.url}/crm/v3/objects/contacts`);
    const unknown = await fetch(`${running.url}/nothing/here`, { headers: { authorization: 'Bearer demo-token' } });

    expect(unauthorised.status).toBe(401);
    expect(await unauthorised.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await unknown.json()).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
    expect(running.portal).toBe(portal);
  });

  it('stops listening when closed', async () => {
    const stopped = await startPortal();
    await stopped.close();

    await expect(fetch(`${stopped.url}/crm/v3/objects/contacts`)).rejects.toThrow(/fetch failed/);
  });
});
