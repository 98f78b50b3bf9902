import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { derivedPropertyNames, validateModel } from '../../../src/engine';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { handleCardRequest } from '../../../src/app/functions/handleCardRequest';
import type { CardData, CardError, CardResponse } from '../../../src/app/cards/lib/cardApi';
import { setupServer } from 'msw/node';
import { createCrmClient } from '../../../src/crm';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../../src/portal';
import { defineBantProperties } from '../../support/bantPortal';
import { createAccountCache } from '../../../src/app/functions/accountDetails';
import { createUserNamesCache } from '../../../src/app/functions/cardHistory';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const MODEL = { ok: true as const, model: BANT_DEFAULT };
const BASE_URL = 'https://api.hubapi.com';
const portal = createPortal({ rateLimit: false });
defineBantProperties(portal, BANT_DEFAULT);
const server = setupServer(...portal.handlers(BASE_URL));
// Two tries, quickly: the failure tests inject exactly two failures. The time budget is generous so
// that a busy machine still makes both tries and leaves no injected failure for the next test.
const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: BASE_URL, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxTotalMs: 10_000 } });
const callsOf = () => portal.requests.map((r) => `${r.method} ${r.path}`);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let contactId: string;
let dealId: string;
beforeEach(() => {
  contactId = portal.createContact({ firstname: 'Maya', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' }).id;
  dealId = portal.createDeal({ dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', dealstage: 'appointmentscheduled' }).id;
  portal.associate('contacts', contactId, 'deals', dealId);
  portal.requests.clear();
});

const call = (parameters: unknown, model: Parameters<typeof handleCardRequest>[1]['model'] = MODEL) =>
  handleCardRequest(parameters, { crm: () => crm, model, now: NOW });

function data(response: CardResponse): CardData {
  if (!response.ok) throw new Error(`expected ok, got ${response.error.code}: ${response.error.message}`);
  return response.data;
}

function error(response: CardResponse): CardError {
  if (response.ok) throw new Error('expected a failure');
  return response.error;
}

const writes = () => portal.requests.filter((r) => r.path.endsWith('/batch/update'));

describe('load', () => {
  it('reads the contact, its deals and the property definitions, and scores them', async () => {
    const loaded = data(await call({ action: 'load', portalId: 123, contactId }));
    expect(loaded.result.score).toBe(80);
    expect(loaded.result.criteria.find((c) => c.key === 'budget')?.source).toEqual({ object: 'deal', property: 'amount', dealId, dealName: 'Acme renewal' });
    expect(loaded.deal).toEqual({ id: dealId, properties: expect.objectContaining({ amount: '120000', dealname: 'Acme renewal' }) });
    expect(loaded.properties.bant_authority).toMatchObject({ exists: true, readOnly: false, fieldType: 'select' });
    expect(loaded.properties.bant_authority?.options.map((o) => o.value)).toEqual(['c_level', 'director', 'manager', 'other']);
    expect([loaded.canEdit, loaded.readOnlyReason, loaded.stale]).toEqual([true, null, true]);
    expect(callsOf().sort()).toEqual([
      // The contact ONCE: its properties and the ids of its deals, company, activities and leads.
      `GET /crm/v3/objects/contacts/${contactId}`,
      // The names of the people in the contact's history (riding on the reads above).
      'GET /crm/v3/owners/',
      'GET /crm/v3/properties/contacts',
      'POST /crm/v3/objects/deals/batch/read',
    ]);
    const contactRead = portal.requests.find((r) => r.path === `/crm/v3/objects/contacts/${contactId}`)!.query;
    expect([contactRead.properties].flat().join(',').split(',')).toEqual(expect.arrayContaining(['bant_budget', 'bant_authority', 'bant_need', 'bant_timeline', ...derivedPropertyNames(BANT_DEFAULT)]));
    expect(writes()).toEqual([]);
  });

  it('answers not_found for a contact that does not exist', async () => {
    expect(error(await call({ action: 'load', portalId: 123, contactId: '999999' }))).toMatchObject({ code: 'not_found', retryable: false });
  });

  it('lists the model problems, without calling HubSpot, when the active model is invalid', async () => {
    const broken = validateModel({ ...BANT_DEFAULT, routing: [{ when: { qualified: true }, action: 'sales_now' }] });
    const failure = error(await call({ action: 'load', portalId: 123, contactId }, broken));
    expect(failure.code).toBe('model_invalid');
    expect(failure.problems).toEqual([{ path: 'routing[0]', code: 'routing.lastHasCondition', params: {}, message: 'the last rule has a condition; end with a rule without "when" so every lead gets a next action' }]);
    expect(portal.requests).toHaveLength(0);
  });

  it('refuses parameters it cannot read, naming them, without calling HubSpot', async () => {
    const failure = error(await call({ action: 'load', portalId: 123, contactId: 'abc' }));
    expect(failure).toMatchObject({ code: 'invalid_parameters', retryable: false });
    expect(failure.message).toContain('contactId: must be a HubSpot record id (digits only, e.g. "101")');
    expect(error(await call(undefined)).code).toBe('invalid_parameters');
    expect(portal.requests).toHaveLength(0);
  });

  it('is read-only, saying what to do, when an answer property does not exist in the portal', async () => {
    const model = structuredClone(BANT_DEFAULT) as Model;
    model.criteria[1]!.sources[0]!.property = 'bant_decision_role';
    const loaded = data(await call({ action: 'load', portalId: 123, contactId }, { ok: true, model }));
    expect(loaded.canEdit).toBe(false);
    expect(loaded.readOnlyReason).toBe(
      "These answer properties do not exist in this HubSpot account yet, so answers cannot be saved: bant_decision_role. Ask your HubSpot admin to run the app's setup (bant setup), then reload this page.",
    );
  });

  it('says a retry can help when HubSpot is down', async () => {
    // The client above tries twice: both attempts fail, and no injected failure is left for the next test.
    portal.failNext({ path: `/crm/v3/objects/contacts/${contactId}`, status: 503, count: 2 });
    expect(error(await call({ action: 'load', portalId: 123, contactId }))).toMatchObject({ code: 'crm_unavailable', retryable: true });
  });
});

describe('save', () => {
  it('writes the answers and the derived properties in one batch update and returns the new result', async () => {
    const saved = await call({ action: 'save', portalId: 123, contactId, answers: { bant_timeline: '1_3_months' }, userId: 4511 });
    expect(data(saved).result).toMatchObject({ score: 90, qualified: true, grade: 'A', nextAction: 'sales_now' });
    expect(writes()).toHaveLength(1);
    expect(writes()[0]?.body).toEqual({
      inputs: [{
        id: contactId,
        properties: {
          bant_timeline: '1_3_months',
          // Who answered and when: the rep's HubSpot user id, and the answer's age starts now.
          bant_timeline_answered_at: NOW.toISOString(),
          bant_answered_by: '4511',
          bant_score: '90',
          bant_budget_points: '30',
          bant_authority_points: '15',
          bant_need_points: '25',
          bant_timeline_points: '20',
          bant_qualified: 'true',
          bant_grade: 'A',
          bant_next_action: 'sales_now',
          bant_failed_criteria: '',
          bant_completeness: '100',
          bant_scored_at: NOW.toISOString(),
          bant_model_version: 'bant-default@1',
          bant_verdict: 'qualified',
          bant_stale_criteria: '',
        },
      }],
    });
    expect(portal.getRecord('contacts', contactId)?.properties).toMatchObject({ bant_timeline: '1_3_months', bant_score: '90', bant_grade: 'A' });
    expect(data(saved).contact).toMatchObject({ bant_timeline: '1_3_months', bant_scored_at: NOW.toISOString() });
    expect(data(saved).stale).toBe(false);
    expect(saved.ok && saved.written).toContain('bant_timeline');
  });

  it('clears an answer sent as an empty string', async () => {
    const saved = data(await call({ action: 'save', portalId: 123, contactId, answers: { bant_need: '' } }));
    expect(saved.result.criteria.find((c) => c.key === 'need')?.status).toBe('unknown');
    expect((writes()[0]?.body as { inputs: Array<{ properties: Record<string, string> }> }).inputs[0]?.properties).toMatchObject({ bant_need: '', bant_failed_criteria: 'need' });
  });

  it('refuses a negative amount and an unknown option, naming each field, and writes nothing', async () => {
    const failure = error(await call({ action: 'save', portalId: 123, contactId, answers: { bant_budget: '-5', bant_authority: 'ceo', bant_need: 'partial' } }));
    expect(failure).toMatchObject({ code: 'invalid_answers', retryable: false });
    expect(failure.fields).toEqual([
      { property: 'bant_budget', criterion: 'budget', value: '-5', message: 'Budget: -5 is negative; enter an amount of 0 or more.' },
      { property: 'bant_authority', criterion: 'authority', value: 'ceo', message: 'Authority: "ceo" is not one of the choices; pick one of C-level executive, Director, Manager, Other.' },
    ]);
    expect(failure.message).toMatch(/^Nothing was saved: 2 answers need fixing\./);
    expect(portal.requests).toHaveLength(0);
  });

  it('refuses a non-numeric amount, a property the card does not write, and a value that is not text', async () => {
    const failure = error(await call({ action: 'save', portalId: 123, contactId, answers: { bant_budget: '12k', email: 'x@example.com', bant_timeline: 3 } }));
    expect(failure.fields?.map((f) => f.message)).toEqual([
      'Budget: "12k" is not a number; enter digits only, like 120000.',
      '"email" is not an answer this card writes; send one of bant_budget, bant_authority, bant_need, bant_timeline.',
      'Timeline: 3 must be sent as text, the way HubSpot stores values (e.g. "120000").',
    ]);
    expect(portal.requests).toHaveLength(0);
  });

  it('refuses an empty save', async () => {
    const failure = error(await call({ action: 'save', portalId: 123, contactId, answers: {} }));
    expect(failure.message).toContain('No answer was sent, so there is nothing to save');
    expect(portal.requests).toHaveLength(0);
  });

  it('reports a failed write as retryable and leaves the contact unchanged', async () => {
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/update', status: 503, count: 2 });
    const failure = error(await call({ action: 'save', portalId: 123, contactId, answers: { bant_timeline: '1_3_months' } }));
    expect(failure).toMatchObject({ code: 'crm_unavailable', retryable: true });
    expect(failure.message).toBe('HubSpot did not answer while saving the answers. This is usually temporary.');
    expect(writes().map((w) => w.status)).toEqual([503, 503]);
    expect(portal.getRecord('contacts', contactId)?.properties.bant_timeline).toBe('3_6_months');
  });

  it('reports a 403 as forbidden, which no retry fixes', async () => {
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/update', status: 403, count: 1 });
    const failure = error(await call({ action: 'save', portalId: 123, contactId, answers: { bant_timeline: '1_3_months' } }));
    expect(failure).toMatchObject({ code: 'forbidden', retryable: false });
    expect(failure.message).toContain('Ask your HubSpot admin for edit access to contacts');
    expect(writes()).toHaveLength(1);
  });

  it("refuses a model choice that the HubSpot property does not have yet, and writes nothing", async () => {
    const model = structuredClone(BANT_DEFAULT) as Model;
    const rule = model.criteria[1]!.rule;
    if (rule.type !== 'options') throw new Error('authority reads options');
    rule.options.push({ value: 'vp', label: 'Vice president', points: 20 });
    const failure = error(await call({ action: 'save', portalId: 123, contactId, answers: { bant_authority: 'vp' } }, validateModel(model)));
    expect(failure.fields).toEqual([{
      property: 'bant_authority', criterion: 'authority', value: 'vp',
      message: 'Authority: "vp" is a choice of the BANT model but not of the HubSpot property bant_authority; ask your HubSpot admin to run the app\'s setup (bant setup) to add it.',
    }]);
    expect(writes()).toHaveLength(0);
  });

  it('writes nothing when an answer property is missing from the portal: the admin must finish the setup', async () => {
    const model = structuredClone(BANT_DEFAULT) as Model;
    model.criteria[1]!.sources[0]!.property = 'bant_decision_role';
    const failure = error(await call({ action: 'save', portalId: 123, contactId, answers: { bant_timeline: '1_3_months' } }, { ok: true, model }));
    expect(failure).toMatchObject({ code: 'configuration', retryable: false });
    expect(writes()).toHaveLength(0);
  });
});

describe("in the rep's language", () => {
  it('refuses answers in the language the card sends, model texts included', async () => {
    const failure = error(await call({ action: 'save', portalId: 123, contactId, locale: 'fi', answers: { bant_budget: '-5', bant_authority: 'ceo' } }));
    expect(failure.fields?.map((f) => f.message)).toEqual([
      'Budjetti: -5 on negatiivinen; anna summa, joka on 0 tai enemmän.',
      'Päätösvalta: ”ceo” ei ole vaihtoehto; valitse jokin näistä: Ylin johto (C-taso), Johtaja, Esihenkilö, Muu.',
    ]);
    expect(failure.message).toMatch(/^Mitään ei tallennettu: 2 vastausta pitää korjata\./);
  });

  it('says what failed in Norwegian for a Norwegian tag, and in English for a language the app does not speak', async () => {
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/update', status: 503, count: 2 });
    const norwegian = error(await call({ action: 'save', portalId: 123, contactId, locale: 'no', answers: { bant_timeline: '1_3_months' } }));
    expect(norwegian.message).toBe('HubSpot svarte ikke under lagring av svarene. Dette går vanligvis over av seg selv.');
    expect(error(await call({ action: 'load', portalId: 123, contactId: '999999', locale: 'de' })).message).toBe(
      'Contact 999999 does not exist in HubSpot any more (deleted or merged). Reload the record page.',
    );
  });
});

describe("the account's currency and time zone", () => {
  it('reads them once per portal, beside the contact, and keeps them for the next opens', async () => {
    const account = createAccountCache();
    const names = createUserNamesCache();
    const open = () => handleCardRequest({ action: 'load', portalId: 123, contactId }, { crm: () => crm, model: MODEL, now: NOW, account, names });
    const first = data(await open());
    expect([first.currency, first.timeZone]).toEqual(['USD', 'US/Eastern']);
    expect(callsOf()).toContain('GET /account-info/v3/details');
    portal.requests.clear();
    expect(data(await open()).currency).toBe('USD');
    expect(callsOf()).not.toContain('GET /account-info/v3/details');
    // The contact once (with the ids of its deals and activities), the definitions, its deals.
    expect(callsOf()).toHaveLength(3);
  });

  it('opens the card without a currency when HubSpot cannot say, and asks again next time', async () => {
    const account = createAccountCache();
    portal.failNext({ path: '/account-info/v3/details', status: 500, count: 2 });
    const loaded = data(await handleCardRequest({ action: 'load', portalId: 123, contactId }, { crm: () => crm, model: MODEL, now: NOW, account }));
    expect([loaded.result.score, loaded.currency]).toEqual([80, null]);
    expect(account.get(123, NOW)).toBeUndefined();
  });

  it("reads each deal's own currency with the deal", async () => {
    portal.updateRecord('deals', dealId, { deal_currency_code: 'NOK' });
    const loaded = data(await call({ action: 'load', portalId: 123, contactId }));
    expect(loaded.deal?.properties.deal_currency_code).toBe('NOK');
  });
});
