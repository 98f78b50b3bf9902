import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { validateModel } from '../../../src/engine';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { handleCardRequest } from '../../../src/app/functions/handleCardRequest';
import type { CardData, CardError, CardResponse } from '../../../src/app/cards/lib/cardApi';
import { createCrmClient } from '../../../src/crm';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../../src/portal';
import { defineBantProperties } from '../../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const BASE_URL = 'https://api.hubapi.com';
const portal = createPortal({ rateLimit: false });
defineBantProperties(portal, BANT_DEFAULT);
const server = setupServer(...portal.handlers(BASE_URL));
const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: BASE_URL, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxTotalMs: 10_000 } });

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const withOverrides = (overrides: Model['overrides']) => {
  const model = structuredClone(BANT_DEFAULT) as Model;
  if (overrides) model.overrides = overrides;
  else delete model.overrides;
  const checked = validateModel(model);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked;
};

const call = (parameters: Record<string, unknown>, model: Parameters<typeof handleCardRequest>[1]['model'] = { ok: true, model: BANT_DEFAULT }) =>
  handleCardRequest({ portalId: 123, contactId, ...parameters }, { crm: () => crm, model, now: NOW });

function data(response: CardResponse): CardData {
  if (!response.ok) throw new Error(`expected ok, got ${response.error.code}: ${response.error.message}`);
  return response.data;
}

function error(response: CardResponse): CardError {
  if (response.ok) throw new Error('expected a failure');
  return response.error;
}

const writes = () => portal.requests.filter((r) => r.path.endsWith('/batch/update'));
const written = () => (writes()[0]?.body as { inputs: Array<{ id: string; properties: Record<string, string> }> }).inputs;
const stored = () => portal.getRecord('contacts', contactId)?.properties ?? {};

let contactId: string;
beforeEach(() => {
  // Budget 150,000 answered 200 days ago (older than its 180), the rest fresh: qualified, but re-check the budget first.
  contactId = portal.createContact({
    firstname: 'Maya', bant_budget: '150000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '1_3_months',
    bant_budget_answered_at: daysAgo(200), bant_authority_answered_at: daysAgo(10), bant_need_answered_at: daysAgo(10), bant_timeline_answered_at: daysAgo(10),
  }).id;
  portal.requests.clear();
});

describe('save: who answered and when', () => {
  it('stamps each answer sent with now and credits the rep, so a stale answer saved again is fresh', async () => {
    const before = data(await call({ action: 'load' }));
    expect([before.result.nextAction, before.result.staleCriteria]).toEqual(['requalify', ['budget']]);
    portal.requests.clear();

    const saved = data(await call({ action: 'save', answers: { bant_budget: '160000' }, userId: '4511' }));
    expect(writes()).toHaveLength(1);
    expect(written()[0]?.properties).toMatchObject({
      bant_budget: '160000', bant_budget_answered_at: NOW.toISOString(), bant_answered_by: '4511',
      bant_stale_criteria: '', bant_next_action: 'sales_now',
    });
    // Only the answer sent gets a new age.
    expect(written()[0]?.properties).not.toHaveProperty('bant_need_answered_at');
    expect(saved.result.criteria.find((c) => c.key === 'budget')).toMatchObject({ stale: false, answeredAt: NOW.toISOString() });
    expect(stored()).toMatchObject({ bant_budget_answered_at: NOW.toISOString(), bant_answered_by: '4511', bant_need_answered_at: daysAgo(10) });
  });

  it('clears the stamp of an answer cleared: no answer, no age', async () => {
    await call({ action: 'save', answers: { bant_need: '' }, userId: '4511' });
    expect(written()[0]?.properties).toMatchObject({ bant_need: '', bant_need_answered_at: '', bant_answered_by: '4511' });
  });

  it('credits nobody when the card sends no user id, rather than the rep who saved before', async () => {
    portal.updateRecord('contacts', contactId, { bant_answered_by: '777' });
    await call({ action: 'save', answers: { bant_need: 'partial' } });
    expect(written()[0]?.properties).toMatchObject({ bant_need_answered_at: NOW.toISOString(), bant_answered_by: '' });
  });

  it('refuses a user id that is not one, naming it, without calling HubSpot', async () => {
    const failure = error(await call({ action: 'save', answers: { bant_need: 'partial' }, userId: 'dana@example.com' }));
    expect(failure.code).toBe('invalid_parameters');
    expect(failure.message).toContain('userId: must be the HubSpot user id of the rep (context.user.id), digits only, e.g. "4511"');
    expect(portal.requests).toHaveLength(0);
  });
});

