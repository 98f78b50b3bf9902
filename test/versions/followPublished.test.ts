import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { ACTIVE_MODEL, BANT_DEFAULT } from '../../src/models';
import { createPortal } from '../../src/portal';
import type { Portal, PortalOptions } from '../../src/portal';
import { createModelResolver, createVersionStore, followPublished } from '../../src/versions';
import { defineBantProperties } from '../support/bantPortal';
import { BASE_URL, clientFor } from '../crm/support';
import { budgetVariant, committeesWrongUnder, contactsWrongUnder, defineModelVersionObject } from './support';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
/** A fresh portal answering BASE_URL in this process (msw). */
function usePortal(options: PortalOptions): Portal {
  const portal = createPortal(options);
  server.use(...portal.handlers(BASE_URL));
  return portal;
}
const NOW = new Date('2026-11-23T10:00:00.000Z');
const AT = '2026-12-04T15:30:00.000Z';
const ANSWERS: Array<Record<string, string>> = [
  { bant_budget: '150000', bant_authority: 'c_level', bant_need: 'perfect', bant_timeline: '1_3_months' },
  { bant_budget: '60000', bant_authority: 'manager' },
  { bant_need: 'low' },
  {},
];

let checkpointFile: string;
beforeEach(async () => {
  checkpointFile = join(await mkdtemp(join(tmpdir(), 'bant-follow-')), 'checkpoint.json');
});

/** The default model rolling up the buying committees of deals and companies. */
const COMMITTEES: Model = { ...BANT_DEFAULT, committee: { deals: true, companies: true, roleCriterion: 'authority' } };

/**
 * A portal set up for `model` (the default one unless told), with `count` contacts (some with a
 * deal, and every fifth deal's contacts at a company) and nothing published yet.
 */
function setup(count: number, model: Model = BANT_DEFAULT) {
  const portal = usePortal({ rateLimit: false });
  defineBantProperties(portal, model);
  defineModelVersionObject(portal);
  let company: string | undefined;
  for (let i = 0; i < count; i++) {
    const contact = portal.createContact(ANSWERS[i % ANSWERS.length]);
    if (i % 3 === 0) {
      const deal = portal.createDeal({ dealname: `Deal ${i}`, amount: String(40_000 + 1_000 * i), closedate: '2027-01-15', dealstage: 'qualifiedtobuy' });
      portal.associate('contacts', contact.id, 'deals', deal.id);
      if (i % 15 === 0) company = portal.createRecord('companies', { name: `Company ${i}` }).id;
      if (company) {
        portal.associate('companies', company, 'contacts', contact.id);
        portal.associate('companies', company, 'deals', deal.id);
      }
    }
  }
  const crm = clientFor({ retry: { maxAttempts: 1, maxTotalMs: 100, baseDelayMs: 1, maxDelayMs: 1 } });
  const store = createVersionStore(crm);
  let clock = 0;
  const lines: string[] = [];
  const follower = followPublished({
    crm, resolver: createModelResolver({ bundled: ACTIVE_MODEL }), baseUrl: BASE_URL, checkpointFile, now: () => NOW,
    clock: () => clock, progressEveryMs: 0, retryAfterMs: 60_000, log: (line) => lines.push(line),
  });
  return { portal, store, follower, lines, advance: (ms: number) => (clock += ms) };
}

const wrongUnder = (portal: Portal, model: Model) => contactsWrongUnder(portal, model, NOW);
const searches = (portal: Portal) => portal.requests.filter((r) => r.path === '/crm/v3/objects/contacts/search');

