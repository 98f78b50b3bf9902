import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { committeeDerivedProperties, rollupCommittee } from '../../src/committee';
import { derivedPropertiesChanged } from '../../src/engine';
import type { Model, RawProperties } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { loadModel } from '../../src/cli/io';
import { modelChecksum } from '../../src/modelstore';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { Portal } from '../../src/portal';
import { defineBantProperties } from '../support/bantPortal';
import { runCli } from '../support/runCli';

/** In-process: msw answers this address with the portal's handlers; nothing listens there. */
const BASE_URL = 'http://127.0.0.1:4011';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const ENV = { PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: BASE_URL };
const MODEL: Model = { ...BANT_DEFAULT, committee: { deals: true, companies: true, roleCriterion: 'authority' } };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let dir: string;
let checkpoint: string;
let modelFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bant-rescore-committees-'));
  checkpoint = join(dir, 'checkpoint.json');
  modelFile = join(dir, 'model.json');
  await writeFile(modelFile, JSON.stringify(MODEL));
});

function portalWith(model: Model = MODEL): Portal {
  const portal = createPortal({ rateLimit: false });
  defineBantProperties(portal, model);
  server.use(...portal.handlers(BASE_URL));
  return portal;
}

const rescore = (object: string, args: string[] = []) =>
  runCli(['rescore', '--object', object, '--model', modelFile, '--now', NOW.toISOString(), '--checkpoint', checkpoint, ...args], '', ENV);
const props = (portal: Portal, type: 'contacts' | 'deals' | 'companies', id: string) => portal.getRecord(type, id)?.properties as RawProperties;

/** What the roll-up says a deal's or company's derived properties are, from the portal's current state. */
function expectedFor(portal: Portal, object: 'deal' | 'company', id: string): Record<string, string> {
  const type = object === 'deal' ? 'deals' : 'companies';
  const members = portal.associatedIds(type, id, 'contacts').map((contactId) => ({ id: contactId, contact: props(portal, 'contacts', contactId) }));
  const deals = object === 'deal' ? [{ id, properties: props(portal, 'deals', id) }] : portal.associatedIds('companies', id, 'deals').map((dealId) => ({ id: dealId, properties: props(portal, 'deals', dealId) }));
  const input = object === 'deal' ? { object, id, deals, members } : { object, id, deals, members, company: { id, properties: props(portal, 'companies', id) } };
  return committeeDerivedProperties(MODEL, rollupCommittee(MODEL, input, NOW), NOW);
}

/** Records whose stored committee properties differ from the roll-up's (scored_at aside). */
function outOfDate(portal: Portal, object: 'deal' | 'company'): string[] {
  const type = object === 'deal' ? 'deals' : 'companies';
  return [...portal.store.objects[type].keys()].filter((id) => derivedPropertiesChanged(props(portal, type, id), expectedFor(portal, object, id)).length > 0);
}

const requestsTo = (portal: Portal, method: string, path: string) => portal.requests.filter((r) => r.method === method && r.path === path && r.status < 400);
const inputIds = (request: { body: unknown }) => (request.body as { inputs: Array<{ id: string }> }).inputs.map((input) => input.id);

/** Committees of 1, 2 and 30 contacts, a deal no one is on yet, and a director on two deals. */
function seedDeals(portal: Portal) {
  const deal = (name: string, amount: string) => portal.createDeal({ dealname: name, amount, closedate: '2027-01-15', dealstage: 'qualifiedtobuy' }).id;
  const contact = (properties: Record<string, string>) => portal.createContact(properties).id;
  const one = deal('One', '80000');
  portal.associate('deals', one, 'contacts', contact({ firstname: 'Cara', lastname: 'Lind', bant_authority: 'manager', bant_need: 'perfect' }));
  const two = deal('Two', '120000');
  const director = contact({ firstname: 'Dana', lastname: 'Reyes', bant_authority: 'director', bant_need: 'partial' });
  portal.associate('deals', two, 'contacts', director);
  portal.associate('deals', two, 'contacts', contact({ firstname: 'Eli', lastname: 'Moss', bant_authority: 'other', bant_need: 'perfect' }));
  const thirty = deal('Thirty', '');
  for (let i = 0; i < 30; i++) portal.associate('deals', thirty, 'contacts', contact({ firstname: `Member${i}`, bant_authority: i === 29 ? 'c_level' : 'other', bant_budget: String(1_000 * i) }));
  // The director sits on this deal too; its committee is the director alone.
  portal.associate('deals', thirty, 'contacts', director);
  const empty = deal('Nobody yet', '5000');
  return { one, two, thirty, empty, director };
}

