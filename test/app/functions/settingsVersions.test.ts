/**
 * The settings function as the model's editor: trying a draft, saving it and publishing, only by
 * a super admin checked against HubSpot's users API, against the local portal over real HTTP.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCrmClient } from '../../../src/crm';
import type { Model } from '../../../src/engine';
import { ACTIVE_MODEL, BANT_DEFAULT } from '../../../src/models';
import { DEFAULT_PORTAL_TOKEN } from '../../../src/portal';
import { handleSettingsRequest } from '../../../src/app/functions/handleSettingsRequest';
import type { DraftTrial, PublishResult, PushResult, SettingsOverview, SettingsResponse } from '../../../src/app/settings/lib/settingsApi';
import { createModelResolver, createVersionStore } from '../../../src/versions';
import { defineBantProperties } from '../../support/bantPortal';
import { useLocalPortal } from '../../support/localPortal';
import { budgetVariant, seedPublishedModel } from '../../versions/support';

const local = useLocalPortal();
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});
const NOW = new Date('2026-11-23T10:00:00.000Z');
const crm = () => createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: local.url(), retry: { maxAttempts: 1, maxTotalMs: 100, baseDelayMs: 1, maxDelayMs: 1 } });
const call = <T>(parameters: unknown) => handleSettingsRequest(parameters, { crm, model: createModelResolver({ bundled: ACTIVE_MODEL }), now: NOW }) as Promise<SettingsResponse<T>>;
const json = (model: Model) => JSON.parse(JSON.stringify(model)) as Record<string, unknown>;

function data<T>(response: SettingsResponse<T>): T {
  if (!response.ok) throw new Error(`expected ok, got ${response.error.code}: ${response.error.message}`);
  return response.data;
}

/** A portal with the model published as version 1, a super admin and a user who is not one. */
function setup() {
  const portal = local.portal();
  defineBantProperties(portal, BANT_DEFAULT);
  seedPublishedModel(portal, BANT_DEFAULT, 1);
  const admin = portal.defineUser({ email: 'ada@example.com', firstName: 'Ada', superAdmin: true });
  const rep = portal.defineUser({ email: 'rex@example.com', firstName: 'Rex' });
  return { portal, admin: Number(admin.id), rep: Number(rep.id), store: createVersionStore(crm()) };
}

describe('the settings function: only super admins change the model', () => {
  it('refuses a user who is not a super admin, or not a user of the account, and stores nothing', async () => {
    const { portal, rep, store } = setup();
    const refused = await call<PushResult>({ action: 'push', userId: rep, model: json(budgetVariant(25)), note: 'try', basedOn: 1 });
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', retryable: false, message: 'Only a super admin of this HubSpot account can change the BANT model, and rex@example.com is not one. Ask a super admin to make the change, or to give you super admin rights.' } });
    const stranger = await call<PublishResult>({ action: 'publish', userId: 999_999, number: 1, note: 'x', expected: 1 });
    expect(!stranger.ok && stranger.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('HubSpot has no user 999999 in this account') });
    expect((await store.listVersions()).map((v) => v.number)).toEqual([1]);
    expect(portal.requests.filter((r) => r.method !== 'GET' && r.path.includes('p_bant_model_version'))).toEqual([]);
  });

  it('saves a draft and publishes it for a super admin, recording who created and who published it; rollback is publishing the older one', async () => {
    const { admin, store } = setup();
    const pushed = data(await call<PushResult>({ action: 'push', userId: admin, model: json(budgetVariant(25)), note: 'Budget worth less', basedOn: 1 }));
    expect(pushed).toEqual({ state: 'pushed', number: 2, name: 'bant-default@2', diff: ['Budget ≥ 100,000 now earns 25 instead of 30'] });
    expect(await store.readVersion(2)).toMatchObject({ createdBy: `ada@example.com (HubSpot user ${admin})`, note: 'Budget worth less', basedOn: 1 });

    expect(data(await call<PublishResult>({ action: 'publish', userId: admin, number: 2, note: 'Friday change', expected: 1 }))).toEqual({ number: 2, name: 'bant-default@2', rollback: false });
    const pointer = await store.readPointer();
    expect(pointer.state === 'published' && pointer.pointer).toMatchObject({ number: 2, by: `ada@example.com (HubSpot user ${admin})`, note: 'Friday change', at: NOW.toISOString() });

    // Someone published since the page was loaded: refused, not overwritten.
    const stale = await call<PublishResult>({ action: 'publish', userId: admin, number: 1, note: 'back', expected: 1 });
    expect(!stale.ok && stale.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/^Someone published another version since this page loaded \(when you looked, version 1 was published.*\)\. Reload the page, look at what changed, then publish again\. Nothing was published\.$/) });
    expect(data(await call<PublishResult>({ action: 'publish', userId: admin, number: 1, note: 'Back to the old bands', expected: 2 }))).toEqual({ number: 1, name: 'bant-default@1', rollback: true });
  });

  it('refuses an invalid draft with every problem by path, and saves nothing', async () => {
    const { admin, store } = setup();
    const response = await call<PushResult>({ action: 'push', userId: admin, model: { ...json(BANT_DEFAULT), qualification: { minScore: 120 } }, note: 'x', basedOn: 1 });
    expect(!response.ok && response.error).toMatchObject({ code: 'model_invalid', problems: [{ path: 'qualification.minScore', message: "120 is above the model's maximum score (100); no lead could qualify, lower it" }] });
    expect((await store.listVersions()).map((v) => v.number)).toEqual([1]);
  });

  it('says what a portal without the versions object needs before a draft can be saved', async () => {
    const portal = local.portal();
    defineBantProperties(portal, BANT_DEFAULT);
    const response = await call<PushResult>({ action: 'push', userId: 1, model: json(budgetVariant(25)), note: 'x', basedOn: null });
    expect(!response.ok && response.error).toMatchObject({ code: 'no_versions', message: expect.stringContaining('runs its setup once (bant setup; it needs an Enterprise account)') });
  });
});

