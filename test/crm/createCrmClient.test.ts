import { describe, expect, it } from 'vitest';
import { createRateLimiter, CrmError, HUBSPOT_RATE_LIMIT } from '../../src/crm';
import { BANT_GROUP, BANT_PROPERTIES } from '../../src/portal';
import type { Portal } from '../../src/portal';
import { clientFor, createVirtualClock, rejection, usePortalServer } from './support';

const usePortal = usePortalServer();

function withBant(portal: Portal): Portal {
  portal.defineGroup('contacts', BANT_GROUP);
  for (const property of BANT_PROPERTIES) portal.defineProperty('contacts', property);
  return portal;
}

function createContacts(portal: Portal, count: number, properties: (index: number) => Record<string, string> = () => ({})): string[] {
  return Array.from({ length: count }, (_, index) => portal.createContact({ email: `lead${index}@example.com`, ...properties(index) }).id);
}

describe('batch reads', () => {
  it('reads 100 contacts in one batch request', async () => {
    const portal = withBant(usePortal());
    const ids = createContacts(portal, 100, (index) => ({ bant_budget: String(index * 1000) }));
    const client = clientFor();

    const contacts = await client.readContacts(ids, ['email', 'bant_budget']);

    expect(portal.requests).toHaveLength(1);
    expect(portal.requests[0]).toMatchObject({ method: 'POST', path: '/crm/v3/objects/contacts/batch/read', status: 200 });
    expect(portal.requests[0]?.body).toEqual({ inputs: ids.map((id) => ({ id })), properties: ['email', 'bant_budget'], propertiesWithHistory: [] });
    expect(contacts.size).toBe(100);
    expect(contacts.get(ids[7] as string)).toMatchObject({ email: 'lead7@example.com', bant_budget: '7000' });
    expect(client.stats().calls).toEqual({ 'contacts.batch.read': 1 });
  });

  it('splits 101 contacts into a batch of 100 and a batch of 1', async () => {
    const portal = usePortal();
    const ids = createContacts(portal, 101);

    const contacts = await clientFor().readContacts(ids, ['email']);

    expect(portal.requests.map((request) => (request.body as { inputs: unknown[] }).inputs)).toEqual([
      ids.slice(0, 100).map((id) => ({ id })),
      [{ id: ids[100] }],
    ]);
    expect([...contacts.keys()]).toEqual(ids);
  });

  it('sends the chunks of one read together when the client allows more than one in flight, one after the other when not', async () => {
    // Each request notes how many answers had gone out when it arrived: chunks sent together both arrive before the first answer.
    let answered = () => 0;
    const portal = usePortal({ now: () => answered(), faults: { delayMs: 20 } });
    answered = () => portal.requests.length;
    const ids = Array.from({ length: 150 }, () => portal.createDeal({ dealname: 'Deal' }).id);

    await clientFor({ concurrency: 2 }).readDeals(ids, ['dealname']);
    expect(portal.requests.map((request) => [(request.body as { inputs: unknown[] }).inputs.length, request.time]).sort()).toEqual([[100, 0], [50, 0]].sort());

    portal.requests.clear();
    await clientFor().readDeals(ids, ['dealname']);
    expect(portal.requests.map((request) => [(request.body as { inputs: unknown[] }).inputs.length, request.time])).toEqual([[100, 0], [50, 1]]);
  });

  it('sends a repeated id once', async () => {
    const portal = usePortal();
    const [id] = createContacts(portal, 1);

    const contacts = await clientFor().readContacts([id as string, id as string], ['email']);

    expect((portal.requests[0]?.body as { inputs: unknown[] }).inputs).toEqual([{ id }]);
    expect(contacts.size).toBe(1);
  });

  it('leaves ids HubSpot does not know out of the map instead of failing', async () => {
    const portal = usePortal();
    const [kept, archived] = createContacts(portal, 2);
    portal.archiveRecord('contacts', archived as string);

    const contacts = await clientFor().readContacts([kept as string, archived as string, '999999'], ['email']);

    expect(portal.requests[0]?.status).toBe(207);
    expect([...contacts.keys()]).toEqual([kept]);
  });

  it('reads deals with their derived closed flags, and companies', async () => {
    const portal = usePortal();
    const won = portal.createDeal({ dealname: 'Acme – renewal', amount: '25000', dealstage: 'closedwon' });
    const open = portal.createDeal({ dealname: 'Acme – pilot', amount: '5000', dealstage: 'qualifiedtobuy' });
    const company = portal.createCompany({ name: 'Acme', domain: 'acme.example' });
    const client = clientFor();

    const deals = await client.readDeals([won.id, open.id], ['dealname', 'amount', 'hs_is_closed', 'hs_is_closed_won']);
    const companies = await client.readCompanies([company.id], ['name', 'domain']);

    expect(deals.get(won.id)).toMatchObject({ dealname: 'Acme – renewal', amount: '25000', hs_is_closed: 'true', hs_is_closed_won: 'true' });
    expect(deals.get(open.id)).toMatchObject({ hs_is_closed: 'false', hs_is_closed_won: 'false' });
    expect(companies.get(company.id)).toMatchObject({ name: 'Acme', domain: 'acme.example' });
    expect(portal.requests.map((request) => request.path)).toEqual(['/crm/v3/objects/deals/batch/read', '/crm/v3/objects/companies/batch/read']);
  });

  it('refuses an id that is not a HubSpot id before sending anything', async () => {
    const portal = usePortal();

    const error = await rejection(clientFor().readContacts(['12', 'jane@example.com'], ['email']));

    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'VALIDATION', retryable: false });
    expect((error as Error).message).toContain('jane@example.com');
    expect(portal.requests).toHaveLength(0);
  });
});

