import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { derivedPropertiesChanged, scoreLead, toDerivedProperties } from '../../src/engine';
import type { RawProperties } from '../../src/engine';
import { ACTIVE_MODEL, BANT_DEFAULT } from '../../src/models';
import { modelChecksum } from '../../src/modelstore';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { CustomObjectType, Portal, PortalOptions } from '../../src/portal';
import { defineBantProperties } from '../support/bantPortal';
import { runCli } from '../support/runCli';
import { budgetVariant, seedPublishedModel } from '../versions/support';

/** In-process: msw answers this address with the portal's handlers; nothing listens there. */
const BASE_URL = 'http://127.0.0.1:4010';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const ENV = { PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: BASE_URL };
const SEED_ANSWERS = { bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let dir: string;
let checkpoint: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bant-rescore-'));
  checkpoint = join(dir, 'checkpoint.json');
});

/** A portal set up for the model, with it published as version 1 (bant-default@1), as the demo does. */
function portalWith(options: PortalOptions = {}): Portal {
  const portal = createPortal(options);
  defineBantProperties(portal, BANT_DEFAULT);
  seedPublishedModel(portal, BANT_DEFAULT);
  server.use(...portal.handlers(BASE_URL));
  return portal;
}

/** What the engine says a contact's derived properties are, from the portal's current state. */
function expectedFor(portal: Portal, id: string): Record<string, string> {
  const contact = portal.getRecord('contacts', id)?.properties as RawProperties;
  const deals = portal.associatedIds('contacts', id, 'deals').map((dealId) => ({ id: dealId, properties: portal.getRecord('deals', dealId)?.properties as RawProperties }));
  return toDerivedProperties(BANT_DEFAULT, scoreLead(BANT_DEFAULT, { contact, deals }, NOW), NOW);
}

/** Contacts whose stored derived values differ from the engine's (scored_at aside). */
function outOfDate(portal: Portal): string[] {
  return [...portal.store.objects.contacts.keys()].filter((id) =>
    derivedPropertiesChanged(portal.getRecord('contacts', id)?.properties ?? {}, expectedFor(portal, id)).length > 0);
}

function addContacts(portal: Portal, count: number, answers: Record<string, string> = {}): string[] {
  return Array.from({ length: count }, () => portal.createContact(answers).id);
}

const requestsTo = (portal: Portal, method: string, path: string) => portal.requests.filter((r) => r.method === method && r.path === path && r.status < 400);
const inputIds = (request: { body: unknown }) => (request.body as { inputs: Array<{ id: string }> }).inputs.map((input) => input.id);
const rescore = (args: string[] = [], env: NodeJS.ProcessEnv = ENV) => runCli(['rescore', '--now', NOW.toISOString(), '--checkpoint', checkpoint, ...args], '', env);

const searches = (portal: Portal) => requestsTo(portal, 'POST', '/crm/v3/objects/contacts/search');
const searchFilters = (request: { body: unknown }) => (request.body as { filterGroups: Array<{ filters: unknown[] }> }).filterGroups.flatMap((group) => group.filters);

/** A checkpoint as bant rescore writes it, for this portal and model unless told otherwise. */
function checkpointFor(portal: Portal, state: { cursor: string | null; done: number; written?: number; unchanged?: number }, identity: Record<string, unknown> = {}) {
  const model = ACTIVE_MODEL.ok ? ACTIVE_MODEL.model : BANT_DEFAULT;
  return {
    version: 2,
    identity: { portalId: String(portal.account.portalId), baseUrl: BASE_URL, modelVersion: model.version, modelChecksum: modelChecksum(model), selection: { kind: 'all' }, now: NOW.toISOString(), ...identity },
    written: state.done, unchanged: 0, missing: [], failed: [], grades: {}, startedAt: NOW.toISOString(), ...state,
  };
}

