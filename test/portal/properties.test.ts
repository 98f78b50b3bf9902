import { describe, expect, it } from 'vitest';
import { api, usePortalServer } from './support';

const usePortal = usePortalServer();

const TIMELINE = {
  name: 'bant_timeline', label: 'BANT timeline', type: 'enumeration', fieldType: 'select', groupName: 'bant_qualification',
  options: [{ label: 'Within 1 month', value: 'within_1_month' }, { label: '1–3 months', value: '1_3_months' }],
};

describe('property groups', () => {
  it('lists the default group, creates one and answers a second create with 409', async () => {
    usePortal();

    const created = await api('POST', '/crm/v3/properties/contacts/groups', { name: 'bant_qualification', label: 'BANT qualification', displayOrder: 5 });
    const again = await api('POST', '/crm/v3/properties/contacts/groups', { name: 'bant_qualification', label: 'Again' });
    const all = await api('GET', '/crm/v3/properties/contacts/groups');

    expect(created).toMatchObject({ status: 201, body: { name: 'bant_qualification', label: 'BANT qualification', displayOrder: 5, archived: false } });
    expect(again).toMatchObject({ status: 409, body: { status: 'error', category: 'OBJECT_ALREADY_EXISTS' } });
    expect(all.body.results.map((group: { name: string }) => group.name)).toEqual(['contactinformation', 'bant_qualification']);
  });
});

describe('properties', () => {
  it("creates an enumeration property in HubSpot's shape", async () => {
    const portal = usePortal({ now: () => Date.UTC(2026, 10, 23) });
    portal.defineGroup('contacts', { name: 'bant_qualification', label: 'BANT qualification' });

    const created = await api('POST', '/crm/v3/properties/contacts', TIMELINE);
    const read = await api('GET', '/crm/v3/properties/contacts/bant_timeline');

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: 'bant_timeline', label: 'BANT timeline', type: 'enumeration', fieldType: 'select', description: '', groupName: 'bant_qualification',
      options: [
        { label: 'Within 1 month', value: 'within_1_month', displayOrder: 0, hidden: false },
        { label: '1–3 months', value: '1_3_months', displayOrder: 1, hidden: false },
      ],
      displayOrder: -1, calculated: false, externalOptions: false, hasUniqueValue: false, hidden: false, formField: false,
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
      createdAt: '2026-11-23T00:00:00.000Z', updatedAt: '2026-11-23T00:00:00.000Z', archived: false,
    });
    expect(read.body).toEqual(created.body);
  });

  it("answers a property that exists with HubSpot's 409 body", async () => {
    usePortal();

    const answer = await api('POST', '/crm/v3/properties/contacts', { name: 'email', label: 'Email', type: 'string', fieldType: 'text', groupName: 'contactinformation' });

    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      status: 'error', message: "Property named 'email' already exists.", correlationId: expect.any(String),
      category: 'OBJECT_ALREADY_EXISTS', subCategory: 'PropertyValidationError.PROPERTY_EXISTS', context: { name: ['email'] },
    });
  });

  it.each([
    ['a group that does not exist', { ...TIMELINE, groupName: 'nowhere' }, /Property group "nowhere" does not exist/],
    ['an enumeration without options', { ...TIMELINE, options: [] }, /needs at least one option/],
    ['a field type that does not fit the type', { ...TIMELINE, type: 'number' }, /fieldType "select" is not valid for type "number"/],
    ['a name HubSpot would not accept', { ...TIMELINE, name: 'BANT Timeline' }, /Property name "BANT Timeline" is invalid/],
    ['a body without a label', { ...TIMELINE, label: undefined }, /^Invalid input JSON: label/],
  ])('refuses %s with a 400 saying what is wrong', async (_case, body, message) => {
    const portal = usePortal();
    portal.defineGroup('contacts', { name: 'bant_qualification', label: 'BANT qualification' });

    const answer = await api('POST', '/crm/v3/properties/contacts', body);

    expect(answer.status).toBe(400);
    expect(answer.body.category).toBe('VALIDATION_ERROR');
    expect(answer.body.message).toMatch(message);
  });

  it('validates writes against a property as soon as it is created', async () => {
    const portal = usePortal();
    portal.defineGroup('contacts', { name: 'bant_qualification', label: 'BANT qualification' });
    const { id } = portal.createContact({});
    await api('POST', '/crm/v3/properties/contacts', TIMELINE);

    const valid = await api('PATCH', `/crm/v3/objects/contacts/${id}`, { properties: { bant_timeline: '1_3_months' } });
    const invalid = await api('PATCH', `/crm/v3/objects/contacts/${id}`, { properties: { bant_timeline: 'over_6_months' } });

    expect(valid.status).toBe(200);
    expect(invalid.status).toBe(400);
  });

  it('answers an unknown property with 404 and an unknown object type with 400', async () => {
    usePortal();

    expect((await api('GET', '/crm/v3/properties/contacts/nope')).status).toBe(404);
    expect((await api('GET', '/crm/v3/properties/widgets')).body).toMatchObject({ category: 'VALIDATION_ERROR', message: 'Unable to infer object type from: widgets' });
  });
});

