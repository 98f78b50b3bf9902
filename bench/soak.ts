/**
 * Soak test of recalculation (issue 6), run by `npm run bench`, never by `npm test`: signed webhook
 * batches through the receiver into the local portal with its rate limit on and 10% 429s + 5% 500s
 * injected. HubSpot's behaviour is imitated: batches of up to 100 events, shuffled, some delivered
 * twice, failed deliveries redelivered. At the end every contact's stored result must equal
 * `scoreLead` on its final state.
 */
import { createCrmClient } from '../src/crm';
import { signRequest } from '../src/crm/verifySignature';
import { derivedPropertyNames, scoreLead, toDerivedProperties, derivedPropertiesChanged } from '../src/engine';
import { BANT_DEFAULT } from '../src/models';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../src/portal';
import type { Portal } from '../src/portal';
import { refreshContacts } from '../src/recalc/refreshContacts';
import { startReceiver } from '../src/receiver/startReceiver';
import { defineBantProperties } from '../test/support/bantPortal';
import { createRandom } from '../src/portal/random';
import { median, percentile } from './stats';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const SECRET = 'soak-secret';

export interface SoakResult {
  events: number;
  contacts: number;
  deliveries: number;
  redeliveries: number;
  apiCalls: number;
  apiCallsPerEvent: number;
  injected: { status429: number; status500: number };
  eventsPerSecond: number;
  latencyMs: { p50: number; p95: number };
  mismatchedContacts: number;
}

export async function benchSoak(events = 10_000, contacts = 2_000, concurrency = 4): Promise<SoakResult> {
  const running = await startPortal({ faults: { rate429: 0.1, rate500: 0.05, seed: 11, retryAfterSeconds: 1 } });
  const { portal } = running;
  defineBantProperties(portal, BANT_DEFAULT);
  const random = createRandom(5);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const contactIds: string[] = [];
  const dealIds: string[] = [];
  for (let i = 0; i < contacts; i += 1) {
    const contact = portal.createContact({ email: `soak${i}@example.com`, bant_authority: pick(['', 'director', 'manager']) }).id;
    contactIds.push(contact);
    for (let d = 0; d < 1 + Math.floor(random() * 2); d += 1) {
      const deal = portal.createDeal({ dealname: `Soak ${i}-${d}`, amount: String(Math.floor(random() * 200_000)), createdate: `2026-0${1 + Math.floor(random() * 9)}-01`, dealstage: 'qualifiedtobuy' }).id;
      portal.associate('deals', deal, 'contacts', contact);
      dealIds.push(deal);
    }
  }
  const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: running.url });
  const receiver = await startReceiver({ crm, model: BANT_DEFAULT, now: () => NOW, clientSecret: SECRET });
  // As after installing: every contact is scored once, so the soak starts from a complete state.
  for (let i = 0; i < contactIds.length; i += 100) await refreshContacts(crm, BANT_DEFAULT, contactIds.slice(i, i + 100), NOW);
  portal.requests.clear();

  // Each event is a real change in the portal, then a hint sent to the receiver.
  type Pending = { body: Record<string, unknown>; changedAt: number };
  const pending: Pending[] = [];
  for (let i = 0; i < events; i += 1) {
    const roll = random();
    if (roll < 0.7) {
      const deal = pick(dealIds);
      const property = pick(['amount', 'closedate', 'dealstage'] as const);
      const value = property === 'amount' ? String(Math.floor(random() * 200_000))
        : property === 'closedate' ? new Date(NOW.getTime() + (random() - 0.2) * 300 * 86_400_000).toISOString().slice(0, 10)
        : pick(['qualifiedtobuy', 'contractsent', 'closedwon', 'closedlost']);
      portal.updateRecord('deals', deal, { [property]: value });
      pending.push({ changedAt: 0, body: { eventId: i + 1, subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: Number(deal), propertyName: property, propertyValue: value } });
    } else {
      const contact = pick(contactIds);
      const property = pick(['bant_budget', 'bant_need', 'bant_timeline'] as const);
      const value = property === 'bant_budget' ? String(Math.floor(random() * 150_000)) : property === 'bant_need' ? pick(['perfect', 'partial', 'low']) : pick(['within_1_month', '3_6_months', 'over_6_months']);
      portal.updateRecord('contacts', contact, { [property]: value });
      pending.push({ changedAt: 0, body: { eventId: i + 1, subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: Number(contact), propertyName: property, propertyValue: value } });
    }
  }
  // HubSpot batches up to 100 events, in no guaranteed order, and sometimes delivers a batch twice.
  for (let i = pending.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [pending[i], pending[j]] = [pending[j]!, pending[i]!];
  }
  const batches: Pending[][] = [];
  for (let i = 0; i < pending.length; i += 100) batches.push(pending.slice(i, i + 100));
  for (let i = 0; i < batches.length; i += 10) batches.push(batches[i]!);

  let deliveries = 0;
  let redeliveries = 0;
  const latencies: number[] = [];
  const start = performance.now();
  const queue = [...batches];
  async function deliver(batch: Pending[]): Promise<void> {
    const queuedAt = performance.now();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      deliveries += 1;
      if (attempt > 0) redeliveries += 1;
      const body = JSON.stringify(batch.map((p) => p.body));
      const timestamp = Date.now();
      const url = `${receiver.url}/webhooks`;
      const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'X-HubSpot-Signature-v3': signRequest('POST', url, body, SECRET, timestamp), 'X-HubSpot-Request-Timestamp': String(timestamp) } });
      const answer = await response.text();
      if (process.env.SOAK_DEBUG && response.status !== 200) console.error(response.status, answer.slice(0, 400));
      if (response.status === 200) {
        const done = performance.now() - queuedAt;
        for (let i = 0; i < batch.length; i += 1) latencies.push(done);
        return;
      }
    }
    throw new Error('a batch failed 10 deliveries');
  }
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) await deliver(batch);
  }));
  const seconds = (performance.now() - start) / 1000;

  const mismatched = contactIds.filter((id) => !matchesEngine(portal, id)).length;
  const apiCalls = portal.requests.length;
  const result: SoakResult = {
    events,
    contacts,
    deliveries,
    redeliveries,
    apiCalls,
    apiCallsPerEvent: Math.round((apiCalls / events) * 1000) / 1000,
    injected: { status429: portal.requests.filter((r) => r.status === 429).length, status500: portal.requests.filter((r) => r.status === 500).length },
    eventsPerSecond: Math.round(events / seconds),
    latencyMs: { p50: Math.round(median(latencies)), p95: Math.round(percentile(latencies, 0.95)) },
    mismatchedContacts: mismatched,
  };
  await receiver.close();
  await running.close();
  return result;
}

/** Is the contact's stored result what `bant score` gives for its final state? */
function matchesEngine(portal: Portal, contactId: string): boolean {
  const contact = portal.getRecord('contacts', contactId)!.properties;
  const deals = portal.associatedIds('contacts', contactId, 'deals').map((id) => ({ id, properties: portal.getRecord('deals', id)!.properties }));
  const expected = toDerivedProperties(BANT_DEFAULT, scoreLead(BANT_DEFAULT, { contact, deals }, NOW), NOW);
  const stored = Object.fromEntries(derivedPropertyNames(BANT_DEFAULT).map((name) => [name, contact[name]]));
  return derivedPropertiesChanged(stored, expected).length === 0;
}
