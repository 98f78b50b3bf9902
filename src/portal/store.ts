import { DEFAULT_GROUPS, DEFAULT_PROPERTIES, DEFAULT_READ_PROPERTIES, LAST_MODIFIED_PROPERTY } from './defaultProperties';
import type { PortalFailure, PortalResult } from './errors';
import { failure, notFoundFailure, validationFailure } from './errors';
import type {
  ObjectType, PropertyDefinition, PropertyGroup, PropertyInput, PropertyValueInput, StoredRecord,
} from './types';
import { OBJECT_TYPES } from './types';

/** The in-memory account: plain Maps, one per object type. */
export interface PortalStore {
  objects: Record<ObjectType, Map<string, StoredRecord>>;
  properties: Record<ObjectType, Map<string, PropertyDefinition>>;
  groups: Record<ObjectType, Map<string, PropertyGroup>>;
  /** Undirected edges keyed `type:id`, e.g. `deals:12` ↔ `contacts:3`. */
  associations: Map<string, Set<string>>;
  /** The contact's primary company, as HubSpot labels it. */
  primaryCompany: Map<string, string>;
}

/** The JSON shape of HubSpot's SimplePublicObject. */
export interface SimplePublicObjectJson {
  id: string;
  properties: Record<string, string | null>;
  propertiesWithHistory?: Record<string, Array<{ value: string; timestamp: string; sourceType: string; sourceId?: string }>>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** What a property update may change (HubSpot's PropertyUpdate). */
export type PropertyPatch = Partial<Pick<PropertyInput, 'label' | 'type' | 'fieldType' | 'groupName' | 'description' | 'options' | 'displayOrder' | 'hidden' | 'formField'>>;

export interface PropertyProblem {
  name: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'INVALID_OPTION' | 'INVALID_DOUBLE' | 'INVALID_BOOLEAN' | 'INVALID_DATE' | 'INVALID_DATETIME' | 'READ_ONLY_VALUE';
  message: string;
}

const CLOSED_STAGES = new Set(['closedwon', 'closedlost']);
const NUMBER_PATTERN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const PROPERTY_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const FIELD_TYPES: Record<PropertyDefinition['type'], string[]> = {
  string: ['text', 'textarea', 'html', 'file', 'phonenumber'],
  phone_number: ['phonenumber', 'text'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  bool: ['booleancheckbox', 'calculation_equation'],
};

export function createStore(now: () => number) {
  const store: PortalStore = {
    objects: { contacts: new Map(), deals: new Map(), companies: new Map(), leads: new Map() },
    properties: { contacts: new Map(), deals: new Map(), companies: new Map(), leads: new Map() },
    groups: { contacts: new Map(), deals: new Map(), companies: new Map(), leads: new Map() },
    associations: new Map(),
    primaryCompany: new Map(),
  };
  let nextId = 1;
  const isoNow = () => new Date(now()).toISOString();

  for (const type of OBJECT_TYPES) {
    for (const group of DEFAULT_GROUPS[type]) store.groups[type].set(group.name, { ...group });
    for (const input of DEFAULT_PROPERTIES[type]) store.properties[type].set(input.name, toDefinition(input, isoNow()));
  }

  function defineGroup(type: ObjectType, input: { name: string; label: string; displayOrder?: number }): PortalResult<PropertyGroup> {
    if (!PROPERTY_NAME_PATTERN.test(input.name)) {
      return { ok: false, error: validationFailure(`Property group name "${input.name}" is invalid: use lowercase letters, digits and underscores, starting with a letter.`) };
    }
    if (store.groups[type].has(input.name)) {
      return {
        ok: false,
        error: failure(409, 'OBJECT_ALREADY_EXISTS', `A property group named '${input.name}' already exists.`, { context: { name: [input.name] } }),
      };
    }
    const group: PropertyGroup = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
    store.groups[type].set(group.name, group);
    return { ok: true, value: group };
  }

  function defineProperty(type: ObjectType, input: PropertyInput): PortalResult<PropertyDefinition> {
    if (!PROPERTY_NAME_PATTERN.test(input.name)) {
      return { ok: false, error: validationFailure(`Property name "${input.name}" is invalid: use lowercase letters, digits and underscores, starting with a letter.`) };
    }
    if (store.properties[type].has(input.name)) {
      return {
        ok: false,
        error: failure(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`, {
          subCategory: 'PropertyValidationError.PROPERTY_EXISTS',
          context: { name: [input.name] },
        }),
      };
    }
    if (!store.groups[type].has(input.groupName)) {
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
    store.properties[type].set(definition.name, definition);
    return { ok: true, value: definition };
  }

  /**
   * Applies a property update the way HubSpot's PATCH does: the fields given replace the stored ones,
   * `options` replaces the whole list; the name never changes.
   */
  function updateProperty(type: ObjectType, name: string, patch: PropertyPatch): PortalResult<PropertyDefinition> {
    const current = store.properties[type].get(name);
    if (!current) return { ok: false, error: notFoundFailure(`Unable to find property named '${name}' on ${type}.`) };
    const next = { ...current, ...patch, options: patch.options === undefined ? current.options : toOptions(patch.options) };
    if (!store.groups[type].has(next.groupName)) {
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
    store.properties[type].set(name, updated);
    return { ok: true, value: updated };
  }

  /** Validates and normalises a write the way HubSpot does: all problems reported at once, nothing written. */
  function normaliseWrite(type: ObjectType, properties: Record<string, PropertyValueInput>): PortalResult<Map<string, string | null>> {
    const problems: PropertyProblem[] = [];
    const values = new Map<string, string | null>();
    for (const [name, raw] of Object.entries(properties)) {
      const definition = store.properties[type].get(name);
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

  function applyWrite(type: ObjectType, record: StoredRecord, values: Map<string, string | null>): void {
    const timestamp = isoNow();
    for (const [name, value] of values) setValue(record, name, value, timestamp);
    if (type === 'deals') {
      const stage = record.properties.get('dealstage');
      setValue(record, 'hs_is_closed', String(stage !== undefined && CLOSED_STAGES.has(stage)), timestamp);
      setValue(record, 'hs_is_closed_won', String(stage === 'closedwon'), timestamp);
    }
    setValue(record, LAST_MODIFIED_PROPERTY[type], timestamp, timestamp);
    record.updatedAt = timestamp;
  }

  function createRecord(type: ObjectType, properties: Record<string, PropertyValueInput>): PortalResult<StoredRecord> {
    const { createdate, ...rest } = properties;
    const normalised = normaliseWrite(type, rest);
    if (!normalised.ok) return normalised;
    const created = createdate === undefined || createdate === null ? isoNow() : normaliseDatetime(String(createdate));
    if (created === undefined) {
      return { ok: false, error: propertyValidationFailure([{ name: 'createdate', error: 'INVALID_DATETIME', message: `${String(createdate)} is not a valid datetime for "createdate"` }]) };
    }
    const id = String(nextId++);
    const record: StoredRecord = { id, properties: new Map(), history: new Map(), createdAt: created, updatedAt: created, archived: false };
    setValue(record, 'hs_object_id', id, created);
    setValue(record, 'createdate', created, created);
    if (type === 'deals' && !normalised.value.has('pipeline')) normalised.value.set('pipeline', 'default');
    applyWrite(type, record, normalised.value);
    store.objects[type].set(id, record);
    return { ok: true, value: record };
  }

  function getRecord(type: ObjectType, id: string): StoredRecord | undefined {
    const record = store.objects[type].get(id);
    return record && !record.archived ? record : undefined;
  }

  function updateRecord(type: ObjectType, id: string, properties: Record<string, PropertyValueInput>): PortalResult<StoredRecord> {
    const record = getRecord(type, id);
    if (!record) return { ok: false, error: notFoundFailure() };
    const normalised = normaliseWrite(type, properties);
    if (!normalised.ok) return normalised;
    applyWrite(type, record, normalised.value);
    return { ok: true, value: record };
  }

  function archiveRecord(type: ObjectType, id: string): PortalResult<StoredRecord> {
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

  function toJson(type: ObjectType, record: StoredRecord, requested: string[] = [], withHistory: string[] = []): SimplePublicObjectJson {
    const defined = store.properties[type];
    const names = requested.length > 0
      ? new Set([...requested, 'hs_object_id', 'createdate', LAST_MODIFIED_PROPERTY[type]])
      : new Set(DEFAULT_READ_PROPERTIES[type]);
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

  return {
    store, defineGroup, defineProperty, updateProperty, normaliseWrite, createRecord, getRecord, updateRecord, archiveRecord,
    associate, dissociate, associatedIds, toJson,
  };
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

function setValue(record: StoredRecord, name: string, value: string | null, timestamp: string): void {
  if (value === null) record.properties.delete(name);
  else record.properties.set(name, value);
  const history = record.history.get(name) ?? [];
  history.unshift({ value: value ?? '', timestamp, sourceType: 'API' });
  record.history.set(name, history);
}

function normaliseValue(definition: PropertyDefinition, value: string): string | PropertyProblem {
  const { name } = definition;
  switch (definition.type) {
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
