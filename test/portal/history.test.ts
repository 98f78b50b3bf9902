import { describe, expect, it } from 'vitest';
import { BANT_GROUP, BANT_PROPERTIES, DEFAULT_APP_ID } from '../../src/portal';
import type { Portal } from '../../src/portal';
import { api, usePortalServer } from './support';

const usePortal = usePortalServer();

function withBant(portal: Portal): Portal {
  portal.defineGroup('contacts', BANT_GROUP);
  for (const property of BANT_PROPERTIES) portal.defineProperty('contacts', property);
  return portal;
}

function manualClock(start = Date.UTC(2026, 10, 23, 9)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), iso: () => new Date(now).toISOString() };
}

async function historyOf(id: string, names: string[]) {
  const answer = await api('POST', '/crm/v3/objects/contacts/batch/read', { inputs: [{ id }], properties: names, propertiesWithHistory: names });
  expect(answer.status).toBe(200);
  return answer.body.results[0].propertiesWithHistory;
}

describe('property history', () => {
  it('keeps every write newest first, each with the source HubSpot records for it', async () => {
    const clock = manualClock();
    const portal = withBant(usePortal({ now: clock.now }));
    const dana = portal.defineUser({ firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });
    const { id } = portal.createContact({ bant_need: 'low' }, { sourceType: 'IMPORT', sourceId: '28195616', updatedByUserId: Number(dana.id) });
    const imported = clock.iso();
    clock.advance(60_000);
    portal.updateRecord('contacts', id, { bant_need: 'partial' }, portal.asUser(Number(dana.id)));
    const edited = clock.iso();
    clock.advance(60_000);
    portal.updateRecord('contacts', id, { bant_need: 'perfect' }, { sourceType: 'AUTOMATION_PLATFORM', sourceId: 'enrollmentId:7;actionExecutionIndex:0', sourceLabel: 'Inbound triage' });
    const workflow = clock.iso();
    clock.advance(60_000);
    const written = await api('POST', '/crm/v3/objects/contacts/batch/update', { inputs: [{ id, properties: { bant_need: 'low' } }] });
    expect(written.status).toBe(200);
    clock.advance(60_000);
    portal.updateRecord('contacts', id, { bant_need: '' }, { sourceType: 'INTEGRATION', sourceId: '999', sourceLabel: 'Salesforce' });

    expect((await historyOf(id, ['bant_need'])).bant_need).toEqual([
      { value: '', timestamp: clock.iso(), sourceType: 'INTEGRATION', sourceId: '999', sourceLabel: 'Salesforce' },
      { value: 'low', timestamp: new Date(Date.parse(workflow) + 60_000).toISOString(), sourceType: 'INTEGRATION', sourceId: DEFAULT_APP_ID },
      { value: 'perfect', timestamp: workflow, sourceType: 'AUTOMATION_PLATFORM', sourceId: 'enrollmentId:7;actionExecutionIndex:0', sourceLabel: 'Inbound triage' },
      { value: 'partial', timestamp: edited, sourceType: 'CRM_UI', sourceId: `userId:${Number(dana.id)}`, updatedByUserId: Number(dana.id) },
      { value: 'low', timestamp: imported, sourceType: 'IMPORT', sourceId: '28195616', updatedByUserId: Number(dana.id) },
    ]);
  });

  it("records the helpers' writes as the account's first user in the record page by default", async () => {
    const portal = withBant(usePortal());
    const { id } = portal.createContact({ bant_need: 'low' });
    const [admin] = [...portal.store.users.values()];

    const [version] = (await historyOf(id, ['bant_need'])).bant_need;

    expect(admin).toMatchObject({ firstName: 'Portal', lastName: 'Admin' });
    expect(version).toMatchObject({ sourceType: 'CRM_UI', sourceId: `userId:${admin?.id}`, updatedByUserId: Number(admin?.id) });
  });

  it('gives every value of one write the same timestamp, so one save reads as one change', async () => {
    const clock = manualClock();
    const portal = withBant(usePortal({ now: clock.now, appId: '777' }));
    const { id } = portal.createContact({});
    clock.advance(5_000);

    await api('POST', '/crm/v3/objects/contacts/batch/update', { inputs: [{ id, properties: { bant_need: 'perfect', bant_budget: '25' } }] });
    const history = await historyOf(id, ['bant_need', 'bant_budget']);

    expect(history.bant_need[0]).toEqual({ value: 'perfect', timestamp: clock.iso(), sourceType: 'INTEGRATION', sourceId: '777' });
    expect(history.bant_budget[0]).toEqual({ value: '25', timestamp: clock.iso(), sourceType: 'INTEGRATION', sourceId: '777' });
  });

  it('returns history on single reads and list pages, and an empty list for a property never set', async () => {
    const portal = withBant(usePortal());
    const { id } = portal.createContact({ bant_need: 'low' });

    const one = await api('GET', `/crm/v3/objects/contacts/${id}?properties=bant_need&propertiesWithHistory=bant_need,bant_budget`);
    const page = await api('GET', '/crm/v3/objects/contacts?limit=50&propertiesWithHistory=bant_need');

    expect(one.body.propertiesWithHistory.bant_need).toHaveLength(1);
    expect(one.body.propertiesWithHistory.bant_budget).toEqual([]);
    expect(page.body.results[0].propertiesWithHistory.bant_need[0].value).toBe('low');
  });

  it('takes at most 50 records when history is asked, and 100 without', async () => {
    withBant(usePortal());
    const inputs = (count: number) => Array.from({ length: count }, (_, index) => ({ id: String(index + 1) }));

    const fifty = await api('POST', '/crm/v3/objects/contacts/batch/read', { inputs: inputs(50), properties: [], propertiesWithHistory: ['bant_need'] });
    const fiftyOne = await api('POST', '/crm/v3/objects/contacts/batch/read', { inputs: inputs(51), properties: [], propertiesWithHistory: ['bant_need'] });
    const hundredPlain = await api('POST', '/crm/v3/objects/contacts/batch/read', { inputs: inputs(100), properties: [], propertiesWithHistory: [] });
    const listPage = await api('GET', '/crm/v3/objects/contacts?limit=51&propertiesWithHistory=bant_need');

    expect(fifty.status).toBe(207);
    expect(fiftyOne).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR', message: 'Batch input has 51 inputs; the limit is 50 when propertiesWithHistory is requested. Split the batch.' } });
    expect(hundredPlain.status).toBe(207);
    expect(listPage).toMatchObject({ status: 400, body: { message: 'limit must be at most 50 when propertiesWithHistory is requested; got 51.' } });
  });
});