describe('the settings function: trying a draft before publishing', () => {
  it('says what changed in words, how many of a sample of contacts change grade or verdict, and backtests both on closed leads', async () => {
    const { portal } = setup();
    const strict = { ...budgetVariant(25), qualification: { ...BANT_DEFAULT.qualification, minScore: 80 } };
    const qualifiedNow = portal.createContact({ firstname: 'Quinn', bant_budget: '150000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' }).id;
    portal.createContact({ firstname: 'Lou', bant_need: 'low' });
    for (const won of [true, false, true]) {
      const contact = portal.createContact({ bant_budget: '150000', bant_authority: 'c_level', bant_need: 'perfect', bant_timeline: '1_3_months' }).id;
      const deal = portal.createDeal({ dealname: 'Closed', amount: '150000', dealstage: won ? 'closedwon' : 'closedlost' }).id;
      portal.associate('contacts', contact, 'deals', deal);
    }
    const trial = data(await call<DraftTrial>({ action: 'try', model: json(strict) }));
    expect(trial.diff).toEqual(expect.arrayContaining(['Budget ≥ 100,000 now earns 25 instead of 30']));
    expect(trial.diff.length).toBeGreaterThanOrEqual(2);
    expect(trial.impact).toMatchObject({ sample: 5, lostQualified: 1, gainedQualified: 0 });
    expect(trial.impact.examples[0]).toMatchObject({ id: qualifiedNow, name: 'Quinn', before: { score: 80, qualified: true }, after: { score: 75, qualified: false } });
    expect(trial.backtest).toMatchObject({ contactsRead: 5, published: { leads: 3, won: 2 }, draft: { leads: 3, won: 2 } });
    expect(trial.backtest.published.precision).toBeCloseTo(2 / 3);
    expect(trial.backtest.published.recall).toBe(1);
  });

  it('lists the versions and the background rescore in the overview', async () => {
    const { admin, store } = setup();
    await call<PushResult>({ action: 'push', userId: admin, model: json(budgetVariant(25)), note: 'Budget worth less', basedOn: 1 });
    await store.writeRescoreProgress({ name: 'bant-default@1', checksum: 'c', state: 'running', done: 200, total: 300, written: 150, errors: 1, startedAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    const overview = data(await call<SettingsOverview>({ action: 'overview' }));
    expect(overview.versions.map((v) => [v.number, v.status])).toEqual([[2, 'draft'], [1, 'published']]);
    expect(overview.rescore).toMatchObject({ state: 'running', done: 200, total: 300, errors: 1 });
    expect(overview.properties.deal.map((p) => p.name)).toContain('amount');
  });
});
