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
import { BANT_DEFAULT } from '../../src/models';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { Portal, PortalOptions } from '../../src/portal';
import { defineBantProperties } from '../support/bantPortal';
import { runCli } from '../support/runCli';

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

function portalWith(options: PortalOptions = {}): Portal {
  const portal = createPortal(options);
  defineBantProperties(portal, BANT_DEFAULT);
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
  });

  it('pages through every contact 100 at a time, and a second run writes nothing', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 250, { bant_need: 'partial' });
    portal.requests.clear();
    expect((await rescore()).code).toBe(0);
    expect(requestsTo(portal, 'GET', '/crm/v3/objects/contacts')).toHaveLength(3);
    // Pages are scored concurrently, so their writes may arrive in any order.
    const updates = requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update').map(inputIds).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(updates).toEqual([ids.slice(0, 100), ids.slice(100, 200), ids.slice(200)]);

    portal.requests.clear();
    const again = await rescore();
    expect(again.code).toBe(0);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update')).toEqual([]);
    expect(again.stdout.split('\n')[0]).toBe('rescored 250 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 0 written, 250 unchanged.');
  });

  it('rescores only the contacts given with --ids, and lists ids that are not contacts (exit 1)', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 5, SEED_ANSWERS);
    portal.requests.clear();
    const { code, stdout } = await rescore(['--ids', `${ids[3]},${ids[1]},${ids[3]},9999`]);
    expect(code).toBe(1);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/read').map(inputIds)).toEqual([[ids[3], ids[1], '9999']]);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update').map(inputIds)).toEqual([[ids[3], ids[1]]]);
    expect(requestsTo(portal, 'GET', '/crm/v3/objects/contacts')).toEqual([]);
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
    const searches = requestsTo(portal, 'POST', '/crm/v3/objects/contacts/search');
    expect(searches[0]?.body).toMatchObject({
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.parse('2026-11-15T00:00:00Z')) }] }],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
    });
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

describe('stopping and resuming', () => {
  it('keeps a checkpoint when listing stops, and the next run continues without re-reading done pages', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 250, { bant_timeline: '1_3_months' });
    let lists = 0;
    server.use(http.get(`${BASE_URL}/crm/v3/objects/contacts`, () => {
      lists += 1;
      if (lists === 3) return HttpResponse.json({ status: 'error', category: 'VALIDATION_ERROR', message: 'simulated outage' }, { status: 400 });
      return undefined;
    }));
    const first = await rescore();
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`\nStopped after 200 contacts: `);
    expect(first.stdout).toContain(`Run the same command again to continue from the checkpoint ${checkpoint}.`);
    const saved = JSON.parse(await readFile(checkpoint, 'utf8'));
    expect(saved).toMatchObject({ cursor: ids[200], done: 200, written: 200 });
    expect(outOfDate(portal)).toEqual(ids.slice(200));

    server.resetHandlers(...portal.handlers(BASE_URL));
    portal.requests.clear();
    const second = await rescore();
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`bant rescore: continuing from ${checkpoint}: 200 contacts already done\n`);
    expect(requestsTo(portal, 'GET', '/crm/v3/objects/contacts').map((r) => r.query.after)).toEqual([ids[200]]);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/read').map(inputIds)).toEqual([ids.slice(200)]);
    expect(second.stdout.split('\n')[0]).toBe('rescored 250 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 250 written, 0 unchanged.');
    expect(existsSync(checkpoint)).toBe(false);
    expect(outOfDate(portal)).toEqual([]);
  });

  it('stops listing on Ctrl-C, finishes the contacts already listed and keeps the checkpoint', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 450, { bant_need: 'low' });
    const stop = new AbortController();
    let lists = 0;
    server.use(http.get(`${BASE_URL}/crm/v3/objects/contacts`, () => {
      lists += 1;
      if (lists === 2) stop.abort();
      return undefined;
    }));
    const { code, stdout } = await runCli(['rescore', '--now', NOW.toISOString(), '--checkpoint', checkpoint], '', ENV, { signal: stop.signal });
    expect(code).toBe(1);
    expect(lists).toBe(2);
    expect(stdout).toContain('\nStopped after 200 contacts: interrupted\n');
    expect(JSON.parse(await readFile(checkpoint, 'utf8'))).toMatchObject({ cursor: ids[200], done: 200 });
    expect(outOfDate(portal)).toEqual(ids.slice(200));
  });

  it('refuses a checkpoint of another run, and --restart starts over', async () => {
    portalWith();
    await writeFile(checkpoint, JSON.stringify({
      version: 1, selection: { kind: 'since', since: '2026-11-01T00:00:00.000Z' }, modelVersion: 'bant-default@1', cursor: '7', done: 100, written: 1, unchanged: 99, missing: [], failed: [], grades: {}, startedAt: NOW.toISOString(),
    }));
    const refused = await rescore();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`bant rescore: the checkpoint ${checkpoint} belongs to another run (--since 2026-11-01T00:00:00.000Z, model bant-default@1); run that again to finish it, or pass --restart to start this one over\n`);
    expect((await rescore(['--restart'])).code).toBe(0);
  });

  it('refuses a damaged checkpoint with a message, not a stack trace', async () => {
    portalWith();
    await writeFile(checkpoint, '{"version": 1');
    const { code, stderr } = await rescore();
    expect(code).toBe(2);
    expect(stderr).toBe(`bant rescore: the checkpoint ${checkpoint} is not JSON; delete it or pass --restart to start over\n`);
  });
});

