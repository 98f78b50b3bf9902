import { describe, expect, it } from 'vitest';
import { BANT_GROUP, BANT_PROPERTIES } from '../../src/portal';
import type { Portal } from '../../src/portal';
import { api, usePortalServer } from './support';

const usePortal = usePortalServer();

function withBant(portal: Portal): Portal {
  portal.defineGroup('contacts', BANT_GROUP);
  for (const property of BANT_PROPERTIES) portal.defineProperty('contacts', property);
  return portal;
}

function manualClock(start = Date.UTC(2026, 10, 23, 9)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), iso: () => new Date(now).toISOString() };
}

describe('records', () => {
  it('returns the requested properties that are defined, null when unset, and the three HubSpot always adds', async () => {
    const clock = manualClock();
    const portal = withBant(usePortal({ now: clock.now }));
    const { id } = portal.createContact({ email: 'ann@example.com', bant_need: 'perfect' });

    const answer = await api('GET', `/crm/v3/objects/contacts/${id}?properties=email,bant_need,bant_budget,not_a_property`);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id,
      properties: {
        bant_budget: null, bant_need: 'perfect', email: 'ann@example.com',
        createdate: clock.iso(), hs_object_id: id, lastmodifieddate: clock.iso(),
      },
      createdAt: clock.iso(),
      updatedAt: clock.iso(),
      archived: false,
    });
  });

  it("returns HubSpot's default properties when none are asked for", async () => {
    const portal = usePortal();
    const { id } = portal.createDeal({ dealname: 'Acme – renewal', amount: '12000' });

    const answer = await api('GET', `/crm/v3/objects/deals/${id}`);

    expect(Object.keys(answer.body.properties).sort()).toEqual(
      ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
    );
    expect(answer.body.properties.pipeline).toBe('default');
  });

  it('gives increasing numeric string ids and accepts the type ids 0-1, 0-3 and 0-2 in paths', async () => {
    const portal = usePortal();
    const contact = portal.createContact({ email: 'a@example.com' });
    const deal = portal.createDeal({ dealname: 'D' });
    const company = portal.createCompany({ name: 'C' });

    expect([contact.id, deal.id, company.id].map(Number)).toEqual([1, 2, 3]);
    expect((await api('GET', `/crm/v3/objects/0-1/${contact.id}`)).body.properties.email).toBe('a@example.com');
    expect((await api('GET', `/crm/v3/objects/0-3/${deal.id}`)).body.properties.dealname).toBe('D');
    expect((await api('GET', `/crm/v3/objects/0-2/${company.id}`)).body.properties.name).toBe('C');
    expect((await api('GET', `/crm/v3/objects/0-1/${deal.id}`)).status).toBe(404);
  });

  it('moves lastmodifieddate on PATCH and keeps createdate', async () => {
    const clock = manualClock();
    const portal = withBant(usePortal({ now: clock.now }));
    const { id } = portal.createContact({ email: 'ann@example.com' });
    const created = clock.iso();
    clock.advance(60_000);

    const answer = await api('PATCH', `/crm/v3/objects/contacts/${id}`, { properties: { bant_budget: '25000' } });

    expect(answer.status).toBe(200);
    expect(answer.body.properties).toMatchObject({ bant_budget: '25000', createdate: created, lastmodifieddate: clock.iso() });
    expect(answer.body.updatedAt).toBe(clock.iso());
    expect(portal.getRecord('contacts', id)?.properties.bant_budget).toBe('25000');
  });

  it('clears a value written as an empty string', async () => {
    const portal = withBant(usePortal());
    const { id } = portal.createContact({ bant_need: 'low' });

    await api('PATCH', `/crm/v3/objects/contacts/${id}`, { properties: { bant_need: '' } });

    expect(portal.getRecord('contacts', id)?.properties.bant_need).toBeUndefined();
  });

  it.each([
    ['closedwon', 'true', 'true'],
    ['closedlost', 'true', 'false'],
    ['contractsent', 'false', 'false'],
  ])('derives the closed flags of a deal moved to %s', async (stage, closed, won) => {
    const portal = usePortal();
    const { id } = portal.createDeal({ dealname: 'D', dealstage: 'appointmentscheduled' });

    const answer = await api('PATCH', `/crm/v3/objects/deals/${id}`, { properties: { dealstage: stage } });

    expect(answer.status).toBe(200);
    expect(portal.getRecord('deals', id)?.properties).toMatchObject({ dealstage: stage, hs_is_closed: closed, hs_is_closed_won: won });
  });

  it('stores a close date given in epoch milliseconds as an ISO datetime', async () => {
    const portal = usePortal();

    const { id } = portal.createDeal({ dealname: 'D', closedate: String(Date.UTC(2027, 0, 15)) });

    expect(portal.getRecord('deals', id)?.properties.closedate).toBe('2027-01-15T00:00:00.000Z');
  });
});