describe('bant rescore', () => {
  it('writes only the contacts whose derived values changed, with exactly the engine\'s values', async () => {
    const portal = portalWith();
    const [upToDate] = addContacts(portal, 1, SEED_ANSWERS);
    portal.updateRecord('contacts', upToDate!, { ...expectedFor(portal, upToDate!), bant_scored_at: '2026-11-01T00:00:00.000Z' });
    const [stale] = addContacts(portal, 1, { ...SEED_ANSWERS, bant_score: '55', bant_grade: 'B' });
    const [blank] = addContacts(portal, 1);
    const [withDeal] = addContacts(portal, 1, { bant_authority: 'c_level' });
    const deal = portal.createDeal({ dealname: 'Acme', amount: '120000', closedate: '2027-01-10', dealstage: 'qualifiedtobuy' });
    portal.associate('deals', deal.id, 'contacts', withDeal!);
    portal.requests.clear();

    const { code, stdout, stderr } = await rescore();
    expect(stderr).toMatch(/^rescore: 4\/4 contacts \(100%\), [\d,]+\/s, about 0:00 left\n$/);
    expect(code).toBe(0);
    const updates = requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update');
    expect(updates.map((r) => r.body)).toEqual([{
      inputs: [stale!, blank!, withDeal!].map((id) => ({ id, properties: expectedFor(portal, id) })),
    }]);
    expect(portal.getRecord('contacts', upToDate!)?.properties.bant_scored_at).toBe('2026-11-01T00:00:00.000Z');
    expect(portal.getRecord('contacts', withDeal!)?.properties).toMatchObject({ bant_budget_points: '30', bant_timeline_points: '20', bant_authority_points: '25' });
    expect(stdout.split('\n')[0]).toBe('rescored 4 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 3 written, 1 unchanged.');
    expect(outOfDate(portal)).toEqual([]);
    // The portal now says every contact carries the published version, so bant receiver does not rescore them again.
    const progress = [...portal.store.objects[portal.customObjectType('p_bant_model_version') as CustomObjectType]!.values()].find((r) => r.properties.get('bant_key') === 'rescore');
    expect(JSON.parse(progress?.properties.get('bant_progress') ?? 'null')).toMatchObject({ name: 'bant-default@1', state: 'done', done: 4, total: 4, written: 3, errors: 0 });
  });

  it('finds contacts 200 at a time with search, paging by record id, and a second run writes nothing', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 250, { bant_need: 'partial' });
    portal.requests.clear();
    expect((await rescore()).code).toBe(0);
    expect(searches(portal).map(searchFilters)).toEqual([[], [{ propertyName: 'hs_object_id', operator: 'GT', value: ids[199] }]]);
    expect(searches(portal)[0]?.body).toMatchObject({ sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }], limit: 200, after: '0' });
    // The search brings the contacts' properties: no contact is read a second time.
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/read')).toEqual([]);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update').map(inputIds)).toEqual([ids.slice(0, 100), ids.slice(100, 200), ids.slice(200)]);

    portal.requests.clear();
    const again = await rescore();
    expect(again.code).toBe(0);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update')).toEqual([]);
    expect(again.stdout.split('\n')[0]).toBe('rescored 250 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 0 written, 250 unchanged.');
  });

  it('needs about 2.3 calls per 100 contacts: 200 per search, associations per 1,000 contacts, each deal once, 100 per write', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 2000, { bant_authority: 'director' });
    // Each deal's two contacts are 1,000 apart, so they fall in different windows.
    for (let i = 0; i < 1000; i += 1) {
      const deal = portal.createDeal({ dealname: `Deal ${i}`, amount: String(10_000 * (i % 13)), closedate: '2027-02-01', dealstage: 'qualifiedtobuy' });
      portal.associate('deals', deal.id, 'contacts', ids[i]!);
      portal.associate('deals', deal.id, 'contacts', ids[i + 1000]!);
    }
    portal.requests.clear();
    expect((await rescore()).code).toBe(0);
    const calls: Record<string, number> = {};
    for (const r of portal.requests) calls[`${r.method} ${r.path}`] = (calls[`${r.method} ${r.path}`] ?? 0) + 1;
    expect(calls).toEqual({
      'GET /crm/v3/objects/p_bant_model_version/published': 1,
      'GET /account-info/v3/details': 1,
      'GET /crm/v3/properties/contacts': 1,
      'POST /crm/v3/objects/contacts/search': 10,
      'POST /crm/v4/associations/contacts/deals/batch/read': 2,
      'POST /crm/v3/objects/deals/batch/read': 10,
      'POST /crm/v3/objects/contacts/batch/update': 20,
      // Every contact carries the published version now: recorded where the settings page and bant receiver read it.
      'POST /crm/v3/objects/p_bant_model_version': 1,
    });
    expect(outOfDate(portal)).toEqual([]);
  });

  it('leaves alone a contact the app scored after the deal data it would reuse was read', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 1200, { bant_authority: 'director' });
    const deal = portal.createDeal({ dealname: 'Shared', amount: '20000', closedate: '2027-02-01', dealstage: 'qualifiedtobuy' });
    portal.associate('deals', deal.id, 'contacts', ids[0]!);
    portal.associate('deals', deal.id, 'contacts', ids[1100]!);
    let pages = 0;
    server.use(http.post(`${BASE_URL}/crm/v3/objects/contacts/search`, () => {
      pages += 1;
      // Between the windows: the deal grows and the receiver rescores its contacts at once.
      if (pages === 6) {
        portal.updateRecord('deals', deal.id, { amount: '150000' });
        portal.updateRecord('contacts', ids[1100]!, { ...expectedFor(portal, ids[1100]!), bant_scored_at: new Date(Date.now() + 1).toISOString() });
      }
      return undefined;
    }));
    expect((await rescore(['--concurrency', '1'])).code).toBe(0);
    expect(portal.getRecord('contacts', ids[1100]!)?.properties.bant_budget_points).toBe('30');
    // ids[0] was scored from the deal as it was; the receiver would rescore it on the deal's webhook.
    expect(outOfDate(portal)).toEqual([ids[0]]);
  });

  it('pages past the 10,000 results search can reach, by record id', async () => {
    const portal = portalWith();
    addContacts(portal, 10_050);
    portal.requests.clear();
    const { code, stdout } = await rescore(['--dry-run']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Dry run, nothing written: rescored 10,050 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 10,050 would change, 0 unchanged.');
    expect(searches(portal)).toHaveLength(51);
    expect(portal.requests.filter((r) => r.status >= 400)).toEqual([]);
  });

  it('rescores only the contacts given with --ids, and lists ids that are not contacts (exit 1)', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 5, SEED_ANSWERS);
    portal.requests.clear();
    const { code, stdout } = await rescore(['--ids', `${ids[3]},${ids[1]},${ids[3]},9999`]);
    expect(code).toBe(1);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/read').map(inputIds)).toEqual([[ids[3], ids[1], '9999']]);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update').map(inputIds)).toEqual([[ids[3], ids[1]]]);
    expect(searches(portal)).toEqual([]);
    expect(stdout).toContain('\nNot found (deleted, or not a contact id): 9999\n');
    expect(outOfDate(portal)).toEqual([ids[0], ids[2], ids[4]]);
  });

  it('rescores only contacts modified since --since, found with search on lastmodifieddate', async () => {
    let clock = Date.parse('2026-11-01T00:00:00Z');
    const portal = portalWith({ now: () => clock });
    const ids = addContacts(portal, 6, { bant_need: 'low' });
    clock = Date.parse('2026-11-20T00:00:00Z');
    portal.updateRecord('contacts', ids[1]!, { bant_need: 'perfect' });
    portal.updateRecord('contacts', ids[4]!, { bant_budget: '70000' });
    portal.requests.clear();

    const { code, stdout } = await rescore(['--since', '2026-11-15']);
    expect(code).toBe(0);
    expect(searches(portal).map(searchFilters)).toEqual([[{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.parse('2026-11-15T00:00:00Z')) }]]);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update').map(inputIds)).toEqual([[ids[1], ids[4]]]);
    expect(stdout.split('\n')[0]).toContain(': 2 written, 0 unchanged.');
  });

  it('reports grade counts before → after on --dry-run and writes nothing, not even a checkpoint', async () => {
    const portal = portalWith();
    addContacts(portal, 3, SEED_ANSWERS); // A
    addContacts(portal, 2, { bant_need: 'perfect', bant_authority: 'director', bant_grade: 'A' }); // stored A, really C (45)
    addContacts(portal, 1); // D
    portal.requests.clear();
    const { code, stdout } = await rescore(['--dry-run']);
    expect(code).toBe(0);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update')).toEqual([]);
    expect(portal.requests.every((r) => r.method === 'GET' || r.path.endsWith('/batch/read') || r.path.endsWith('/search'))).toBe(true);
    expect(existsSync(checkpoint)).toBe(false);
    expect(stdout).toContain('Dry run, nothing written: rescored 6 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 6 would change, 0 unchanged.');
    expect(stdout).toContain([
      'Grades before → after (if written):',
      '  grade   before   after',
      '  A            2       3',
      '  B            0       0',
      '  C            0       2',
      '  D            0       1',
      '  (none)       4       0',
    ].join('\n'));
    expect(stdout).toContain('Changed grade:\n  (none) → A             3\n  A → C                  2\n  (none) → D             1\n');
    expect(outOfDate(portal)).toHaveLength(6);
  });
});