describe('confirm: "still true"', () => {
  it('re-stamps the answer without changing it, with the derived properties its new age changes, in one write', async () => {
    const confirmed = await call({ action: 'confirm', criteria: ['budget'], userId: 4511 });
    expect(data(confirmed).result).toMatchObject({ nextAction: 'sales_now', staleCriteria: [], score: 90 });
    expect(writes()).toHaveLength(1);
    const properties = written()[0]?.properties ?? {};
    expect(properties).toMatchObject({ bant_budget_answered_at: NOW.toISOString(), bant_answered_by: '4511', bant_stale_criteria: '', bant_next_action: 'sales_now', bant_score: '90' });
    // The values stay as they are: no answer property is written.
    expect(Object.keys(properties).filter((name) => ['bant_budget', 'bant_authority', 'bant_need', 'bant_timeline'].includes(name))).toEqual([]);
    expect(stored().bant_budget).toBe('150000');
    expect(confirmed.ok && confirmed.written).toContain('bant_budget_answered_at');
  });

  it('confirms a fresh answer too (a rep may re-check any answer), restarting its age', async () => {
    await call({ action: 'confirm', criteria: ['need', 'need'], userId: '4511' });
    expect(written()[0]?.properties).toMatchObject({ bant_need_answered_at: NOW.toISOString() });
    expect(written()[0]?.properties).not.toHaveProperty('bant_budget_answered_at');
  });

  it('refuses a criterion without an answer of the rep\'s own, naming it, and writes nothing', async () => {
    portal.updateRecord('contacts', contactId, { bant_need: '' });
    const failure = error(await call({ action: 'confirm', criteria: ['budget', 'need'], userId: '4511' }));
    expect(failure).toMatchObject({ code: 'invalid_answers', retryable: false });
    expect(failure.fields).toEqual([{ property: 'bant_need', criterion: 'need', value: '', message: 'Need has no answer of your own to confirm; answer it first.' }]);
    expect(failure.message).toBe('Nothing was confirmed: Need has no answer of your own to confirm; answer it first.');
    expect(writes()).toHaveLength(0);
  });

  it('refuses a value that comes from the deal: the deal dates it, not the rep', async () => {
    portal.updateRecord('contacts', contactId, { bant_budget: '' });
    const deal = portal.createDeal({ dealname: 'Acme renewal', amount: '120000', dealstage: 'appointmentscheduled' }).id;
    portal.associate('contacts', contactId, 'deals', deal);
    const failure = error(await call({ action: 'confirm', criteria: ['budget'], userId: '4511' }));
    expect(failure.fields?.[0]).toMatchObject({ criterion: 'budget', message: 'Budget has no answer of your own to confirm; answer it first.' });
    expect(writes()).toHaveLength(0);
  });

  it('refuses a key the model does not have, listing the ones it has, without calling HubSpot', async () => {
    const failure = error(await call({ action: 'confirm', criteria: ['budgett'], userId: '4511' }));
    expect(failure.message).toBe('Nothing was confirmed: "budgett" is not a question of this model; confirm one of budget, authority, need, timeline.');
    expect(portal.requests).toHaveLength(0);
  });

  it('needs the rep and at least one criterion', async () => {
    expect(error(await call({ action: 'confirm', criteria: ['budget'] })).message).toContain('userId:');
    expect(error(await call({ action: 'confirm', criteria: [], userId: '4511' })).message).toContain('criteria: name at least one criterion to confirm, e.g. ["budget"]');
    expect(portal.requests).toHaveLength(0);
  });
});

