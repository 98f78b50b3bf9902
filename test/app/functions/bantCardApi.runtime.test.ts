/**
 * The built function, executed by HubSpot's own local app-function runtime (the one `hs project dev`
 * runs), against the local portal over real HTTP.
 */
import { basename } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CardResponse } from '../../../src/app/cards/lib/cardApi';
import { BANT_DEFAULT } from '../../../src/models';
import { startPortal } from '../../../src/portal';
import type { CustomObjectType, RunningPortal } from '../../../src/portal';
import { loadAppFunction } from '../../support/appFunctionRuntime';
import type { AppFunctionRuntime } from '../../support/appFunctionRuntime';
import { defineBantProperties } from '../../support/bantPortal';
import { budgetVariant, editPublishedByHand, seedPublishedModel } from '../../versions/support';

let running: RunningPortal;
let runtime: AppFunctionRuntime;
let builtFile: string;
let contactId: string;
let objectTypeId: CustomObjectType;

beforeAll(async () => {
  running = await startPortal({ rateLimit: false });
  defineBantProperties(running.portal, BANT_DEFAULT);
  runtime = await loadAppFunction('bant-card-api-hsmeta.json', running.url);
  builtFile = runtime.builtFile;
});

afterAll(async () => {
  await running?.close();
  await runtime?.close();
});

beforeEach(() => {
  contactId = running.portal.createContact({ bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' }).id;
  running.portal.requests.clear();
});

/** Runs the function the way `hs project dev` does, with the token and the portal's URL in the environment. */
async function run(parameters: unknown, token?: string): Promise<CardResponse> {
  return (await runtime.run(parameters, token ? { token } : {})) as CardResponse;
}

describe('the built bant_card_api in HubSpot\'s local runtime', () => {
  it('builds to the entry point its hsmeta names', () => {
    expect(basename(builtFile)).toBe('bantCardApi.js');
  });

  it('loads a contact through the real api-client', async () => {
    const response = await run({ action: 'load', portalId: 123, contactId });
    expect(response.ok && response.data.result).toMatchObject({ score: 80, qualified: true, grade: 'A' });
    expect(running.portal.requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      // The company currency and time zone: read once, then kept while the function stays warm.
      'GET /account-info/v3/details 200',
      // The contact ONCE: its properties and the ids of its deals, company, activities and leads (it has none).
      `GET /crm/v3/objects/contacts/${contactId} 200`,
      // Which model is published: this portal has no bant_model_version object yet, so the bundled model scores.
      'GET /crm/v3/objects/p_bant_model_version/published 400',
      // The names of who changed the answers (the history rides on the contact read): read once, then kept.
      'GET /crm/v3/owners/ 200',
      'GET /crm/v3/properties/contacts 200',
    ]);
  });

  it('sets the verdict by hand and answers with it in the history, named', async () => {
    const rep = running.portal.defineUser({ firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });
    const response = await run({ action: 'override', portalId: 123, contactId, userId: rep.id, verdict: 'not_qualified', reason: 'Hiring freeze until spring' });
    if (!response.ok) throw new Error(response.error.message);
    expect(response.data.result).toMatchObject({ qualified: true, verdict: 'not_qualified' });
    // Written with the first score (the contact was never scored): the score comes first, then the override.
    expect(response.data.history?.changes.map((c) => c.kind).slice(0, 3)).toEqual(['score', 'model', 'override']);
    expect(response.data.history?.changes.find((c) => c.kind === 'override')).toMatchObject({ verdict: 'not_qualified', reason: 'Hiring freeze until spring', by: rep.id });
    expect(response.data.history?.users[rep.id]).toBe('Dana Reyes');
    expect(running.portal.getRecord('contacts', contactId)?.properties).toMatchObject({ bant_override: 'not_qualified', bant_override_by: rep.id, bant_verdict: 'not_qualified' });
  });

  it('saves answers and derived properties in exactly one batch update', async () => {
    const response = await run({ action: 'save', portalId: 123, contactId, answers: { bant_authority: 'director' } });
    expect(response.ok && response.data.result.score).toBe(85);
    const updates = running.portal.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v3/objects/contacts/batch/update');
    expect(updates).toHaveLength(1);
    const [input] = (updates[0]?.body as { inputs: Array<{ id: string; properties: Record<string, string> }> }).inputs;
    expect(input?.id).toBe(contactId);
    expect(input?.properties).toMatchObject({ bant_authority: 'director', bant_score: '85', bant_authority_points: '20', bant_grade: 'A', bant_qualified: 'true', bant_model_version: 'bant-default@1' });
    expect(running.portal.getRecord('contacts', contactId)?.properties).toMatchObject({ bant_authority: 'director', bant_score: '85' });
  });

  it('refuses an invalid answer and writes nothing, having read only which model is published', async () => {
    const response = await run({ action: 'save', portalId: 123, contactId, answers: { bant_budget: 'lots' } });
    expect(response).toEqual({
      ok: false,
      error: {
        code: 'invalid_answers',
        retryable: false,
        message: 'Nothing was saved: 1 answer needs fixing. Budget: "lots" is not a number; enter digits only, like 120000.',
        fields: [{ property: 'bant_budget', criterion: 'budget', value: 'lots', message: 'Budget: "lots" is not a number; enter digits only, like 120000.' }],
      },
    });
    expect(running.portal.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v3/objects/p_bant_model_version/published']);
  });

  it('answers a failure as data, never a stack trace, when the token is wrong', async () => {
    const response = await run({ action: 'load', portalId: 123, contactId }, 'not-the-token');
    expect(!response.ok && response.error).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(JSON.stringify(response)).not.toMatch(/\bat .+\.(js|ts):\d+/);
    // The first request, reading which model is published, is refused: nothing else is asked.
    expect(running.portal.requests.map((r) => r.status)).toEqual([401]);
  });

  it('scores with the version published in the portal from the next call on, and writes its name', async () => {
    objectTypeId = seedPublishedModel(running.portal, budgetVariant(25), 2);
    const loaded = await run({ action: 'load', portalId: 123, contactId });
    expect(loaded.ok && loaded.data.result).toMatchObject({ score: 75, qualified: true });
    expect(loaded.ok && loaded.data.model.version).toBe('bant-default@2');
    const saved = await run({ action: 'save', portalId: 123, contactId, answers: { bant_authority: 'director' } });
    expect(saved.ok && saved.data.result.score).toBe(80);
    expect(running.portal.getRecord('contacts', contactId)?.properties).toMatchObject({ bant_budget_points: '25', bant_model_version: 'bant-default@2' });
    expect(running.portal.requests.filter((r) => r.path === '/crm/v3/objects/p_bant_model_version/published')).toHaveLength(2);
  });

  it('refuses to score with a published model edited by hand in HubSpot, and writes nothing', async () => {
    editPublishedByHand(running.portal, objectTypeId, (json) => json.replace('"points":25', '"points":30'));
    const response = await run({ action: 'save', portalId: 123, contactId, answers: { bant_authority: 'director' } });
    expect(!response.ok && response.error).toMatchObject({
      code: 'model_invalid', retryable: false,
      problems: [{ path: '', message: 'the published model cannot be used: bant-default@2: the stored model does not match its checksum; it was changed outside the BANT app; push a corrected model as a new version (bant model push), then publish it' }],
    });
    expect(running.portal.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v3/objects/p_bant_model_version/published']);
  });
});
