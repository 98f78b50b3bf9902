import { Client } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { SchemaInput } from '../../src/portal';
import { api, BASE_URL, usePortalServer } from './support';

const usePortal = usePortalServer();
const sdk = () => new Client({ accessToken: DEFAULT_PORTAL_TOKEN, basePath: BASE_URL, numberOfApiCallRetries: 0 });

const CARS: SchemaInput = {
  name: 'cars',
  labels: { singular: 'Car', plural: 'Cars' },
  primaryDisplayProperty: 'model',
  searchableProperties: ['model'],
  requiredProperties: ['vin', 'model'],
  associatedObjects: [],
  properties: [
    { name: 'vin', label: 'VIN', type: 'string', fieldType: 'text', hasUniqueValue: true },
    { name: 'model', label: 'Model', type: 'string', fieldType: 'text' },
    { name: 'year', label: 'Year', type: 'number', fieldType: 'number' },
    { name: 'notes', label: 'Notes', type: 'string', fieldType: 'textarea' },
  ],
};

describe('custom object schemas', () => {
  it('creates a schema from the SDK and answers with its type id, fully qualified name and properties', async () => {
    const portal = usePortal({ portalId: 777 });

    const { objectTypeId, fullyQualifiedName, properties, requiredProperties } = await sdk().crm.schemas.coreApi.create({
      ...CARS, properties: CARS.properties.map(({ hasUniqueValue, ...p }) => ({ ...p, ...(hasUniqueValue ? { hasUniqueValue } : {}) })),
    } as Parameters<Client['crm']['schemas']['coreApi']['create']>[0]);

    expect(portal.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/crm-object-schemas/v3/schemas', 201]]);
    expect(portal.requests[0]?.body).toEqual({
      name: 'cars', labels: { singular: 'Car', plural: 'Cars' }, primaryDisplayProperty: 'model', searchableProperties: ['model'],
      requiredProperties: ['vin', 'model'], associatedObjects: [],
      properties: [
        { name: 'vin', label: 'VIN', type: 'string', fieldType: 'text', hasUniqueValue: true },
        { name: 'model', label: 'Model', type: 'string', fieldType: 'text' },
        { name: 'year', label: 'Year', type: 'number', fieldType: 'number' },
        { name: 'notes', label: 'Notes', type: 'string', fieldType: 'textarea' },
      ],
    });
    expect(objectTypeId).toMatch(/^2-\d+$/);
    expect(fullyQualifiedName).toBe('p777_cars');
    expect(requiredProperties).toEqual(['vin', 'model']);
    expect(properties.map((p) => [p.name, p.type, p.groupName, p.hasUniqueValue])).toEqual([
      ['vin', 'string', 'cars_information', true], ['model', 'string', 'cars_information', false],
      ['year', 'number', 'cars_information', false], ['notes', 'string', 'cars_information', false],
    ]);
  });

  it('lists schemas and reads one by type id, fully qualified name or p_<name>, on both schema paths', async () => {
    const portal = usePortal();
    const schema = portal.defineSchema(CARS);

    const all = await sdk().crm.schemas.coreApi.getAll();
    expect(all.results.map((s) => s.name)).toEqual(['cars']);
    for (const name of [schema.objectTypeId, schema.fullyQualifiedName, 'p_cars']) {
      expect((await sdk().crm.schemas.coreApi.getById(name)).objectTypeId).toBe(schema.objectTypeId);
    }
    expect((await api('GET', '/crm/v3/schemas')).body.results[0].objectTypeId).toBe(schema.objectTypeId);
    expect((await api('GET', '/crm/v3/schemas/p_trucks')).status).toBe(404);
  });

  it('refuses a second schema of the same name with 409 and keeps the first', async () => {
    const portal = usePortal();
    portal.defineSchema(CARS);
    const again = await api('POST', '/crm-object-schemas/v3/schemas', CARS);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 'error', category: 'OBJECT_ALREADY_EXISTS' });
    expect(portal.store.schemas.size).toBe(1);
  });

  it.each([
    ['a required property it does not define', { ...CARS, requiredProperties: ['plate'] }, 'The schema names properties it does not define: plate.'],
    ['a property named hs_*', { ...CARS, properties: [...CARS.properties, { name: 'hs_color', label: 'Color', type: 'string', fieldType: 'text' }] }, 'Property names starting with "hs_" are reserved for HubSpot: hs_color.'],
    ['a field type that does not fit', { ...CARS, properties: [{ name: 'vin', label: 'VIN', type: 'number', fieldType: 'text' }, CARS.properties[1]] }, 'Property "vin": fieldType "text" is not valid for type "number" (use one of number, calculation_equation).'],
  ])('refuses a schema with %s (400) and creates nothing', async (_, body, message) => {
    const portal = usePortal();
    const answer = await api('POST', '/crm-object-schemas/v3/schemas', body);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(message);
    expect(portal.store.schemas.size).toBe(0);
    expect((await api('GET', '/crm/v3/objects/2-1001')).status).toBe(400);
  });
});

