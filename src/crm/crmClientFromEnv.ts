import { z } from 'zod';
import type { CrmClient, CrmClientOptions } from './createCrmClient';
import { createCrmClient, DEFAULT_HUBSPOT_API_BASE_URL } from './createCrmClient';
import { CrmError } from './CrmError';

const crmEnv = z.object({
  PRIVATE_APP_ACCESS_TOKEN: z.string().trim().min(1, 'PRIVATE_APP_ACCESS_TOKEN is missing: set it to the private app\'s access token (HubSpot → Development → Private apps → Auth).'),
  HUBSPOT_API_BASE_URL: z.url({ protocol: /^https?$/, error: 'HUBSPOT_API_BASE_URL must be a URL such as https://api.hubapi.com or http://127.0.0.1:4010 for the local portal.' }).optional(),
  HUBSPOT_TIMEOUT_MS: z.string().regex(/^[1-9]\d{0,6}$/, 'HUBSPOT_TIMEOUT_MS must be a whole number of milliseconds from 1 to 9999999, such as 10000 (the default: 10 s per request).').transform(Number).optional(),
});

/**
 * Builds the CRM client from PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL (default
 * https://api.hubapi.com) and HUBSPOT_TIMEOUT_MS (per request, default 10 s; `options.timeoutMs` wins).
 */
export function crmClientFromEnv(
  env: Record<string, string | undefined> = process.env,
  options: Omit<CrmClientOptions, 'accessToken' | 'baseUrl'> = {},
): CrmClient {
  const parsed = crmEnv.safeParse({
    PRIVATE_APP_ACCESS_TOKEN: env.PRIVATE_APP_ACCESS_TOKEN ?? '',
    HUBSPOT_API_BASE_URL: env.HUBSPOT_API_BASE_URL?.trim() || undefined,
    HUBSPOT_TIMEOUT_MS: env.HUBSPOT_TIMEOUT_MS?.trim() || undefined,
  });
  if (!parsed.success) {
    throw new CrmError({
      code: 'CONFIGURATION', operation: 'crmClientFromEnv', retryable: false,
      message: parsed.error.issues.map((issue) => issue.message).join(' '),
    });
  }
  const timeoutMs = options.timeoutMs ?? parsed.data.HUBSPOT_TIMEOUT_MS;
  return createCrmClient({
    ...options,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    accessToken: parsed.data.PRIVATE_APP_ACCESS_TOKEN,
    baseUrl: (parsed.data.HUBSPOT_API_BASE_URL ?? DEFAULT_HUBSPOT_API_BASE_URL).replace(/\/+$/, ''),
  });
}
