import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { createPortal } from '../../src/portal';
import { recalculateFromEvents } from '../../src/recalc/recalculate';
import type { WebhookEvent } from '../../src/recalc/events';
import { BASE_URL, bantPortal, callsOf, defineBantProperties } from '../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const LEADS = { qualify: true, unqualify: false, qualifiedStage: 'qualified-stage-id', unqualifiedStage: 'unqualified-stage-id' };
const MODEL: Model = { ...BANT_DEFAULT, leads: LEADS, lifecycle: { advance: true, stage: 'salesqualifiedlead' } };
const { portal, crm, server } = bantPortal(MODEL);
const deps = (model: Model = MODEL) => ({ crm, model, now: () => NOW });

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let eventId = 9000;
const answered = (contactId: string): WebhookEvent => ({
  eventId: String(eventId++), subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: contactId, propertyName: 'bant_authority', propertyValue: '',
});
const QUALIFIED = { bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' };
const NOT_QUALIFIED = { bant_budget: '10000', bant_authority: 'other', bant_need: 'low', bant_timeline: 'over_6_months' };

function contactWithLead(answers: Record<string, string>, stage = 'connected-stage-id', lifecyclestage = 'marketingqualifiedlead') {
  const contact = portal.createContact({ email: `c${eventId}@acme.example`, lifecyclestage, ...answers }).id;
  const lead = portal.createRecord('leads', { hs_lead_name: 'Acme', hs_pipeline: 'lead-pipeline-id', hs_pipeline_stage: stage }).id;
  portal.associate('leads', lead, 'contacts', contact);
  return { contact, lead };
}
const stageOf = (lead: string) => portal.getRecord('leads', lead)?.properties.hs_pipeline_stage;
const lifecycleOf = (contact: string) => portal.getRecord('contacts', contact)?.properties.lifecyclestage;

describe("moving HubSpot's own records after the score is stored", () => {
  it('moves the open lead to Qualified and the lifecycle stage forward, each in one write after the contact is written', async () => {
    const { contact, lead } = contactWithLead(QUALIFIED);
    portal.requests.clear();
    const report = await recalculateFromEvents([answered(contact)], deps());
    expect(report.ok).toBe(true);
    expect(report.stages).toEqual([
      { kind: 'lead', id: lead, contactId: contact, from: 'connected-stage-id', to: 'qualified-stage-id', status: 'written' },
      { kind: 'lifecycle', id: contact, contactId: contact, from: 'marketingqualifiedlead', to: 'salesqualifiedlead', status: 'written' },
    ]);
    expect(stageOf(lead)).toBe('qualified-stage-id');
    expect(lifecycleOf(contact)).toBe('salesqualifiedlead');
    const writes = portal.requests.filter((r) => r.path.endsWith('/batch/update')).map((r) => [r.path, Object.keys((r.body as { inputs: Array<{ properties: object }> }).inputs[0]!.properties)]);
    expect(writes).toEqual([
      ['/crm/v3/objects/contacts/batch/update', expect.arrayContaining(['bant_score', 'bant_qualified'])],
      ['/crm/v3/objects/leads/batch/update', ['hs_pipeline_stage']],
      ['/crm/v3/objects/contacts/batch/update', ['lifecyclestage']],
    ]);
  });

  it('moves nothing a second time, and never a lead out of Qualified or Unqualified', async () => {
    const { contact, lead } = contactWithLead(QUALIFIED, 'unqualified-stage-id', 'customer');
    const report = await recalculateFromEvents([answered(contact)], deps());
    expect(report.stages).toEqual([]);
    expect(stageOf(lead)).toBe('unqualified-stage-id');
    expect(lifecycleOf(contact)).toBe('customer');
    portal.requests.clear();
    expect((await recalculateFromEvents([answered(contact)], deps())).stages).toEqual([]);
    expect(portal.requests.filter((r) => r.path.endsWith('/batch/update'))).toEqual([]);
  });

  it('unqualifies only with the second opt-in, and only once every criterion is known', async () => {
    const known = contactWithLead(NOT_QUALIFIED, 'attempting-stage-id');
    const partly = contactWithLead({ bant_budget: '10000' }, 'attempting-stage-id');
    await recalculateFromEvents([answered(known.contact), answered(partly.contact)], deps());
    expect([stageOf(known.lead), stageOf(partly.lead)]).toEqual(['attempting-stage-id', 'attempting-stage-id']);
    const report = await recalculateFromEvents([answered(known.contact), answered(partly.contact)], deps({ ...MODEL, leads: { ...LEADS, unqualify: true } }));
    expect(report.stages).toEqual([expect.objectContaining({ kind: 'lead', id: known.lead, to: 'unqualified-stage-id', status: 'written' })]);
    expect([stageOf(known.lead), stageOf(partly.lead)]).toEqual(['unqualified-stage-id', 'attempting-stage-id']);
  });

  it('makes no leads or lifecycle call for a model without those options', async () => {
    const { contact, lead } = contactWithLead(QUALIFIED);
    portal.requests.clear();
    const report = await recalculateFromEvents([answered(contact)], deps(BANT_DEFAULT));
    expect(report.stages).toEqual([]);
    expect(callsOf(portal).filter((call) => call.includes('leads') || call.includes('properties'))).toEqual([]);
    expect(stageOf(lead)).toBe('connected-stage-id');
  });
});

describe('a portal without Leads', () => {
  const noLeads = createPortal({ rateLimit: false, leads: false });
  defineBantProperties(noLeads, MODEL);
  const other = setupServer(...noLeads.handlers(BASE_URL));

  it('changes nothing about leads and still scores and moves the lifecycle stage', async () => {
    server.close();
    other.listen({ onUnhandledFrame: 'error' });
    try {
      const contact = noLeads.createContact({ email: 'x@acme.example', lifecyclestage: 'lead', ...QUALIFIED }).id;
      const report = await recalculateFromEvents([answered(contact)], deps());
      expect(report.ok).toBe(true);
      expect(report.stages).toEqual([expect.objectContaining({ kind: 'lifecycle', to: 'salesqualifiedlead', status: 'written' })]);
      expect(noLeads.requests.filter((r) => r.path.includes('leads')).map((r) => r.status)).toEqual([403]);
    } finally {
      other.close();
      server.listen({ onUnhandledFrame: 'error' });
    }
  });
});