describe('as time passes: stale answers and expired overrides', () => {
  it('moves a lead into stale and an expired override out of the verdict from the stamps read with the answers, without reading history', async () => {
    const portal = portalWith();
    const earlier = new Date(NOW.getTime() - 30 * 86_400_000);
    const store = (id: string, at: Date) => {
      const contact = portal.getRecord('contacts', id)?.properties as RawProperties;
      portal.updateRecord('contacts', id, toDerivedProperties(BANT_DEFAULT, scoreLead(BANT_DEFAULT, { contact }, at), at));
    };
    // Timeline answered 89 days before an earlier nightly run: 119 days old now, past its 90.
    const [aging] = addContacts(portal, 1, { ...SEED_ANSWERS, bant_timeline_answered_at: new Date(earlier.getTime() - 89 * 86_400_000).toISOString() });
    // Overridden to qualified until a day now past.
    const [overridden] = addContacts(portal, 1, { ...SEED_ANSWERS, bant_need: 'low', bant_override: 'qualified', bant_override_reason: 'Verbal yes from the CFO', bant_override_until: '2026-11-20' });
    store(aging!, earlier);
    store(overridden!, earlier);
    expect(portal.getRecord('contacts', aging!)?.properties).toMatchObject({ bant_next_action: 'sales_now', bant_score: '80' });
    expect(portal.getRecord('contacts', overridden!)?.properties).toMatchObject({ bant_verdict: 'qualified', bant_next_action: 'sales_now', bant_qualified: 'false' });
    portal.requests.clear();

    expect((await rescore()).code).toBe(0);
    expect(portal.getRecord('contacts', aging!)?.properties).toMatchObject({ bant_next_action: 'requalify', bant_stale_criteria: 'timeline', bant_score: '80', bant_qualified: 'true' });
    expect(portal.getRecord('contacts', overridden!)?.properties).toMatchObject({ bant_verdict: 'not_qualified', bant_next_action: 'sales_later', bant_qualified: 'false' });
    expect(portal.requests.some((r) => JSON.stringify(r.body ?? '').includes('propertiesWithHistory'))).toBe(false);
    expect(outOfDate(portal)).toEqual([]);
  });
});