describe('property updates', () => {
  const OPTIONS = [
    { label: 'Within 1 month', value: 'within_1_month', displayOrder: 0, hidden: false },
    { label: '1–3 months', value: '1_3_months', displayOrder: 1, hidden: false },
  ];

  it("replaces the options list with the one sent, changes nothing else, and answers HubSpot's full definition", async () => {
    let now = Date.UTC(2026, 10, 23);
    const portal = usePortal({ now: () => now });
    portal.defineGroup('contacts', { name: 'bant_qualification', label: 'BANT qualification' });
    const created = await api('POST', '/crm/v3/properties/contacts', TIMELINE);
    now += 60_000;

    const options = [{ label: '1–3 months', value: '1_3_months', displayOrder: 0, hidden: false }, { label: 'Later', value: 'later', hidden: true }];
    const updated = await api('PATCH', '/crm/v3/properties/contacts/bant_timeline', { options });
    const read = await api('GET', '/crm/v3/properties/contacts/bant_timeline');

    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      ...created.body,
      options: [{ label: '1–3 months', value: '1_3_months', displayOrder: 0, hidden: false }, { label: 'Later', value: 'later', displayOrder: 1, hidden: true }],
      updatedAt: '2026-11-23T00:01:00.000Z',
    });
    expect(read.body).toEqual(updated.body);
  });

  it('keeps the options when the update does not send any', async () => {
    const portal = usePortal();
    portal.defineGroup('contacts', { name: 'bant_qualification', label: 'BANT qualification' });
    await api('POST', '/crm/v3/properties/contacts', TIMELINE);

    const updated = await api('PATCH', '/crm/v3/properties/contacts/bant_timeline', { label: 'Timeline' });

    expect(updated.body).toMatchObject({ label: 'Timeline', type: 'enumeration', fieldType: 'select', options: OPTIONS });
  });

  it('answers an unknown property with 404 and leaves the others alone', async () => {
    usePortal();

    const answer = await api('PATCH', '/crm/v3/properties/contacts/bant_nope', { options: OPTIONS });

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', message: "Unable to find property named 'bant_nope' on contacts." });
  });

  it.each([
    ['an empty options list for an enumeration', { options: [] }, /an enumeration needs at least one option/],
    ['the same option value twice', { options: [...OPTIONS, { label: 'Again', value: 'within_1_month', hidden: false }] }, /option values must be unique; repeated: within_1_month/],
    ['a field type that does not fit the type', { fieldType: 'number' }, /fieldType "number" is not valid for type "enumeration"/],
    ['a group that does not exist', { groupName: 'nowhere' }, /Property group "nowhere" does not exist/],
    ['an option without a value', { options: [{ label: 'No value' }] }, /^Invalid input JSON: options\.0\.value/],
  ])('refuses %s with a 400 and keeps the property as it was', async (_case, body, message) => {
    const portal = usePortal();
    portal.defineGroup('contacts', { name: 'bant_qualification', label: 'BANT qualification' });
    const created = await api('POST', '/crm/v3/properties/contacts', TIMELINE);

    const answer = await api('PATCH', '/crm/v3/properties/contacts/bant_timeline', body);

    expect(answer.status).toBe(400);
    expect(answer.body.category).toBe('VALIDATION_ERROR');
    expect(answer.body.message).toMatch(message);
    expect((await api('GET', '/crm/v3/properties/contacts/bant_timeline')).body).toEqual(created.body);
  });
});
