/**
 * Entry point of the `bant_settings_api` app function (bundled to dist/bantSettingsApi.js by
 * `npm run build:functions`). The settings page sends its request in `context.parameters`. The
 * access token comes from the app (`context.secrets` or the environment).
 */
import { crmClientFromEnv } from '../../crm';
import { ACTIVE_MODEL } from '../../models';
import type { ContactPreview, SettingsOverview, SettingsResponse } from '../settings/lib/settingsApi';
import { handleSettingsRequest } from './handleSettingsRequest';

/** Stay well inside HubSpot's 15 s function limit: retry briefly, then report. */
const SETTINGS_RETRY = { maxAttempts: 3, maxTotalMs: 5_000, baseDelayMs: 200, maxDelayMs: 1_000 };

interface FunctionContext {
  parameters?: unknown;
  secrets?: Record<string, string | undefined>;
}

export async function main(context: FunctionContext = {}): Promise<SettingsResponse<SettingsOverview> | SettingsResponse<ContactPreview>> {
  return handleSettingsRequest(context.parameters, {
    crm: () =>
      crmClientFromEnv(
        {
          PRIVATE_APP_ACCESS_TOKEN: context.secrets?.PRIVATE_APP_ACCESS_TOKEN ?? process.env.PRIVATE_APP_ACCESS_TOKEN,
          HUBSPOT_API_BASE_URL: process.env.HUBSPOT_API_BASE_URL,
        },
        { retry: SETTINGS_RETRY },
      ),
    model: ACTIVE_MODEL,
    now: new Date(),
  });
}
