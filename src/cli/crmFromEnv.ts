import { createRateLimiter, crmClientFromEnv, CrmError, DEFAULT_HUBSPOT_API_BASE_URL, HUBSPOT_RATE_LIMIT, HUBSPOT_SEARCH_RATE_LIMIT } from '../crm';
import type { CrmClient, CrmClientOptions } from '../crm';
import { UsageError } from './io';

/**
 * The CRM client a command uses: PRIVATE_APP_ACCESS_TOKEN and HUBSPOT_API_BASE_URL from the
 * environment, one limiter for HubSpot's 190 requests per 10 s and one for search's 5 per second,
 * shared by every call the command makes. A missing variable is the user's to fix: exit status 2.
 */
export function crmFromEnv(env: NodeJS.ProcessEnv, options: Omit<CrmClientOptions, 'accessToken' | 'baseUrl' | 'limiter'> = {}): { crm: CrmClient; baseUrl: string } {
  try {
    const crm = crmClientFromEnv(env, {
      ...options,
      limiter: { requests: createRateLimiter(HUBSPOT_RATE_LIMIT), search: createRateLimiter(HUBSPOT_SEARCH_RATE_LIMIT) },
    });
    return { crm, baseUrl: env.HUBSPOT_API_BASE_URL?.trim() || DEFAULT_HUBSPOT_API_BASE_URL };
  } catch (error) {
    if (error instanceof CrmError && error.code === 'CONFIGURATION') throw new UsageError(error.message);
    throw error;
  }
}
