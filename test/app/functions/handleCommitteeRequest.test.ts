/** The committee card's function against the local portal, through the real CRM client. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccountCache } from '../../../src/app/functions/accountDetails';
import { handleCommitteeRequest } from '../../../src/app/functions/handleCommitteeRequest';
import type { CommitteeCardData, CommitteeResponse } from '../../../src/app/cards/lib/committeeApi';
import type { CardError } from '../../../src/app/cards/lib/cardApi';
import { validateModel } from '../../../src/engine';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { createModelResolver } from '../../../src/versions';
import { bantPortal, callsOf } from '../../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const STORING: Model = { ...BANT_DEFAULT, committee: { deals: true, companies: true, roleCriterion: 'authority' } };
const { portal, crm, server } = bantPortal(STORING);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const call = (parameters: unknown, model: Parameters<typeof handleCommitteeRequest>[1]['model'] = { ok: true, model: BANT_DEFAULT }, account = createAccountCache()) =>
  handleCommitteeRequest(parameters, { crm: () => crm, model, now: NOW, account });

function data(response: CommitteeResponse): CommitteeCardData {
  if (!response.ok) throw new Error(`expected ok, got ${response.error.code}: ${response.error.message}`);
  return response.data;
}

function error(response: CommitteeResponse): CardError {
  if (response.ok) throw new Error('expected a failure');
  return response.error;
}

let dealId: string;
let maria: string;
let sam: string;
let lee: string;
beforeEach(() => {
  dealId = portal.createDeal({ dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', dealstage: 'qualifiedtobuy' }).id;
  maria = portal.createContact({ firstname: 'Maria', lastname: 'Chen', jobtitle: 'CFO', bant_authority: 'c_level' }).id;
  sam = portal.createContact({ firstname: 'Sam', lastname: 'Ortiz', bant_authority: 'manager', bant_need: 'perfect' }).id;
  lee = portal.createContact({ firstname: 'Lee', lastname: 'Park', bant_budget: '-5000' }).id;
  for (const id of [maria, sam, lee]) portal.associate('deals', dealId, 'contacts', id);
  portal.requests.clear();
});

describe("a deal's committee", () => {
  it('rolls the deal up from its contacts, naming whose answer each criterion took, in one round of batch reads', async () => {
    const loaded = data(await call({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: dealId }));
    expect(loaded).toMatchObject({ object: 'deal', id: dealId, name: 'Acme renewal', memberCount: 3, openDeals: 0, stored: false, currency: 'USD' });
    expect(loaded.result).toMatchObject({ score: 100, qualified: true, grade: 'A', committeeSize: 3 });
    expect(loaded.result.criteria.map((c) => [c.key, c.value, c.from?.kind === 'contact' ? c.from.name : c.from?.kind])).toEqual([
      ['budget', '120000', 'deal'],
      ['authority', 'c_level', 'Maria Chen'],
      ['need', 'perfect', 'Sam Ortiz'],
      ['timeline', '2027-01-15T00:00:00.000Z', 'deal'],
    ]);
    // Lee's unreadable budget is skipped, listed as a gap, and hides nothing.
    expect(loaded.result.gaps).toEqual([{ kind: 'invalid', criterion: 'budget', value: '-5000', reason: expect.any(String), from: { kind: 'contact', id: lee, name: 'Lee Park' } }]);
    expect(loaded.result.members.map((m) => [m.name, m.title, m.role?.value ?? null, m.result.score, m.missing])).toEqual([
      ['Maria Chen', 'CFO', 'c_level', 75, ['need']],
      ['Sam Ortiz', null, 'manager', 90, []],
      ['Lee Park', null, null, 20, ['budget', 'authority', 'need']],
    ]);
    expect(callsOf(portal).sort()).toEqual([
      'GET /account-info/v3/details',
      'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v3/objects/deals/batch/read',
      'POST /crm/v4/associations/deals/contacts/batch/read',
    ]);
    const dealRead = portal.requests.find((r) => r.path === '/crm/v3/objects/deals/batch/read')?.body as { properties: string[] };
    expect(dealRead.properties).toEqual(expect.arrayContaining(['amount', 'closedate', 'dealname', 'deal_currency_code']));
    expect(portal.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/batch/read'))).toEqual([]);
  });

  it('says whether the model stores the roll-up on deals, and shows the deal amount in its own currency', async () => {
    portal.updateRecord('deals', dealId, { deal_currency_code: 'EUR' });
    const loaded = data(await call({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: dealId }, { ok: true, model: STORING }));
    expect(loaded.stored).toBe(true);
    expect(loaded.dealCurrencies).toEqual({ [dealId]: 'EUR' });
  });

  it('stays within 10 HubSpot requests with the published model read and the account read, and reads the account once while warm', async () => {
    const account = createAccountCache();
    const resolver = createModelResolver({ bundled: { ok: true, model: BANT_DEFAULT } });
    data(await call({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: dealId }, resolver, account));
    const cold = callsOf(portal);
    expect(cold).toContain('GET /crm/v3/objects/p_bant_model_version/published');
    expect(cold.length).toBe(5);
    portal.requests.clear();
    data(await call({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: dealId }, resolver, account));
    expect(callsOf(portal)).not.toContain('GET /account-info/v3/details');
    expect(callsOf(portal).length).toBe(4);
  });

  it('rolls up a deal without contacts as unknown, with an action for each criterion the deal does not answer', async () => {
    const empty = portal.createDeal({ dealname: 'Empty', dealstage: 'qualifiedtobuy' }).id;
    const loaded = data(await call({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: empty }));
    expect(loaded.memberCount).toBe(0);
    expect(loaded.result.criteria.every((c) => c.status === 'unknown')).toBe(true);
    expect(loaded.result.gaps.map((g) => [g.kind, g.criterion])).toEqual([['missing', 'budget'], ['missing', 'authority'], ['missing', 'need'], ['missing', 'timeline']]);
    // Without contacts there is no contact to read.
    expect(callsOf(portal).filter((c) => c.includes('contacts/batch/read') && !c.includes('associations'))).toEqual([]);
  });

  it('answers not_found, naming the deal, when it does not exist', async () => {
    const failure = error(await call({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: '999999' }));
    expect(failure).toEqual({ code: 'not_found', retryable: false, message: 'Deal 999999 does not exist in HubSpot any more (deleted or merged). Reload the record page.' });
  });

  it('answers in the user\'s language', async () => {
    const failure = error(await call({ action: 'load', portalId: 123, objectTypeId: '0-2', objectId: '999999', locale: 'fi-FI' }));
    expect(failure.message).toBe('Yritystä 999999 ei enää ole HubSpotissa (poistettu tai yhdistetty). Lataa tietuesivu uudelleen.');
  });
});

describe("a company's committee", () => {
  it('rolls up across its contacts and its open deals, leaving closed deals out', async () => {
    const company = portal.createCompany({ name: 'Acme' }).id;
    const open = portal.createDeal({ dealname: 'Acme expansion', amount: '80000', closedate: '2027-02-01', dealstage: 'qualifiedtobuy' }).id;
    const closed = portal.createDeal({ dealname: 'Acme 2025', amount: '900000', closedate: '2025-02-01', dealstage: 'closedwon' }).id;
    for (const id of [open, closed]) portal.associate('deals', id, 'companies', company);
    for (const id of [maria, sam]) portal.associate('contacts', id, 'companies', company);
    portal.requests.clear();
    const loaded = data(await call({ action: 'load', portalId: 123, objectTypeId: '0-2', objectId: company }, createModelResolver({ bundled: { ok: true, model: BANT_DEFAULT } })));
    expect(loaded).toMatchObject({ object: 'company', name: 'Acme', memberCount: 2, openDeals: 1 });
    expect(loaded.result.criteria[0]).toMatchObject({ value: '80000', from: { kind: 'deal', id: open, name: 'Acme expansion' } });
    expect(loaded.result.criteria[1]).toMatchObject({ value: 'c_level', from: { kind: 'contact', id: maria, name: 'Maria Chen' } });
    // Cold, with the published model looked up: 7.
    expect(callsOf(portal).sort()).toEqual([
      'GET /account-info/v3/details',
      'GET /crm/v3/objects/p_bant_model_version/published',
      'POST /crm/v3/objects/companies/batch/read',
      'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v3/objects/deals/batch/read',
      'POST /crm/v4/associations/companies/contacts/batch/read',
      'POST /crm/v4/associations/companies/deals/batch/read',
    ]);
  });

  it('rolls up at most 300 contacts, in three batch reads, and says how many there are', async () => {
    const company = portal.createCompany({ name: 'Bigco' }).id;
    for (let i = 0; i < 301; i++) portal.associate('contacts', portal.createContact({ email: `p${i}@bigco.example`, bant_need: 'partial' }).id, 'companies', company);
    portal.requests.clear();
    const loaded = data(await call({ action: 'load', portalId: 123, objectTypeId: '0-2', objectId: company }));
    expect([loaded.memberCount, loaded.result.committeeSize, loaded.result.members.length]).toEqual([301, 300, 300]);
    expect(callsOf(portal).filter((c) => c === 'POST /crm/v3/objects/contacts/batch/read')).toHaveLength(3);
    expect(callsOf(portal).length).toBeLessThanOrEqual(10);
  });
});

describe('refusals', () => {
  it('names parameters it cannot read, without calling HubSpot', async () => {
    const failure = error(await call({ action: 'load', portalId: 123, objectTypeId: '0-1', objectId: 'abc' }));
    expect(failure.code).toBe('invalid_parameters');
    expect(failure.message).toContain('objectTypeId: must be "0-3" (a deal) or "0-2" (a company), context.crm.objectTypeId');
    expect(failure.message).toContain('objectId: must be a HubSpot record id (digits only, e.g. "101")');
    expect(portal.requests).toHaveLength(0);
  });

  it('lists the model problems without reading the committee when the model is invalid', async () => {
    const broken = validateModel({ ...BANT_DEFAULT, routing: [{ when: { qualified: true }, action: 'sales_now' }] });
    expect(error(await call({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: dealId }, broken)).code).toBe('model_invalid');
    expect(portal.requests).toHaveLength(0);
  });

  it('says the app may not read deals when HubSpot refuses, and what the admin does', async () => {
    portal.failNext({ path: '/crm/v3/objects/deals/batch/read', status: 403, count: 1 });
    const failure = error(await call({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: dealId }));
    expect(failure).toMatchObject({ code: 'forbidden', retryable: false });
    expect(failure.message).toBe("HubSpot refused loading this deal's buying committee (403): the app may not read deals, companies or their contacts in this account. Ask your HubSpot admin to reinstall the BANT app and accept its permissions for deals and companies.");
  });

  it('says a retry can help when HubSpot is down', async () => {
    portal.failNext({ path: '/crm/v4/associations/deals/contacts/batch/read', status: 503, count: 2 });
    expect(error(await call({ action: 'load', portalId: 123, objectTypeId: '0-3', objectId: dealId }))).toMatchObject({ code: 'crm_unavailable', retryable: true });
  });
});
