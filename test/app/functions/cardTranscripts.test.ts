import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleCardRequest } from '../../../src/app/functions/handleCardRequest';
import type { CardData, CardResponse } from '../../../src/app/cards/lib/cardApi';
import { BANT_DEFAULT } from '../../../src/models';
import { bantPortal, BASE_URL, callsOf } from '../../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const { portal, crm, server } = bantPortal(BANT_DEFAULT);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let contactId: string;
let callId: string;
let transcriptId: string;

const call = (parameters: Record<string, unknown>) =>
  handleCardRequest({ portalId: 123, contactId, ...parameters }, { crm: () => crm, model: { ok: true, model: BANT_DEFAULT }, now: NOW });

function data(response: CardResponse): CardData {
  if (!response.ok) throw new Error(`expected ok, got ${response.error.code}: ${response.error.message}`);
  return response.data;
}

beforeEach(() => {
  contactId = portal.createContact({ firstname: 'Sara', bant_authority: 'director', bant_need: 'perfect' }).id;
  callId = portal.createRecord('calls', { hs_timestamp: new Date(NOW.getTime() - 2 * 86_400_000).toISOString(), hs_call_title: 'Discovery', hs_call_body: 'Good first call.' }).id;
  portal.associate('contacts', contactId, 'calls', callId);
  transcriptId = portal.addTranscript(callId, [
    { speaker: { id: '1', name: 'Rep' }, text: 'Do you have a budget set aside?', startTimeMillis: 1_000, endTimeMillis: 3_000 },
    { speaker: { id: '2', name: 'Sara' }, text: 'Yes, we have about 150k approved for this year.', startTimeMillis: 3_500, endTimeMillis: 7_000 },
  ])!;
  portal.requests.clear();
});

describe('call transcripts on the card', () => {
  it('lists the calls that have one on load, without reading any transcript', async () => {
    const loaded = data(await call({ action: 'load' }));
    expect(loaded.transcripts).toEqual([{ callId, transcriptId, date: new Date(NOW.getTime() - 2 * 86_400_000).toISOString() }]);
    expect(loaded.suggestions?.find((s) => s.criterion === 'budget')).toBeUndefined();
    expect(callsOf(portal).filter((r) => r.includes('transcripts'))).toEqual([]);
  });

  it('reads one when the rep opens it (one request more than a load): its suggestions join the others', async () => {
    const opened = data(await call({ action: 'transcript', callId, transcriptId }));
    expect(opened.suggestions?.find((s) => s.criterion === 'budget')).toMatchObject({
      value: '150000', evidence: 'Sara: Yes, we have about 150k approved for this year.', source: { id: `${callId}-transcript`, kind: 'transcript' },
    });
    expect(opened.transcripts).toEqual([expect.objectContaining({ callId, read: true })]);
    expect(callsOf(portal).filter((r) => r.includes('transcripts'))).toEqual([`GET /crm/extensions/calling/2026-03/transcripts/${transcriptId}`]);
    portal.requests.clear();
    await call({ action: 'load' });
    const load = portal.requests.length;
    portal.requests.clear();
    await call({ action: 'transcript', callId, transcriptId });
    expect(portal.requests.length).toBe(load + 1);
  });

  it('refuses a transcript of another call, and one that is gone, in words', async () => {
    const other = portal.createRecord('calls', { hs_timestamp: NOW.toISOString(), hs_call_body: 'x' }).id;
    const response = await call({ action: 'transcript', callId: other, transcriptId });
    expect(!response.ok && response.error).toMatchObject({ code: 'not_found', retryable: false, message: 'This call has no transcript in HubSpot any more (or it belongs to another call). Reload the record page.' });
    const gone = await call({ action: 'transcript', callId, transcriptId: '999' });
    expect(!gone.ok && gone.error.code).toBe('not_found');
  });

  it('gives nothing from the call of another contact', async () => {
    const stranger = portal.createRecord('calls', { hs_timestamp: NOW.toISOString(), hs_call_body: 'x' }).id;
    const theirs = portal.addTranscript(stranger, [{ speaker: { id: '2', name: 'Ann' }, text: 'Budget 900k approved.', startTimeMillis: 0, endTimeMillis: 1 }])!;
    const opened = data(await call({ action: 'transcript', callId: stranger, transcriptId: theirs }));
    expect(opened.suggestions?.find((s) => s.criterion === 'budget')).toBeUndefined();
  });

  it('says so when HubSpot refuses the transcript scope, and names the field of a bad request', async () => {
    portal.failNext({ path: new RegExp(`/transcripts/${transcriptId}$`), status: 403, count: 1 });
    const refused = await call({ action: 'transcript', callId, transcriptId });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('does not let the app read call transcripts') });
    const bad = await call({ action: 'transcript', callId, transcriptId: 'a b' });
    expect(!bad.ok && bad.error.message).toContain('transcriptId: must be the id of the call\'s transcript');
  });
});

describe('the local portal\'s transcripts API', () => {
  it('answers HubSpot\'s shapes: create for a call, read by id, 404 for an unknown one', async () => {
    const headers = { authorization: `Bearer ${(portal.token as string)}`, 'content-type': 'application/json' };
    const created = await fetch(`${BASE_URL}/crm/extensions/calling/2026-03/transcripts`, {
      method: 'POST', headers, body: JSON.stringify({ engagementId: Number(callId), transcriptCreateUtterances: [{ speaker: { id: '9', name: 'Kim' }, text: 'Hello', startTimeMillis: 0, endTimeMillis: 500 }] }),
    });
    const { id } = await created.json() as { id: string };
    const read = await fetch(`${BASE_URL}/crm/extensions/calling/2026-03/transcripts/${id}`, { headers });
    expect(await read.json()).toMatchObject({
      id, engagementId: Number(callId), transcriptSource: 'INTEGRATOR_GENERATED',
      transcriptUtterances: [{ speaker: { id: '9', name: 'Kim' }, text: 'Hello', startTimeMillis: 0, endTimeMillis: 500, id: expect.any(String) }],
      createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    expect((await fetch(`${BASE_URL}/crm/extensions/calling/2026-03/transcripts/123456`, { headers })).status).toBe(404);
  });
});