describe('bant rescore with no --object', () => {
  it('rescores every contact, then the committees of every deal and company the model rolls up, each with its own checkpoint', async () => {
    const portal = portalWith();
    const { two } = seedDeals(portal);
    const company = portal.createRecord('companies', { name: 'Acme' }).id;
    portal.associate('companies', company, 'deals', two);
    for (const contact of portal.associatedIds('deals', two, 'contacts')) portal.associate('companies', company, 'contacts', contact);
    const { code, stdout } = await runCli(['rescore', '--model', modelFile, '--now', NOW.toISOString(), '--checkpoint', checkpoint], '', ENV);
    expect(code).toBe(0);
    const firstLines = stdout.split('\n').filter((line) => line.startsWith('rescored '));
    expect(firstLines).toEqual([
      'rescored 33 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 33 written, 0 unchanged.',
      'rescored 4 deals with bant-default@1 as of 2026-11-23T10:00:00.000Z: 4 written, 0 unchanged.',
      'rescored 1 company with bant-default@1 as of 2026-11-23T10:00:00.000Z: 1 written, 0 unchanged.',
    ]);
    expect(outOfDate(portal, 'deal')).toEqual([]);
    expect(outOfDate(portal, 'company')).toEqual([]);
  });

  it('with --object contacts, rescores the contacts only', async () => {
    const portal = portalWith();
    seedDeals(portal);
    const { code, stdout } = await runCli(['rescore', '--object', 'contacts', '--model', modelFile, '--now', NOW.toISOString(), '--checkpoint', checkpoint], '', ENV);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((line) => line.startsWith('rescored '))).toEqual(['rescored 33 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 33 written, 0 unchanged.']);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/deals/batch/update')).toEqual([]);
  });
});

