import { z } from 'zod';
import type { PortalFailure } from './errors';
import { failure, notFoundFailure, validationFailure } from './errors';
import { compileFilterGroups, FILTER_OPERATORS, sortRecords } from './search';
import type { SearchSort } from './search';
import type { PropertyPatch, SchemaInput, SimplePublicObjectJson, StoreApi } from './store';
import { byNumericId } from './store';
import type { AnyObjectType, ObjectType, PortalUser, PropertyInput, StoredRecord, WriteSource } from './types';
import { isCustomObjectType, toObjectType } from './types';
import { ACTIVITY_ASSOCIATION_TYPES } from './activityObjects';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  baseUrl: string;
}

export interface RouteResponse {
  status: number;
  body: unknown;
}

export type Route = (context: RouteContext) => RouteResponse;

/** HubSpot's batch endpoints take at most 100 inputs. */
export const BATCH_LIMIT = 100;
/** v4 association batch reads take at most 1,000 inputs. */
export const ASSOCIATION_BATCH_LIMIT = 1_000;
export const SEARCH_LIMIT = 200;
/** Search never pages past the 10,000th result. */
export const SEARCH_RESULT_CAP = 10_000;
export const LIST_LIMIT = 100;
/** Reads that ask for property history take at most 50 records (batch inputs or a list page). */
export const HISTORY_LIMIT = 50;
/** The owners API pages at most 500 owners. */
export const OWNERS_LIMIT = 500;
/** v4 association reads page the targets of one record at 500. */
export const ASSOCIATION_PAGE_SIZE = 500;

const id = z.union([z.string().min(1), z.number()]).transform(String);
const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const names = z.array(z.string()).optional();

const batchReadBody = z.object({
  inputs: z.array(z.object({ id })),
  properties: names,
  propertiesWithHistory: names,
  idProperty: z.string().optional(),
});
const batchUpdateBody = z.object({
  inputs: z.array(z.object({ id, properties: z.record(z.string(), propertyValue), idProperty: z.string().optional() })),
});
const writeBody = z.object({ properties: z.record(z.string(), propertyValue) });
const associationInput = z.object({
  to: z.object({ id }),
  types: z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() })).min(1),
});
const createBody = writeBody.extend({ associations: z.array(associationInput).optional() });
const filter = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(FILTER_OPERATORS),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  highValue: z.union([z.string(), z.number()]).optional(),
  values: z.array(z.union([z.string(), z.number()])).optional(),
});
const searchBody = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filter).max(6) })).max(5).optional(),
  sorts: z.array(z.union([z.string(), z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() })])).optional(),
  properties: names,
  limit: z.number().int().min(0).optional(),
  after: z.union([z.string(), z.number()]).optional(),
  query: z.string().optional(),
});
const associationBatchBody = z.object({ inputs: z.array(z.object({ id, after: z.string().optional() })) });
const propertyCreateBody = z.object({
  name: z.string().min(1),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number']),
  fieldType: z.string().min(1),
  groupName: z.string().min(1),
  description: z.string().optional(),
  options: z.array(z.object({
    label: z.string(), value: z.string(), displayOrder: z.number().optional(), hidden: z.boolean().optional(), description: z.string().optional(),
  })).optional(),
  displayOrder: z.number().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
});
const propertyUpdateBody = propertyCreateBody.omit({ name: true, hasUniqueValue: true }).partial();
const groupCreateBody = z.object({ name: z.string().min(1), label: z.string().min(1), displayOrder: z.number().optional() });
const schemaCreateBody = z.object({
  name: z.string().min(1),
  labels: z.object({ singular: z.string().min(1), plural: z.string().min(1) }),
  description: z.string().optional(),
  primaryDisplayProperty: z.string().optional(),
  secondaryDisplayProperties: z.array(z.string()).optional(),
  searchableProperties: z.array(z.string()).optional(),
  requiredProperties: z.array(z.string()),
  associatedObjects: z.array(z.string()),
  properties: z.array(propertyCreateBody.extend({ groupName: z.string().min(1).optional() })).min(1),
});

const SEARCHABLE: Record<ObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  companies: ['name', 'domain', 'phone'],
  deals: ['dealname'],
  leads: ['hs_lead_name'],
  calls: ['hs_call_title', 'hs_call_body'], meetings: ['hs_meeting_title', 'hs_meeting_body'], notes: ['hs_note_body'], emails: ['hs_email_subject', 'hs_email_text'],
};

