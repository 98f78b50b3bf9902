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
import { formatProblem } from '../../engine';
import { ACTIVE_MODEL } from '../../models';
import { recalculateFromBody } from '../../recalc/recalculateFromBody';
import { functionCrm } from './functionCrm';
import type { FunctionContext } from './functionCrm';

/** HubSpot stops a function at 15 s: retry briefly, then answer 500 so HubSpot redelivers later. */
const ENDPOINT_RETRY = { maxAttempts: 3, maxTotalMs: 8_000, baseDelayMs: 250, maxDelayMs: 2_000 };

export async function main(context: FunctionContext = {}): Promise<{ statusCode: number; body: Record<string, unknown> }> {
  if (!ACTIVE_MODEL.ok) {
    return { statusCode: 500, body: { status: 'error', message: `the active model is invalid: ${ACTIVE_MODEL.problems.map(formatProblem).join('; ')}` } };
  }
  let json = context.body ?? context.parameters;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (error) {
      return { statusCode: 400, body: { status: 'error', message: `body is not JSON: ${(error as Error).message}` } };
    }
  }
  let crm;
  try {
    crm = functionCrm(context, ENDPOINT_RETRY);
  } catch (error) {
    return { statusCode: 500, body: { status: 'error', message: (error as Error).message } };
  }
  const reply = await recalculateFromBody('auto', json, { crm, model: ACTIVE_MODEL.model, now: () => new Date() });
  return { statusCode: reply.status, body: reply.body };
}
