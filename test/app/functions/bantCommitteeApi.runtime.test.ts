/**
 * The built committee function, executed by HubSpot's own local app-function runtime (the one
 * `hs project dev` runs), against the local portal over real HTTP.
 */
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeResponse } from '../../../src/app/cards/lib/committeeApi';
import { BANT_DEFAULT } from '../../../src/models';
import { startPortal } from '../../../src/portal';
import type { RunningPortal } from '../../../src/portal';
import { loadAppFunction } from '../../support/appFunctionRuntime';
import type { AppFunctionRuntime } from '../../support/appFunctionRuntime';
import { defineBantProperties } from '../../support/bantPortal';

let running: RunningPortal;
let runtime: AppFunctionRuntime;

beforeAll(async () => {
  running = await startPortal({ rateLimit: false });
  defineBantProperties(running.portal, BANT_DEFAULT);
  runtime = await loadAppFunction('bant-committee-api-hsmeta.json', running.url);
});

afterAll(async () => {
  await running?.close();
  await runtime?.close();
});

describe("the built bant_committee_api in HubSpot's local runtime", () => {
  it('builds to the entry point its hsmeta names', () => {
    expect(basename(runtime.builtFile)).toBe('bantCommitteeApi.js');
  });

  it("rolls up a deal's committee through the real api-client, within 10 requests", async () => {
    const { portal } = running;
    const deal = portal.createDeal({ dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', dealstage: 'qualifiedtobuy' }).id;
    const maria = portal.createContact({ firstname: 'Maria', lastname: 'Chen', bant_authority: 'c_level', bant_need: 'perfect' }).id;
    portal.associate('deals', deal, 'contacts', maria);
    portal.requests.clear();
    const response = (await runtime.run({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: deal })) as CommitteeResponse;
    if (!response.ok) throw new Error(response.error.message);
    expect(response.data.result.criteria[1]).toMatchObject({ value: 'c_level', from: { kind: 'contact', id: maria, name: 'Maria Chen' } });
    expect(running.portal.requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      'GET /account-info/v3/details 200',
      // Which model is published: this portal has no bant_model_version object yet, so the bundled model scores.
      'GET /crm/v3/objects/p_bant_model_version/published 400',
      'POST /crm/v3/objects/contacts/batch/read 200',
      'POST /crm/v3/objects/deals/batch/read 200',
      'POST /crm/v4/associations/deals/contacts/batch/read 200',
    ]);
  });

  it('refuses a contact record, naming the field and the fix, without calling HubSpot', async () => {
    running.portal.requests.clear();
    const response = (await runtime.run({ action: 'load', portalId: 123, objectTypeId: '0-1', objectId: '5' })) as CommitteeResponse;
    expect(response.ok).toBe(false);
    expect(!response.ok && response.error.message).toContain('objectTypeId: must be "0-3" (a deal) or "0-2" (a company)');
    expect(running.portal.requests).toHaveLength(0);
  });
});