describe('failures and faults', () => {
  it('lists contacts whose write HubSpot refused, with their ids, and exits 1', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 3, SEED_ANSWERS);
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/update', status: 400 });
    const { code, stdout } = await rescore();
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe('rescored 0 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 0 written, 0 unchanged, 3 failed.');
    expect(stdout).toContain(`\nFailed (3), after retries:\n  ${ids[0]}: contacts.batch.update: HubSpot refused the request as invalid (400)`);
    expect(stdout).toContain(`\nRetry them with: bant rescore --ids ${ids.join(',')}\n`);
    expect(outOfDate(portal)).toEqual(ids);
  });

  it('gives contacts whose write failed for a retryable reason one more pass at the end', async () => {
    const portal = portalWith();
    const ids = addContacts(portal, 3, SEED_ANSWERS);
    // Five 500s use up the adapter's retries for the page's write; the final pass succeeds.
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/update', status: 500, count: 5 });
    const { code, stdout } = await rescore();
    expect(code).toBe(0);
    expect(requestsTo(portal, 'POST', '/crm/v3/objects/contacts/batch/update').map(inputIds)).toEqual([ids]);
    expect(portal.requests.filter((r) => r.path === '/crm/v3/objects/contacts/batch/update' && r.status === 500)).toHaveLength(5);
    expect(stdout.split('\n')[0]).toContain(': 3 written, 0 unchanged.');
    expect(outOfDate(portal)).toEqual([]);
  });

  it('survives random 429s and 500s: every contact ends equal to the engine', async () => {
    const portal = portalWith({ faults: { rate429: 0.15, rate500: 0.1, seed: 42, retryAfterSeconds: 0 } });
    addContacts(portal, 120, { bant_authority: 'director' });
    const ids = addContacts(portal, 60, SEED_ANSWERS);
    const deal = portal.createDeal({ dealname: 'Big', amount: '150000', closedate: '2026-12-20', dealstage: 'contractsent' });
    for (const id of ids.slice(0, 20)) portal.associate('deals', deal.id, 'contacts', id);
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

  it('exits 2 when HubSpot refuses the token', async () => {
    portalWith();
    const { code, stderr } = await rescore([], { ...ENV, PRIVATE_APP_ACCESS_TOKEN: 'wrong' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bant rescore: could not start: contacts\.search: HubSpot rejected the access token \(401\)/);
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
