/**
 * The recalculation endpoint function, built as HubSpot runs it, against the local portal: through
 * HubSpot's local function runtime, and called as an endpoint with the webhook body.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../../src/crm/verifySignature';
import { BANT_DEFAULT } from '../../../src/models';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../../../src/portal';
import type { RunningPortal } from '../../../src/portal';
import { loadAppFunction } from '../../support/appFunctionRuntime';
import type { AppFunctionRuntime } from '../../support/appFunctionRuntime';
import { defineBantProperties } from '../../support/bantPortal';
import { budgetVariant, editPublishedByHand, seedPublishedModel } from '../../versions/support';

let running: RunningPortal;
let runtime: AppFunctionRuntime;
beforeAll(async () => {
  running = await startPortal({ rateLimit: false });
  defineBantProperties(running.portal, BANT_DEFAULT);
  runtime = await loadAppFunction('bant-recalculate-hsmeta.json', running.url);
});
afterAll(async () => {
  await runtime.close();
  await running.close();
});

function dealWithContact(amount: string) {
  const deal = running.portal.createDeal({ dealname: 'Endpoint', amount, createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
  const contact = running.portal.createContact({ email: `${deal}@fn.example` }).id;
  running.portal.associate('deals', deal, 'contacts', contact);
  return { deal, contact };
}
const batch = (deal: string, propertyName = 'amount') => [{ eventId: Number(deal), subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: Number(deal), propertyName, propertyValue: '' }];

describe('the bant_recalculate function in HubSpot\'s local runtime', () => {
  it('recalculates the contacts of a webhook batch and answers 200', async () => {
    const { deal, contact } = dealWithContact('130000');
    running.portal.requests.clear();
    const response = await runtime.run(batch(deal));
    expect(response).toMatchObject({ statusCode: 200, body: { status: 'ok', contacts: { recalculated: 1, written: 1 } } });
    // HubSpot's local runtime passes no headers and no raw body: nothing proves the caller, so counts only.
    expect(JSON.stringify(response)).not.toMatch(/"id"|"detail"|bant_/);
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_budget_points).toBe('30');
    expect(running.portal.requests.filter((r) => r.path.endsWith('/batch/update'))).toHaveLength(1);
  });

  it('reads nothing but which model is published for an event about a derived property, and writes nothing', async () => {
    running.portal.requests.clear();
    const response = await runtime.run([{ eventId: 1, subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: 5, propertyName: 'bant_grade', propertyValue: 'A' }]);
    expect(response).toMatchObject({ statusCode: 200, body: { status: 'ok', contacts: { recalculated: 0 }, events: { ignored: 1 } } });
    expect(running.portal.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v3/objects/p_bant_model_version/published']);
  });

  it("stamps an answer changed on the record page with the event's time, and ignores the app's own write", async () => {
    const contact = running.portal.createContact({ bant_need: 'partial' }).id;
    const occurredAt = Date.parse('2026-11-20T09:30:00.000Z');
    const event = (eventId: number, sourceId: string) => ({
      eventId, subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: Number(contact), propertyName: 'bant_need', propertyValue: 'partial',
      occurredAt, changeSource: sourceId.startsWith('userId:') ? 'CRM_UI' : 'INTEGRATION', sourceId, appId: Number(running.portal.appId),
    });
    expect(await runtime.run([event(Number(contact) * 10 + 1, running.portal.appId)])).toMatchObject({ statusCode: 200 });
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_need_answered_at).toBeUndefined();
    expect(await runtime.run([event(Number(contact) * 10 + 2, 'userId:75514748')])).toMatchObject({ statusCode: 200 });
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_need_answered_at).toBe('2026-11-20T09:30:00.000Z');
  });

  it('answers 400 naming the problem for a body that is not an event batch', async () => {
    const response = await runtime.run([{ eventId: 'x', subscriptionType: 'object.propertyChange' }]);
    expect(response).toEqual({
      statusCode: 400,
      body: {
        status: 'error', message: 'no valid event in the batch: [0].eventId: "x" is not a record id (expected a positive whole number such as 12345)',
        rejected: [{ index: 0, problem: '[0].eventId: "x" is not a record id (expected a positive whole number such as 12345)' }],
      },
    });
  });

  it('answers 500 so HubSpot redelivers when the token is refused', async () => {
    const { deal } = dealWithContact('10000');
    const response = await runtime.run(batch(deal), { token: 'wrong-token' });
    expect(response).toMatchObject({ statusCode: 500, body: { status: 'error', message: expect.stringMatching(/^could not read the published model: .*\(401\)/) } });
  });

  it('scores with the version published in the portal, and answers 500 (HubSpot redelivers) once it was edited by hand', async () => {
    const objectTypeId = seedPublishedModel(running.portal, budgetVariant(25), 2);
    const { deal, contact } = dealWithContact('130000');
    expect(await runtime.run(batch(deal))).toMatchObject({ statusCode: 200, body: { status: 'ok', contacts: { recalculated: 1, written: 1 } } });
    expect(running.portal.getRecord('contacts', contact)!.properties).toMatchObject({ bant_budget_points: '25', bant_model_version: 'bant-default@2' });

    editPublishedByHand(running.portal, objectTypeId, (json) => json.replace('"points":25', '"points":30'));
    const other = dealWithContact('130000');
    running.portal.requests.clear();
    expect(await runtime.run(batch(other.deal))).toEqual({
      statusCode: 500,
      body: { status: 'error', message: 'could not read the published model: the published model cannot be used: bant-default@2: the stored model does not match its checksum; it was changed outside the BANT app; push a corrected model as a new version (bant model push), then publish it' },
    });
    expect(running.portal.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v3/objects/p_bant_model_version/published']);
    expect(running.portal.getRecord('contacts', other.contact)!.properties.bant_budget_points).toBeUndefined();
    editPublishedByHand(running.portal, objectTypeId, (json) => json.replace('"points":30', '"points":25'));
  });
});

describe('the bant_recalculate function as an endpoint', () => {
  it('takes the webhook body from context.body, as a workflow action callback too', async () => {
    const { main } = createRequire(import.meta.url)(runtime.builtFile) as { main: (context: unknown) => Promise<unknown> };
    const { deal, contact } = dealWithContact('52000');
    process.env.HUBSPOT_API_BASE_URL = running.url;
    try {
      const response = await main({ body: JSON.stringify({ callbackId: 'c1', object: { objectId: deal, objectType: 'DEAL' } }), secrets: { PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN } });
      expect(response).toMatchObject({ statusCode: 200, body: { outputFields: { contacts_recalculated: 1, contacts_written: 1 } } });
      expect(running.portal.getRecord('contacts', contact)!.properties.bant_budget_points).toBe('15');
    } finally {
      delete process.env.HUBSPOT_API_BASE_URL;
    }
  });
});

describe('who may see contacts in the reply', () => {
  const URL = 'https://portal.example.com/hs/serverless/bant/recalculate';
  const SECRET = 'endpoint-secret';
  async function call(body: string, headers: Record<string, string> | undefined) {
    const { main } = createRequire(import.meta.url)(runtime.builtFile) as { main: (context: unknown) => Promise<{ statusCode: number; body: Record<string, unknown> }> };
    process.env.HUBSPOT_API_BASE_URL = running.url;
    try {
      return await main({ body, ...(headers ? { headers } : {}), secrets: { PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_CLIENT_SECRET: SECRET, BANT_RECALC_URL: URL } });
    } finally {
      delete process.env.HUBSPOT_API_BASE_URL;
    }
  }
  const signed = (body: string, secret = SECRET) => {
    const timestamp = Date.now();
    return { 'X-HubSpot-Signature-v3': signRequest('POST', URL, body, secret, timestamp), 'X-HubSpot-Request-Timestamp': String(timestamp) };
  };

  it('names the contacts only to a caller whose v3 signature proves it is HubSpot (raw body and headers passed)', async () => {
    const { deal, contact } = dealWithContact('130000');
    const body = JSON.stringify(batch(deal));
    const response = await call(body, signed(body));
    expect(response).toMatchObject({ statusCode: 200, body: { detail: { contacts: [{ id: contact, status: 'written', score: expect.any(Number) }] } } });
  });

  it('answers counts only when the request carries no signature (as when HubSpot strips headers)', async () => {
    const { deal, contact } = dealWithContact('130000');
    const response = await call(JSON.stringify(batch(deal)), undefined);
    expect(response).toMatchObject({ statusCode: 200, body: { contacts: { recalculated: 1, written: 1 } } });
    expect(JSON.stringify(response)).not.toMatch(new RegExp(`"id"|"detail"|bant_|"${contact}"`));
  });

  it('refuses a request whose signature does not match, before any CRM call', async () => {
    const { deal } = dealWithContact('130000');
    const body = JSON.stringify(batch(deal));
    running.portal.requests.clear();
    const response = await call(body, signed(body, 'not-the-secret'));
    expect(response).toEqual({ statusCode: 401, body: { status: 'error', message: 'the request carries a HubSpot signature that does not match' } });
    expect(running.portal.requests).toHaveLength(0);
  });
});