describe('bant rescore --object deals', () => {
  it('rolls up committees of 1, 2 and 31 contacts and an empty one, writing exactly the roll-up, and a second run writes nothing', async () => {
    const portal = portalWith();
    const { one, two, thirty, empty } = seedDeals(portal);
    portal.requests.clear();

    const { code, stdout, stderr } = await rescore('deals');
    expect(stderr).toMatch(/^rescore: 4\/4 deals \(100%\), [\d,]+\/s, about 0:00 left\n$/);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('rescored 4 deals with bant-default@1 as of 2026-11-23T10:00:00.000Z: 4 written, 0 unchanged.');
    const updates = requestsTo(portal, 'POST', '/crm/v3/objects/deals/batch/update');
    expect(updates.map((r) => r.body)).toEqual([{ inputs: [one, two, thirty, empty].map((id) => ({ id, properties: expectedFor(portal, 'deal', id) })) }]);
    expect(props(portal, 'deals', one)).toMatchObject({ bant_committee_size: '1', bant_qualified: 'false', bant_failed_criteria: 'authority' });
    expect(props(portal, 'deals', two)).toMatchObject({ bant_committee_size: '2', bant_qualified: 'true' });
    // The deal has no amount: the highest budget answer among 31 members counts (29,000: the lowest band).
    expect(props(portal, 'deals', thirty)).toMatchObject({ bant_committee_size: '31', bant_authority_points: '25' });
    expect(props(portal, 'deals', empty)).toMatchObject({ bant_committee_size: '0', bant_authority_points: '0', bant_need_points: '0' });
    // No contact is written: a deal's rescore writes deals only.
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update')).toEqual([]);
    expect(outOfDate(portal, 'deal')).toEqual([]);

    portal.requests.clear();
    const again = await rescore('deals');
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toBe('rescored 4 deals with bant-default@1 as of 2026-11-23T10:00:00.000Z: 0 written, 4 unchanged.');
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/deals/batch/update')).toEqual([]);
  });

  it('reads each window of deals in a few batch calls: the search brings the deals, then their contacts once', async () => {
    const portal = portalWith();
    const director = portal.createContact({ firstname: 'Dana', bant_authority: 'director' }).id;
    const deals = Array.from({ length: 250 }, (_, i) => {
      const id = portal.createDeal({ dealname: `D${i}`, amount: '60000', closedate: '2027-02-01', dealstage: 'qualifiedtobuy' }).id;
      portal.associate('deals', id, 'contacts', director);
      portal.associate('deals', id, 'contacts', portal.createContact({ bant_need: 'perfect' }).id);
      return id;
    });
    portal.requests.clear();
    expect((await rescore('deals')).code).toBe(0);
    const calls = portal.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls.filter((c) => c === 'POST /crm/v3/objects/deals/search')).toHaveLength(2);
    expect(calls.filter((c) => c === 'POST /crm/v3/objects/deals/batch/read')).toEqual([]);
    expect(calls.filter((c) => c === 'POST /crm/v4/associations/deals/contacts/batch/read')).toHaveLength(1);
    // 251 contacts (the director once), 100 per read.
    expect(calls.filter((c) => c === 'POST /crm/v3/objects/contacts/batch/read')).toHaveLength(3);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/deals/batch/update').map(inputIds)).toEqual([deals.slice(0, 100), deals.slice(100, 200), deals.slice(200)]);
    // Account details, the properties check, 2 searches, 1 association read, 3 contact reads, 3 writes.
    expect(portal.requests).toHaveLength(11);
    expect(outOfDate(portal, 'deal')).toEqual([]);
  });

  it('rescores only the deals given with --ids, and lists ids that are not deals (exit 1)', async () => {
    const portal = portalWith();
    const { one, two } = seedDeals(portal);
    const { code, stdout } = await rescore('deals', ['--ids', `${two},999999`]);
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe('rescored 1 deal with bant-default@1 as of 2026-11-23T10:00:00.000Z: 1 written, 0 unchanged, 1 not found.');
    expect(stdout).toContain('Not found (deleted, or not a deal id): 999999');
    expect(outOfDate(portal, 'deal')).not.toContain(two);
    expect(outOfDate(portal, 'deal')).toContain(one);
  });

  it('rescores only deals modified since --since, found with search on hs_lastmodifieddate', async () => {
    const portal = portalWith();
    seedDeals(portal);
    portal.requests.clear();
    await rescore('deals', ['--since', '2026-11-01', '--dry-run']);
    const filters = (requestsTo(portal, 'POST', '/crm/v3/objects/deals/search')[0]?.body as { filterGroups: Array<{ filters: unknown[] }> }).filterGroups[0]?.filters;
    expect(filters).toEqual([{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse('2026-11-01')) }]);
  });

  it('counts a deal as written only when HubSpot\'s response confirms it', async () => {
    const portal = portalWith();
    const { one, two, thirty, empty } = seedDeals(portal);
    server.use(http.post(`${BASE_URL}/crm/v3/objects/deals/batch/update`, async ({ request }) => {
      const body = await request.json() as { inputs: Array<{ id: string; properties: Record<string, string> }> };
      const kept = body.inputs.filter((input) => input.id !== two);
      for (const input of kept) portal.updateRecord('deals', input.id, input.properties);
      return HttpResponse.json({ status: 'COMPLETE', results: kept.map((input) => ({ id: input.id, properties: input.properties })), startedAt: NOW.toISOString(), completedAt: NOW.toISOString() });
    }));
    const { code, stdout } = await rescore('deals');
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe('rescored 3 deals with bant-default@1 as of 2026-11-23T10:00:00.000Z: 3 written, 0 unchanged, 1 failed.');
    expect(stdout).toContain(`\n  deal ${two}: `);
    expect(stdout).toContain(`    Running again can help: bant rescore --object deals --ids ${two}\n`);
    expect(outOfDate(portal, 'deal')).toEqual([two]);
    expect([one, thirty, empty].every((id) => props(portal, 'deals', id)?.bant_committee_size !== undefined)).toBe(true);
  });
});

describe('bant rescore --object companies', () => {
  it("rolls up each company across its contacts and open deals, naming whose evidence in the result", async () => {
    const portal = portalWith();
    const acme = portal.createCompany({ name: 'Acme' }).id;
    const quiet = portal.createCompany({ name: 'Quiet Oy' }).id;
    const open = portal.createDeal({ dealname: 'Open', amount: '150000', closedate: '2027-01-10', dealstage: 'qualifiedtobuy' }).id;
    const won = portal.createDeal({ dealname: 'Won', amount: '900000', closedate: '2026-01-10', dealstage: 'closedwon' }).id;
    portal.associate('companies', acme, 'deals', open);
    portal.associate('companies', acme, 'deals', won);
    portal.associate('companies', acme, 'contacts', portal.createContact({ firstname: 'Maria', lastname: 'Chen', bant_authority: 'c_level', bant_need: 'perfect' }).id);
    portal.associate('companies', acme, 'contacts', portal.createContact({ firstname: 'Ola', bant_authority: 'manager' }).id);
    portal.requests.clear();

    const { code, stdout } = await rescore('companies');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('rescored 2 companies with bant-default@1 as of 2026-11-23T10:00:00.000Z: 2 written, 0 unchanged.');
    // HubSpot keeps an emptied property as no value at all.
    const stored = Object.fromEntries(Object.entries(expectedFor(portal, 'company', acme)).filter(([, value]) => value !== ''));
    expect(props(portal, 'companies', acme)).toMatchObject({ ...stored, bant_committee_size: '2', bant_qualified: 'true', bant_budget_points: '30' });
    expect(props(portal, 'companies', quiet)).toMatchObject({ bant_committee_size: '0', bant_qualified: 'false' });
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/deals/batch/update')).toEqual([]);
    expect(outOfDate(portal, 'company')).toEqual([]);
  });
});

