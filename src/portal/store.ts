import { DEFAULT_GROUPS, DEFAULT_PROPERTIES, DEFAULT_READ_PROPERTIES, LAST_MODIFIED_PROPERTY } from './defaultProperties';
import type { PortalFailure, PortalResult } from './errors';
import { failure, notFoundFailure, validationFailure } from './errors';
import type {
  AnyObjectType, CustomObjectType, ObjectType, PerObjectType, PortalUser, PropertyDefinition, PropertyGroup, PropertyHistoryEntry, PropertyInput,
  PropertyValueInput, StoredRecord, StoredSchema, WriteSource,
} from './types';
import { isCustomObjectType, OBJECT_TYPES } from './types';
import { ACTIVITY_TYPES } from './activityObjects';
import type { ActivityType } from './activityObjects';

/** The in-memory account: plain Maps, one per object type. */
export interface PortalStore {
  objects: PerObjectType<Map<string, StoredRecord>>;
  properties: PerObjectType<Map<string, PropertyDefinition>>;
  groups: PerObjectType<Map<string, PropertyGroup>>;
  /** Custom object definitions by type id (`2-<n>`). */
  schemas: Map<CustomObjectType, StoredSchema>;
  /** The account's users by id. */
  users: Map<string, PortalUser>;
  /** Undirected edges keyed `type:id`, e.g. `deals:12` ↔ `contacts:3`. */
  associations: Map<string, Set<string>>;
  /** The contact's primary company, as HubSpot labels it. */
  primaryCompany: Map<string, string>;
}