describe('before the first contact: the portal can store what the run writes', () => {
  it('stops with one message and the fix when bant setup never ran, after three calls and no contact read', async () => {
    const portal = createPortal();
    server.use(...portal.handlers(BASE_URL));
    addContacts(portal, 800, { firstname: 'Ann' });
    portal.requests.clear();
    const { code, stdout, stderr } = await rescore();
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe([
      'bant rescore: scoring with the bundled model bant-default@1: this portal has no bant_model_version object yet (run bant setup), so no model version is published in this portal yet (bant model push, then bant model publish)',
      'bant rescore: the portal lacks 14 of the 14 contact properties bant rescore writes (bant_score, bant_budget_points, bant_authority_points, bant_need_points, bant_timeline_points, bant_qualified, … 8 more), so no score could be stored; run bant setup (then bant check), then bant rescore again\n',
    ].join('\n'));
    expect(portal.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v3/objects/p_bant_model_version/published', 'GET /account-info/v3/details', 'GET /crm/v3/properties/contacts']);
  });

  it('names an output that exists but cannot hold what is written', async () => {
    const portal = portalWith();
    portal.store.properties.contacts.set('bant_grade', { ...portal.store.properties.contacts.get('bant_grade')!, options: [{ label: 'A', value: 'A', displayOrder: 0, hidden: false }] });
    const { code, stderr } = await rescore();
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bant rescore: the portal has one that does not fit what it writes \(bant_grade: .+\), so no score could be stored; run bant check for the fixes \(bant setup --add-options adds missing options\), then bant rescore again\n$/);
  });

  it('exits 2 when HubSpot refuses the token', async () => {
    portalWith();
    const { code, stderr } = await rescore([], { ...ENV, PRIVATE_APP_ACCESS_TOKEN: 'wrong' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bant rescore: could not read the published model: .*HubSpot rejected the access token \(401\)/);
  });
});

describe('checkpoints: resumed only by the run they were made for', () => {
  it('keeps a checkpoint when searching stops, and the next run continues after the last contact done', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 1250, { bant_timeline: '1_3_months' });
    let pages = 0;
    server.use(http.post(`${BASE_URL}/crm/v3/objects/contacts/search`, () => {
      pages += 1;
      if (pages === 7) return HttpResponse.json({ status: 'error', category: 'VALIDATION_ERROR', message: 'simulated outage' }, { status: 400 });
      return undefined;
    }));
    const first = await rescore();
    expect(first.code).toBe(1);
    // Five pages made a window of 1,000; the sixth page's 200 were found before the stop and are done too.
    expect(first.stdout).toContain('\nStopped after 1,200 contacts: ');
    expect(first.stdout).toContain(`Run the same command again to continue from the checkpoint ${checkpoint}.`);
    expect(JSON.parse(await readFile(checkpoint, 'utf8'))).toMatchObject({ cursor: ids[1199], done: 1200, written: 1200 });
    expect(outOfDate(portal)).toEqual(ids.slice(1200));

    server.resetHandlers(...portal.handlers(BASE_URL));
    portal.requests.clear();
    const second = await rescore();
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`bant rescore: continuing from ${checkpoint}: 1,200 contacts already done\n`);
    expect(searches(portal).map(searchFilters)).toEqual([[{ propertyName: 'hs_object_id', operator: 'GT', value: ids[1199] }]]);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update').map(inputIds)).toEqual([ids.slice(1200)]);
    // The summary counts what this run wrote, and says what the earlier one did.
    expect(second.stdout.split('\n').slice(0, 2)).toEqual([
      'rescored 50 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 50 written, 0 unchanged.',
      'An earlier run of this checkpoint had done 1,200 contacts; they are not counted above.',
    ]);
    expect(existsSync(checkpoint)).toBe(false);
    expect(outOfDate(portal)).toEqual([]);
  });

  it('scores with the published version, and its checkpoint records that version and its checksum', async () => {
    const published = budgetVariant(25);
    const portal = createPortal();
    defineBantProperties(portal, BANT_DEFAULT);
    const objectTypeId = seedPublishedModel(portal, published, 2);
    server.use(...portal.handlers(BASE_URL));
    const ids = addContacts(portal, 1250, { bant_budget: '150000' });
    let pages = 0;
    server.use(http.post(`${BASE_URL}/crm/v3/objects/contacts/search`, () => {
      pages += 1;
      if (pages === 7) return HttpResponse.json({ status: 'error', category: 'VALIDATION_ERROR', message: 'simulated outage' }, { status: 400 });
      return undefined;
    }));
    const first = await rescore();
    expect(first.code).toBe(1);
    expect(first.stderr).not.toContain('bundled');
    const pointer = [...portal.store.objects[objectTypeId]!.values()].find((r) => r.properties.get('bant_key') === 'published')!;
    expect(JSON.parse(await readFile(checkpoint, 'utf8')).identity).toMatchObject({ modelVersion: 'bant-default@2', modelChecksum: pointer.properties.get('bant_checksum') });
    expect(portal.getRecord('contacts', ids[0]!)?.properties).toMatchObject({ bant_budget_points: '25', bant_model_version: 'bant-default@2' });
    expect(first.stdout).toContain('with bant-default@2 as of');
  });

  it.each([
    ['another portal', { portalId: '999' }, (portal: Portal) => `it was made for portal 999 (this is portal ${portal.account.portalId})`],
    ['the same Hub ID at another address', { baseUrl: 'http://127.0.0.1:9' }, (portal: Portal) => `it was made for portal ${portal.account.portalId} at http://127.0.0.1:9 (this run talks to ${BASE_URL})`],
    ['another model version', { modelVersion: 'bant-default@0' }, () => 'it was made with model bant-default@0 (this run scores with bant-default@1)'],
    ['an edited model of the same version', { modelChecksum: '0000000000000000' }, () => 'it was made with another content of model bant-default@1 (edited since)'],
    ['other contacts', { selection: { kind: 'since', since: '2026-11-01T00:00:00.000Z' } }, () => 'it was made for --since 2026-11-01T00:00:00.000Z (this run is for all contacts)'],
    ['another --now', { now: '2026-10-01T00:00:00.000Z' }, () => `it was made for --now 2026-10-01T00:00:00.000Z (this run: --now ${NOW.toISOString()})`],
  ])('starts over, saying why, from a checkpoint made for %s', async (_name, identity, reason) => {
    const portal = portalWith();
    const ids = addContacts(portal, 300, SEED_ANSWERS);
    // What broke npm start: a checkpoint far past this portal's contacts, claiming thousands done.
    await writeFile(checkpoint, JSON.stringify(checkpointFor(portal, { cursor: '99999', done: 19_300 }, identity)));
    const { code, stdout, stderr } = await rescore();
    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toBe(`bant rescore: not continuing the checkpoint ${checkpoint}: ${reason(portal)}; starting over`);
    expect(stdout.split('\n')[0]).toBe('rescored 300 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 300 written, 0 unchanged.');
    expect(outOfDate(portal)).toEqual([]);
    expect(ids).toHaveLength(300);
  });

  it.each([
    ['damaged', '{"version": 2', 'it is not JSON (damaged)'],
    ['written by the bant rescore before this one', JSON.stringify({ version: 1, selection: { kind: 'all' }, modelVersion: 'bant-default@1', cursor: '19300', done: 19_300, written: 19_300, unchanged: 0, missing: [], failed: [], grades: {}, startedAt: '2026-11-01T00:00:00.000Z' }), 'it was written by an older bant rescore, which did not record the portal'],
  ])('starts over from a checkpoint %s', async (_name, text, reason) => {
    const portal = portalWith();
    addContacts(portal, 20, SEED_ANSWERS);
    await writeFile(checkpoint, text);
    const { code, stdout, stderr } = await rescore();
    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toBe(`bant rescore: not continuing the checkpoint ${checkpoint}: ${reason}; starting over`);
    expect(stdout.split('\n')[0]).toContain(': 20 written, 0 unchanged.');
  });

  it('continues a checkpoint made for this very run, and --restart ignores it', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 10, SEED_ANSWERS);
    await writeFile(checkpoint, JSON.stringify(checkpointFor(portal, { cursor: ids[5]!, done: 6 })));
    const resumed = await rescore();
    expect(resumed.stderr).toContain(`continuing from ${checkpoint}: 6 contacts already done`);
    expect(resumed.stdout.split('\n')[0]).toContain('rescored 4 contacts');
    expect(outOfDate(portal)).toEqual(ids.slice(0, 6));

    await writeFile(checkpoint, JSON.stringify(checkpointFor(portal, { cursor: ids[5]!, done: 6 })));
    const restarted = await rescore(['--restart']);
    expect(restarted.stderr).not.toContain('continuing');
    expect(restarted.stdout.split('\n')[0]).toContain('rescored 10 contacts');
    expect(outOfDate(portal)).toEqual([]);
  });
});

