/**
 * Entry point of the `bant_committee_api` app function (bundled to dist/bantCommitteeApi.js by
 * `npm run build:functions`): the committee card on deals and companies sends its load in
 * `context.parameters`. The access token comes from the app (`context.secrets` or the environment).
 */
import { ACTIVE_MODEL } from '../../models';
import { createModelResolver } from '../../versions';
import type { CommitteeResponse } from '../cards/lib/committeeApi';
import { createAccountCache } from './accountDetails';
import { functionCrm } from './functionCrm';
import type { FunctionContext } from './functionCrm';
import { handleCommitteeRequest } from './handleCommitteeRequest';

/** A card must not wait past HubSpot's 15 s function limit: retry briefly, then report. */
const CARD_RETRY = { maxAttempts: 3, maxTotalMs: 4_000, baseDelayMs: 200, maxDelayMs: 1_000 };
/** The published model, read at every call; kept checked across warm invocations while unchanged. */
const MODELS = createModelResolver({ bundled: ACTIVE_MODEL });
/** The company currency, read once per portal while the function stays warm. */
const ACCOUNT = createAccountCache();

export async function main(context: FunctionContext = {}): Promise<CommitteeResponse> {
  return handleCommitteeRequest(context.parameters, {
    crm: () => functionCrm(context, CARD_RETRY),
    model: MODELS,
    now: new Date(),
    account: ACCOUNT,
  });
}
