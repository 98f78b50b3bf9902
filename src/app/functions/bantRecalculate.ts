/**
 * Entry point of the `bant_recalculate` endpoint function (bundled to dist/bantRecalculate.js by
 * `npm run build:functions`), the HubSpot-hosted alternative to `bant receiver`. HubSpot's webhooks
 * and the "Recalculate BANT score" workflow action POST here; the JSON body arrives as
 * `context.body` (or `context.parameters` when another app function calls it).
 *
 * What reaches the function is not settled: HubSpot's local runtime passes `parameters`, `secrets`,
 * `event` and `propertiesToSend`, never the request's headers or raw body, and HubSpot may strip
 * headers from endpoint requests in production (PLATFORM.md). So the function proves a caller is
 * HubSpot only when it has all of: the raw body (`context.body` as a string, or `context.rawBody`),
 * `X-HubSpot-Signature-v3` and `X-HubSpot-Request-Timestamp` in `context.headers`, the app's client
 * secret (`HUBSPOT_CLIENT_SECRET`) and the URL HubSpot calls (`BANT_RECALC_URL`). Then the reply may
 * name contacts and scores; a signature that does not match is refused (401, no CRM call). Without
 * them the function still recalculates (events are only hints: the handler re-reads CRM state, so a
 * forged request can at most cause a harmless recomputation) but replies with counts only.
 */
import type { CrmClient } from '../../crm';
import { verifySignature } from '../../crm/verifySignature';
import { ACTIVE_MODEL } from '../../models';
import { createEventWindow } from '../../recalc/eventWindow';
import { DELIVERY_DEADLINE_MS, recalculateDelivery } from '../../recalc/recalculateDelivery';
import { createModelResolver } from '../../versions';
import { functionCrm } from './functionCrm';
import type { FunctionContext } from './functionCrm';

/** Each request gets 2 s, so one retry still fits in the delivery's 4 s (HubSpot waits 5 s). */
const ENDPOINT_LIMITS = { timeoutMs: 2_000, deadlineMs: DELIVERY_DEADLINE_MS } as const;
const ENDPOINT_RETRY = { maxAttempts: 3, maxTotalMs: ENDPOINT_LIMITS.deadlineMs, baseDelayMs: 250, maxDelayMs: 1_000 };
/** Kept while HubSpot keeps this function's process warm: replays reaching the same process cost no CRM call. */
const handled = createEventWindow({ maxEvents: 20_000 });
/**
 * The published model: one request per delivery, after the body is checked; kept checked across
 * warm invocations while the published version is unchanged. An unusable one answers 500 (HubSpot redelivers).
 */
const MODELS = createModelResolver({ bundled: ACTIVE_MODEL });

export interface EndpointContext extends FunctionContext {
  /** The request's headers, when HubSpot passes them (names in any case). */
  headers?: Record<string, string | string[] | undefined>;
  /** The request's body exactly as sent, when HubSpot passes it. */
  rawBody?: string;
  method?: string;
}

export async function main(context: EndpointContext = {}): Promise<{ statusCode: number; body: Record<string, unknown> }> {
  const caller = checkCaller(context);
  if (caller === 'forged') return { statusCode: 401, body: { status: 'error', message: 'the request carries a HubSpot signature that does not match' } };
  let json = context.body ?? context.parameters;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (error) {
      return { statusCode: 400, body: { status: 'error', message: `body is not JSON: ${(error as Error).message}` } };
    }
  }
  let crm: CrmClient;
  try {
    crm = functionCrm(context, ENDPOINT_RETRY, ENDPOINT_LIMITS);
  } catch (error) {
    return { statusCode: 500, body: { status: 'error', message: (error as Error).message } };
  }
  const reply = await recalculateDelivery('auto', json, { crm, model: async () => (await MODELS.resolve(crm)).model, now: () => new Date() }, {
    deadlineMs: ENDPOINT_LIMITS.deadlineMs, window: handled, detailed: caller === 'hubspot',
  });
  return { statusCode: reply.status, body: reply.body };
}

/**
 * 'hubspot' when the request's v3 signature checks out, 'forged' when it carries one that does not,
 * 'unknown' when the function cannot tell (no raw body, no signature headers, no secret or URL).
 */
function checkCaller(context: EndpointContext): 'hubspot' | 'forged' | 'unknown' {
  const rawBody = typeof context.rawBody === 'string' ? context.rawBody : typeof context.body === 'string' ? context.body : undefined;
  const signature = headerOf(context.headers, 'x-hubspot-signature-v3');
  const timestamp = headerOf(context.headers, 'x-hubspot-request-timestamp');
  const secret = context.secrets?.HUBSPOT_CLIENT_SECRET ?? process.env.HUBSPOT_CLIENT_SECRET;
  const url = context.secrets?.BANT_RECALC_URL ?? process.env.BANT_RECALC_URL;
  if (rawBody === undefined || !signature || !secret || !url) return 'unknown';
  const check = verifySignature({ method: context.method ?? 'POST', url, rawBody, signature, timestamp }, secret, Date.now());
  return check.ok ? 'hubspot' : 'forged';
}

function headerOf(headers: EndpointContext['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}