describe('custom object records', () => {
  it('creates, reads by id and by a unique property, and updates records through the SDK', async () => {
    const portal = usePortal();
    const { objectTypeId } = portal.defineSchema(CARS);
    const client = sdk();

    const created = await client.crm.objects.basicApi.create('p_cars', { properties: { vin: 'WVW123', model: 'Golf', year: '2021' }, associations: [] });
    const byId = await client.crm.objects.basicApi.getById(objectTypeId, created.id, ['vin', 'model', 'year']);
    const byVin = await client.crm.objects.basicApi.getById('p_cars', 'WVW123', ['model'], undefined, undefined, undefined, 'vin');
    const updated = await client.crm.objects.basicApi.update('p_cars', 'WVW123', { properties: { year: '2022' } }, 'vin');

    expect(portal.requests.map((r) => [r.method, r.path, r.query, r.status])).toEqual([
      ['POST', '/crm/v3/objects/p_cars', {}, 201],
      ['GET', `/crm/v3/objects/${objectTypeId}/${created.id}`, { properties: ['vin', 'model', 'year'] }, 200],
      ['GET', '/crm/v3/objects/p_cars/WVW123', { properties: 'model', idProperty: 'vin' }, 200],
      ['PATCH', '/crm/v3/objects/p_cars/WVW123', { idProperty: 'vin' }, 200],
    ]);
    expect(portal.requests[0]?.body).toEqual({ properties: { vin: 'WVW123', model: 'Golf', year: '2021' }, associations: [] });
    expect(portal.requests[3]?.body).toEqual({ properties: { year: '2022' } });
    expect(byId.properties).toMatchObject({ vin: 'WVW123', model: 'Golf', year: '2021', hs_object_id: created.id });
    expect(Object.keys(byId.properties).sort()).toEqual(['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'model', 'vin', 'year']);
    expect(byVin.id).toBe(created.id);
    expect(updated.properties.year).toBe('2022');
    expect(portal.getRecord(objectTypeId, created.id)?.properties.year).toBe('2022');
  });

  it('keeps the history of every property, newest first, as propertiesWithHistory returns it', async () => {
    let now = Date.UTC(2026, 11, 1, 9);
    const portal = usePortal({ now: () => now });
    portal.defineSchema(CARS);
    const { id } = portal.createRecord('2-1001', { vin: 'V1', model: 'Golf' });
    now += 60_000;
    portal.updateRecord('2-1001', id, { model: 'Polo' });

    const read = await sdk().crm.objects.basicApi.getById('p_cars', id, ['model'], ['model']);

    expect(portal.requests[0]?.query).toEqual({ properties: 'model', propertiesWithHistory: 'model' });
    expect(read.propertiesWithHistory?.model?.map((v) => [v.value, v.timestamp.toISOString(), v.sourceType])).toEqual([
      // The portal's helpers write as a user on the record page.
      ['Polo', '2026-12-01T09:01:00.000Z', 'CRM_UI'],
      ['Golf', '2026-12-01T09:00:00.000Z', 'CRM_UI'],
    ]);
  });

  it('searches custom records with filters, sorts and the schema\'s searchable properties', async () => {
    const portal = usePortal();
    const { objectTypeId } = portal.defineSchema(CARS);
    for (const [vin, model, year] of [['A', 'Golf', '2019'], ['B', 'Polo', '2023'], ['C', 'Golf GTI', '2022']] as const) portal.createRecord(objectTypeId, { vin, model, year });

    const page = await sdk().crm.objects.searchApi.doSearch('p_cars', {
      filterGroups: [{ filters: [{ propertyName: 'year', operator: 'GTE' as never, value: '2020' }] }],
      sorts: [{ propertyName: 'year', direction: 'DESCENDING' }] as unknown as string[], properties: ['vin', 'year'], limit: 10, after: '0', query: 'golf',
    });

    expect(portal.requests[0]).toMatchObject({ method: 'POST', path: '/crm/v3/objects/p_cars/search', status: 200 });
    expect(page.total).toBe(1);
    expect(page.results.map((r) => r.properties.vin)).toEqual(['C']);
  });

  it('lists records a page at a time', async () => {
    const portal = usePortal();
    const { objectTypeId } = portal.defineSchema(CARS);
    for (let i = 0; i < 3; i++) portal.createRecord(objectTypeId, { vin: `V${i}`, model: 'Golf' });
    const first = await sdk().crm.objects.basicApi.getPage('p_cars', 2, undefined, ['vin']);
    const second = await sdk().crm.objects.basicApi.getPage('p_cars', 2, first.paging?.next?.after, ['vin']);
    expect([...first.results, ...second.results].map((r) => r.properties.vin)).toEqual(['V0', 'V1', 'V2']);
    expect(second.paging).toBeUndefined();
  });

  it('refuses a value a unique property already holds with 409, naming the record that holds it', async () => {
    const portal = usePortal();
    const { objectTypeId } = portal.defineSchema(CARS);
    const first = portal.createRecord(objectTypeId, { vin: 'SAME', model: 'Golf' });
    const other = portal.createRecord(objectTypeId, { vin: 'OTHER', model: 'Polo' });

    const create = await api('POST', '/crm/v3/objects/p_cars', { properties: { vin: 'SAME', model: 'Up' } });
    const update = await api('PATCH', `/crm/v3/objects/p_cars/${other.id}`, { properties: { vin: 'SAME' } });
    const own = await api('PATCH', `/crm/v3/objects/p_cars/${first.id}`, { properties: { vin: 'SAME', model: 'Golf 8' } });

    expect([create.status, update.status, own.status]).toEqual([409, 409, 200]);
    expect(create.body).toMatchObject({ category: 'CONFLICT', message: `A record with vin "SAME" already exists. Existing ID: ${first.id}` });
    expect([...portal.store.objects[objectTypeId]!.values()]).toHaveLength(2);
    expect(portal.getRecord(objectTypeId, other.id)?.properties.vin).toBe('OTHER');
  });

  it('refuses a record without its required properties, and text longer than 65,536 characters, with 400', async () => {
    const portal = usePortal();
    portal.defineSchema(CARS);
    const missing = await api('POST', '/crm/v3/objects/p_cars', { properties: { model: 'Golf' } });
    const long = await api('POST', '/crm/v3/objects/p_cars', { properties: { vin: 'V', model: 'Golf', notes: 'x'.repeat(65_537) } });
    const fits = await api('POST', '/crm/v3/objects/p_cars', { properties: { vin: 'W', model: 'Golf', notes: 'x'.repeat(65_536) } });

    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('Missing required properties: vin. Give them a value when creating the record.');
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([{ code: 'INVALID_STRING_LENGTH', message: 'The value of "notes" is 65537 characters long; text properties hold at most 65536.', context: { propertyName: ['notes'] } }]);
    expect(fits.status).toBe(201);
  });

  it('answers an object type the account lacks with 400, as HubSpot does', async () => {
    usePortal();
    const answer = await api('GET', '/crm/v3/objects/p_bant_model_version/published?idProperty=bant_key');
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe('Unable to infer object type from: p_bant_model_version');
  });

  it('adds a property to an existing custom object through the properties API', async () => {
    const portal = usePortal();
    const { objectTypeId } = portal.defineSchema(CARS);
    await sdk().crm.properties.coreApi.create(objectTypeId, { name: 'color', label: 'Color', type: 'string' as never, fieldType: 'text' as never, groupName: 'cars_information' });
    expect(portal.requests[0]).toMatchObject({ method: 'POST', path: `/crm/v3/properties/${objectTypeId}`, status: 201 });
    expect((await sdk().crm.schemas.coreApi.getById('p_cars')).properties.map((p) => p.name)).toContain('color');
  });
});

describe('users', () => {
  it('answers GET /settings/v3/users/{id} with the user, superAdmin included, and 404 for an unknown id', async () => {
    const portal = usePortal();
    const admin = portal.defineUser({ email: 'ada@example.com', firstName: 'Ada', superAdmin: true });
    const rep = portal.defineUser({ email: 'rep@example.com' });

    const read = await sdk().settings.users.usersApi.getById(admin.id);
    const byEmail = await api('GET', '/settings/v3/users/rep@example.com?idProperty=EMAIL');
    const unknown = await api('GET', '/settings/v3/users/999');

    expect(portal.requests[0]).toMatchObject({ method: 'GET', path: `/settings/v3/users/${admin.id}`, status: 200 });
    expect(read).toMatchObject({ id: admin.id, email: 'ada@example.com', firstName: 'Ada', superAdmin: true, roleIds: [] });
    expect(byEmail.body).toEqual({ id: rep.id, email: 'rep@example.com', roleIds: [], superAdmin: false });
    expect(unknown.status).toBe(404);
  });
});