describe('associations', () => {
  it('reads deal→contact and contact→deal associations from the same links', async () => {
    const portal = usePortal();
    const [ann, bob, cy] = createContacts(portal, 3) as [string, string, string];
    const renewal = portal.createDeal({ dealname: 'Renewal' }).id;
    const pilot = portal.createDeal({ dealname: 'Pilot' }).id;
    const lonely = portal.createDeal({ dealname: 'Nobody' }).id;
    portal.associate('deals', renewal, 'contacts', ann);
    portal.associate('deals', renewal, 'contacts', bob);
    portal.associate('contacts', bob, 'deals', pilot);
    const client = clientFor();

    const byDeal = await client.dealContacts([renewal, pilot, lonely]);
    const byContact = await client.contactDeals([ann, bob, cy]);

    expect(byDeal).toEqual(new Map([[renewal, [ann, bob]], [pilot, [bob]], [lonely, []]]));
    expect(byContact).toEqual(new Map([[ann, [renewal]], [bob, [renewal, pilot]], [cy, []]]));
    expect(portal.requests.map(({ path, body, status }) => ({ path, body, status }))).toEqual([
      { path: '/crm/v4/associations/deals/contacts/batch/read', body: { inputs: [{ id: renewal }, { id: pilot }, { id: lonely }] }, status: 207 },
      { path: '/crm/v4/associations/contacts/deals/batch/read', body: { inputs: [{ id: ann }, { id: bob }, { id: cy }] }, status: 207 },
    ]);
  });

  it("reads contacts' companies", async () => {
    const portal = usePortal();
    const [ann, bob] = createContacts(portal, 2) as [string, string];
    const acme = portal.createCompany({ name: 'Acme' }).id;
    const globex = portal.createCompany({ name: 'Globex' }).id;
    portal.associate('contacts', ann, 'companies', acme);
    portal.associate('contacts', ann, 'companies', globex);
    portal.associate('contacts', bob, 'companies', globex);

    const companies = await clientFor().contactCompanies([ann, bob]);

    expect(companies).toEqual(new Map([[ann, [acme, globex]], [bob, [globex]]]));
    expect(portal.requests).toHaveLength(1);
    expect(portal.requests[0]).toMatchObject({ path: '/crm/v4/associations/contacts/companies/batch/read', status: 200 });
  });

  it('splits 1,001 association reads into batches of 1,000 and 1 (HubSpot\'s v4 limit)', async () => {
    const portal = usePortal();
    const ids = createContacts(portal, 1001);
    const deal = portal.createDeal({ dealname: 'Big' }).id;
    for (const id of ids) portal.associate('contacts', id, 'deals', deal);

    const deals = await clientFor().contactDeals(ids);

    expect(portal.requests.map((request) => (request.body as { inputs: unknown[] }).inputs.length)).toEqual([1000, 1]);
    expect(deals.size).toBe(1001);
    expect([...deals.values()].every((list) => list.length === 1 && list[0] === deal)).toBe(true);
  });

  it("reads companies' contacts like deals' contacts: every id a key, batches of 1,000 and 1 for 1,001 ids", async () => {
    const portal = usePortal();
    const [ann, bob] = createContacts(portal, 2) as [string, string];
    const companies = Array.from({ length: 1001 }, (_, index) => portal.createCompany({ name: `Company ${index}` }).id);
    const [acme, globex] = companies as [string, string];
    portal.associate('contacts', ann, 'companies', acme);
    portal.associate('companies', acme, 'contacts', bob);
    portal.associate('contacts', bob, 'companies', companies[1000]!);
    const client = clientFor();

    const contacts = await client.companyContacts(companies);

    expect(contacts.size).toBe(1001);
    expect(contacts.get(acme)).toEqual([ann, bob]);
    expect(contacts.get(globex)).toEqual([]);
    expect(contacts.get(companies[1000]!)).toEqual([bob]);
    expect(portal.requests.map(({ path, body, status }) => ({ path, inputs: (body as { inputs: unknown[] }).inputs, status }))).toEqual([
      { path: '/crm/v4/associations/companies/contacts/batch/read', inputs: companies.slice(0, 1000).map((id) => ({ id })), status: 207 },
      { path: '/crm/v4/associations/companies/contacts/batch/read', inputs: [{ id: companies[1000] }], status: 200 },
    ]);
    expect(client.stats().calls).toEqual({ 'associations.batch.read': 2 });
  });

  it("follows HubSpot's cursor when a company has more than a page of contacts", async () => {
    const portal = usePortal();
    const ids = createContacts(portal, 501);
    const company = portal.createCompany({ name: 'Conglomerate' }).id;
    for (const id of ids) portal.associate('contacts', id, 'companies', company);

    const contacts = await clientFor().companyContacts([company]);

    expect(contacts).toEqual(new Map([[company, ids]]));
    expect(portal.requests.map((request) => request.body)).toEqual([
      { inputs: [{ id: company }] },
      { inputs: [{ id: company, after: ids[500] }] },
    ]);
  });

  it("follows HubSpot's cursor when a deal has more than a page of contacts", async () => {
    const portal = usePortal();
    const ids = createContacts(portal, 501);
    const deal = portal.createDeal({ dealname: 'Conference' }).id;
    for (const id of ids) portal.associate('deals', deal, 'contacts', id);

    const contacts = await clientFor().dealContacts([deal]);

    expect(contacts.get(deal)).toEqual(ids);
    expect(portal.requests.map((request) => request.body)).toEqual([
      { inputs: [{ id: deal }] },
      { inputs: [{ id: deal, after: ids[500] }] },
    ]);
  });
});

