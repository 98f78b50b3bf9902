import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCrmClient } from '../../src/crm';
import { signRequest } from '../../src/crm/verifySignature';
import { BANT_DEFAULT } from '../../src/models';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../../src/portal';
import type { RunningPortal } from '../../src/portal';
import { startReceiver } from '../../src/receiver/startReceiver';
import { defineBantProperties } from '../support/bantPortal';

const SECRET = 'client-secret-for-tests';
const NOW = new Date('2026-11-23T10:00:00.000Z');
let running: RunningPortal;
let receiver: { url: string; close: () => Promise<void> };
const lines: string[] = [];

beforeAll(async () => {
  running = await startPortal({ rateLimit: false });
  defineBantProperties(running.portal, BANT_DEFAULT);
  const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: running.url, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxTotalMs: 200 } });
  receiver = await startReceiver({ crm, model: BANT_DEFAULT, now: () => NOW, clock: () => NOW.getTime(), clientSecret: SECRET, log: (line) => lines.push(line) });
});
afterAll(async () => {
  await receiver.close();
  await running.close();
});
beforeEach(() => running.portal.requests.clear());

async function post(path: string, body: string, options: { secret?: string; timestamp?: number; signature?: string } = {}) {
  const timestamp = options.timestamp ?? NOW.getTime();
  const url = `${receiver.url}${path}`;
  const signature = options.signature ?? signRequest('POST', url, body, options.secret ?? SECRET, timestamp);
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) } });
  return { status: response.status, body: (await response.json()) as { message?: string; ok?: boolean; contacts?: Array<{ id: string; status: string }>; outputFields?: Record<string, number> } };
}

function dealWithContact(amount: string) {
  const deal = running.portal.createDeal({ dealname: 'Signed', amount, createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
  const contact = running.portal.createContact({ email: `${deal}@acme.example` }).id;
  running.portal.associate('deals', deal, 'contacts', contact);
  return { deal, contact };
}
const amountEvent = (deal: string, eventId = Number(deal) * 10) =>
  JSON.stringify([{ eventId, subscriptionId: 1, portalId: 1, appId: 1, occurredAt: NOW.getTime(), subscriptionType: 'object.propertyChange', attemptNumber: 0, objectId: Number(deal), objectTypeId: '0-3', propertyName: 'amount', propertyValue: '120000', changeSource: 'CRM_UI' }]);

describe('POST /webhooks', () => {
  it('recalculates a signed batch and answers 200 after writing', async () => {
    const { deal, contact } = dealWithContact('120000');
    const reply = await post('/webhooks', amountEvent(deal));
    expect(reply.status).toBe(200);
    expect(reply.body.contacts).toEqual([expect.objectContaining({ id: contact, status: 'written' })]);
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_budget_points).toBe('30');
  });

  it('rejects a wrong signature with 401 before any CRM call', async () => {
    const { deal, contact } = dealWithContact('120000');
    const reply = await post('/webhooks', amountEvent(deal), { secret: 'not-the-secret' });
    expect(reply).toEqual({ status: 401, body: { status: 'error', message: 'signature does not match; check HUBSPOT_CLIENT_SECRET and the public URL HubSpot calls' } });
    expect(running.portal.requests).toHaveLength(0);
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_score).toBeUndefined();
  });

  it('rejects a body changed after signing', async () => {
    const { deal } = dealWithContact('120000');
    const signature = signRequest('POST', `${receiver.url}/webhooks`, amountEvent(deal), SECRET, NOW.getTime());
    const reply = await post('/webhooks', amountEvent(deal, 1), { signature });
    expect(reply.status).toBe(401);
    expect(running.portal.requests).toHaveLength(0);
  });

  it('rejects a timestamp older than five minutes with 401', async () => {
    const { deal } = dealWithContact('120000');
    const reply = await post('/webhooks', amountEvent(deal), { timestamp: NOW.getTime() - 5 * 60 * 1000 - 1 });
    expect(reply).toEqual({ status: 401, body: { status: 'error', message: 'stale request: signed 300 s ago, more than 5 minutes' } });
    expect(running.portal.requests).toHaveLength(0);
  });

  it('rejects a signed body that is not JSON with 400 and a clear message', async () => {
    const reply = await post('/webhooks', '[{"eventId": 1,');
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/^body is not JSON: /);
    expect(running.portal.requests).toHaveLength(0);
  });

  it('rejects a signed body that is not a batch of events with 400 naming the field', async () => {
    const reply = await post('/webhooks', JSON.stringify([{ subscriptionType: 'object.propertyChange' }]));
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('malformed body: [0].eventId: is missing');
    expect(running.portal.requests).toHaveLength(0);
  });

  it('answers 500 when a write fails, so HubSpot redelivers, and the redelivery succeeds', async () => {
    const { deal, contact } = dealWithContact('70000');
    running.portal.failNext({ path: /\/batch\/update$/, count: 2, status: 503 });
    const failed = await post('/webhooks', amountEvent(deal));
    expect(failed.status).toBe(500);
    expect(failed.body.ok).toBe(false);
    const retried = await post('/webhooks', amountEvent(deal));
    expect(retried.status).toBe(200);
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_budget_points).toBe('15');
  });
});

describe('POST /workflow-action', () => {
  it("recalculates the enrolled deal's contacts and answers with output fields", async () => {
    const { deal, contact } = dealWithContact('55000');
    const reply = await post('/workflow-action', JSON.stringify({ callbackId: 'cb-1', origin: { portalId: 1 }, object: { objectId: Number(deal), objectType: 'DEAL' }, inputFields: {} }));
    expect(reply.status).toBe(200);
    expect(reply.body.outputFields).toEqual({ contacts_recalculated: 1, contacts_written: 1 });
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_budget_points).toBe('15');
  });
});

describe('POST /', () => {
  it('takes webhooks and workflow callbacks at one URL, as BANT_RECALC_URL sends both', async () => {
    const webhook = dealWithContact('101000');
    const callback = dealWithContact('51000');
    const batch = await post('/', amountEvent(webhook.deal));
    const action = await post('/', JSON.stringify({ callbackId: 'cb-2', object: { objectId: Number(callback.deal), objectType: 'DEAL' } }));
    expect([batch.status, action.status]).toEqual([200, 200]);
    expect(action.body.outputFields).toEqual({ contacts_recalculated: 1, contacts_written: 1 });
    expect(running.portal.getRecord('contacts', webhook.contact)!.properties.bant_budget_points).toBe('30');
    expect(running.portal.getRecord('contacts', callback.contact)!.properties.bant_budget_points).toBe('15');
  });
});

describe('other requests', () => {
  it('answers 404 for unknown paths and 405 for other methods', async () => {
    expect((await fetch(`${receiver.url}/nope`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${receiver.url}/webhooks`)).status).toBe(405);
    expect((await fetch(`${receiver.url}/health`)).status).toBe(200);
  });
});