describe('owners', () => {
  it('lists the users as owners, pages them, and finds one by user id', async () => {
    const portal = usePortal();
    const dana = portal.defineUser({ firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });

    const first = await api('GET', '/crm/v3/owners/?limit=1');
    const rest = await api('GET', `/crm/v3/owners/?limit=1&after=${first.body.paging.next.after}`);
    const byUser = await api('GET', `/crm/v3/owners/${dana.id}?idProperty=userId`);
    const missing = await api('GET', '/crm/v3/owners/999?idProperty=userId');
    const tooMany = await api('GET', '/crm/v3/owners/?limit=501');

    expect(first.body.results).toEqual([expect.objectContaining({ firstName: 'Portal', lastName: 'Admin', type: 'PERSON', archived: false })]);
    expect(rest.body).toEqual({
      results: [{
        id: rest.body.results[0].id, email: 'dana@example.com', type: 'PERSON', firstName: 'Dana', lastName: 'Reyes', userId: Number(dana.id),
        userIdIncludingInactive: Number(dana.id), createdAt: expect.any(String), updatedAt: expect.any(String), archived: false,
      }],
    });
    expect(byUser.body.id).toBe(rest.body.results[0].id);
    expect((await api('GET', `/crm/v3/owners/${byUser.body.id}`)).body.userId).toBe(Number(dana.id));
    expect(missing.status).toBe(404);
    expect(tooMany.status).toBe(400);
  });
});