describe('association reads shared by work side by side', () => {
  /** Two contacts with a deal each, and a client whose requests wait for the pacing limiter. */
  function twoLeads(options: { shareReads?: boolean; maxConcurrent?: number; clock?: ReturnType<typeof createVirtualClock> } = {}) {
    const portal = usePortal();
    const [ann, bob] = createContacts(portal, 2) as [string, string];
    const [annDeal, bobDeal] = [portal.createDeal({ dealname: 'Ann' }).id, portal.createDeal({ dealname: 'Bob' }).id];
    portal.associate('deals', annDeal, 'contacts', ann);
    portal.associate('deals', bobDeal, 'contacts', bob);
    const limiter = createRateLimiter({ ...HUBSPOT_RATE_LIMIT, maxConcurrent: options.maxConcurrent ?? HUBSPOT_RATE_LIMIT.maxConcurrent });
    const crm = clientFor({ limiter, shareReads: options.shareReads ?? true, concurrency: 5, ...(options.clock ? { clock: options.clock } : {}) });
    const delivery = () => crm.withSignal(new AbortController().signal, { oldestFirst: true });
    const sent = () => portal.requests.map((request) => [request.path, (request.body as { inputs: Array<{ id: string }> }).inputs.map((input) => input.id)]);
    return { portal, ann, bob, annDeal, bobDeal, limiter, delivery, sent };
  }
  const CONTACT_DEALS = '/crm/v4/associations/contacts/deals/batch/read';

  it('sends the reads of two deliveries waiting for a slot together as one request, each answered with its own ids only', async () => {
    const { ann, bob, annDeal, bobDeal, delivery, sent } = twoLeads();
    const [first, second] = [delivery(), delivery()];

    const [forAnn, forBob] = await Promise.all([first.contactDeals([ann]), second.contactDeals([bob])]);

    expect(forAnn).toEqual(new Map([[ann, [annDeal]]]));
    expect(forBob).toEqual(new Map([[bob, [bobDeal]]]));
    expect(sent()).toEqual([[CONTACT_DEALS, [ann, bob]]]);
  });

  it("adds a delivery's last, partial chunk of records to another's waiting read asking the same properties", async () => {
    const { portal, delivery, limiter } = twoLeads({ maxConcurrent: 1 });
    const deals = Array.from({ length: 180 }, (_, index) => portal.createDeal({ dealname: `Deal ${index}` }).id);
    const [first, second] = [delivery(), delivery()];
    // The only slot is taken: the reads wait side by side.
    const releaseSlot = await limiter.acquire();

    const reads = Promise.all([
      first.readDeals(deals.slice(0, 40), ['dealname']),
      second.readDeals(deals.slice(40, 180), ['dealname']),
      second.readDeals(deals.slice(0, 10), ['amount']),
    ]);
    releaseSlot();
    const [read, other, otherNames] = await reads;

    expect([...read.keys()]).toEqual(deals.slice(0, 40));
    expect([...other.keys()]).toEqual(deals.slice(40, 180));
    expect(other.get(deals[150]!)).toMatchObject({ dealname: 'Deal 150' });
    expect([...otherNames.keys()]).toEqual(deals.slice(0, 10));
    // 100 of the second delivery's 140 go alone (a full read has no room); its other 40 join the first's 40.
    expect(portal.requests.map((request) => [(request.body as { properties: string[] }).properties, (request.body as { inputs: unknown[] }).inputs.length]).sort())
      .toEqual([[['amount'], 10], [['dealname'], 100], [['dealname'], 80]].sort());
  });

  it('sends them apart when the client does not share reads', async () => {
    const { ann, bob, delivery, sent } = twoLeads({ shareReads: false });
    const [first, second] = [delivery(), delivery()];

    await Promise.all([first.contactDeals([ann]), second.contactDeals([bob])]);

    expect(sent()).toEqual([[CONTACT_DEALS, [ann]], [CONTACT_DEALS, [bob]]]);
  });

  it('never joins a read queued behind its own place: older work keeps its turn', async () => {
    const clock = createVirtualClock();
    const { ann, bob, delivery, sent } = twoLeads({ clock });
    const older = delivery();
    await clock.sleep(1_000);
    const younger = delivery();

    await Promise.all([younger.contactDeals([bob]), older.contactDeals([ann])]);

    expect(sent()).toEqual(expect.arrayContaining([[CONTACT_DEALS, [ann]], [CONTACT_DEALS, [bob]]]));
    expect(sent()).toHaveLength(2);
  });

  it('reads alone when the read it joined is given up by the delivery that queued it', async () => {
    const { ann, bob, bobDeal, limiter, sent } = twoLeads({ maxConcurrent: 1 });
    const crm = clientFor({ limiter, shareReads: true });
    const stop = new AbortController();
    const first = crm.withSignal(stop.signal, { oldestFirst: true });
    const second = crm.withSignal(new AbortController().signal, { oldestFirst: true });
    // The only slot is taken: both reads wait, the second joined to the first.
    const releaseSlot = await limiter.acquire();
    const stopped = first.contactDeals([ann]);
    const joined = second.contactDeals([bob]);

    stop.abort(new Error('deadline'));
    await expect(stopped).rejects.toMatchObject({ code: 'ABORTED' });
    releaseSlot();

    expect(await joined).toEqual(new Map([[bob, [bobDeal]]]));
    expect(sent()).toEqual([[CONTACT_DEALS, [bob]]]);
  });
});