describe('Ctrl-C and SIGTERM', () => {
  it.each([
    ['Ctrl-C', undefined, 130],
    ['SIGTERM', 'SIGTERM', 143],
  ])('%s during a write aborts it, keeps the checkpoint before it, and the next run redoes it', async (_name, reason, status) => {
    const portal = portalWith();
    const ids = addContacts(portal, 1100, { bant_need: 'low' });
    const stop = new AbortController();
    let updates = 0;
    server.use(http.post(`${BASE_URL}/crm/v3/objects/contacts/batch/update`, async ({ request }) => {
      updates += 1;
      if (updates !== 11) return undefined;
      // The second window's first write: stop now, and never answer it.
      stop.abort(reason);
      await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
      return HttpResponse.json({}, { status: 504 });
    }));
    const { code, stdout } = await runCli(['rescore', '--now', NOW.toISOString(), '--checkpoint', checkpoint, '--concurrency', '1'], '', ENV, { signal: stop.signal });
    expect(code).toBe(status);
    expect(stdout).toContain('\nStopped after 1,000 contacts: interrupted.\n');
    expect(stdout).toContain(`Run the same command again to continue from the checkpoint ${checkpoint} (contacts whose writes were in flight are redone).`);
    expect(JSON.parse(await readFile(checkpoint, 'utf8'))).toMatchObject({ cursor: ids[999], done: 1000, written: 1000 });

    server.resetHandlers(...portal.handlers(BASE_URL));
    const again = await rescore();
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toContain('rescored 100 contacts');
    expect(outOfDate(portal)).toEqual([]);
  });

  it('with windows finishing out of order under faults: the checkpoint stays before the unfinished one, and the resumed run writes each contact once, skipping none', async () => {
    const portal = portalWith({ faults: { rate429: 0.05, rate500: 0.05, seed: 7, retryAfterSeconds: 0 } });
    const ids = addContacts(portal, 2200, { bant_need: 'low' });
    const update = '/crm/v3/objects/contacts/batch/update';
    const stop = new AbortController();
    server.use(http.post(`${BASE_URL}${update}`, async ({ request }) => {
      if (!inputIds({ body: await request.clone().json() }).includes(ids[1000]!)) return undefined;
      // The second window's first write hangs until the first and third windows (12 batches) are written, then Ctrl-C.
      while (requestsTo(portal, 'POST', update).length < 12) await new Promise((resolve) => setTimeout(resolve, 10));
      stop.abort();
      await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
      return HttpResponse.json({}, { status: 504 });
    }));
    const first = await runCli(['rescore', '--now', NOW.toISOString(), '--checkpoint', checkpoint], '', ENV, { signal: stop.signal });
    expect(first.code).toBe(130);
    const writtenFirst = requestsTo(portal, 'POST', update).flatMap(inputIds);
    // The third window was written, but the checkpoint never passes the second, which was not.
    expect(writtenFirst).toEqual(expect.arrayContaining(ids.slice(2000)));
    expect(JSON.parse(await readFile(checkpoint, 'utf8'))).toMatchObject({ cursor: ids[999], done: 1000, written: 1000 });

    server.resetHandlers(...portal.handlers(BASE_URL));
    portal.requests.clear();
    const again = await rescore();
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`bant rescore: continuing from ${checkpoint}: 1,000 contacts already done\n`);
    const writtenAgain = requestsTo(portal, 'POST', update).flatMap(inputIds);
    // What HubSpot confirmed before the stop is not written again; what it never got is written now.
    expect(writtenAgain.filter((id) => writtenFirst.includes(id))).toEqual([]);
    expect(new Set([...writtenFirst, ...writtenAgain])).toEqual(new Set(ids));
    expect(writtenFirst.length + writtenAgain.length).toBe(ids.length);
    expect(portal.requests.filter((r) => r.status === 429 || r.status === 500).length).toBeGreaterThan(0);
    expect(outOfDate(portal)).toEqual([]);
  });

  it('stops while the portal is being checked, before reading any contact', async () => {
    const portal = portalWith();
    addContacts(portal, 3);
    portal.failNext({ path: '/account-info/v3/details', hang: true });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    const { code, stderr } = await runCli(['rescore', '--checkpoint', checkpoint], '', ENV, { signal: stop.signal });
    expect(code).toBe(130);
    expect(stderr).toBe('bant rescore: stopped before any contact was read; nothing was written\n');
  });
});