describe('write validation', () => {
  it('refuses unknown properties, undefined options and non-numeric numbers, naming each, and writes nothing', async () => {
    const portal = withBant(usePortal());
    const { id } = portal.createContact({ bant_need: 'low' });

    const answer = await api('PATCH', `/crm/v3/objects/contacts/${id}`, {
      properties: { bant_need: 'perfect', bant_timeline: 'someday', bant_budget: 'lots', bant_colour: 'blue' },
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
    expect(answer.body.message).toMatch(/^Property values were not valid: \[/);
    expect(answer.body.errors).toEqual([
      { code: 'INVALID_OPTION', message: 'someday was not one of the allowed options: [within_1_month, 1_3_months, 3_6_months, over_6_months]', context: { propertyName: ['bant_timeline'] } },
      { code: 'INVALID_DOUBLE', message: 'lots is not a valid number for "bant_budget"', context: { propertyName: ['bant_budget'] } },
      { code: 'PROPERTY_DOESNT_EXIST', message: 'Property "bant_colour" does not exist', context: { propertyName: ['bant_colour'] } },
    ]);
    expect(portal.getRecord('contacts', id)?.properties.bant_need).toBe('low');
  });

  it('refuses writes to read-only properties such as hs_is_closed', async () => {
    const portal = usePortal();
    const { id } = portal.createDeal({ dealname: 'D' });

    const answer = await api('PATCH', `/crm/v3/objects/deals/${id}`, { properties: { hs_is_closed: 'true' } });

    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ code: 'READ_ONLY_VALUE', context: { propertyName: ['hs_is_closed'] } });
  });

  it('makes the direct helpers throw the same validation error', () => {
    const portal = withBant(usePortal());

    expect(() => portal.createContact({ bant_authority: 'king' })).toThrow(/king was not one of the allowed options/);
  });
});

describe('batch endpoints', () => {
  it('answers missing ids with a 207 naming them', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({});

    const answer = await api('POST', '/crm/v3/objects/contacts/batch/read', { inputs: [{ id }, { id: '777' }], properties: [] });

    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({ status: 'COMPLETE', numErrors: 1, results: [{ id }] });
    expect(answer.body.errors).toEqual([{
      status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['777'] },
      message: 'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
    }]);
  });

  it('refuses more than 100 inputs and duplicate ids in an update', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({});

    const tooMany = await api('POST', '/crm/v3/objects/contacts/batch/read', { inputs: Array.from({ length: 101 }, (_, index) => ({ id: String(index + 1) })) });
    const duplicate = await api('POST', '/crm/v3/objects/contacts/batch/update', { inputs: [{ id, properties: {} }, { id, properties: {} }] });

    expect(tooMany).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
    expect(duplicate).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR', message: `Duplicate IDs found in batch input: [${id}]. IDs must be unique` } });
  });

  it('lists records in id order with an after cursor and a link, refusing limit above 100', async () => {
    const portal = usePortal();
    const ids = Array.from({ length: 3 }, () => portal.createContact({}).id);

    const page = await api('GET', '/crm/v3/objects/contacts?limit=2');
    const rest = await api('GET', `/crm/v3/objects/contacts?limit=2&after=${page.body.paging.next.after}`);
    const tooBig = await api('GET', '/crm/v3/objects/contacts?limit=101');

    expect(page.body.results.map((record: { id: string }) => record.id)).toEqual(ids.slice(0, 2));
    expect(page.body.paging.next).toEqual({ after: ids[2], link: `http://127.0.0.1:4010/crm/v3/objects/contacts?after=${ids[2]}` });
    expect(rest.body.results.map((record: { id: string }) => record.id)).toEqual([ids[2]]);
    expect(rest.body.paging).toBeUndefined();
    expect(tooBig.status).toBe(400);
  });
});

