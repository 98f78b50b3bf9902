/**
 * The contact's HubSpot lead on the contact card's load: read with the card's one contact read plus
 * one batch read of the leads, within the budget of 10 requests per open; nothing where the portal
 * has no Leads.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccountCache } from '../../../src/app/functions/accountDetails';
import type { AccountCache } from '../../../src/app/functions/accountDetails';
import { handleCardRequest } from '../../../src/app/functions/handleCardRequest';
import { createLeadStageCache } from '../../../src/app/functions/readContactLead';
import type { LeadStageCache } from '../../../src/app/functions/readContactLead';
import type { CardData, CardResponse } from '../../../src/app/cards/lib/cardApi';
import { validateModel } from '../../../src/engine';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { createModelResolver } from '../../../src/versions';
import { bantPortal, callsOf } from '../../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const LEADS_READ = 'POST /crm/v3/objects/leads/batch/read';
const { portal, crm, server } = bantPortal(BANT_DEFAULT);

let contactId: string;
let account: AccountCache;
let stages: LeadStageCache;

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

beforeEach(() => {
  contactId = portal.createContact({ firstname: 'Maya', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' }).id;
  const deal = portal.createDeal({ dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', dealstage: 'appointmentscheduled' });
  portal.associate('contacts', contactId, 'deals', deal.id);
  account = createAccountCache();
  stages = createLeadStageCache();
  portal.requests.clear();
});

function lead(properties: Record<string, string>, to = contactId): string {
  const id = portal.createRecord('leads', { hs_lead_name: 'Acme – pilot', hs_pipeline: 'lead-pipeline-id', ...properties }).id;
  portal.associate('leads', id, 'contacts', to);
  return id;
}

async function open(model: Model = BANT_DEFAULT, client = crm): Promise<CardData> {
  const response: CardResponse = await handleCardRequest(
    { action: 'load', portalId: 123, contactId },
    { crm: () => client, model: createModelResolver({ bundled: { ok: true, model } }), now: NOW, account, leadStages: stages },
  );
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data;
}

function model(change: (m: Model) => void): Model {
  const copy = structuredClone(BANT_DEFAULT) as Model;
  change(copy);
  const checked = validateModel(copy);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.model;
}

describe("the contact's lead on the card", () => {
  it('shows the open lead and its stage, with one more request: the batch read of the leads the contact read named', async () => {
    await open();
    portal.requests.clear();
    await open();
    const withoutLead = callsOf(portal);
    const id = lead({ hs_pipeline_stage: 'connected-stage-id', createdate: '2026-11-01T00:00:00Z' });
    portal.requests.clear();
    const data = await open();
    expect(data.lead).toEqual({ id, name: 'Acme – pilot', stage: 'connected-stage-id', stageLabel: null, open: true, moves: null });
    expect(callsOf(portal).sort()).toEqual([...withoutLead, LEADS_READ].sort());
  });

  it('picks the newest lead that is neither Qualified nor Unqualified', async () => {
    lead({ hs_pipeline_stage: 'qualified-stage-id', createdate: '2026-11-20T00:00:00Z' });
    const open1 = lead({ hs_lead_name: 'Older open', hs_pipeline_stage: 'new-stage-id', createdate: '2026-10-01T00:00:00Z' });
    lead({ hs_lead_name: 'Oldest open', hs_pipeline_stage: 'attempting-stage-id', createdate: '2026-09-01T00:00:00Z' });
    expect((await open()).lead).toMatchObject({ id: open1, name: 'Older open', stage: 'new-stage-id', open: true });
  });

  it('shows the newest lead as closed when every lead is Qualified or Unqualified', async () => {
    lead({ hs_pipeline_stage: 'unqualified-stage-id', createdate: '2026-10-01T00:00:00Z' });
    const newest = lead({ hs_pipeline_stage: 'qualified-stage-id', createdate: '2026-11-01T00:00:00Z' });
    expect((await open()).lead).toMatchObject({ id: newest, stage: 'qualified-stage-id', open: false });
  });

  it('says what the app does with it when the model moves leads', async () => {
    lead({ hs_pipeline_stage: 'connected-stage-id' });
    expect((await open(model((m) => { m.leads = { ...m.leads!, qualify: true }; }))).lead?.moves).toBe('qualify');
    expect((await open(model((m) => { m.leads = { ...m.leads!, qualify: true, unqualify: true }; }))).lead?.moves).toBe('both');
  });

  it("names a custom stage with HubSpot's label, reading the lead pipelines once while the function is warm", async () => {
    // A stage HubSpot's default pipeline does not have, as a portal with its own stages would.
    const stage = portal.store.properties.leads.get('hs_pipeline_stage')!;
    stage.options.push({ ...stage.options[2]!, label: 'Demo booked', value: 'demo-booked', displayOrder: 5 });
    const id = lead({ hs_pipeline_stage: 'demo-booked', createdate: '2026-11-22T00:00:00Z' });
    portal.requests.clear();
    expect((await open()).lead).toMatchObject({ id, stage: 'demo-booked', stageLabel: 'Demo booked' });
    expect(callsOf(portal)).toContain('GET /crm/v3/pipelines/leads');
    portal.requests.clear();
    expect((await open()).lead?.stageLabel).toBe('Demo booked');
    expect(callsOf(portal)).not.toContain('GET /crm/v3/pipelines/leads');
  });

  it('makes no leads request for a contact without leads', async () => {
    const data = await open();
    expect(data.lead).toBeUndefined();
    expect(callsOf(portal).filter((c) => c.includes('leads'))).toEqual([]);
  });

  it('leaves the lead for the next open rather than exceed 10 requests, and shows it then', async () => {
    for (const [type, text] of [['calls', 'hs_call_body'], ['meetings', 'hs_meeting_body'], ['notes', 'hs_note_body'], ['emails', 'hs_email_text']] as const) {
      portal.associate('contacts', contactId, type, portal.createRecord(type, { hs_timestamp: new Date(NOW.getTime() - 86_400_000).toISOString(), [text]: 'We have about 150k approved.' }).id);
    }
    portal.associate('contacts', contactId, 'companies', portal.createRecord('companies', { name: 'Acme', annualrevenue: '5000000' }).id);
    lead({ hs_pipeline_stage: 'connected-stage-id' });
    const readsCompany = model((m) => { m.criteria[0]!.sources.push({ object: 'company', property: 'annualrevenue', label: 'Company revenue' }); });
    const cold = await open(readsCompany);
    expect(cold.lead).toBeUndefined();
    expect(callsOf(portal)).toHaveLength(10);
    portal.requests.clear();
    const warm = await open(readsCompany);
    expect(warm.lead).toMatchObject({ stage: 'connected-stage-id' });
    expect(callsOf(portal)).toHaveLength(10);
  });
});

describe('a portal without Leads', () => {
  const bare = bantPortal(BANT_DEFAULT, { leads: false });
  beforeAll(() => {
    server.close();
    bare.server.listen({ onUnhandledFrame: 'error' });
  });
  afterAll(() => {
    bare.server.close();
    server.listen({ onUnhandledFrame: 'error' });
  });

  it('shows no lead and asks nothing about leads beyond the refused association', async () => {
    contactId = bare.portal.createContact({ bant_budget: '120000' }).id;
    bare.portal.requests.clear();
    const data = await open(BANT_DEFAULT, bare.crm);
    expect(data.lead).toBeUndefined();
    expect(data.result.criteria).toHaveLength(4);
    expect(callsOf(bare.portal).filter((c) => c.includes('/leads'))).toEqual([]);
  });
});