describe('batch updates', () => {
  it('writes 150 contacts in a batch of 100 and a batch of 50', async () => {
    const portal = withBant(usePortal());
    const ids = createContacts(portal, 150);
    const updates = ids.map((id, index) => ({ id, properties: { bant_need: index % 2 === 0 ? 'perfect' : 'low' } }));

    const result = await clientFor().updateContacts(updates);

    expect(result).toEqual({ written: ids, failed: [] });
    expect(portal.requests.map(({ path, body, status }) => ({ path, body, status }))).toEqual([
      { path: '/crm/v3/objects/contacts/batch/update', body: { inputs: updates.slice(0, 100) }, status: 200 },
      { path: '/crm/v3/objects/contacts/batch/update', body: { inputs: updates.slice(100) }, status: 200 },
    ]);
    expect(portal.getRecord('contacts', ids[149] as string)?.properties.bant_need).toBe('low');
  });

  it('reports ids HubSpot answers with a 207 error as NOT_FOUND and still writes the others', async () => {
    const portal = withBant(usePortal());
    const [known] = createContacts(portal, 1) as [string];

    const result = await clientFor().updateContacts([
      { id: known, properties: { bant_budget: '50000' } },
      { id: '424242', properties: { bant_budget: '10000' } },
    ]);

    expect(portal.requests).toHaveLength(1);
    expect(portal.requests[0]?.status).toBe(207);
    expect(result.written).toEqual([known]);
    expect(result.failed).toEqual([{ id: '424242', code: 'NOT_FOUND', retryable: false, message: expect.stringContaining('424242') }]);
    expect(portal.getRecord('contacts', known)?.properties.bant_budget).toBe('50000');
  });

  it('fails every id of a batch HubSpot refuses as invalid, naming the property, without retrying', async () => {
    const portal = withBant(usePortal());
    const ids = createContacts(portal, 2) as [string, string];

    const result = await clientFor().updateContacts([
      { id: ids[0], properties: { bant_need: 'perfect' } },
      { id: ids[1], properties: { bant_timeline: 'someday' } },
    ]);

    expect(portal.requests.map((request) => request.status)).toEqual([400]);
    expect(result.written).toEqual([]);
    expect(result.failed.map(({ id, code, retryable }) => ({ id, code, retryable }))).toEqual([
      { id: ids[0], code: 'VALIDATION', retryable: false },
      { id: ids[1], code: 'VALIDATION', retryable: false },
    ]);
    expect(result.failed[0]?.message).toContain('bant_timeline');
    expect(portal.getRecord('contacts', ids[0])?.properties.bant_need).toBeUndefined();
  });

  it('merges two updates of the same contact into one input, the later value winning', async () => {
    const portal = withBant(usePortal());
    const [id] = createContacts(portal, 1) as [string];

    const result = await clientFor().updateContacts([
      { id, properties: { bant_need: 'low', bant_budget: '1000' } },
      { id, properties: { bant_need: 'perfect' } },
    ]);

    expect(result).toEqual({ written: [id], failed: [] });
    expect(portal.requests[0]?.body).toEqual({ inputs: [{ id, properties: { bant_need: 'perfect', bant_budget: '1000' } }] });
  });
});

