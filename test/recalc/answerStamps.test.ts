import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recalculateFromEvents } from '../../src/recalc/recalculate';
import { answerStamps, ownWrite } from '../../src/recalc/answerStamps';
import type { PropertyChangeEvent, WebhookEvent } from '../../src/recalc/events';
import { parseWebhookBatch } from '../../src/recalc/events';
import { refreshContacts } from '../../src/recalc/refreshContacts';
import { BANT_DEFAULT } from '../../src/models';
import { DEFAULT_APP_ID } from '../../src/portal';
import { bantPortal } from '../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const { portal, crm, server } = bantPortal(BANT_DEFAULT);
const deps = { crm, model: BANT_DEFAULT, now: () => NOW };

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let eventId = 5000;
/** A contact property change as HubSpot delivers it: by default a rep on the record page, 2 hours before it is handled. */
function answerChange(contactId: string, propertyName: string, options: Partial<PropertyChangeEvent> = {}): PropertyChangeEvent {
  return {
    eventId: String(eventId++), subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: contactId, propertyName, propertyValue: '',
    occurredAt: NOW.getTime() - 2 * 60 * 60 * 1000, changeSource: 'CRM_UI', sourceId: 'userId:75514748', appId: DEFAULT_APP_ID, ...options,
  };
}
const updates = () => portal.requests.filter((r) => r.path.endsWith('/batch/update')).map((r) => (r.body as { inputs: Array<{ id: string; properties: Record<string, string> }> }).inputs);
const stored = (id: string) => portal.getRecord('contacts', id)!.properties;

describe('an answer changed elsewhere', () => {
  let contact: string;
  beforeEach(async () => {
    // Qualified, but the timeline was answered 100 days ago (older than its 90): re-check it first.
    contact = portal.createContact({
      bant_budget: '150000', bant_authority: 'director', bant_need: 'perfect', bant_timeline: '1_3_months',
      bant_timeline_answered_at: new Date(NOW.getTime() - 100 * DAY).toISOString(), bant_budget_answered_at: new Date(NOW.getTime() - 5 * DAY).toISOString(),
    }).id;
    await refreshContacts(crm, BANT_DEFAULT, [contact], NOW);
    expect(stored(contact)).toMatchObject({ bant_next_action: 'requalify', bant_stale_criteria: 'timeline' });
    portal.requests.clear();
  });

  it('is stamped with the time of the change, not the time it is handled, in the same write as the score', async () => {
    portal.updateRecord('contacts', contact, { bant_timeline: 'within_1_month' });
    const event = answerChange(contact, 'bant_timeline');
    const report = await recalculateFromEvents([event], deps);
    expect(report.ok).toBe(true);
    expect(updates()).toHaveLength(1);
    expect(updates()[0]?.[0]?.properties).toMatchObject({
      bant_timeline_answered_at: new Date(event.occurredAt!).toISOString(), bant_stale_criteria: '', bant_next_action: 'sales_now',
    });
    // Who answered is HubSpot's history to tell (the record page, the rep); the app credits only the card's reps.
    expect(updates()[0]?.[0]?.properties).not.toHaveProperty('bant_answered_by');
    expect(report.contacts[0]?.changes.bant_timeline_answered_at).toEqual([new Date(NOW.getTime() - 100 * DAY).toISOString(), new Date(event.occurredAt!).toISOString()]);
  });

  it('writes the stamp alone when the score does not move', async () => {
    portal.updateRecord('contacts', contact, { bant_budget: '160000' });
    const event = answerChange(contact, 'bant_budget');
    await recalculateFromEvents([event], deps);
    expect(updates()).toEqual([[{ id: contact, properties: { bant_budget_answered_at: new Date(event.occurredAt!).toISOString() } }]]);
  });

  it('keeps the newest time when a batch brings several changes, in any order', async () => {
    const early = answerChange(contact, 'bant_need', { occurredAt: NOW.getTime() - 3 * 60 * 60 * 1000 });
    const late = answerChange(contact, 'bant_need', { occurredAt: NOW.getTime() - 60 * 60 * 1000 });
    await recalculateFromEvents([late, early], deps);
    expect(updates()[0]?.[0]?.properties.bant_need_answered_at).toBe(new Date(late.occurredAt!).toISOString());
  });

  it('never makes an answer older: an event from before the stored stamp (late, or replayed) changes nothing', async () => {
    const old = answerChange(contact, 'bant_budget', { occurredAt: NOW.getTime() - 10 * DAY });
    const report = await recalculateFromEvents([old], deps);
    expect(report.contacts.map((c) => c.status)).toEqual(['unchanged']);
    expect(updates()).toEqual([]);
  });

  it("stamps nothing for the app's own write (the card stamps its own answers), but still rescores", async () => {
    const own = answerChange(contact, 'bant_timeline', { changeSource: 'INTEGRATION', sourceId: DEFAULT_APP_ID });
    expect(ownWrite(own)).toBe(true);
    const report = await recalculateFromEvents([own], deps);
    expect(report.contacts.map((c) => c.status)).toEqual(['unchanged']);
    expect(updates()).toEqual([]);
  });

  it('stamps nothing for an app write HubSpot names only as "INTEGRATION", without the app id, that came with its own stamp', async () => {
    // The card saved the need and its stamp in one update; the write reached HubSpot 4 s after the stamp's time.
    const stampedAt = NOW.getTime() - 2 * 60 * 60 * 1000;
    portal.updateRecord('contacts', contact, { bant_need_answered_at: new Date(stampedAt).toISOString() });
    portal.requests.clear();
    const unnamed = answerChange(contact, 'bant_need', { changeSource: 'INTEGRATION', sourceId: undefined, occurredAt: stampedAt + 4_000 });
    expect(ownWrite(unnamed)).toBe(false);
    const report = await recalculateFromEvents([unnamed], deps);
    expect(report.contacts.map((c) => c.status)).toEqual(['unchanged']);
    expect(updates()).toEqual([]);
  });

  it('takes a change a minute or more after the stored stamp as a new one, whoever made it', async () => {
    const stampedAt = NOW.getTime() - 2 * 60 * 60 * 1000;
    portal.updateRecord('contacts', contact, { bant_need_answered_at: new Date(stampedAt).toISOString(), bant_authority_answered_at: new Date(stampedAt).toISOString() });
    portal.requests.clear();
    await recalculateFromEvents([
      answerChange(contact, 'bant_need', { changeSource: 'INTEGRATION', sourceId: undefined, occurredAt: stampedAt + 59_999 }),
      answerChange(contact, 'bant_authority', { occurredAt: stampedAt + 60_000 }),
    ], deps);
    expect(updates()).toEqual([[{ id: contact, properties: { bant_authority_answered_at: new Date(stampedAt + 60_000).toISOString() } }]]);
  });

  it('stamps a change by another integration, which is not this app', async () => {
    await recalculateFromEvents([answerChange(contact, 'bant_need', { changeSource: 'INTEGRATION', sourceId: '999' })], deps);
    expect(updates()[0]?.[0]?.properties).toHaveProperty('bant_need_answered_at');
  });

  it('does not loop: its own writes (stamps, who answered, derived values) cause no CRM call at all', async () => {
    const ownOutputs: WebhookEvent[] = ['bant_timeline_answered_at', 'bant_answered_by', 'bant_score', 'bant_verdict', 'bant_stale_criteria']
      .map((name) => answerChange(contact, name, { changeSource: 'INTEGRATION', sourceId: DEFAULT_APP_ID }));
    const report = await recalculateFromEvents(ownOutputs, deps);
    expect(report.ignored.map((i) => i.reason)).toEqual(ownOutputs.map((e) => `${(e as PropertyChangeEvent).propertyName} is written by this app`));
    expect(portal.requests).toHaveLength(0);
  });
});