describe('followPublished: the background rescore after a publish', () => {
  it('brings every contact to the published version, then to the next one published, writing its progress', async () => {
    const { portal, store, follower } = setup(40);
    await store.push(BANT_DEFAULT, { by: 'ann', note: 'first' });
    await store.publish(1, { by: 'ann', note: 'go', at: AT });
    await follower.check();
    await follower.idle();
    expect(wrongUnder(portal, { ...BANT_DEFAULT, version: 'bant-default@1' })).toEqual([]);
    expect(await store.readRescoreProgress()).toMatchObject({ name: 'bant-default@1', state: 'done', done: 40, total: 40, written: 40, errors: 0 });

    await store.push(budgetVariant(25), { by: 'bob', note: 'budget worth less' });
    await store.publish(2, { by: 'bob', note: 'Friday change', at: AT });
    const published = { ...budgetVariant(25), version: 'bant-default@2' };
    expect(wrongUnder(portal, published)).toHaveLength(40);
    await follower.check();
    await follower.idle();
    expect(wrongUnder(portal, published)).toEqual([]);
    const progress = await store.readRescoreProgress();
    expect(progress).toMatchObject({ name: 'bant-default@2', state: 'done', done: 40, total: 40, errors: 0 });
    expect(progress?.written).toBeGreaterThan(0);
    expect(existsSync(checkpointFile)).toBe(false);

    // Nothing new published: a poll reads the pointer and rescores nothing.
    portal.requests.clear();
    await follower.check();
    await follower.idle();
    expect(portal.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v3/objects/p_bant_model_version/published']);
  });

  it('does nothing while no version is published, and nothing for a version the contacts already carry', async () => {
    const { portal, store, follower } = setup(5);
    await follower.check();
    await follower.idle();
    expect(searches(portal)).toHaveLength(0);
    await store.push(BANT_DEFAULT, { by: 'ann', note: 'first' });
    await store.publish(1, { by: 'ann', note: 'go', at: AT });
    await store.writeRescoreProgress({ name: 'bant-default@1', checksum: (await store.readVersion(1))!.checksum, state: 'done', done: 5, total: 5, written: 5, errors: 0, startedAt: AT, updatedAt: AT });
    await follower.check();
    await follower.idle();
    expect(searches(portal)).toHaveLength(0);
  });

  it('says where it stopped when HubSpot fails, and continues from its checkpoint at a later poll', async () => {
    const { portal, store, follower, lines, advance } = setup(1_250);
    await store.push(budgetVariant(25), { by: 'ann', note: 'first' });
    await store.publish(1, { by: 'ann', note: 'go', at: AT });
    // From the sixth search page on, HubSpot fails: the first window of 1,000 is done, the rest waits.
    let pages = 0;
    let failing = true;
    server.use(http.post(`${BASE_URL}/crm/v3/objects/contacts/search`, () => {
      pages += 1;
      return failing && pages >= 6 ? HttpResponse.json({ status: 'error', category: 'INTERNAL_ERROR', message: 'simulated outage' }, { status: 500 }) : undefined;
    }));
    await follower.check();
    await follower.idle();
    const stopped = await store.readRescoreProgress();
    expect(stopped).toMatchObject({ name: 'bant-default@1', state: 'stopped', message: expect.stringMatching(/\(500\)/) });
    expect(stopped?.done).toBeGreaterThanOrEqual(1_000);
    expect(JSON.parse(await readFile(checkpointFile, 'utf8'))).toMatchObject({ identity: { modelVersion: 'bant-default@1' } });
    expect(lines.at(-1)).toMatch(/^background rescore: stopped after [\d,]+ contacts \(.*\); it continues from its checkpoint$/);

    // Within the retry interval nothing starts; after it, the rescore continues where it stopped.
    await follower.check();
    await follower.idle();
    expect((await store.readRescoreProgress())?.state).toBe('stopped');
    advance(60_000);
    failing = false;
    portal.requests.clear();
    await follower.check();
    await follower.idle();
    expect(searches(portal)[0]?.body).toMatchObject({ filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GT' }] }] });
    expect(await store.readRescoreProgress()).toMatchObject({ state: 'done', done: 1_250, total: 1_250 });
    expect(wrongUnder(portal, { ...budgetVariant(25), version: 'bant-default@1' })).toEqual([]);
  });

  it('rolls up the buying committees of deals, then companies, after the contacts, when the model rolls them up', async () => {
    const { portal, store, follower, lines } = setup(60, COMMITTEES);
    await store.push(COMMITTEES, { by: 'ann', note: 'committees' });
    await store.publish(1, { by: 'ann', note: 'go', at: AT });
    await follower.check();
    await follower.idle();
    const published = { ...COMMITTEES, version: 'bant-default@1' };
    expect(wrongUnder(portal, published)).toEqual([]);
    expect(committeesWrongUnder(portal, published, 'deal', NOW)).toEqual([]);
    expect(committeesWrongUnder(portal, published, 'company', NOW)).toEqual([]);
    expect(await store.readRescoreProgress()).toMatchObject({
      name: 'bant-default@1', state: 'done', done: 60, total: 60, errors: 0,
      parts: [
        { object: 'deals', state: 'done', done: 20, total: 20, written: 20, errors: 0 },
        { object: 'companies', state: 'done', done: 4, total: 4, written: 4, errors: 0 },
      ],
    });
    expect(lines.at(-1)).toBe('background rescore: every committee is rolled up with bant-default@1: 20 deals (20 written), 4 companies (4 written)');
    expect(existsSync(checkpointFile.replace('.json', '-deals.json'))).toBe(false);
  });

  it('continues the deals where they stopped, without redoing the contacts', async () => {
    const { portal, store, follower, advance } = setup(60, COMMITTEES);
    await store.push(COMMITTEES, { by: 'ann', note: 'committees' });
    await store.publish(1, { by: 'ann', note: 'go', at: AT });
    let failing = true;
    server.use(http.post(`${BASE_URL}/crm/v3/objects/deals/search`, () => (failing ? HttpResponse.json({ status: 'error', category: 'INTERNAL_ERROR', message: 'simulated outage' }, { status: 500 }) : undefined)));
    await follower.check();
    await follower.idle();
    expect(await store.readRescoreProgress()).toMatchObject({
      state: 'stopped', done: 60, message: expect.stringMatching(/\(500\)/) as string,
      parts: [{ object: 'deals', state: 'stopped' }, { object: 'companies', state: 'waiting' }],
    });
    advance(60_000);
    failing = false;
    portal.requests.clear();
    await follower.check();
    await follower.idle();
    expect(searches(portal)).toEqual([]);
    expect(await store.readRescoreProgress()).toMatchObject({ state: 'done', parts: [{ object: 'deals', state: 'done', done: 20 }, { object: 'companies', state: 'done', done: 4 }] });
    expect(committeesWrongUnder(portal, { ...COMMITTEES, version: 'bant-default@1' }, 'deal', NOW)).toEqual([]);
  });

  it('stops the committees with the fix when the portal lacks the deal properties they write', async () => {
    const { portal, store, follower } = setup(6, BANT_DEFAULT);
    await store.push(COMMITTEES, { by: 'ann', note: 'committees before setup' });
    await store.publish(1, { by: 'ann', note: 'go', at: AT });
    await follower.check();
    await follower.idle();
    expect(wrongUnder(portal, { ...COMMITTEES, version: 'bant-default@1' })).toEqual([]);
    expect(await store.readRescoreProgress()).toMatchObject({
      state: 'stopped', message: expect.stringMatching(/^the portal lacks \d+ of the \d+ deal properties bant rescore writes .*run bant setup/) as string,
      parts: [{ object: 'deals', state: 'stopped' }, { object: 'companies', state: 'waiting' }],
    });
  });
});