/** HubSpot's v4 association type ids between the objects this app uses. */
const ASSOCIATION_TYPES: Record<string, { typeId: number; primaryTypeId?: number }> = {
  'contacts:deals': { typeId: 4 },
  'deals:contacts': { typeId: 3 },
  'contacts:companies': { typeId: 279, primaryTypeId: 1 },
  'companies:contacts': { typeId: 280, primaryTypeId: 2 },
  'deals:companies': { typeId: 341 },
  'companies:deals': { typeId: 342 },
  // Lead to primary contact is 578 in HubSpot's docs; the other ids are not documented where we could read them.
  'leads:contacts': { typeId: 578 },
  'contacts:leads': { typeId: 579 },
  ...ACTIVITY_ASSOCIATION_TYPES,
  'leads:companies': { typeId: 580 },
  'companies:leads': { typeId: 581 },
};

/** Which association type ids, sent on a create, link the new record to which object. */
const TYPE_IDS_TO: Record<number, ObjectType> = Object.fromEntries(
  Object.entries(ASSOCIATION_TYPES).map(([pair, { typeId }]) => [typeId, pair.split(':')[1] as ObjectType]),
);

const OBJECT_LABEL: Record<ObjectType, string> = {
  contacts: 'CONTACT', deals: 'DEAL', companies: 'COMPANY', leads: 'LEAD', calls: 'CALL', meetings: 'MEETING', notes: 'NOTE', emails: 'EMAIL',
};
const SINGULAR: Record<ObjectType, string> = {
  contacts: 'contact', deals: 'deal', companies: 'company', leads: 'lead', calls: 'call', meetings: 'meeting', notes: 'note', emails: 'email',
};

/**
 * The portal's API routes. Every write through the API is the app's own (its token), so HubSpot
 * records it as `appSource`, an INTEGRATION with the app's id.
 */