describe('answerStamps', () => {
  it('stamps every criterion a property answers, only for contact answer properties with a time', () => {
    const stamps = answerStamps(BANT_DEFAULT, [
      answerChange('7', 'bant_authority', { occurredAt: 1_000 }),
      answerChange('7', 'firstname', { occurredAt: 2_000 }),
      answerChange('8', 'bant_need', { occurredAt: undefined }),
    ]);
    expect([...stamps]).toEqual([['7', { bant_authority_answered_at: 1_000 }]]);
  });

  it("reads HubSpot's fields as delivered: the app's id and the source as numbers or strings", () => {
    const parsed = parseWebhookBatch([{ eventId: 1, subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: 7, propertyName: 'bant_need', occurredAt: 5, changeSource: 'INTEGRATION', sourceId: 3141592, appId: 3141592 }]);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(ownWrite(parsed.events[0] as PropertyChangeEvent)).toBe(true);
    expect(ownWrite(answerChange('7', 'bant_need', { appId: undefined }))).toBe(false);
    // HubSpot's documented form for a person: "userId:<id>", never the app, even were the ids alike.
    expect(ownWrite(answerChange('7', 'bant_need', { sourceId: `userId:${DEFAULT_APP_ID}` }))).toBe(false);
  });
});

describe('an override past its last day', () => {
  it('stops applying at the next recalculation: the model\'s verdict and routing are stored again', async () => {
    const contact = portal.createContact({
      bant_budget: '150000', bant_authority: 'director', bant_need: 'low', bant_timeline: '1_3_months',
      bant_override: 'qualified', bant_override_reason: 'Verbal yes from the CFO', bant_override_until: '2026-11-30',
    }).id;
    await refreshContacts(crm, BANT_DEFAULT, [contact], new Date('2026-11-30T23:59:00.000Z'));
    expect(stored(contact)).toMatchObject({ bant_verdict: 'qualified', bant_qualified: 'false', bant_next_action: 'sales_now' });
    portal.requests.clear();
    // The first event after its last day (UTC) rescoring the contact: a rep edits the need elsewhere.
    const report = await recalculateFromEvents([answerChange(contact, 'bant_need', { occurredAt: Date.parse('2026-12-01T08:00:00.000Z') })], { ...deps, now: () => new Date('2026-12-01T09:00:00.000Z') });
    expect(report.contacts.map((c) => c.status)).toEqual(['written']);
    expect(stored(contact)).toMatchObject({ bant_verdict: 'not_qualified', bant_qualified: 'false' });
    expect(stored(contact).bant_next_action).not.toBe('sales_now');
    // The override stays on the contact for the history; it no longer counts.
    expect(stored(contact).bant_override).toBe('qualified');
  });
});
