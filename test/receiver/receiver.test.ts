import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { receiverCrmOptions } from '../../src/cli/receiver';
import { createCrmClient, createRateLimiter, HUBSPOT_RATE_LIMIT } from '../../src/crm';
import { signRequest } from '../../src/crm/verifySignature';
import { derivedPropertiesChanged, derivedPropertyNames, scoreLead, toDerivedProperties } from '../../src/engine';
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
  const text = await response.text();
  return { status: response.status, text, headers: response.headers, body: JSON.parse(text) as ReplyBody };
}

interface ReplyBody {
  status?: string;
  message?: string;
  contacts?: Record<string, number>;
  events?: Record<string, number>;
  rejected?: Array<{ index: number; eventId?: string; problem: string }>;
  outputFields?: Record<string, number>;
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
    expect(reply.body).toEqual({
      status: 'ok', message: '1 contact(s) recalculated, 1 written, 0 unchanged',
      events: { received: 1, replayed: 0, rejected: 0, ignored: 0, duplicates: 0 }, contacts: { recalculated: 1, written: 1 },
    });
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_budget_points).toBe('30');
  });

  it('replies with counts only: no contact id, score or value reaches whoever called', async () => {
    const { deal, contact } = dealWithContact('120000');
    const reply = await post('/webhooks', amountEvent(deal));
    expect(reply.status).toBe(200);
    const stored = running.portal.getRecord('contacts', contact)!.properties;
    for (const secret of [contact, stored.bant_score, stored.bant_grade, 'bant_']) expect(reply.text).not.toContain(`"${secret}`);
    expect(lines.at(-1)).toContain('1 contact(s) recalculated, 1 written');
  });

  it('rejects a wrong signature with 401 before any CRM call', async () => {
    const { deal, contact } = dealWithContact('120000');
    const reply = await post('/webhooks', amountEvent(deal), { secret: 'not-the-secret' });
    expect({ status: reply.status, body: reply.body }).toEqual({ status: 401, body: { status: 'error', message: 'signature does not match; check HUBSPOT_CLIENT_SECRET and the public URL HubSpot calls' } });
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
    expect({ status: reply.status, body: reply.body }).toEqual({ status: 401, body: { status: 'error', message: 'stale request: signed 300 s ago, more than 5 minutes' } });
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
    expect(reply.body.message).toBe('no valid event in the batch: [0].eventId: is missing');
    expect(running.portal.requests).toHaveLength(0);
    expect((await post('/webhooks', JSON.stringify({ eventId: 1 }))).body.message).toBe('malformed body: expected a JSON array of HubSpot webhook events');
  });

  it('answers 500 when a write fails, so HubSpot redelivers, and the redelivery succeeds', async () => {
    const { deal, contact } = dealWithContact('70000');
    running.portal.failNext({ path: /\/batch\/update$/, count: 2, status: 503 });
    const failed = await post('/webhooks', amountEvent(deal));
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ status: 'error', message: '1 of 1 contact(s), 0 committee(s) and 0 stage move(s) not written; HubSpot will redeliver' });
    const retried = await post('/webhooks', amountEvent(deal));
    expect(retried.status).toBe(200);
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_budget_points).toBe('15');
  });
});

describe('deliveries side by side', () => {
  it('share their association reads when the receiver is built as bant receiver builds it, and every contact is scored right', async () => {
    const limiter = createRateLimiter(HUBSPOT_RATE_LIMIT);
    const crm = createCrmClient({ ...receiverCrmOptions({}), accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: running.url, limiter });
    const shared = await startReceiver({ crm, model: BANT_DEFAULT, now: () => NOW, clock: () => NOW.getTime(), clientSecret: SECRET });
    const leads = [dealWithContact('120000'), dealWithContact('9000'), dealWithContact('60000')];
    try {
      // The limiter is busy for a moment: the three deliveries' first reads wait for it side by side.
      limiter.holdFor(500);
      const replies = await Promise.all(leads.map(async ({ deal }) => {
        const url = `${shared.url}/webhooks`;
        const body = amountEvent(deal);
        const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'X-HubSpot-Signature-v3': signRequest('POST', url, body, SECRET, NOW.getTime()), 'X-HubSpot-Request-Timestamp': String(NOW.getTime()) } });
        return response.status;
      }));

      expect(replies).toEqual([200, 200, 200]);
      const dealContactReads = running.portal.requests.filter((r) => r.path === '/crm/v4/associations/deals/contacts/batch/read');
      expect(dealContactReads.map((r) => (r.body as { inputs: Array<{ id: string }> }).inputs.map((input) => input.id).sort())).toEqual([leads.map((lead) => lead.deal).sort()]);
      for (const { contact } of leads) {
        const stored = running.portal.getRecord('contacts', contact)!.properties;
        const deals = running.portal.associatedIds('contacts', contact, 'deals').map((id) => ({ id, properties: running.portal.getRecord('deals', id)!.properties }));
        const expected = toDerivedProperties(BANT_DEFAULT, scoreLead(BANT_DEFAULT, { contact: stored, deals }, NOW), NOW);
        expect(derivedPropertiesChanged(Object.fromEntries(derivedPropertyNames(BANT_DEFAULT).map((name) => [name, stored[name]])), expected)).toEqual([]);
      }
    } finally {
      await shared.close();
    }
  });
});