export function createRoutes(api: StoreApi, now: () => number, appSource: WriteSource) {
  const createdAt = new Date(now()).toISOString();
  const iso = () => new Date(now()).toISOString();

  /** A standard object (plural, singular or `0-n`) or a custom object (`2-n`, `p<portal>_<name>`, `p_<name>`). */
  function objectTypeOf(name: string | undefined): AnyObjectType | PortalFailure {
    return toObjectType(name ?? '') ?? api.customObjectType(name ?? '') ?? failure(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${name}`);
  }

  function searchableOf(type: AnyObjectType): string[] {
    return isCustomObjectType(type) ? api.store.schemas.get(type)?.searchableProperties ?? [] : SEARCHABLE[type];
  }

  function labelOf(type: AnyObjectType): string {
    return isCustomObjectType(type) ? (api.store.schemas.get(type)?.fullyQualifiedName ?? type).toUpperCase() : OBJECT_LABEL[type];
  }

  const getOne: Route = ({ params, query }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const record = findRecord(type, params.objectId ?? '', query.get('idProperty'));
    if (!record) return respond(notFoundFailure());
    const body = api.toJson(type, record, listParam(query, 'properties'), listParam(query, 'propertiesWithHistory'));
    const associations = isCustomObjectType(type) ? {} : readAssociations(type, record.id, listParam(query, 'associations'));
    return { status: 200, body: Object.keys(associations).length > 0 ? { ...body, associations } : body };
  };

  /** `associations=calls,notes` on a single read: the ids of each type, as HubSpot's v3 read lists them (types without any are absent). */
  function readAssociations(type: ObjectType, id: string, wanted: string[]) {
    const out: Record<string, { results: Array<{ id: string; type: string }> }> = {};
    for (const name of wanted) {
      const toType = toObjectType(name);
      if (!toType) continue;
      const ids = api.associatedIds(type, id, toType);
      if (ids.length === 0) continue;
      out[name] = { results: ids.map((target) => ({ id: target, type: `${SINGULAR[type]}_to_${SINGULAR[toType]}` })) };
    }
    return out;
  }

  const list: Route = ({ params, query, baseUrl }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const limit = Number(query.get('limit') ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT) {
      return respond(validationFailure(`limit must be an integer from 1 to ${LIST_LIMIT}; got ${query.get('limit')}.`));
    }
    if (listParam(query, 'propertiesWithHistory').length > 0 && limit > HISTORY_LIMIT) {
      return respond(validationFailure(`limit must be at most ${HISTORY_LIMIT} when propertiesWithHistory is requested; got ${limit}.`));
    }
    const after = Number(query.get('after') ?? 0);
    const records = live(type).filter((record) => Number(record.id) >= after);
    const page = records.slice(0, limit);
    const next = records[limit];
    const body: { results: SimplePublicObjectJson[]; paging?: { next: { after: string; link: string } } } = {
      results: page.map((record) => api.toJson(type, record, listParam(query, 'properties'), listParam(query, 'propertiesWithHistory'))),
    };
    if (next) body.paging = { next: { after: next.id, link: `${baseUrl}/crm/v3/objects/${type}?after=${next.id}` } };
    return { status: 200, body };
  };

  const createOne: Route = ({ params, body }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const input = parse(createBody, body);
    if (!input.ok) return respond(input.error);
    const links: Array<{ type: ObjectType; id: string }> = [];
    for (const association of input.value.associations ?? []) {
      if (isCustomObjectType(type)) return respond(validationFailure('The local portal does not associate custom object records; create the record without associations.'));
      const typeId = association.types[0]?.associationTypeId ?? -1;
      const target = TYPE_IDS_TO[typeId];
      if (!target || ASSOCIATION_TYPES[`${type}:${target}`]?.typeId !== typeId) {
        return respond(validationFailure(`associationTypeId ${typeId} does not link a ${SINGULAR[type]} to another object.`));
      }
      if (!api.getRecord(target, association.to.id)) return respond(validationFailure(`No ${SINGULAR[target]} with id ${association.to.id} to associate with.`));
      links.push({ type: target, id: association.to.id });
    }
    // HubSpot refuses a lead without a name or without a contact.
    if (type === 'leads' && (!input.value.properties.hs_lead_name || !links.some((link) => link.type === 'contacts'))) {
      return respond(validationFailure('A lead needs a name (hs_lead_name) and an association to an existing contact (associationTypeId 578).'));
    }
    const created = api.createRecord(type, input.value.properties, appSource);
    if (!created.ok) return respond(created.error);
    if (!isCustomObjectType(type)) for (const link of links) api.associate(type, created.value.id, link.type, link.id);
    return { status: 201, body: api.toJson(type, created.value, Object.keys(input.value.properties)) };
  };

  /** The pipelines of deals and leads, with their stages, as HubSpot's pipelines API returns them. */
  const getPipelines: Route = ({ params }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const stageProperty = type === 'deals' ? 'dealstage' : type === 'leads' ? 'hs_pipeline_stage' : undefined;
    const pipelineProperty = type === 'deals' ? 'pipeline' : 'hs_pipeline';
    if (!stageProperty) return respond(validationFailure(`${type} have no pipelines.`));
    const at = iso();
    const stages = api.store.properties[type]?.get(stageProperty)?.options ?? [];
    const results = (api.store.properties[type]?.get(pipelineProperty)?.options ?? []).map((pipeline) => ({
      id: pipeline.value, label: pipeline.label, displayOrder: pipeline.displayOrder, archived: false, createdAt: at, updatedAt: at,
      stages: stages.map((stage) => ({
        id: stage.value, label: stage.label, displayOrder: stage.displayOrder, archived: false, createdAt: at, updatedAt: at,
        metadata: type === 'deals'
          ? { isClosed: String(stage.value === 'closedwon' || stage.value === 'closedlost'), probability: stage.value === 'closedwon' ? '1.0' : stage.value === 'closedlost' ? '0.0' : '0.5' }
          : {},
      })),
    }));
    return { status: 200, body: { results } };
  };

  const updateOne: Route = ({ params, query, body }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const input = parse(writeBody, body);
    if (!input.ok) return respond(input.error);
    const record = findRecord(type, params.objectId ?? '', query.get('idProperty'));
    if (!record) return respond(notFoundFailure());
    const updated = api.updateRecord(type, record.id, input.value.properties, appSource);
    if (!updated.ok) return respond(updated.error);
    return { status: 200, body: api.toJson(type, updated.value, Object.keys(input.value.properties)) };
  };

  const batchRead: Route = ({ params, body }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const input = parse(batchReadBody, body);
    if (!input.ok) return respond(input.error);
    const { inputs, properties = [], propertiesWithHistory = [], idProperty } = input.value;
    if (inputs.length > BATCH_LIMIT) return respond(tooManyInputs(inputs.length, BATCH_LIMIT));
    if (propertiesWithHistory.length > 0 && inputs.length > HISTORY_LIMIT) {
      return respond(tooManyInputs(inputs.length, HISTORY_LIMIT, ' when propertiesWithHistory is requested'));
    }
    const startedAt = iso();
    const results: SimplePublicObjectJson[] = [];
    const missing: string[] = [];
    for (const requested of unique(inputs.map((item) => item.id))) {
      const record = findRecord(type, requested, idProperty);
      if (record) results.push(api.toJson(type, record, properties, propertiesWithHistory));
      else missing.push(requested);
    }
    return batchResponse(results, missing.length === 0 ? [] : [notFoundError(labelOf(type), 'get', missing)], startedAt);
  };

  const batchUpdate: Route = ({ params, body }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const input = parse(batchUpdateBody, body);
    if (!input.ok) return respond(input.error);
    const { inputs } = input.value;
    if (inputs.length > BATCH_LIMIT) return respond(tooManyInputs(inputs.length, BATCH_LIMIT));
    const duplicates = unique(inputs.map((item) => item.id).filter((value, index, all) => all.indexOf(value) !== index));
    if (duplicates.length > 0) return respond(validationFailure(`Duplicate IDs found in batch input: [${duplicates.join(', ')}]. IDs must be unique`));
    // HubSpot validates every input before writing any: one invalid value fails the whole batch.
    for (const item of inputs) {
      const checked = api.checkWrite(type, findRecord(type, item.id, item.idProperty)?.id ?? null, item.properties);
      if (!checked.ok) return respond(checked.error);
    }
    const startedAt = iso();
    const results: SimplePublicObjectJson[] = [];
    const missing: string[] = [];
    for (const item of inputs) {
      const record = findRecord(type, item.id, item.idProperty);
      if (!record) {
        missing.push(item.id);
        continue;
      }
      const updated = api.updateRecord(type, record.id, item.properties, appSource);
      if (updated.ok) results.push(api.toJson(type, updated.value, Object.keys(item.properties)));
    }
    return batchResponse(results, missing.length === 0 ? [] : [notFoundError(labelOf(type), 'update', missing)], startedAt);
  };

  const search: Route = ({ params, body }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const input = parse(searchBody, body);
    if (!input.ok) return respond(input.error);
    const { filterGroups = [], sorts = [], properties = [], limit = 10, after = 0, query } = input.value;
    if (limit > SEARCH_LIMIT) return respond(validationFailure(`limit must be at most ${SEARCH_LIMIT}; got ${limit}.`));
    if (filterGroups.reduce((sum, group) => sum + group.filters.length, 0) > 18) {
      return respond(validationFailure('A search takes at most 18 filters in total (5 groups of at most 6).'));
    }
    const offset = Number(after);
    if (!Number.isInteger(offset) || offset < 0) return respond(validationFailure(`after must be a non-negative integer; got ${after}.`));
    if (offset >= SEARCH_RESULT_CAP) {
      return respond(validationFailure(`Search results are capped at ${SEARCH_RESULT_CAP}; after=${offset} is past the cap. Narrow the filters (e.g. by createdate or hs_object_id ranges) to page further.`));
    }
    const definitions = (api.store.properties[type] ?? new Map());
    const order: SearchSort[] = sorts.map((sort) => typeof sort === 'string'
      ? { propertyName: sort.replace(/^-/, ''), direction: sort.startsWith('-') ? 'DESCENDING' : 'ASCENDING' }
      : { propertyName: sort.propertyName, direction: sort.direction ?? 'ASCENDING' });
    const text = query?.trim().toLowerCase();
    const matchesFilters = compileFilterGroups(filterGroups, definitions);
    const matches = sortRecords(live(type)
      .filter(matchesFilters)
      .filter((record) => !text || searchableOf(type).some((name) => record.properties.get(name)?.toLowerCase().includes(text))), order, definitions);
    const end = Math.min(offset + limit, matches.length, SEARCH_RESULT_CAP);
    const responseBody: { total: number; results: SimplePublicObjectJson[]; paging?: { next: { after: string } } } = {
      total: matches.length,
      results: matches.slice(offset, end).map((record) => api.toJson(type, record, properties)),
    };
    if (end < Math.min(matches.length, SEARCH_RESULT_CAP)) responseBody.paging = { next: { after: String(end) } };
    return { status: 200, body: responseBody };
  };

  const associationBatchRead: Route = ({ params, body }) => {
    const from = standardTypeOf(params.fromObjectType);
    if (typeof from !== 'string') return respond(from);
    const to = standardTypeOf(params.toObjectType);
    if (typeof to !== 'string') return respond(to);
    const input = parse(associationBatchBody, body);
    if (!input.ok) return respond(input.error);
    if (input.value.inputs.length > ASSOCIATION_BATCH_LIMIT) return respond(tooManyInputs(input.value.inputs.length, ASSOCIATION_BATCH_LIMIT));
    const types = ASSOCIATION_TYPES[`${from}:${to}`];
    if (!types) return respond(validationFailure(`No association type is defined between ${from} and ${to}.`));
    const startedAt = iso();
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const item of input.value.inputs) {
      const all = api.associatedIds(from, item.id, to);
      if (all.length === 0) {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          context: { fromObjectId: [item.id] },
          message: `No ${SINGULAR[to]} is associated with ${SINGULAR[from]} ${item.id}.`,
        });
        continue;
      }
      const start = item.after === undefined ? 0 : Math.max(0, all.findIndex((candidate) => Number(candidate) >= Number(item.after)));
      const page = all.slice(start, start + ASSOCIATION_PAGE_SIZE);
      const next = all[start + ASSOCIATION_PAGE_SIZE];
      results.push({
        from: { id: item.id },
        to: page.map((toId) => ({ toObjectId: Number(toId), associationTypes: associationTypes(from, item.id, to, toId, types) })),
        ...(next === undefined ? {} : { paging: { next: { after: next } } }),
      });
    }
    return batchResponse(results, errors, startedAt);
  };

  const getProperties: Route = ({ params }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    return { status: 200, body: { results: [...(api.store.properties[type] ?? new Map()).values()] } };
  };

  const getProperty: Route = ({ params }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const definition = (api.store.properties[type] ?? new Map()).get(params.propertyName ?? '');
    if (!definition) return respond(notFoundFailure(`Unable to find property named '${params.propertyName}' on ${type}.`));
    return { status: 200, body: definition };
  };

  const createProperty: Route = ({ params, body }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const input = parse(propertyCreateBody, body);
    if (!input.ok) return respond(input.error);
    const created = api.defineProperty(type, input.value as PropertyInput);
    return created.ok ? { status: 201, body: created.value } : respond(created.error);
  };

  const updateProperty: Route = ({ params, body }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const input = parse(propertyUpdateBody, body);
    if (!input.ok) return respond(input.error);
    const updated = api.updateProperty(type, params.propertyName ?? '', input.value as PropertyPatch);
    return updated.ok ? { status: 200, body: updated.value } : respond(updated.error);
  };

  const getGroups: Route = ({ params }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    return { status: 200, body: { results: [...(api.store.groups[type] ?? new Map()).values()] } };
  };

  const createGroup: Route = ({ params, body }) => {
    const type = objectTypeOf(params.objectType);
    if (typeof type !== 'string') return respond(type);
    const input = parse(groupCreateBody, body);
    if (!input.ok) return respond(input.error);
    const created = api.defineGroup(type, input.value);
    return created.ok ? { status: 201, body: created.value } : respond(created.error);
  };

  const getSchemas: Route = () => ({ status: 200, body: { results: [...api.store.schemas.values()].map(api.schemaJson) } });

  const getSchema: Route = ({ params }) => {
    const type = api.customObjectType(params.objectType ?? '');
    const schema = type && api.store.schemas.get(type);
    return schema ? { status: 200, body: api.schemaJson(schema) } : respond(notFoundFailure(`Unable to find object type: ${params.objectType}`));
  };

  const createSchema: Route = ({ body }) => {
    const input = parse(schemaCreateBody, body);
    if (!input.ok) return respond(input.error);
    const created = api.defineSchema(input.value as SchemaInput);
    return created.ok ? { status: 201, body: api.schemaJson(created.value) } : respond(created.error);
  };

  const listOwners: Route = ({ query, baseUrl }) => {
    const limit = Number(query.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > OWNERS_LIMIT) {
      return respond(validationFailure(`limit must be an integer from 1 to ${OWNERS_LIMIT}; got ${query.get('limit')}.`));
    }
    // Every user owns records here; none is archived.
    const email = query.get('email')?.toLowerCase();
    const owners = query.get('archived') === 'true'
      ? []
      : [...api.store.users.values()].filter((user) => !email || user.email.toLowerCase() === email).map((user) => toOwner(user, createdAt))
        .sort((a, b) => Number(a.id) - Number(b.id));
    const after = query.get('after');
    const start = after === null ? 0 : Math.max(0, owners.findIndex((owner) => Number(owner.id) >= Number(after)));
    const next = owners[start + limit];
    return {
      status: 200,
      body: {
        results: owners.slice(start, start + limit),
        ...(next ? { paging: { next: { after: next.id, link: `${baseUrl}/crm/v3/owners/?after=${next.id}` } } } : {}),
      },
    };
  };

  const getOwner: Route = ({ params, query }) => {
    const key = params.ownerId ?? '';
    const byUser = query.get('idProperty') === 'userId';
    const owner = [...api.store.users.values()].map((user) => toOwner(user, createdAt)).find((candidate) => (byUser ? String(candidate.userId) === key : candidate.id === key));
    return owner ? { status: 200, body: owner } : respond(notFoundFailure(`No owner with ${byUser ? 'userId' : 'id'} ${key}`));
  };

  const getUser: Route = ({ params, query }) => {
    const key = params.userId ?? '';
    const byEmail = query.get('idProperty') === 'EMAIL';
    const user = byEmail ? [...api.store.users.values()].find((candidate) => candidate.email.toLowerCase() === key.toLowerCase()) : api.store.users.get(key);
    return user ? { status: 200, body: userJson(user) } : respond(notFoundFailure(`No user with ${byEmail ? 'email' : 'id'} ${key} in this account.`));
  };

  function live(type: AnyObjectType): StoredRecord[] {
    return [...(api.store.objects[type]?.values() ?? [])].filter((record) => !record.archived).sort((a, b) => byNumericId(a.id, b.id));
  }

  function findRecord(type: AnyObjectType, key: string, idProperty?: string | null): StoredRecord | undefined {
    if (!idProperty || idProperty === 'hs_object_id') return api.getRecord(type, key);
    return live(type).find((record) => record.properties.get(idProperty)?.toLowerCase() === key.toLowerCase());
  }

  function associationTypes(from: ObjectType, fromId: string, to: ObjectType, toId: string, types: { typeId: number; primaryTypeId?: number }) {
    const unlabeled = { category: 'HUBSPOT_DEFINED', typeId: types.typeId, label: null };
    if (types.primaryTypeId === undefined) return [unlabeled];
    const [contactId, companyId] = from === 'contacts' ? [fromId, toId] : [toId, fromId];
    const isPrimary = to !== from && api.store.primaryCompany.get(contactId) === companyId;
    return isPrimary ? [{ category: 'HUBSPOT_DEFINED', typeId: types.primaryTypeId, label: 'Primary' }, unlabeled] : [unlabeled];
  }

  function batchResponse(results: unknown[], errors: unknown[], startedAt: string): RouteResponse {
    const base = { status: 'COMPLETE', results, startedAt, completedAt: iso() };
    if (errors.length === 0) return { status: 200, body: base };
    return { status: 207, body: { ...base, numErrors: errors.length, errors } };
  }

  return {
    getOne, list, createOne, updateOne, batchRead, batchUpdate, search, associationBatchRead, getProperties, getProperty, createProperty, updateProperty, getGroups, createGroup,
    getPipelines, getSchemas, getSchema, createSchema, getUser, listOwners, getOwner,
  };
}

export function respond(error: PortalFailure): RouteResponse {
  return { status: error.status, body: error.body };
}

/** Associations are served between standard objects only. */
function standardTypeOf(name: string | undefined): ObjectType | PortalFailure {
  return toObjectType(name ?? '') ?? failure(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${name}`);
}

/** A user as HubSpot's owners API lists them; the owner id is the user's own id moved into another range. */
function toOwner(user: PortalUser, createdAt: string) {
  const userId = Number(user.id);
  return {
    id: String(80_000_000 + userId), email: user.email, type: 'PERSON', firstName: user.firstName ?? '', lastName: user.lastName ?? '', userId,
    userIdIncludingInactive: userId, createdAt, updatedAt: createdAt, archived: false,
  };
}

function userJson(user: PortalUser): PortalUser {
  return { ...user, roleIds: [...user.roleIds] };
}

function notFoundError(label: string, verb: 'get' | 'update', ids: string[]) {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not ${verb} some ${label} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids },
  };
}

function tooManyInputs(count: number, limit: number, when = ''): PortalFailure {
  return validationFailure(`Batch input has ${count} inputs; the limit is ${limit}${when}. Split the batch.`, {
    context: { inputs: [String(count)], limit: [String(limit)] },
  });
}

function parse<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; error: PortalFailure } {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  return { ok: false, error: validationFailure(`Invalid input JSON: ${where}: ${issue?.message ?? 'invalid'}`) };
}

function listParam(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
