/**
 * Entry point of the `bant_card_api` app function (bundled to dist/bantCardApi.js by
 * `npm run build:functions`). HubSpot calls `main(context)`; the card sends its request in
 * `context.parameters`. The access token comes from the app (`context.secrets` or the environment).
 */
import { ACTIVE_MODEL } from '../../models';
import { createModelResolver } from '../../versions';
import { functionCrm } from './functionCrm';
import type { FunctionContext } from './functionCrm';
import type { CardResponse } from '../cards/lib/cardApi';
import { handleCardRequest } from './handleCardRequest';
import { createAccountCache } from './accountDetails';
import { createUserNamesCache } from './cardHistory';
import { createLeadStageCache } from './readContactLead';

/** A card must not wait past HubSpot's 15 s function limit: retry briefly, then report. */
const CARD_RETRY = { maxAttempts: 3, maxTotalMs: 4_000, baseDelayMs: 200, maxDelayMs: 1_000 };
/**
 * The published model, read at every call (one request: a rep sees a publish at the next open);
 * kept checked across warm invocations while the published version is unchanged.
 */
const MODELS = createModelResolver({ bundled: ACTIVE_MODEL });
/** The company currency and time zone, read once per portal while the function stays warm. */
const ACCOUNT = createAccountCache();
/** The account's user names for the history, read once per portal every 10 minutes while warm. */
const NAMES = createUserNamesCache();

/** The labels of custom lead stages, read once per portal while the function stays warm. */
const LEAD_STAGES = createLeadStageCache();

export async function main(context: FunctionContext = {}): Promise<CardResponse> {
  return handleCardRequest(context.parameters, {
    crm: () => functionCrm(context, CARD_RETRY),
    model: MODELS,
    now: new Date(),
    account: ACCOUNT,
    names: NAMES,
    leadStages: LEAD_STAGES,
  });
}
