/** The recalculation on activity creation: with auto-fill on, a new call, meeting, note or email fills EMPTY answers. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { recalculateFromEvents } from '../../src/recalc/recalculate';
import { parseWebhookBatch } from '../../src/recalc/events';
import type { WebhookEvent } from '../../src/recalc/events';
import { BANT_DEFAULT } from '../../src/models';
import { webhooksComponent } from '../../src/sync/hubspotConfig';
import { missingSubscriptions } from '../../src/sync/missingSubscriptions';
import { uncoveredSubscriptions } from '../../src/sync/subscriptionCoverage';
import { bantPortal, callsOf } from '../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const AUTOFILL: Model = { ...BANT_DEFAULT, suggestions: { ...BANT_DEFAULT.suggestions, autofill: { enabled: true, minConfidence: 0.8 } } };
const { portal, crm, server } = bantPortal(AUTOFILL);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let eventId = 5000;
const created = (objectTypeId: string, objectId: string): WebhookEvent => ({ eventId: String(eventId++), subscriptionType: 'object.creation', objectTypeId, objectId });
const linked = (contactId: string, toObjectTypeId: string, toObjectId: string, associationRemoved = false): WebhookEvent => ({
  eventId: String(eventId++), subscriptionType: 'object.associationChange', fromObjectTypeId: '0-1', fromObjectId: contactId, toObjectTypeId, toObjectId, associationRemoved,
});

function contactWithCall(text: string, answers: Record<string, string> = {}): { contactId: string; callId: string } {
  const contactId = portal.createContact(answers).id;
  const callId = portal.createRecord('calls', { hs_timestamp: new Date(NOW.getTime() - 3_600_000).toISOString(), hs_call_body: text }).id;
  portal.associate('contacts', contactId, 'calls', callId);
  return { contactId, callId };
}

describe('a new activity with auto-fill on', () => {
  it('fills the EMPTY answers of the contacts a new call belongs to, stamped as the app\'s, with the score they make, in one write', async () => {
    const { contactId, callId } = contactWithCall('We have about 150k approved. This is exactly what we need.', { bant_need: 'partial' });
    portal.requests.clear();
    const report = await recalculateFromEvents([created('0-48', callId)], { crm, model: AUTOFILL, now: () => NOW });
    expect(report.ok).toBe(true);
    const stored = portal.getRecord('contacts', contactId)!.properties;
    expect([stored.bant_budget, stored.bant_need, stored.bant_answered_by, stored.bant_budget_answered_at]).toEqual(['150000', 'partial', 'app', NOW.toISOString()]);
    expect(stored.bant_budget_points).toBe('30');
    const calls = callsOf(portal);
    expect(calls).toContain('POST /crm/v4/associations/calls/contacts/batch/read');
    expect(calls.filter((c) => c.endsWith('/batch/update'))).toHaveLength(1);
  });

  it('fills from a note linked to a contact, and ignores an activity unlinked from one', async () => {
    const contactId = portal.createContact({}).id;
    const noteId = portal.createRecord('notes', { hs_timestamp: NOW.toISOString(), hs_note_body: 'Budget 80k approved for this.' }).id;
    portal.associate('contacts', contactId, 'notes', noteId);
    const report = await recalculateFromEvents([linked(contactId, '0-46', noteId), linked(contactId, '0-46', '999', true)], { crm, model: AUTOFILL, now: () => NOW });
    expect(report.ok).toBe(true);
    expect(portal.getRecord('contacts', contactId)!.properties.bant_budget).toBe('80000');
    expect(report.ignored.map((i) => i.reason)).toEqual(['only an activity added to a contact can fill its answers']);
  });

  it('never overwrites an answer: a contact answered in full is only rescored', async () => {
    const { contactId, callId } = contactWithCall('We have about 150k approved.', { bant_budget: '40000', bant_authority: 'director', bant_need: 'perfect', bant_timeline: '1_3_months' });
    await recalculateFromEvents([created('0-48', callId)], { crm, model: AUTOFILL, now: () => NOW });
    expect(portal.getRecord('contacts', contactId)!.properties.bant_budget).toBe('40000');
    expect(portal.getRecord('contacts', contactId)!.properties.bant_answered_by ?? null).toBeNull();
  });
});

describe('a new activity with auto-fill off (every shipped model)', () => {
  it('is ignored without a single HubSpot request', async () => {
    const { callId } = contactWithCall('We have about 150k approved.');
    portal.requests.clear();
    const report = await recalculateFromEvents([created('0-48', callId)], { crm, model: BANT_DEFAULT, now: () => NOW });
    expect(report.ignored).toEqual([{ eventId: expect.any(String), reason: 'a new activity changes nothing while auto-fill is off' }]);
    expect(portal.requests).toHaveLength(0);
  });
});

describe('the webhook side', () => {
  it('reads a creation event of HubSpot\'s generic subscriptions', () => {
    const parsed = parseWebhookBatch([{ eventId: 1, subscriptionId: 2, portalId: 3, occurredAt: 1751276050977, subscriptionType: 'object.creation', attemptNumber: 0, objectId: 44, objectTypeId: '0-48', changeSource: 'CRM_UI' }]);
    expect(parsed.ok && parsed.events).toEqual([{ eventId: '1', subscriptionType: 'object.creation', objectId: '44', objectTypeId: '0-48', occurredAt: 1751276050977, portalId: 3 }]);
  });

  it('names new activities once when auto-fill is turned on but the deployed subscriptions lack them (bant check, the settings page)', () => {
    const deployed = webhooksComponent(BANT_DEFAULT);
    expect(missingSubscriptions(BANT_DEFAULT, deployed)).toEqual([]);
    expect(missingSubscriptions(AUTOFILL, deployed)).toEqual([{ objectType: 'contact', propertyName: null, activityCreation: true }]);
    expect(uncoveredSubscriptions(AUTOFILL, deployed)).toEqual(['new calls, meetings, notes and emails (auto-fill)']);
    expect(missingSubscriptions(AUTOFILL, webhooksComponent(AUTOFILL))).toEqual([]);
  });

  it('subscribes to activity creation only when the model turns auto-fill on', () => {
    const creations = (model: Model) => webhooksComponent(model).config.subscriptions.crmObjects.filter((s) => s.subscriptionType === 'object.creation').map((s) => s.objectType);
    expect(creations(BANT_DEFAULT)).toEqual([]);
    expect(creations(AUTOFILL)).toEqual(['call', 'meeting_event', 'note', 'email']);
  });
});
