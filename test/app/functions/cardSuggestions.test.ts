import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleCardRequest } from '../../../src/app/functions/handleCardRequest';
import { readActivities } from '../../../src/app/functions/readActivities';
import { readCardContact } from '../../../src/app/functions/contactRead';
import type { CardData, CardResponse } from '../../../src/app/cards/lib/cardApi';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { bantPortal, callsOf } from '../../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const { portal, crm, server } = bantPortal(BANT_DEFAULT);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const contactRecord = async () => (await readCardContact(crm, BANT_DEFAULT, contactId))!;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
let contactId: string;

function activity(type: 'calls' | 'meetings' | 'notes' | 'emails', when: string, properties: Record<string, string>): string {
  const id = portal.createRecord(type, { hs_timestamp: when, ...properties }).id;
  portal.associate('contacts', contactId, type, id);
  return id;
}

const call = (parameters: Record<string, unknown>, model: Model = BANT_DEFAULT) =>
  handleCardRequest({ portalId: 123, contactId, ...parameters }, { crm: () => crm, model: { ok: true, model }, now: NOW });

function data(response: CardResponse): CardData {
  if (!response.ok) throw new Error(`expected ok, got ${response.error.code}: ${response.error.message}`);
  return response.data;
}

beforeEach(() => {
  contactId = portal.createContact({ firstname: 'Sara', jobtitle: 'VP Operations', bant_budget: '40000' }).id;
  portal.requests.clear();
});

describe('the card function\'s suggestions', () => {
  it('reads the contact\'s calls, meetings, notes and emails newest first, HTML stripped: the ids with the card\'s contact read, then one batch read per kind', async () => {
    activity('calls', daysAgo(3), { hs_call_title: 'Discovery', hs_call_body: '<p>We have about <b>150k</b> approved.</p>' });
    activity('notes', daysAgo(1), { hs_note_body: 'Decision&nbsp;by end of January.' });
    activity('meetings', daysAgo(10), { hs_meeting_title: 'Demo', hs_internal_meeting_notes: 'Their reps are drowning in manual data entry.' });
    activity('emails', daysAgo(120), { hs_email_subject: 'Old', hs_email_text: 'Budget 999k approved.' });
    const read = await readActivities(crm, await contactRecord(), NOW);
    expect(read.activities.map((a) => [a.kind, a.text])).toEqual([
      ['note', 'Decision by end of January.'],
      ['call_note', 'Discovery\nWe have about 150k approved.'],
      ['meeting_note', 'Demo\nTheir reps are drowning in manual data entry.'],
    ]);
    expect(read.jobTitle).toBe('VP Operations');
    expect(callsOf(portal).sort()).toEqual([
      `GET /crm/v3/objects/contacts/${contactId}`,
      'POST /crm/v3/objects/calls/batch/read',
      'POST /crm/v3/objects/emails/batch/read',
      'POST /crm/v3/objects/meetings/batch/read',
      'POST /crm/v3/objects/notes/batch/read',
    ]);
    expect([portal.requests[0]!.query.associations].flat().join(',').split(',')).toEqual(expect.arrayContaining(['calls', 'meetings', 'notes', 'emails']));
  });

  it('keeps only the newest 50 activities', async () => {
    for (let i = 0; i < 60; i += 1) activity('notes', daysAgo(60 - i), { hs_note_body: `Note ${i}` });
    const read = await readActivities(crm, await contactRecord(), NOW);
    expect(read.activities).toHaveLength(50);
    expect(read.activities[0]!.text).toBe('Note 59');
  });

  it('returns suggestions with the card\'s one load call: unknown answers and a stored answer they contradict', async () => {
    const callId = activity('calls', daysAgo(3), { hs_call_body: 'We have about 150k approved. Decision by end of January.' });
    const loaded = data(await call({ action: 'load' }));
    expect(loaded.suggestions?.map((s) => [s.criterion, s.value, s.source.kind])).toEqual([
      ['budget', '150000', 'call_note'],
      ['authority', 'director', 'job_title'],
      ['timeline', '1_3_months', 'call_note'],
    ]);
    expect(loaded.suggestions?.[0]).toMatchObject({ evidence: 'We have about 150k approved.', currency: 'USD', source: { id: callId, kind: 'call_note', date: daysAgo(3) } });
    expect(loaded.contact.bant_budget).toBe('40000');
    expect(portal.requests.filter((r) => r.path.endsWith('/batch/update'))).toEqual([]);
  });

  it('leaves out a suggestion equal to the stored answer', async () => {
    portal.updateRecord('contacts', contactId, { bant_authority: 'director' });
    const loaded = data(await call({ action: 'load' }));
    expect(loaded.suggestions?.find((s) => s.criterion === 'authority')).toBeUndefined();
  });

  it('hides a dismissed suggestion for that activity on that contact, for every rep', async () => {
    const callId = activity('calls', daysAgo(3), { hs_call_body: 'We have about 150k approved.' });
    const after = data(await call({ action: 'dismiss', criterion: 'budget', sourceId: callId }));
    expect(after.suggestions?.find((s) => s.criterion === 'budget')).toBeUndefined();
    expect(portal.getRecord('contacts', contactId)?.properties.bant_dismissed_suggestions).toBe(`budget:${callId}`);
    // A new activity saying it again is a new suggestion.
    const newer = activity('emails', daysAgo(1), { hs_email_text: 'Budget is now 150k, approved.' });
    const reloaded = data(await call({ action: 'load' }));
    expect(reloaded.suggestions?.find((s) => s.criterion === 'budget')?.source.id).toBe(newer);
  });

  it('refuses a dismissal that names no criterion key, naming the field', async () => {
    const response = await call({ action: 'dismiss', criterion: 'Budget!', sourceId: '1' });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.message).toContain('criterion: must be a criterion key such as "budget"');
  });

  it('fills only EMPTY answers above the threshold when RevOps turn on auto-fill, stamped as the app\'s', async () => {
    activity('calls', daysAgo(3), { hs_call_body: 'Budget 150k approved. This is exactly what we need.' });
    const model: Model = { ...BANT_DEFAULT, suggestions: { ...BANT_DEFAULT.suggestions, autofill: { enabled: true, minConfidence: 0.8 } } };
    const loaded = data(await call({ action: 'load' }, model));
    expect(loaded.autofilled).toEqual(['authority', 'need']);
    const stored = portal.getRecord('contacts', contactId)!.properties;
    expect([stored.bant_budget, stored.bant_authority, stored.bant_need, stored.bant_answered_by]).toEqual(['40000', 'director', 'perfect', 'app']);
    expect(stored.bant_need_answered_at).toBe(NOW.toISOString());
    expect(stored.bant_score).toBe(loaded.result.score.toString());
    // The stored budget is not overwritten: it stays a suggestion beside the stored answer; the
    // filled ones stay listed so the card can say where their values came from.
    expect(loaded.suggestions?.map((s) => [s.criterion, s.value, loaded.contact[s.property]])).toEqual([
      ['budget', '150000', '40000'],
      ['authority', 'director', 'director'],
      ['need', 'perfect', 'perfect'],
    ]);
  });

  it('still loads the card when HubSpot refuses the activities', async () => {
    activity('calls', daysAgo(3), { hs_call_body: 'Budget 150k approved.' });
    portal.failNext({ path: /\/crm\/v3\/objects\/calls\/batch\/read/, status: 500, count: 5 });
    const loaded = data(await call({ action: 'load' }));
    expect(loaded.result.criteria).toHaveLength(4);
    expect(loaded.suggestions).toBeUndefined();
  });
});
