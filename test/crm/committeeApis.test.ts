import { describe, expect, it } from 'vitest';
import { CrmError } from '../../src/crm';
import { api } from '../portal/support';
import { clientFor, rejection, usePortalServer } from './support';

const usePortal = usePortalServer();

describe("HubSpot's Leads (object 0-136) in the local portal and the CRM client", () => {
  it("reads a contact's leads, their stages, and moves one with a single batch update", async () => {
    const portal = usePortal();
    const contact = portal.createContact({ email: 'maria@acme.example' }).id;
    const lead = portal.createRecord('leads', { hs_lead_name: 'Acme', hs_pipeline: 'lead-pipeline-id', hs_pipeline_stage: 'connected-stage-id' }).id;
    portal.associate('leads', lead, 'contacts', contact);
    const client = clientFor();

    expect(await client.contactLeads([contact])).toEqual(new Map([[contact, [lead]]]));
    expect((await client.readLeadRecords([lead], ['hs_pipeline_stage'])).get(lead)).toMatchObject({ hs_pipeline_stage: 'connected-stage-id' });
    portal.requests.clear();
    expect(await client.updateRecords('leads', [{ id: lead, properties: { hs_pipeline_stage: 'qualified-stage-id' } }])).toEqual({ written: [lead], failed: [] });
    expect(portal.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/crm/v3/objects/leads/batch/update', { inputs: [{ id: lead, properties: { hs_pipeline_stage: 'qualified-stage-id' } }] }],
    ]);
    expect(portal.getRecord('leads', lead)?.properties.hs_pipeline_stage).toBe('qualified-stage-id');
  });

  it('refuses a stage the lead pipeline does not have, naming it, and writes nothing', async () => {
    const portal = usePortal();
    const lead = portal.createRecord('leads', { hs_lead_name: 'Acme', hs_pipeline_stage: 'new-stage-id' }).id;
    const { failed } = await clientFor().updateRecords('leads', [{ id: lead, properties: { hs_pipeline_stage: 'won' } }]);
    expect(failed).toEqual([expect.objectContaining({ id: lead, code: 'VALIDATION', retryable: false })]);
    expect(failed[0]?.message).toContain('won was not one of the allowed options');
    expect(portal.getRecord('leads', lead)?.properties.hs_pipeline_stage).toBe('new-stage-id');
  });

  it('creates a lead only with a name and a contact, as HubSpot does', async () => {
    const portal = usePortal();
    const contact = portal.createContact({ email: 'a@acme.example' }).id;
    const refused = await api('POST', '/crm/v3/objects/leads', { properties: { hs_lead_name: 'No contact' } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('an association to an existing contact');
    const created = await api('POST', '/crm/v3/objects/leads', {
      properties: { hs_lead_name: 'Acme', hs_pipeline_stage: 'new-stage-id' },
      associations: [{ to: { id: contact }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 578 }] }],
    });
    expect(created.status).toBe(201);
    expect(portal.associatedIds('contacts', contact, 'leads')).toEqual([created.body.id]);
  });

  it('lists the lead pipeline and its stages in order', async () => {
    usePortal();
    expect(await clientFor().getPipelines('leads')).toEqual([{
      id: 'lead-pipeline-id', label: 'Lead pipeline',
      stages: ['new', 'attempting', 'connected', 'qualified', 'unqualified'].map((name, displayOrder) => expect.objectContaining({ id: `${name}-stage-id`, displayOrder })),
    }]);
  });

  it('answers 403 for every leads call in a portal without Leads, which the client reports as FORBIDDEN', async () => {
    const portal = usePortal({ leads: false });
    const contact = portal.createContact({ email: 'a@acme.example' }).id;
    const error = await rejection(clientFor({ retry: { maxAttempts: 1 } }).contactLeads([contact]));
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', retryable: false });
    expect(portal.requests.map((r) => r.status)).toEqual([403]);
  });
});

describe('deals and companies', () => {
  it('updates deals and companies in batches of 100, reporting each id', async () => {
    const portal = usePortal();
    portal.defineProperty('deals', { name: 'bant_score', label: 'BANT score', type: 'number', fieldType: 'number', groupName: 'dealinformation' });
    const deals = Array.from({ length: 101 }, (_, i) => portal.createDeal({ dealname: `D${i}` }).id);
    const result = await clientFor().updateRecords('deals', deals.map((id) => ({ id, properties: { bant_score: '55' } })));
    expect(result.written).toHaveLength(101);
    expect(portal.requests.map((r) => r.path)).toEqual(['/crm/v3/objects/deals/batch/update', '/crm/v3/objects/deals/batch/update']);
    expect(portal.getRecord('deals', deals[100]!)?.properties.bant_score).toBe('55');
    const missing = await clientFor().updateRecords('companies', [{ id: '999999', properties: { name: 'x' } }]);
    expect(missing.failed).toEqual([expect.objectContaining({ id: '999999', code: 'NOT_FOUND' })]);
    expect(missing.failed[0]?.message).toMatch(/^companies\.batch\.update: company 999999 was not written/);
  });

  it("reads deals' companies and companies' deals", async () => {
    const portal = usePortal();
    const company = portal.createCompany({ name: 'Acme' }).id;
    const [a, b] = [portal.createDeal({ dealname: 'A' }).id, portal.createDeal({ dealname: 'B' }).id];
    portal.associate('deals', a, 'companies', company);
    portal.associate('deals', b, 'companies', company);
    const client = clientFor();
    expect(await client.companyDeals([company])).toEqual(new Map([[company, [a, b]]]));
    expect(await client.dealCompanies([a, b])).toEqual(new Map([[a, [company]], [b, [company]]]));
  });

  it('lists and searches deals by page', async () => {
    const portal = usePortal();
    const ids = Array.from({ length: 3 }, (_, i) => portal.createDeal({ dealname: `D${i}`, amount: String(i * 1000) }).id);
    const client = clientFor();
    const first = await client.listRecords('deals', { limit: 2, properties: ['dealname'] });
    expect(first.results.map((r) => r.id)).toEqual(ids.slice(0, 2));
    expect((await client.listRecords('deals', { limit: 2, properties: ['dealname'], after: first.after! })).results.map((r) => r.id)).toEqual([ids[2]]);
    const found = await client.searchRecords('deals', { filterGroups: [{ filters: [{ propertyName: 'amount', operator: 'GTE', value: '1000' }] }], properties: ['amount'] });
    expect(found).toMatchObject({ total: 2, results: [{ id: ids[1] }, { id: ids[2] }] });
  });

  it('reads past values with the history, 50 records per request', async () => {
    const portal = usePortal();
    const ids = Array.from({ length: 51 }, (_, i) => portal.createDeal({ dealname: `D${i}`, amount: '1000' }).id);
    portal.updateRecord('deals', ids[0]!, { amount: '2000' });
    const read = await clientFor().readWithHistory('deals', ids, ['amount'], ['amount']);
    expect(portal.requests.map((r) => (r.body as { inputs: unknown[] }).inputs.length)).toEqual([50, 1]);
    expect(read.get(ids[0]!)?.properties.amount).toBe('2000');
    expect(read.get(ids[0]!)?.history.amount?.map((v) => v.value)).toEqual(['2000', '1000']);
  });
});