describe('failures and faults', () => {
  it('prints identical failures once, with their count, and no retry advice that cannot help', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 250, SEED_ANSWERS);
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/update', status: 400, count: 3 });
    const { code, stdout } = await rescore();
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe('rescored 0 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 0 written, 0 unchanged, 250 failed.');
    expect(stdout).toContain(`\nFailed (250), after retries:\n  250 contacts (${ids.slice(0, 10).join(', ')}, … 240 more): contacts.batch.update: HubSpot refused the request as invalid (400)`);
    expect(stdout.match(/HubSpot refused the request/g)).toHaveLength(1);
    expect(stdout).toContain('\n    Not worth retrying as it is: HubSpot will refuse it the same way until the cause above is fixed; then bant rescore (it writes only what is still out of date)\n');
    expect(stdout).not.toContain('--ids');
    expect(outOfDate(portal)).toEqual(ids);
  });

  it('counts a contact as written only when HubSpot\'s response confirms it', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 3, SEED_ANSWERS);
    // HubSpot answers for two of the three inputs, without an error for the third.
    server.use(http.post(`${BASE_URL}/crm/v3/objects/contacts/batch/update`, async ({ request }) => {
      const body = await request.json() as { inputs: Array<{ id: string; properties: Record<string, string> }> };
      const kept = body.inputs.filter((input) => input.id !== ids[1]);
      for (const input of kept) portal.updateRecord('contacts', input.id, input.properties);
      return HttpResponse.json({ status: 'COMPLETE', results: kept.map((input) => ({ id: input.id, properties: input.properties })), startedAt: NOW.toISOString(), completedAt: NOW.toISOString() });
    }));
    const { code, stdout } = await rescore();
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe('rescored 2 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 2 written, 0 unchanged, 1 failed.');
    expect(stdout).toContain(`\n  contact ${ids[1]}: contacts.batch.update: HubSpot neither wrote contact ${ids[1]} nor reported an error for it`);
    expect(stdout).toContain(`    Running again can help: bant rescore --ids ${ids[1]}\n`);
    expect(outOfDate(portal)).toEqual([ids[1]]);
  });

  it('gives contacts whose write failed for a retryable reason one more pass at the end', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 3, SEED_ANSWERS);
    // Five 500s use up the adapter's retries for the window's write; the final pass succeeds.
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/update', status: 500, count: 5 });
    const { code, stdout } = await rescore();
    expect(code).toBe(0);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update').map(inputIds)).toEqual([ids]);
    expect(portal.requests.filter((r) => r.path === '/crm/v3/objects/contacts/batch/update' && r.status === 500)).toHaveLength(5);
    expect(stdout.split('\n')[0]).toContain(': 3 written, 0 unchanged.');
    expect(outOfDate(portal)).toEqual([]);
  });

  it('survives random 429s and 500s: every contact ends equal to the engine', async () => {
    const portal = portalWith({ faults: { rate429: 0.2, rate500: 0.15, seed: 42, retryAfterSeconds: 0 } });
    addContacts(portal, 420, { bant_authority: 'director' });
    const ids = addContacts(portal, 60, SEED_ANSWERS);
    const deal = portal.createDeal({ dealname: 'Big', amount: '150000', closedate: '2026-12-20', dealstage: 'contractsent' });
    for (const id of ids.slice(0, 20)) portal.associate('deals', deal.id, 'contacts', id);
    // At least one of each, whatever order the random ones fall in.
    portal.failNext({ path: '/crm/v3/objects/contacts/search', status: 429, retryAfterSeconds: 0 });
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/update', status: 500 });
    const { code, stdout } = await rescore();
    expect(code).toBe(0);
    expect(portal.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(portal.requests.filter((r) => r.status === 500).length).toBeGreaterThan(0);
    expect(stdout).toMatch(/requests to HubSpot \([1-9]\d* retried\)/);
    expect(outOfDate(portal)).toEqual([]);
  });
});

