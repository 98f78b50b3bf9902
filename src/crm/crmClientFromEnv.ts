import { z } from 'zod';
import type { CrmClient, CrmClientOptions } from './createCrmClient';
import { createCrmClient, DEFAULT_HUBSPOT_API_BASE_URL } from './createCrmClient';
import { CrmError } from './CrmError';

const crmEnv = z.object({
  PRIVATE_APP_ACCESS_TOKEN: z.string().trim().min(1, 'PRIVATE_APP_ACCESS_TOKEN is missing: set it to the private app\'s access token (HubSpot → Development → Private apps → Auth).'),
  HUBSPOT_API_BASE_URL: z.url({ protocol: /^https?$/, error: 'HUBSPOT_API_BASE_URL must be a URL such as https://api.hubapi.com or http://127.0.0.1:4010 for the local portal.' }).optional(),
});

/** Builds the CRM client from PRIVATE_APP_ACCESS_TOKEN and HUBSPOT_API_BASE_URL (default https://api.hubapi.com). */
export function crmClientFromEnv(
  env: Record<string, string | undefined> = process.env,
  options: Omit<CrmClientOptions, 'accessToken' | 'baseUrl'> = {},
): CrmClient {
  const parsed = crmEnv.safeParse({
    PRIVATE_APP_ACCESS_TOKEN: env.PRIVATE_APP_ACCESS_TOKEN ?? '',
    HUBSPOT_API_BASE_URL: env.HUBSPOT_API_BASE_URL?.trim() || undefined,
  });
  if (!parsed.success) {
    throw new CrmError({
      code: 'CONFIGURATION', operation: 'crmClientFromEnv', retryable: false,
      message: parsed.error.issues.map((issue) => issue.message).join(' '),
    });
  }
  return createCrmClient({
    ...options,
    accessToken: parsed.data.PRIVATE_APP_ACCESS_TOKEN,
    baseUrl: (parsed.data.HUBSPOT_API_BASE_URL ?? DEFAULT_HUBSPOT_API_BASE_URL).replace(/\/+$/, ''),
  });
}