describe('listing and searching for a backfill', () => {
  it('pages through every contact with the after cursor', async () => {
    const portal = usePortal();
    const ids = createContacts(portal, 250);
    const client = clientFor();

    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await client.listContacts({ limit: 100, properties: ['email'], ...(after ? { after } : {}) });
      seen.push(...page.results.map((record) => record.id));
      after = page.after;
    } while (after);

    expect(seen).toEqual(ids);
    expect(portal.requests.map((request) => request.query)).toEqual([
      { limit: '100', properties: 'email' },
      { limit: '100', after: ids[100], properties: 'email' },
      { limit: '100', after: ids[200], properties: 'email' },
    ]);
  });

  it('finds contacts matching either filter group, sorted, and pages with after', async () => {
    const portal = withBant(usePortal());
    const budgets = [80_000, 20_000, 150_000, 60_000, 5_000];
    const ids = createContacts(portal, 5, (index) => ({ bant_budget: String(budgets[index]), bant_need: index % 2 === 0 ? 'perfect' : 'low' }));
    const unanswered = createContacts(portal, 1)[0] as string;
    const client = clientFor();
    const request = {
      filterGroups: [
        { filters: [{ propertyName: 'bant_budget', operator: 'GTE' as const, value: '50000' }, { propertyName: 'bant_need', operator: 'IN' as const, values: ['perfect', 'partial'] }] },
        { filters: [{ propertyName: 'bant_budget', operator: 'NOT_HAS_PROPERTY' as const }] },
      ],
      sorts: [{ propertyName: 'bant_budget', direction: 'DESCENDING' as const }],
      properties: ['bant_budget'],
      limit: 2,
    };

    const first = await client.searchContacts(request);
    const second = await client.searchContacts({ ...request, after: first.after as string });

    // Matches: 150,000 perfect (ids[2]), 80,000 perfect (ids[0]), and the contact without a budget, sorted last.
    expect(first).toMatchObject({ total: 3, after: '2' });
    expect(first.results.map((record) => record.id)).toEqual([ids[2], ids[0]]);
    expect(second.results.map((record) => record.id)).toEqual([unanswered]);
    expect(second.after).toBeUndefined();
    expect(portal.requests.map((entry) => entry.body)).toEqual([
      { ...request, after: '0' },
      { ...request, after: '2' },
    ]);
  });
});

