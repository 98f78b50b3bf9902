/**
 * Entry point of the `bant_settings_api` app function (bundled to dist/bantSettingsApi.js by
 * `npm run build:functions`). The settings page sends its request in `context.parameters`. The
 * access token comes from the app (`context.secrets` or the environment).
 */
import { ACTIVE_MODEL } from '../../models';
import { createModelResolver } from '../../versions';
import { functionCrm } from './functionCrm';
import type { FunctionContext } from './functionCrm';
import { handleSettingsRequest } from './handleSettingsRequest';
import { languageModelSetting } from './languageModel';
// The subscriptions deployed with this function (the same hs project upload): what recalculation listens to.
import deployedWebhooks from '../webhooks/webhooks-hsmeta.json';

/** Stay well inside HubSpot's 15 s function limit: retry briefly, then report. */
const SETTINGS_RETRY = { maxAttempts: 3, maxTotalMs: 5_000, baseDelayMs: 200, maxDelayMs: 1_000 };
/** The published model (one request per call), kept checked while the published version is unchanged. */
const MODELS = createModelResolver({ bundled: ACTIVE_MODEL });

export async function main(context: FunctionContext = {}): ReturnType<typeof handleSettingsRequest> {
  return handleSettingsRequest(context.parameters, {
    crm: () => functionCrm(context, SETTINGS_RETRY),
    model: MODELS,
    now: new Date(),
    deployedWebhooks,
    // HubSpot puts the app's secrets in the environment of the function that declares them.
    languageModel: languageModelSetting(process.env),
  });
}
