/**
 * The built bant_settings_api, executed by HubSpot's own local app-function runtime (the one
 * `hs project dev` runs), against the local portal over real HTTP.
 */
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../../src/models';
import { startPortal } from '../../../src/portal';
import type { RunningPortal } from '../../../src/portal';
import type { ContactPreview, SettingsOverview, SettingsResponse } from '../../../src/app/settings/lib/settingsApi';
import { loadAppFunction } from '../../support/appFunctionRuntime';
import type { AppFunctionRuntime } from '../../support/appFunctionRuntime';
import { defineBantProperties } from '../../support/bantPortal';
import { budgetVariant, seedPublishedModel } from '../../versions/support';

let running: RunningPortal;
let runtime: AppFunctionRuntime;
let builtFile: string;

beforeAll(async () => {
  running = await startPortal({ rateLimit: false });
  defineBantProperties(running.portal, BANT_DEFAULT);
  runtime = await loadAppFunction('bant-settings-api-hsmeta.json', running.url);
  builtFile = runtime.builtFile;
});

afterAll(async () => {
  await running?.close();
  await runtime?.close();
});

/** Runs the function the way `hs project dev` does, with the token and the portal's URL in the environment. */
const run = (parameters: unknown): Promise<unknown> => runtime.run(parameters);

describe("the built bant_settings_api in HubSpot's local runtime", () => {
  it('builds to the entry point its hsmeta names', () => {
    expect(basename(builtFile)).toBe('bantSettingsApi.js');
  });

  it('answers the overview with the bundled model and the mapping checks, through the real api-client', async () => {
    running.portal.requests.clear();
    const response = (await run({ action: 'overview' })) as SettingsResponse<SettingsOverview>;
    expect(response.ok && response.data.model?.version).toBe('bant-default@1');
    expect(response.ok && response.data.check).toEqual({ checked: true, mappings: 30, problems: [], warnings: [] });
    expect(response.ok && response.data.modelSource).toMatchObject({ kind: 'bundled', version: null, description: expect.stringMatching(/^the bundled model bant-default@1: this portal has no bant_model_version object yet/) });
    // Which model is published (none: no versions object yet), the properties for the checks and the source picker, and the versions.
    expect(running.portal.requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      'GET /crm/v3/objects/p_bant_model_version 400', 'GET /crm/v3/objects/p_bant_model_version/published 400', 'GET /crm/v3/objects/p_bant_model_version/published 400',
      'GET /crm/v3/objects/p_bant_model_version/rescore 400', 'GET /crm/v3/properties/companies 200', 'GET /crm/v3/properties/contacts 200', 'GET /crm/v3/properties/deals 200',
    ]);
  });

  it('scores a contact found by email', async () => {
    running.portal.createContact({ email: 'grace@example.com', bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' });
    const response = (await run({ action: 'preview', contact: 'grace@example.com' })) as SettingsResponse<ContactPreview>;
    expect(response.ok && response.data.result).toMatchObject({ score: 80, qualified: true, grade: 'A' });
  });

  it('shows and scores with the version published in the portal once there is one', async () => {
    seedPublishedModel(running.portal, budgetVariant(25), 2);
    const overview = (await run({ action: 'overview' })) as SettingsResponse<SettingsOverview>;
    expect(overview.ok && overview.data.modelSource).toMatchObject({ kind: 'portal', description: 'the published version bant-default@2', version: { number: 2, name: 'bant-default@2', publishedBy: 'ann' } });
    expect(overview.ok && overview.data.model?.version).toBe('bant-default@2');
    const preview = (await run({ action: 'preview', contact: 'grace@example.com' })) as SettingsResponse<ContactPreview>;
    expect(preview.ok && preview.data.result).toMatchObject({ score: 75, qualified: true });
  });
});