/** The JSON shape of HubSpot's SimplePublicObject. */
export interface SimplePublicObjectJson {
  id: string;
  properties: Record<string, string | null>;
  propertiesWithHistory?: Record<string, PropertyHistoryEntry[]>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** What a property update may change (HubSpot's PropertyUpdate). */
export type PropertyPatch = Partial<Pick<PropertyInput, 'label' | 'type' | 'fieldType' | 'groupName' | 'description' | 'options' | 'displayOrder' | 'hidden' | 'formField'>>;

export interface PropertyProblem {
  name: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'INVALID_OPTION' | 'INVALID_DOUBLE' | 'INVALID_BOOLEAN' | 'INVALID_DATE' | 'INVALID_DATETIME' | 'READ_ONLY_VALUE' | 'INVALID_STRING_LENGTH';
  message: string;
}

const CLOSED_STAGES = new Set(['closedwon', 'closedlost']);
/** HubSpot fills its own computed properties (closed flags, last modified) as CALCULATED. */
const CALCULATED: WriteSource = { sourceType: 'CALCULATED' };
const NUMBER_PATTERN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const PROPERTY_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
/** HubSpot's limit for a text property's value. */
export const MAX_STRING_LENGTH = 65_536;
/** HubSpot allows at most 10 properties with unique values per object. */
const MAX_UNIQUE_PROPERTIES = 10;
const FIELD_TYPES: Record<PropertyDefinition['type'], string[]> = {
  string: ['text', 'textarea', 'html', 'file', 'phonenumber'],
  phone_number: ['phonenumber', 'text'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  bool: ['booleancheckbox', 'calculation_equation'],
};

function perType<T>(): PerObjectType<Map<string, T>> {
  return Object.fromEntries(OBJECT_TYPES.map((type) => [type, new Map<string, T>()])) as PerObjectType<Map<string, T>>;
}

export function createStore(now: () => number, portalId: number) {
  const store: PortalStore = {
    objects: perType(),
    properties: perType(),
    groups: perType(),
    schemas: new Map(),
    users: new Map(),
    associations: new Map(),
    primaryCompany: new Map(),
  };
  let nextId = 1;
  let nextSchemaId = 1001;
  let nextUserId = 1;
  const isoNow = () => new Date(now()).toISOString();

  for (const type of OBJECT_TYPES) {
    for (const group of DEFAULT_GROUPS[type]) store.groups[type].set(group.name, { ...group });
    for (const input of DEFAULT_PROPERTIES[type]) store.properties[type].set(input.name, toDefinition(input, isoNow()));
  }

  // Custom object types have maps only once their schema exists; callers check the type first.
  const recordsOf = (type: AnyObjectType): Map<string, StoredRecord> => store.objects[type] ?? new Map<string, StoredRecord>();
  const definitionsOf = (type: AnyObjectType): Map<string, PropertyDefinition> => store.properties[type] ?? new Map<string, PropertyDefinition>();
  const groupsOf = (type: AnyObjectType): Map<string, PropertyGroup> => store.groups[type] ?? new Map<string, PropertyGroup>();

  function defineGroup(type: AnyObjectType, input: { name: string; label: string; displayOrder?: number }): PortalResult<PropertyGroup> {
    if (!PROPERTY_NAME_PATTERN.test(input.name)) {
      return { ok: false, error: validationFailure(`Property group name "${input.name}" is invalid: use lowercase letters, digits and underscores, starting with a letter.`) };
    }
    if (groupsOf(type).has(input.name)) {
      return {
        ok: false,
        error: failure(409, 'OBJECT_ALREADY_EXISTS', `A property group named '${input.name}' already exists.`, { context: { name: [input.name] } }),
      };
    }
    const group: PropertyGroup = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
    groupsOf(type).set(group.name, group);
    return { ok: true, value: group };
  }

  function defineProperty(type: AnyObjectType, input: PropertyInput): PortalResult<PropertyDefinition> {
    if (!PROPERTY_NAME_PATTERN.test(input.name)) {
      return { ok: false, error: validationFailure(`Property name "${input.name}" is invalid: use lowercase letters, digits and underscores, starting with a letter.`) };
    }
    if (definitionsOf(type).has(input.name)) {
      return {
        ok: false,
        error: failure(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`, {
          subCategory: 'PropertyValidationError.PROPERTY_EXISTS',
          context: { name: [input.name] },
        }),
      };
    }
    if (!groupsOf(type).has(input.groupName)) {
      return { ok: false, error: validationFailure(`Property group "${input.groupName}" does not exist on ${type}; create the group first.`) };
    }
    if (!FIELD_TYPES[input.type].includes(input.fieldType)) {
      return {
        ok: false,
        error: validationFailure(`Property "${input.name}": fieldType "${input.fieldType}" is not valid for type "${input.type}" (use one of ${FIELD_TYPES[input.type].join(', ')}).`),
      };
    }
    if (input.type === 'enumeration' && (input.options ?? []).length === 0) {
      return { ok: false, error: validationFailure(`Property "${input.name}": an enumeration needs at least one option.`) };
    }
    const definition = toDefinition(input, isoNow());
    definitionsOf(type).set(definition.name, definition);
    return { ok: true, value: definition };
  }

  /**
   * Applies a property update the way HubSpot's PATCH does: the fields given replace the stored ones,
   * `options` replaces the whole list; the name never changes.
   */
  function updateProperty(type: AnyObjectType, name: string, patch: PropertyPatch): PortalResult<PropertyDefinition> {
    const current = definitionsOf(type).get(name);
    if (!current) return { ok: false, error: notFoundFailure(`Unable to find property named '${name}' on ${type}.`) };
    const next = { ...current, ...patch, options: patch.options === undefined ? current.options : toOptions(patch.options) };
    if (!groupsOf(type).has(next.groupName)) {
      return { ok: false, error: validationFailure(`Property group "${next.groupName}" does not exist on ${type}; create the group first.`) };
    }
    if (!FIELD_TYPES[next.type].includes(next.fieldType)) {
      return { ok: false, error: validationFailure(`Property "${name}": fieldType "${next.fieldType}" is not valid for type "${next.type}" (use one of ${FIELD_TYPES[next.type].join(', ')}).`) };
    }
    if (next.type === 'enumeration' && next.options.length === 0) {
      return { ok: false, error: validationFailure(`Property "${name}": an enumeration needs at least one option.`) };
    }
    const values = next.options.map((option) => option.value);
    const repeated = values.filter((value, index) => values.indexOf(value) !== index);
    if (repeated.length > 0) {
      return { ok: false, error: validationFailure(`Property "${name}": option values must be unique; repeated: ${[...new Set(repeated)].join(', ')}.`) };
    }
    const updated: PropertyDefinition = { ...next, updatedAt: isoNow() };
    definitionsOf(type).set(name, updated);
    return { ok: true, value: updated };
  }

  /** Validates and normalises a write the way HubSpot does: all problems reported at once, nothing written. */
  function normaliseWrite(type: AnyObjectType, properties: Record<string, PropertyValueInput>): PortalResult<Map<string, string | null>> {
    const problems: PropertyProblem[] = [];
    const values = new Map<string, string | null>();
    for (const [name, raw] of Object.entries(properties)) {
      const definition = definitionsOf(type).get(name);
      if (!definition) {
        problems.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
        continue;
      }
      if (definition.modificationMetadata.readOnlyValue) {
        problems.push({ name, error: 'READ_ONLY_VALUE', message: `"${name}" is a read only property; its value cannot be set.` });
        continue;
      }
      const value = raw === null ? '' : String(raw).trim();
      if (value === '') {
        values.set(name, null);
        continue;
      }
      const checked = normaliseValue(definition, value);
      if (typeof checked === 'string') values.set(name, checked);
      else problems.push(checked);
    }
    if (problems.length > 0) return { ok: false, error: propertyValidationFailure(problems) };
    return { ok: true, value: values };
  }

  /** One write: every value it sets gets the same timestamp and source in the property's history. */
  function applyWrite(type: AnyObjectType, record: StoredRecord, values: Map<string, string | null>, source: WriteSource): void {
    const timestamp = isoNow();
    for (const [name, value] of values) setValue(record, name, value, timestamp, source);
    if (type === 'deals') {
      const stage = record.properties.get('dealstage');
      setValue(record, 'hs_is_closed', String(stage !== undefined && CLOSED_STAGES.has(stage)), timestamp, CALCULATED);
      setValue(record, 'hs_is_closed_won', String(stage === 'closedwon'), timestamp, CALCULATED);
    }
    setValue(record, lastModifiedProperty(type), timestamp, timestamp, CALCULATED);
    record.updatedAt = timestamp;
  }

  /**
   * A write that would give a unique-value property a value another live record of the type holds:
   * HubSpot refuses it whole with 409. (The exact body HubSpot sends here is not documented; this one
   * follows its CONFLICT answers elsewhere.)
   */
  function uniqueConflict(type: AnyObjectType, recordId: string | null, values: Map<string, string | null>): PortalFailure | null {
    for (const [name, value] of values) {
      if (value === null || !definitionsOf(type).get(name)?.hasUniqueValue) continue;
      const holder = [...recordsOf(type).values()].find((record) => !record.archived && record.id !== recordId && record.properties.get(name) === value);
      if (holder) {
        return failure(409, 'CONFLICT', `A record with ${name} "${value}" already exists. Existing ID: ${holder.id}`, { context: { propertyName: [name], id: [holder.id] } });
      }
    }
    return null;
  }

  /** What HubSpot checks before a create or update writes anything: the values, then unique values. */
  function checkWrite(type: AnyObjectType, recordId: string | null, properties: Record<string, PropertyValueInput>): PortalResult<Map<string, string | null>> {
    const normalised = normaliseWrite(type, properties);
    if (!normalised.ok) return normalised;
    const conflict = uniqueConflict(type, recordId, normalised.value);
    return conflict ? { ok: false, error: conflict } : normalised;
  }

  function createRecord(type: AnyObjectType, properties: Record<string, PropertyValueInput>, source: WriteSource): PortalResult<StoredRecord> {
    const createdName = createDateProperty(type);
    const { [createdName]: createdate, ...rest } = properties;
    const normalised = checkWrite(type, null, rest);
    if (!normalised.ok) return normalised;
    const created = createdate === undefined || createdate === null ? isoNow() : normaliseDatetime(String(createdate));
    if (created === undefined) {
      return { ok: false, error: propertyValidationFailure([{ name: createdName, error: 'INVALID_DATETIME', message: `${String(createdate)} is not a valid datetime for "${createdName}"` }]) };
    }
    const required = store.schemas.get(type as CustomObjectType)?.requiredProperties.filter((name) => !normalised.value.get(name)) ?? [];
    if (required.length > 0) {
      return { ok: false, error: validationFailure(`Missing required properties: ${required.join(', ')}. Give them a value when creating the record.`, { context: { properties: required } }) };
    }
    const id = String(nextId++);
    const record: StoredRecord = { id, properties: new Map(), history: new Map(), createdAt: created, updatedAt: created, archived: false };
    setValue(record, 'hs_object_id', id, created, source);
    setValue(record, createdName, created, created, source);
    if (type === 'deals' && !normalised.value.has('pipeline')) normalised.value.set('pipeline', 'default');
    applyWrite(type, record, normalised.value, source);
    recordsOf(type).set(id, record);
    return { ok: true, value: record };
  }

  function getRecord(type: AnyObjectType, id: string): StoredRecord | undefined {
    const record = recordsOf(type).get(id);
    return record && !record.archived ? record : undefined;
  }

  function updateRecord(type: AnyObjectType, id: string, properties: Record<string, PropertyValueInput>, source: WriteSource): PortalResult<StoredRecord> {
    const record = getRecord(type, id);
    if (!record) return { ok: false, error: notFoundFailure() };
    const normalised = checkWrite(type, record.id, properties);
    if (!normalised.ok) return normalised;
    applyWrite(type, record, normalised.value, source);
    return { ok: true, value: record };
  }

  function archiveRecord(type: AnyObjectType, id: string): PortalResult<StoredRecord> {
    const record = getRecord(type, id);
    if (!record) return { ok: false, error: notFoundFailure() };
    record.archived = true;
    record.archivedAt = isoNow();
    return { ok: true, value: record };
  }

  function associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): PortalResult<void> {
    if (!getRecord(fromType, fromId)) return { ok: false, error: notFoundFailure(`No ${fromType} with id ${fromId}`) };
    if (!getRecord(toType, toId)) return { ok: false, error: notFoundFailure(`No ${toType} with id ${toId}`) };
    link(`${fromType}:${fromId}`, `${toType}:${toId}`);
    link(`${toType}:${toId}`, `${fromType}:${fromId}`);
    if (fromType === 'contacts' && toType === 'companies' && !store.primaryCompany.has(fromId)) store.primaryCompany.set(fromId, toId);
    if (fromType === 'companies' && toType === 'contacts' && !store.primaryCompany.has(toId)) store.primaryCompany.set(toId, fromId);
    return { ok: true, value: undefined };
  }

  function dissociate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): void {
    store.associations.get(`${fromType}:${fromId}`)?.delete(`${toType}:${toId}`);
    store.associations.get(`${toType}:${toId}`)?.delete(`${fromType}:${fromId}`);
    const [contactId, companyId] = fromType === 'contacts' ? [fromId, toId] : [toId, fromId];
    if (store.primaryCompany.get(contactId) === companyId) store.primaryCompany.delete(contactId);
  }

  /** Ids of live records of `toType` associated with a record, in increasing id order. */
  function associatedIds(fromType: ObjectType, fromId: string, toType: ObjectType): string[] {
    const prefix = `${toType}:`;
    return [...(store.associations.get(`${fromType}:${fromId}`) ?? [])]
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length))
      .filter((id) => getRecord(toType, id) !== undefined)
      .sort(byNumericId);
  }

  function toJson(type: AnyObjectType, record: StoredRecord, requested: string[] = [], withHistory: string[] = []): SimplePublicObjectJson {
    const defined = definitionsOf(type);
    const names = requested.length > 0
      ? new Set([...requested, 'hs_object_id', createDateProperty(type), lastModifiedProperty(type)])
      : new Set(defaultReadProperties(type));
    const properties: Record<string, string | null> = {};
    for (const name of [...names].sort()) {
      if (defined.has(name)) properties[name] = record.properties.get(name) ?? null;
    }
    const json: SimplePublicObjectJson = { id: record.id, properties, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: record.archived };
    if (record.archivedAt) json.archivedAt = record.archivedAt;
    const historyNames = withHistory.filter((name) => defined.has(name));
    if (historyNames.length > 0) {
      json.propertiesWithHistory = Object.fromEntries(historyNames.map((name) => [name, (record.history.get(name) ?? []).map((entry) => ({ ...entry }))]));
    }
    return json;
  }

  function link(from: string, to: string): void {
    let set = store.associations.get(from);
    if (!set) store.associations.set(from, (set = new Set()));
    set.add(to);
  }

  /**
   * Creates a custom object the way `POST /crm-object-schemas/v3/schemas` does: a type id `2-<n>`,
   * the fully qualified name `p<portal id>_<name>`, a default property group `<name>_information`,
   * HubSpot's own record properties, and the schema's properties, all checked before anything is kept.
   */
  function defineSchema(input: SchemaInput): PortalResult<StoredSchema> {
    if (!OBJECT_NAME_PATTERN.test(input.name)) {
      return { ok: false, error: validationFailure(`Object name "${input.name}" is invalid: start with a letter and use only letters, digits and underscores.`) };
    }
    const taken = [...store.schemas.values()].some((schema) => schema.name.toLowerCase() === input.name.toLowerCase()) || toStandardName(input.name);
    if (taken) {
      return { ok: false, error: failure(409, 'OBJECT_ALREADY_EXISTS', `An object type named '${input.name}' already exists in this account.`, { context: { name: [input.name] } }) };
    }
    const names = input.properties.map((property) => property.name);
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    if (repeated.length > 0) return { ok: false, error: validationFailure(`Property names must be unique within a schema; repeated: ${[...new Set(repeated)].join(', ')}.`) };
    const reserved = names.filter((name) => name.startsWith('hs_'));
    if (reserved.length > 0) return { ok: false, error: validationFailure(`Property names starting with "hs_" are reserved for HubSpot: ${reserved.join(', ')}.`) };
    const referenced = [...input.requiredProperties, ...(input.primaryDisplayProperty ? [input.primaryDisplayProperty] : []), ...(input.secondaryDisplayProperties ?? []), ...(input.searchableProperties ?? [])];
    const unknown = referenced.filter((name) => !names.includes(name));
    if (unknown.length > 0) return { ok: false, error: validationFailure(`The schema names properties it does not define: ${[...new Set(unknown)].join(', ')}.`) };
    if (input.properties.filter((property) => property.hasUniqueValue).length > MAX_UNIQUE_PROPERTIES) {
      return { ok: false, error: validationFailure(`An object can have at most ${MAX_UNIQUE_PROPERTIES} properties with unique values.`) };
    }

    const objectTypeId: CustomObjectType = `2-${nextSchemaId++}`;
    const timestamp = isoNow();
    const groupName = `${input.name.toLowerCase()}_information`;
    store.groups[objectTypeId] = new Map([[groupName, { name: groupName, label: `${input.labels.singular} information`, displayOrder: -1, archived: false }]]);
    store.properties[objectTypeId] = new Map(CUSTOM_OBJECT_PROPERTIES.map((property) => [property.name, toDefinition({ ...property, groupName }, timestamp)]));
    store.objects[objectTypeId] = new Map();
    for (const property of input.properties) {
      const defined = defineProperty(objectTypeId, { ...property, groupName: property.groupName ?? groupName });
      if (!defined.ok) {
        delete store.groups[objectTypeId];
        delete store.properties[objectTypeId];
        delete store.objects[objectTypeId];
        return defined;
      }
    }
    const schema: StoredSchema = {
      id: objectTypeId.slice(2), objectTypeId, name: input.name, fullyQualifiedName: `p${portalId}_${input.name}`,
      labels: { ...input.labels }, ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.primaryDisplayProperty === undefined ? {} : { primaryDisplayProperty: input.primaryDisplayProperty }),
      secondaryDisplayProperties: input.secondaryDisplayProperties ?? [], requiredProperties: input.requiredProperties,
      searchableProperties: input.searchableProperties ?? [], associatedObjects: input.associatedObjects,
      createdAt: timestamp, updatedAt: timestamp,
    };
    store.schemas.set(objectTypeId, schema);
    return { ok: true, value: schema };
  }

  /** A custom object's type id from any name HubSpot accepts in paths: `2-<n>`, `p<portal id>_<name>` or `p_<name>`. */
  function customObjectType(name: string): CustomObjectType | undefined {
    const lower = name.toLowerCase();
    for (const schema of store.schemas.values()) {
      const short = `p_${schema.name.toLowerCase()}`;
      if (lower === schema.objectTypeId || lower === schema.fullyQualifiedName.toLowerCase() || lower === short) return schema.objectTypeId;
    }
    return undefined;
  }

  /** The schemas API's ObjectSchema: the schema with its own (not HubSpot's) properties. */
  function schemaJson(schema: StoredSchema) {
    const properties = [...definitionsOf(schema.objectTypeId).values()].filter((property) => !property.hubspotDefined);
    return {
      id: schema.id, objectTypeId: schema.objectTypeId, fullyQualifiedName: schema.fullyQualifiedName, name: schema.name, labels: schema.labels,
      ...(schema.description === undefined ? {} : { description: schema.description }),
      ...(schema.primaryDisplayProperty === undefined ? {} : { primaryDisplayProperty: schema.primaryDisplayProperty }),
      secondaryDisplayProperties: schema.secondaryDisplayProperties, requiredProperties: schema.requiredProperties,
      searchableProperties: schema.searchableProperties, properties, associations: [], metaType: 'PORTAL_SPECIFIC', portalId,
      archived: false, createdAt: schema.createdAt, updatedAt: schema.updatedAt,
    };
  }

  function defineUser(input: Omit<PortalUser, 'id' | 'roleIds' | 'superAdmin'> & Partial<Pick<PortalUser, 'id' | 'roleIds' | 'superAdmin'>>): PortalUser {
    const user: PortalUser = { ...input, id: input.id ?? String(nextUserId++), roleIds: input.roleIds ?? [], superAdmin: input.superAdmin ?? false };
    store.users.set(user.id, user);
    return user;
  }

  return {
    store, defineGroup, defineProperty, updateProperty, normaliseWrite, checkWrite, createRecord, getRecord, updateRecord, archiveRecord,
    associate, dissociate, associatedIds, toJson, defineSchema, customObjectType, schemaJson, defineUser,
  };
}

/** What a schema is created from (HubSpot's ObjectSchemaEgg). */
export interface SchemaInput {
  name: string;
  labels: { singular: string; plural: string };
  description?: string;
  primaryDisplayProperty?: string;
  secondaryDisplayProperties?: string[];
  searchableProperties?: string[];
  requiredProperties: string[];
  associatedObjects: string[];
  properties: Array<Omit<PropertyInput, 'groupName' | 'hubspotDefined' | 'readOnlyValue' | 'calculated'> & { groupName?: string }>;
}

const OBJECT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The properties HubSpot gives every custom object record. */
const CUSTOM_OBJECT_PROPERTIES: Array<Omit<PropertyInput, 'groupName'>> = [
  { name: 'hs_object_id', label: 'Record ID', type: 'number', fieldType: 'number', hubspotDefined: true, readOnlyValue: true },
  { name: 'hs_createdate', label: 'Object create date/time', type: 'datetime', fieldType: 'date', hubspotDefined: true },
  { name: 'hs_lastmodifieddate', label: 'Object last modified date/time', type: 'datetime', fieldType: 'date', hubspotDefined: true, readOnlyValue: true },
];

function toStandardName(name: string): boolean {
  return ['contact', 'contacts', 'company', 'companies', 'deal', 'deals', 'ticket', 'tickets'].includes(name.toLowerCase());
}

/** The property HubSpot keeps as "last modified" for an object type. */
export function lastModifiedProperty(type: AnyObjectType): string {
  return isCustomObjectType(type) ? 'hs_lastmodifieddate' : LAST_MODIFIED_PROPERTY[type];
}

/** The property HubSpot keeps as the create date: `createdate` on standard objects, `hs_createdate` on custom ones. */
export function createDateProperty(type: AnyObjectType): string {
  return isCustomObjectType(type) || ACTIVITY_TYPES.includes(type as ActivityType) ? 'hs_createdate' : 'createdate';
}

function defaultReadProperties(type: AnyObjectType): string[] {
  return isCustomObjectType(type) ? ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'] : DEFAULT_READ_PROPERTIES[type];
}

export type StoreApi = ReturnType<typeof createStore>;

export function byNumericId(a: string, b: string): number {
  return Number(a) - Number(b);
}

export function propertyValidationFailure(problems: PropertyProblem[]): PortalFailure {
  const detail = problems.map((p) => ({ isValid: false, message: p.message, error: p.error, name: p.name, localizedErrorMessage: p.message }));
  return validationFailure(`Property values were not valid: ${JSON.stringify(detail)}`, {
    errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })),
  });
}

function setValue(record: StoredRecord, name: string, value: string | null, timestamp: string, source: WriteSource): void {
  if (value === null) record.properties.delete(name);
  else record.properties.set(name, value);
  const history = record.history.get(name) ?? [];
  history.unshift({ value: value ?? '', timestamp, ...sourceFields(source) });
  record.history.set(name, history);
}

/** The source fields in HubSpot's order, leaving out the ones HubSpot leaves out. */
function sourceFields(source: WriteSource): WriteSource {
  return {
    sourceType: source.sourceType,
    ...(source.sourceId === undefined ? {} : { sourceId: source.sourceId }),
    ...(source.sourceLabel === undefined ? {} : { sourceLabel: source.sourceLabel }),
    ...(source.updatedByUserId === undefined ? {} : { updatedByUserId: source.updatedByUserId }),
  };
}

function normaliseValue(definition: PropertyDefinition, value: string): string | PropertyProblem {
  const { name } = definition;
  switch (definition.type) {
    case 'string':
      return value.length <= MAX_STRING_LENGTH
        ? value
        : { name, error: 'INVALID_STRING_LENGTH', message: `The value of "${name}" is ${value.length} characters long; text properties hold at most ${MAX_STRING_LENGTH}.` };
    case 'number':
      return NUMBER_PATTERN.test(value) ? value : { name, error: 'INVALID_DOUBLE', message: `${value} is not a valid number for "${name}"` };
    case 'bool': {
      const lower = value.toLowerCase();
      return lower === 'true' || lower === 'false' ? lower : { name, error: 'INVALID_BOOLEAN', message: `${value} is not a valid boolean for "${name}" (use true or false)` };
    }
    case 'enumeration': {
      const allowed = definition.options.map((option) => option.value);
      const chosen = definition.fieldType === 'checkbox' ? value.split(';') : [value];
      const unknown = chosen.find((option) => !allowed.includes(option));
      return unknown === undefined
        ? value
        : { name, error: 'INVALID_OPTION', message: `${unknown} was not one of the allowed options: [${allowed.join(', ')}]` };
    }
    case 'datetime':
      return normaliseDatetime(value) ?? { name, error: 'INVALID_DATETIME', message: `${value} is not a valid datetime for "${name}" (use epoch milliseconds or ISO 8601)` };
    case 'date': {
      const date = /^\d+$/.test(value) ? new Date(Number(value)) : /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
      if (!date || Number.isNaN(date.getTime()) || date.getTime() % 86_400_000 !== 0) {
        return { name, error: 'INVALID_DATE', message: `${value} is not a valid date for "${name}" (use YYYY-MM-DD or epoch milliseconds at midnight UTC)` };
      }
      return date.toISOString().slice(0, 10);
    }
    default:
      return value;
  }
}

function normaliseDatetime(value: string): string | undefined {
  const date = /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toOptions(options: NonNullable<PropertyInput['options']>): PropertyDefinition['options'] {
  return options.map((option, index) => ({
    label: option.label,
    value: option.value,
    displayOrder: option.displayOrder ?? index,
    hidden: option.hidden ?? false,
    ...(option.description === undefined ? {} : { description: option.description }),
  }));
}

function toDefinition(input: PropertyInput, timestamp: string): PropertyDefinition {
  const readOnly = input.readOnlyValue ?? false;
  return {
    name: input.name,
    label: input.label,
    type: input.type,
    fieldType: input.fieldType,
    description: input.description ?? '',
    groupName: input.groupName,
    options: toOptions(input.options ?? []),
    displayOrder: input.displayOrder ?? -1,
    calculated: input.calculated ?? false,
    externalOptions: false,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    ...(input.hubspotDefined ? { hubspotDefined: true } : {}),
    formField: input.formField ?? false,
    modificationMetadata: { archivable: !input.hubspotDefined, readOnlyDefinition: input.hubspotDefined ?? false, readOnlyValue: readOnly },
    createdAt: timestamp,
    updatedAt: timestamp,
    archived: false,
  };
}