describe('search', () => {
  const BUDGETS = ['5000', '20000', '50000', '120000'];

  function budgets(portal: Portal): string[] {
    const ids = BUDGETS.map((budget, index) => portal.createContact({ bant_budget: budget, bant_need: index % 2 === 0 ? 'perfect' : 'low' }).id);
    ids.push(portal.createContact({ email: 'blank@example.com' }).id);
    return ids;
  }

  it.each([
    ['EQ', { value: '50000' }, [2]],
    ['NEQ', { value: '50000' }, [0, 1, 3, 4]],
    ['GT', { value: '20000' }, [2, 3]],
    ['GTE', { value: '20000' }, [1, 2, 3]],
    ['LT', { value: '20000' }, [0]],
    ['LTE', { value: '20000' }, [0, 1]],
    ['BETWEEN', { value: '10000', highValue: '60000' }, [1, 2]],
    ['IN', { values: ['5000', '120000'] }, [0, 3]],
    ['HAS_PROPERTY', {}, [0, 1, 2, 3]],
    ['NOT_HAS_PROPERTY', {}, [4]],
  ])('filters bant_budget with %s numerically', async (operator, rest, expected) => {
    const ids = budgets(withBant(usePortal()));

    const answer = await api('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'bant_budget', operator, ...rest }] }], properties: ['bant_budget'], limit: 10,
    });

    expect(answer.status).toBe(200);
    expect(answer.body.results.map((record: { id: string }) => record.id)).toEqual(expected.map((index) => ids[index]));
    expect(answer.body.total).toBe(expected.length);
  });

  it('ANDs filters within a group and ORs the groups', async () => {
    const ids = budgets(withBant(usePortal()));

    const answer = await api('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [
        { filters: [{ propertyName: 'bant_budget', operator: 'GTE', value: '20000' }, { propertyName: 'bant_need', operator: 'EQ', value: 'PERFECT' }] },
        { filters: [{ propertyName: 'email', operator: 'EQ', value: 'blank@example.com' }] },
      ],
      sorts: [{ propertyName: 'bant_budget', direction: 'DESCENDING' }],
    });

    expect(answer.body.results.map((record: { id: string }) => record.id)).toEqual([ids[2], ids[4]]);
  });

  it('sorts text case-insensitively and numbers numerically, records without the value last, ties by id', async () => {
    const portal = withBant(usePortal());
    const ids = [
      portal.createContact({ lastname: 'beta', bant_budget: '900' }).id,
      portal.createContact({ lastname: 'Alpha', bant_budget: '10000' }).id,
      portal.createContact({ email: 'none@example.com' }).id,
      portal.createContact({ lastname: 'alpha', bant_budget: '90' }).id,
    ];
    const order = async (sorts: unknown[]) => (await api('POST', '/crm/v3/objects/contacts/search', { sorts, limit: 10 })).body.results.map((record: { id: string }) => ids.indexOf(record.id));

    expect(await order([{ propertyName: 'lastname', direction: 'ASCENDING' }])).toEqual([1, 3, 0, 2]);
    expect(await order([{ propertyName: 'lastname', direction: 'DESCENDING' }])).toEqual([0, 1, 3, 2]);
    expect(await order([{ propertyName: 'lastname', direction: 'ASCENDING' }, { propertyName: 'bant_budget', direction: 'DESCENDING' }])).toEqual([1, 3, 0, 2]);
    expect(await order([{ propertyName: 'bant_budget', direction: 'ASCENDING' }])).toEqual([3, 0, 1, 2]);
  });

  it('filters a datetime with epoch milliseconds', async () => {
    const portal = usePortal();
    portal.createDeal({ dealname: 'past', closedate: String(Date.UTC(2026, 0, 1)) });
    const future = portal.createDeal({ dealname: 'future', closedate: '2027-03-01T00:00:00Z' }).id;

    const answer = await api('POST', '/crm/v3/objects/deals/search', {
      filterGroups: [{ filters: [{ propertyName: 'closedate', operator: 'GTE', value: String(Date.UTC(2026, 10, 23)) }] }],
    });

    expect(answer.body.results.map((record: { id: string }) => record.id)).toEqual([future]);
  });

  it('refuses a limit above 200', async () => {
    usePortal();

    const answer = await api('POST', '/crm/v3/objects/contacts/search', { limit: 201 });

    expect(answer).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
  });

  it('stops paging at 10,000 results though the total counts them all', async () => {
    const portal = usePortal();
    for (let i = 0; i < 10_050; i++) portal.createContact({});

    const last = await api('POST', '/crm/v3/objects/contacts/search', { limit: 200, after: '9900' });
    const past = await api('POST', '/crm/v3/objects/contacts/search', { limit: 200, after: '10000' });

    expect(last.body.total).toBe(10_050);
    expect(last.body.results).toHaveLength(100);
    expect(last.body.results.at(-1).id).toBe('10000');
    expect(last.body.paging).toBeUndefined();
    expect(past).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
  });
});

