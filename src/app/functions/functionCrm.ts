import { crmClientFromEnv } from '../../crm';
import type { CrmClient, RetryPolicy } from '../../crm';

/** What HubSpot passes every app function: the card's parameters, an endpoint's body, the app's secrets. */
export interface FunctionContext {
  parameters?: unknown;
  body?: unknown;
  secrets?: Record<string, string | undefined>;
}

/**
 * HubSpot stops an app function at 15 s. Each request gets 4 s (HubSpot's batch calls answer well
 * within that), and every call of one invocation stops at 12 s, so the function still answers with
 * a clear error instead of being cut off.
 */
export const FUNCTION_LIMITS = { timeoutMs: 4_000, deadlineMs: 12_000 } as const;

/**
 * The CRM client of an app function: the app's token from `context.secrets` (HubSpot) or the
 * environment (`hs project dev`, tests), HUBSPOT_API_BASE_URL for a local portal, a retry budget,
 * a timeout per request and a deadline for the whole invocation inside HubSpot's 15 s limit.
 */
export function functionCrm(context: FunctionContext, retry: Partial<RetryPolicy>, limits: { timeoutMs: number; deadlineMs: number } = FUNCTION_LIMITS): CrmClient {
  return crmClientFromEnv(
    { PRIVATE_APP_ACCESS_TOKEN: context.secrets?.PRIVATE_APP_ACCESS_TOKEN ?? process.env.PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL: process.env.HUBSPOT_API_BASE_URL },
    { retry, timeoutMs: limits.timeoutMs, signal: AbortSignal.timeout(limits.deadlineMs) },
  );
}