describe('before the first record', () => {
  it('refuses a model that does not roll up the object, naming the switch', async () => {
    const portal = portalWith(BANT_DEFAULT);
    await writeFile(modelFile, JSON.stringify(BANT_DEFAULT));
    portal.requests.clear();
    const { code, stdout, stderr } = await rescore('deals');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe('bant rescore: --object deals: the model bant-default@1 does not roll up deals\' buying committees ("committee": { "deals": false }), so there is nothing to write on deals; turn it on in the model, run bant setup, then bant rescore --object deals\n');
    expect(portal.requests).toHaveLength(0);
  });

  it('stops with the fix when the portal lacks the deal properties, after two calls and no deal read', async () => {
    const portal = portalWith(BANT_DEFAULT);
    seedDeals(portal);
    portal.requests.clear();
    const { code, stdout, stderr } = await rescore('deals');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe('bant rescore: the portal lacks 13 of the 13 deal properties bant rescore writes (bant_score, bant_budget_points, bant_authority_points, bant_need_points, bant_timeline_points, bant_qualified, … 7 more), so no score could be stored; run bant setup (then bant check), then bant rescore again\n');
    expect(portal.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /account-info/v3/details', 'GET /crm/v3/properties/deals']);
  });

  it('refuses an object it does not know', async () => {
    expect(await rescore('leads')).toEqual({ code: 2, stdout: '', stderr: 'bant rescore: --object "leads" is not something bant rescore writes on; use contacts, deals or companies\n' });
  });
});

describe('checkpoints of deals and companies', () => {
  it("keeps its own identity: a contacts' checkpoint is not continued by a rescore of deals", async () => {
    const portal = portalWith();
    seedDeals(portal);
    await writeFile(checkpoint, JSON.stringify({
      version: 2,
      identity: { portalId: String(portal.account.portalId), baseUrl: BASE_URL, modelVersion: MODEL.version, modelChecksum: modelChecksum(await loadModel(modelFile)), selection: { kind: 'all' }, now: NOW.toISOString() },
      cursor: '99999', done: 500, written: 500, unchanged: 0, missing: [], failed: [], grades: {}, startedAt: NOW.toISOString(),
    }));
    const { code, stdout, stderr } = await rescore('deals');
    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toBe(`bant rescore: not continuing the checkpoint ${checkpoint}: it was made for a rescore of contacts (this run rescores deals); starting over`);
    expect(stdout.split('\n')[0]).toContain('rescored 4 deals');
  });

  it('continues its own checkpoint after the last deal done', async () => {
    const portal = portalWith();
    const { one, two, thirty, empty } = seedDeals(portal);
    await writeFile(checkpoint, JSON.stringify({
      version: 2,
      identity: { object: 'deals', portalId: String(portal.account.portalId), baseUrl: BASE_URL, modelVersion: MODEL.version, modelChecksum: modelChecksum(await loadModel(modelFile)), selection: { kind: 'all' }, now: NOW.toISOString() },
      cursor: two, done: 2, written: 2, unchanged: 0, missing: [], failed: [], grades: {}, startedAt: NOW.toISOString(),
    }));
    portal.requests.clear();
    const { code, stdout, stderr } = await rescore('deals');
    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toBe(`bant rescore: continuing from ${checkpoint}: 2 deals already done`);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      'rescored 2 deals with bant-default@1 as of 2026-11-23T10:00:00.000Z: 2 written, 0 unchanged.',
      'An earlier run of this checkpoint had done 2 deals; they are not counted above.',
    ]);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/deals/batch/update').map(inputIds)).toEqual([[thirty, empty]]);
    expect(outOfDate(portal, 'deal')).toEqual([one, two]);
  });
});
