import { crmClientFromEnv } from '../../crm';
import type { CrmClient, RetryPolicy } from '../../crm';

/** What HubSpot passes every app function: the card's parameters, an endpoint's body, the app's secrets. */
export interface FunctionContext {
  parameters?: unknown;
  body?: unknown;
  secrets?: Record<string, string | undefined>;
}

/**
 * The CRM client of an app function: the app's token from `context.secrets` (HubSpot) or the
 * environment (`hs project dev`, tests), HUBSPOT_API_BASE_URL for a local portal, and a retry
 * budget that keeps the function inside HubSpot's 15 s limit.
 */
export function functionCrm(context: FunctionContext, retry: Partial<RetryPolicy>): CrmClient {
  return crmClientFromEnv(
    { PRIVATE_APP_ACCESS_TOKEN: context.secrets?.PRIVATE_APP_ACCESS_TOKEN ?? process.env.PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL: process.env.HUBSPOT_API_BASE_URL },
    { retry },
  );
}
