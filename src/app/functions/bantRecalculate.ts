/**
 * Entry point of the `bant_recalculate` endpoint function (bundled to dist/bantRecalculate.js by
 * `npm run build:functions`), the HubSpot-hosted alternative to `bant receiver`. HubSpot's webhooks
 * and the "Recalculate BANT score" workflow action POST here; the JSON body arrives as
 * `context.body` (or `context.parameters` when another app function calls it).
 *
 * HubSpot may not pass the raw body and signature headers to endpoint functions, so no signature
 * is checked here: events are only hints and the handler re-reads CRM state, so a forged request
 * can at most cause a harmless recomputation. Use `bant receiver` where signatures must be checked.
 */
import type { CrmClient } from '../../crm';
import { ACTIVE_MODEL } from '../../models';
import { recalculateFromBody } from '../../recalc/recalculateFromBody';
import { createModelResolver } from '../../versions';
import { functionCrm } from './functionCrm';
import type { FunctionContext } from './functionCrm';

/** HubSpot stops a function at 15 s: retry briefly, then answer 500 so HubSpot redelivers later. */
const ENDPOINT_RETRY = { maxAttempts: 3, maxTotalMs: 8_000, baseDelayMs: 250, maxDelayMs: 2_000 };
/**
 * The published model: one request per delivery, after the body is checked; kept checked across
 * warm invocations while the published version is unchanged. An unusable one answers 500 (HubSpot redelivers).
 */
const MODELS = createModelResolver({ bundled: ACTIVE_MODEL });

export async function main(context: FunctionContext = {}): Promise<{ statusCode: number; body: Record<string, unknown> }> {
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
    crm = functionCrm(context, ENDPOINT_RETRY);
  } catch (error) {
    return { statusCode: 500, body: { status: 'error', message: (error as Error).message } };
  }
  const reply = await recalculateFromBody('auto', json, { crm, model: async () => (await MODELS.resolve(crm)).model, now: () => new Date() });
  return { statusCode: reply.status, body: reply.body };
}