describe('properties', () => {
  it('creates the BANT group and a property, and answers a second create with a CONFLICT', async () => {
    const portal = usePortal();
    const client = clientFor();
    const budget = { name: 'bant_budget', label: 'BANT budget', type: 'number' as const, fieldType: 'number' as const, groupName: 'bant_qualification' };

    const group = await client.createPropertyGroup('contacts', { name: 'bant_qualification', label: 'BANT qualification' });
    const created = await client.createProperty('contacts', budget);
    const error = await rejection(client.createProperty('contacts', budget));
    const all = await client.getProperties('contacts');
    const groups = await client.getPropertyGroups('contacts');

    expect(group).toEqual({ name: 'bant_qualification', label: 'BANT qualification', displayOrder: -1, archived: false });
    expect(created).toMatchObject({ name: 'bant_budget', type: 'number', groupName: 'bant_qualification', hubspotDefined: false });
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, retryable: false, operation: 'properties.create' });
    expect(all.map((property) => property.name)).toContain('bant_budget');
    expect(groups.map((item) => item.name)).toEqual(['contactinformation', 'bant_qualification']);
    expect(portal.requests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      'POST /crm/v3/properties/contacts/groups 201',
      'POST /crm/v3/properties/contacts 201',
      'POST /crm/v3/properties/contacts 409',
      'GET /crm/v3/properties/contacts 200',
      'GET /crm/v3/properties/contacts/groups 200',
    ]);
    expect(portal.requests[1]?.body).toEqual(budget);
  });

  it('updates a property with one PATCH carrying exactly the patch, and returns the new definition', async () => {
    const portal = withBant(usePortal());
    const before = portal.store.properties.contacts.get('bant_authority')!.options.map(({ label, value, displayOrder, hidden }) => ({ label, value, displayOrder, hidden }));
    const options = [...before, { label: 'Procurement', value: 'procurement', displayOrder: before.length, hidden: false }];
    const client = clientFor();

    const updated = await client.updateProperty('contacts', 'bant_authority', { options });

    expect(portal.requests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual(['PATCH /crm/v3/properties/contacts/bant_authority 200']);
    expect(portal.requests[0]?.body).toEqual({ options });
    expect(updated).toMatchObject({ name: 'bant_authority', type: 'enumeration', fieldType: 'select' });
    expect(updated.options.map((option) => option.value)).toEqual(['c_level', 'director', 'manager', 'other', 'procurement']);
    expect(client.stats().calls).toEqual({ 'properties.update': 1 });
  });

  it('maps an unknown property to NOT_FOUND without retrying, and retries a 500', async () => {
    const portal = withBant(usePortal());
    const client = clientFor({ clock: createVirtualClock(), random: () => 0 });
    portal.failNext({ path: '/crm/v3/properties/contacts/bant_need', method: 'PATCH', status: 500 });

    const missing = await rejection(client.updateProperty('contacts', 'bant_nope', { label: 'Nope' }));
    const retried = await client.updateProperty('contacts', 'bant_need', { label: 'BANT need (renamed)' });

    expect(missing).toMatchObject({ code: 'NOT_FOUND', status: 404, operation: 'properties.update', attempts: 1 });
    expect(retried.label).toBe('BANT need (renamed)');
    expect(portal.requests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      'PATCH /crm/v3/properties/contacts/bant_nope 404',
      'PATCH /crm/v3/properties/contacts/bant_need 500',
      'PATCH /crm/v3/properties/contacts/bant_need 200',
    ]);
    expect(client.stats()).toMatchObject({ calls: { 'properties.update': 3 }, retriesByOperation: { 'properties.update': 1 }, errors: { NOT_FOUND: 1, SERVER: 1 } });
  });

  it('reads enumeration options of a property', async () => {
    withBant(usePortal());

    const properties = await clientFor().getProperties('contacts');

    const authority = properties.find((property) => property.name === 'bant_authority');
    expect(authority?.options.map((option) => option.value)).toEqual(['c_level', 'director', 'manager', 'other']);
    expect(properties.find((property) => property.name === 'hs_object_id')).toMatchObject({ hubspotDefined: true, readOnlyValue: true });
  });
});

describe('users', () => {
  it('reads a user with one GET /settings/v3/users/{id}, superAdmin as a boolean, and null for an unknown id', async () => {
    const portal = usePortal();
    const admin = portal.defineUser({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', superAdmin: true });
    const client = clientFor();

    expect(await client.getUser(admin.id)).toEqual({ id: admin.id, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', superAdmin: true });
    expect(await client.getUser('999')).toBeNull();
    expect(portal.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`GET /settings/v3/users/${admin.id} 200`, 'GET /settings/v3/users/999 404']);
    expect(client.stats().calls).toEqual({ 'users.read': 2 });
  });
});