describe('override: the verdict set by hand', () => {
  beforeEach(() => {
    // Need is low: 65 points and not qualified; every answer fresh.
    portal.updateRecord('contacts', contactId, { bant_need: 'low', bant_budget_answered_at: daysAgo(10) });
    portal.requests.clear();
  });

  it('writes the override, its reason, author and last day with the verdict and routing that follow, in one batch update', async () => {
    const response = await call({ action: 'override', verdict: 'qualified', reason: ' Budget approved on the call today ', until: '2026-12-31', userId: '4511' });
    const { result } = data(response);
    expect(result).toMatchObject({ qualified: false, verdict: 'qualified', nextAction: 'sales_now' });
    expect(result.override).toEqual({ verdict: 'qualified', reason: 'Budget approved on the call today', by: '4511', until: '2026-12-31', status: 'applies' });
    expect(writes()).toHaveLength(1);
    expect(written()[0]?.properties).toMatchObject({
      bant_override: 'qualified', bant_override_reason: 'Budget approved on the call today', bant_override_by: '4511', bant_override_until: '2026-12-31',
      // bant_qualified keeps the model's verdict; bant_verdict holds the one that counts.
      bant_qualified: 'false', bant_verdict: 'qualified', bant_next_action: 'sales_now',
    });
    expect(stored()).toMatchObject({ bant_override: 'qualified', bant_verdict: 'qualified' });
  });

  it('leaves routing to the model when the model says routing follows its own verdict', async () => {
    const model = withOverrides({ who: 'editors', routing: 'computed' });
    const { result } = data(await call({ action: 'override', verdict: 'qualified', reason: 'Met the CFO', userId: '4511' }, model));
    expect(result).toMatchObject({ verdict: 'qualified', qualified: false });
    expect(written()[0]?.properties).toMatchObject({ bant_verdict: 'qualified', bant_next_action: result.nextAction, bant_override_until: '' });
    expect(result.nextAction).not.toBe('sales_now');
  });

  it('overrides a qualified lead down, too', async () => {
    portal.updateRecord('contacts', contactId, { bant_need: 'perfect' });
    const { result } = data(await call({ action: 'override', verdict: 'not_qualified', reason: 'Company in a hiring freeze', userId: '4511' }));
    expect(result).toMatchObject({ qualified: true, verdict: 'not_qualified' });
    expect(written()[0]?.properties).toMatchObject({ bant_qualified: 'true', bant_verdict: 'not_qualified' });
    expect(written()[0]?.properties.bant_next_action).not.toBe('sales_now');
  });

  it('removes an override: the model decides again, and the history keeps who removed it', async () => {
    await call({ action: 'override', verdict: 'qualified', reason: 'Budget approved', userId: '4511' });
    portal.requests.clear();
    const { result } = data(await call({ action: 'override', verdict: null, userId: '4600' }));
    expect(result).toMatchObject({ verdict: 'not_qualified', override: null });
    expect(written()[0]?.properties).toMatchObject({ bant_override: '', bant_override_reason: '', bant_override_until: '', bant_override_by: '4600', bant_verdict: 'not_qualified' });
  });

  it.each([
    ['lets nobody override', withOverrides({ who: 'nobody', routing: 'override' })],
    ['has no overrides', withOverrides(undefined)],
  ])('is refused, saying who decides, when the model %s, without calling HubSpot', async (_case, model) => {
    const failure = error(await call({ action: 'override', verdict: 'qualified', reason: 'Budget approved', userId: '4511' }, model));
    expect(failure).toMatchObject({ code: 'not_allowed', retryable: false });
    expect(failure.message).toBe('Nobody can set the verdict by hand with this scoring model: it decides on its own. If reps should be able to, RevOps can allow it in the model (Overrides: anyone who can edit).');
    expect(portal.requests).toHaveLength(0);
  });

  it('needs a reason, on its field', async () => {
    for (const reason of [undefined, '', '   ']) {
      const failure = error(await call({ action: 'override', verdict: 'qualified', userId: '4511', ...(reason === undefined ? {} : { reason }) }));
      expect(failure.fields).toEqual([{
        property: 'bant_override_reason', criterion: '', value: reason ?? '',
        message: 'Reason: say why you set the verdict by hand (for example "Budget approved on today\'s call"), so your manager can follow it.',
      }]);
    }
    const long = error(await call({ action: 'override', verdict: 'qualified', reason: 'x'.repeat(1001), userId: '4511' }));
    expect(long.fields?.[0]?.message).toBe('Reason: 1,001 characters is too long; keep it to 1,000.');
    expect(portal.requests).toHaveLength(0);
  });

  it('takes today as the last day, refuses a past day or one that is not a day, on its field', async () => {
    const past = error(await call({ action: 'override', verdict: 'qualified', reason: 'Budget approved', until: '2026-11-22', userId: '4511' }));
    expect(past.fields).toEqual([{ property: 'bant_override_until', criterion: '', value: '2026-11-22', message: 'Until: 2026-11-22 has already passed; pick today or a later day, or leave it empty for no end.' }]);
    expect(past.message).toBe('The verdict was not set: Until: 2026-11-22 has already passed; pick today or a later day, or leave it empty for no end.');
    for (const until of ['2026-02-30', '31.12.2026', 'tomorrow']) {
      const failure = error(await call({ action: 'override', verdict: 'qualified', reason: 'Budget approved', until, userId: '4511' }));
      expect(failure.fields?.[0]?.message).toBe(`Until: "${until}" is not a day; pick one such as 2027-01-31, or leave it empty for no end.`);
    }
    expect(portal.requests).toHaveLength(0);
    const today = data(await call({ action: 'override', verdict: 'qualified', reason: 'Budget approved', until: '2026-11-23', userId: '4511' }));
    expect(today.result.override?.status).toBe('applies');
  });

  it('refuses a verdict that is not one', async () => {
    const failure = error(await call({ action: 'override', verdict: 'maybe', reason: 'x', userId: '4511' }));
    expect(failure.code).toBe('invalid_parameters');
    expect(failure.message).toContain('verdict:');
  });

  it('stops applying after its last day: the next load scores the model\'s verdict and says it expired', async () => {
    portal.updateRecord('contacts', contactId, { bant_override: 'qualified', bant_override_reason: 'Budget approved', bant_override_by: '4511', bant_override_until: '2026-11-22' });
    const { result } = data(await call({ action: 'load' }));
    expect(result).toMatchObject({ verdict: 'not_qualified', override: { status: 'expired', until: '2026-11-22' } });
  });

  it('says a retry can help when HubSpot does not answer, in the rep\'s words, and stores nothing', async () => {
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/update', status: 503, count: 2 });
    const failure = error(await call({ action: 'override', verdict: 'qualified', reason: 'Budget approved', userId: '4511' }));
    expect(failure).toMatchObject({ code: 'crm_unavailable', retryable: true });
    expect(failure.message).toBe('HubSpot did not answer while setting the verdict by hand. This is usually temporary.');
    expect(stored().bant_override ?? '').toBe('');
  });

  it('speaks the rep\'s language', async () => {
    const failure = error(await call({ action: 'override', verdict: 'qualified', userId: '4511', locale: 'fi' }));
    expect(failure.message).toMatch(/^Tulosta ei asetettu: Syy: kerro, miksi asetat tuloksen käsin/);
  });
});
