import { describe, expect, it } from 'vitest';
import { CrmError, crmClientFromEnv } from '../../src/crm';
import { DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import { BASE_URL, rejection, usePortalServer } from './support';

const usePortal = usePortalServer();

describe('crmClientFromEnv', () => {
  it('names PRIVATE_APP_ACCESS_TOKEN when it is missing', () => {
    const error = (() => {
      try {
        crmClientFromEnv({ HUBSPOT_API_BASE_URL: BASE_URL });
      } catch (thrown) {
        return thrown;
      }
    })();

    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'CONFIGURATION', retryable: false });
    expect((error as Error).message).toMatch(/^PRIVATE_APP_ACCESS_TOKEN is missing/);
  });

  it('treats a blank token as missing', () => {
    expect(() => crmClientFromEnv({ PRIVATE_APP_ACCESS_TOKEN: '   ' })).toThrow(/PRIVATE_APP_ACCESS_TOKEN is missing/);
  });

  it('names HUBSPOT_API_BASE_URL when it is not a URL', () => {
    expect(() => crmClientFromEnv({ PRIVATE_APP_ACCESS_TOKEN: 'x', HUBSPOT_API_BASE_URL: 'api.hubapi.com' })).toThrow(/HUBSPOT_API_BASE_URL must be a URL/);
  });

  it('names HUBSPOT_TIMEOUT_MS when it is not a number of milliseconds', () => {
    expect(() => crmClientFromEnv({ PRIVATE_APP_ACCESS_TOKEN: 'x', HUBSPOT_TIMEOUT_MS: '10s' })).toThrow(/^HUBSPOT_TIMEOUT_MS must be a whole number of milliseconds/);
  });

  it('sends the token from the environment to HUBSPOT_API_BASE_URL', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({ email: 'ann@example.com' });

    const contacts = await crmClientFromEnv({ PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: `${BASE_URL}/` })
      .readContacts([id], ['email']);

    expect(contacts.get(id)?.email).toBe('ann@example.com');
    expect(portal.requests.map((request) => `${request.path} ${request.status}`)).toEqual(['/crm/v3/objects/contacts/batch/read 200']);
  });

  it('is refused by the portal with another token', async () => {
    const portal = usePortal();

    const error = await rejection(crmClientFromEnv({ PRIVATE_APP_ACCESS_TOKEN: 'someone-else', HUBSPOT_API_BASE_URL: BASE_URL }).readContacts(['1'], ['email']));

    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(portal.requests).toHaveLength(1);
  });
});