describe('v4 associations', () => {
  it("answers in HubSpot's v4 shape with association types, both ways", async () => {
    const portal = usePortal();
    const contact = portal.createContact({}).id;
    const deal = portal.createDeal({ dealname: 'D' }).id;
    portal.associate('deals', deal, 'contacts', contact);

    const forward = await api('POST', '/crm/v4/associations/deals/contacts/batch/read', { inputs: [{ id: deal }] });
    const backward = await api('POST', '/crm/v4/associations/0-1/0-3/batch/read', { inputs: [{ id: contact }] });

    expect(forward.status).toBe(200);
    expect(forward.body).toEqual({
      status: 'COMPLETE',
      results: [{ from: { id: deal }, to: [{ toObjectId: Number(contact), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }] }] }],
      startedAt: expect.any(String),
      completedAt: expect.any(String),
    });
    expect(backward.body.results[0].to[0]).toEqual({ toObjectId: Number(deal), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 4, label: null }] });
  });

  it("labels a contact's first company as Primary", async () => {
    const portal = usePortal();
    const contact = portal.createContact({}).id;
    const first = portal.createCompany({ name: 'First' }).id;
    const second = portal.createCompany({ name: 'Second' }).id;
    portal.associate('contacts', contact, 'companies', first);
    portal.associate('companies', second, 'contacts', contact);

    const answer = await api('POST', '/crm/v4/associations/contacts/companies/batch/read', { inputs: [{ id: contact }] });

    expect(answer.body.results[0].to).toEqual([
      { toObjectId: Number(first), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' }, { category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] },
      { toObjectId: Number(second), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] },
    ]);
  });

  it('reports an id without associations as a 207 error, and forgets dissociated records', async () => {
    const portal = usePortal();
    const contact = portal.createContact({}).id;
    const deal = portal.createDeal({ dealname: 'D' }).id;
    portal.associate('deals', deal, 'contacts', contact);
    portal.dissociate('contacts', contact, 'deals', deal);

    const answer = await api('POST', '/crm/v4/associations/deals/contacts/batch/read', { inputs: [{ id: deal }] });

    expect(answer.status).toBe(207);
    expect(answer.body.results).toEqual([]);
    expect(answer.body.errors).toEqual([{
      status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
      context: { fromObjectId: [deal] }, message: `No contact is associated with deal ${deal}.`,
    }]);
  });
});