describe('events', () => {
  const change = (objectId: unknown, eventId: number) => ({ eventId, subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId, propertyName: 'amount', propertyValue: '120000' });

  it('recalculates the valid events of a batch and names the malformed ones in the reply and the log', async () => {
    const { deal, contact } = dealWithContact('120000');
    const reply = await post('/webhooks', JSON.stringify([change('abc', 901), change(Number(deal), 902), change(-5, 903), change(1e21, 904)]));

    expect(reply.status).toBe(200);
    expect(reply.body.rejected).toEqual([
      { index: 0, eventId: '901', problem: '[0].objectId: "abc" is not a record id (expected a positive whole number such as 12345)' },
      { index: 2, eventId: '903', problem: '[2].objectId: -5 is not a record id (expected a positive whole number such as 12345)' },
      { index: 3, eventId: '904', problem: '[3].objectId: 1e+21 is not a record id (expected a positive whole number such as 12345)' },
    ]);
    expect(reply.body.events).toMatchObject({ received: 4, rejected: 3 });
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_budget_points).toBe('30');
    expect(lines.at(-1)).toContain('malformed: [0].objectId: "abc" is not a record id');
  });

  it('answers 400 naming every malformed event when none is valid, before any CRM call', async () => {
    const reply = await post('/webhooks', JSON.stringify([change('abc', 911), change(0, 912)]));
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('no valid event in the batch: [0].objectId: "abc" is not a record id (expected a positive whole number such as 12345); [1].objectId: 0 is not a record id (expected a positive whole number such as 12345)');
    expect(running.portal.requests).toHaveLength(0);
  });

  it('answers a replay of a handled delivery without any CRM call', async () => {
    const { deal } = dealWithContact('120000');
    const body = amountEvent(deal);
    expect((await post('/webhooks', body)).status).toBe(200);
    running.portal.requests.clear();

    const replay = await post('/webhooks', body);

    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ message: '1 event(s) already handled; nothing to do', events: { received: 1, replayed: 1 } });
    expect(running.portal.requests).toHaveLength(0);
  });

  it('answers 422 when redelivering cannot succeed, and logs why', async () => {
    const { deal } = dealWithContact('120000');
    running.portal.failNext({ path: /\/associations\/deals\/contacts\/batch\/read$/, status: 404 });
    const reply = await post('/webhooks', amountEvent(deal));
    expect(reply.status).toBe(422);
    expect(reply.body.message).toBe('could not recalculate; redelivering cannot help, see the log');
    expect(lines.at(-1)).toMatch(/→ 422 could not recalculate: .*not found \(404\).*redelivering cannot succeed, so HubSpot is told to stop$/);
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

describe('deadline, load and shutdown', () => {
  /** A receiver of its own on the same portal, for limits the shared one does not have. */
  async function receiverWith(options: { deadlineMs?: number; maxInFlight?: number }) {
    const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: running.url, timeoutMs: 10_000 });
    const own = await startReceiver({ crm, model: BANT_DEFAULT, now: () => NOW, clientSecret: SECRET, ...options });
    const send = async (body: string) => {
      const timestamp = Date.now();
      const url = `${own.url}/webhooks`;
      const response = await fetch(url, { method: 'POST', body, headers: { 'X-HubSpot-Signature-v3': signRequest('POST', url, body, SECRET, timestamp), 'X-HubSpot-Request-Timestamp': String(timestamp) } });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as ReplyBody };
    };
    return { own, send };
  }
  const hung = () => running.portal.requests.filter((r) => r.status === 0).length;
  async function until(condition: () => boolean) {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  it('answers 500 at the deadline when HubSpot never answers, so HubSpot redelivers', async () => {
    const { own, send } = await receiverWith({ deadlineMs: 300 });
    try {
      const { deal } = dealWithContact('120000');
      running.portal.failNext({ path: /\/associations\/deals\/contacts\/batch\/read$/, hang: true });
      const reply = await send(amountEvent(deal));
      expect(reply).toEqual({ status: 500, retryAfter: null, body: { status: 'error', message: 'not finished within 0.3 s (HubSpot waits 5 s); HubSpot will redeliver' } });
      expect(hung()).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('sheds a burst beyond what it can finish in time with 429 and Retry-After, asking HubSpot nothing for them', async () => {
    const { own, send } = await receiverWith({ deadlineMs: 1_000, maxInFlight: 2 });
    try {
      running.portal.failNext({ path: /\/associations\/deals\/contacts\/batch\/read$/, hang: true, count: 2 });
      const first = [send(amountEvent(dealWithContact('1000').deal)), send(amountEvent(dealWithContact('2000').deal))];
      await until(() => hung() === 2);
      const burst = await Promise.all([1, 2, 3, 4].map(() => send(amountEvent(dealWithContact('3000').deal))));

      expect(burst.map((r) => [r.status, r.retryAfter])).toEqual(new Array(4).fill([429, '1']));
      expect(running.portal.requests).toHaveLength(2);
      expect((await Promise.all(first)).map((r) => r.status)).toEqual([500, 500]);
    } finally {
      await own.close();
    }
  });

  it('on close, refuses new deliveries and answers those still in flight after the grace period with 500', async () => {
    const { own, send } = await receiverWith({ deadlineMs: 60_000 });
    running.portal.failNext({ path: /\/associations\/deals\/contacts\/batch\/read$/, hang: true });
    const inFlight = send(amountEvent(dealWithContact('1000').deal));
    await until(() => hung() === 1);

    await own.close({ graceMs: 50 });

    expect(await inFlight).toEqual({ status: 500, retryAfter: null, body: { status: 'error', message: 'the receiver is stopping; HubSpot will redeliver' } });
    await expect(send('[]')).rejects.toThrow();
  });
});
