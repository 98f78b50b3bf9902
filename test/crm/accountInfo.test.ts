import { describe, expect, it } from 'vitest';
import { CrmError } from '../../src/crm';
import { clientFor, rejection, usePortalServer } from './support';

const usePortal = usePortalServer();

describe('the account the token belongs to', () => {
  it('reads HubSpot\'s account details in one request', async () => {
    const portal = usePortal({ portalId: 62515, account: { timeZone: 'Europe/Helsinki', companyCurrency: 'EUR', additionalCurrencies: ['NOK'] } });
    const client = clientFor();
    expect(await client.getAccountInfo()).toEqual({
      portalId: '62515', accountType: 'STANDARD', timeZone: 'Europe/Helsinki', companyCurrency: 'EUR', additionalCurrencies: ['NOK'],
      utcOffsetMilliseconds: -18_000_000, uiDomain: 'app.hubspot.com', dataHostingLocation: 'na1',
    });
    expect(portal.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /account-info/v3/details 200']);
    expect(client.stats().calls).toEqual({ 'accountInfo.get': 1 });
  });

  it('gives every local portal its own Hub ID', () => {
    expect(usePortal().account.portalId).not.toBe(usePortal().account.portalId);
  });

  it('maps a refused token to UNAUTHORIZED, as for every other call', async () => {
    usePortal({ token: 'other' });
    const error = await rejection(clientFor().getAccountInfo());
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', operation: 'accountInfo.get', status: 401 });
  });
});