describe('starting', () => {
  it.each([
    [{}, "bant rescore: PRIVATE_APP_ACCESS_TOKEN is missing: set it to the private app's access token (HubSpot → Development → Private apps → Auth).\n"],
    [{ ...ENV, HUBSPOT_API_BASE_URL: 'portal' }, 'bant rescore: HUBSPOT_API_BASE_URL must be a URL such as https://api.hubapi.com or http://127.0.0.1:4010 for the local portal.\n'],
  ])('names the missing or wrong variable and exits 2', async (env, message) => {
    const { code, stdout, stderr } = await rescore([], env);
    expect(stderr).toBe(message);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it.each([
    [['--ids', '12,abc'], 'bant rescore: --ids: "abc" is not a contact id; ids are numbers such as 101\n'],
    [['--since', 'last week'], 'bant rescore: --since "last week" is not a date; use ISO 8601 such as 2026-11-01 or 2026-11-01T00:00:00Z\n'],
    [['--since', '2026-11-01', '--ids', '1'], 'bant rescore: choose contacts with --since or --ids, not both\n'],
    [['--concurrency', '0'], 'bant rescore: --concurrency "0" must be a whole number from 1 to 8\n'],
  ])('refuses %j with exit 2', async (args, message) => {
    const { code, stderr } = await rescore(args);
    expect(stderr).toBe(message);
    expect(code).toBe(2);
  });

  it('draws a progress bar in place when stderr is a terminal', async () => {
    portalWith();
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    let text = '';
    stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const stdout = new PassThrough();
    stdout.resume();
    const stdin = new PassThrough();
    stdin.end();
    const code = await main(['rescore', '--ids', '1', '--checkpoint', checkpoint], { stdin, stdout, stderr, env: ENV });
    expect(code).toBe(1);
    const frames = text.split('\r\x1b[2K');
    expect(frames[0]).toBe('');
    for (const frame of frames.slice(1)) expect(frame).toMatch(/^\[█{24}\] 1\/1 {2}100% {2}[\d,]+\/s {2}0:00 left\n?$/);
    expect(text.endsWith('left\n')).toBe(true);
  });
});
