import { committeeDerivedProperties, rollupCommittee } from '../../src/committee';
import { derivedPropertiesChanged, scoreLead, toDerivedProperties } from '../../src/engine';
import type { Model, RawProperties } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { MODEL_VERSION_SCHEMA, planPublish, pointerRecordProperties, prepareNumbered, versionRecordProperties } from '../../src/modelstore';
import type { CustomObjectType, Portal } from '../../src/portal';
import { createVersionStore } from '../../src/versions';
import type { VersionCrm } from '../../src/versions';

/** Gives a portal the bant_model_version object, as `bant setup` creates it; returns its type id. */
export function defineModelVersionObject(portal: Portal): CustomObjectType {
  return portal.defineSchema(MODEL_VERSION_SCHEMA).objectTypeId;
}

/** The default model with Budget's top band earning `points` instead of 30 (Budget's max follows). */
export function budgetVariant(points: number): Model {
  const model = structuredClone(BANT_DEFAULT);
  (model.criteria[0]!.rule as { bands: Array<{ points: number }> }).bands[0]!.points = points;
  return model;
}

/**
 * Stores each model as the next version (1, 2, ...) and publishes `publish` (the last by default),
 * as `bant model push` and `bant model publish` do. Returns the portal's object type id.
 */
export async function publishModels(portal: Portal, crm: VersionCrm, models: Model[], publish = models.length): Promise<CustomObjectType> {
  const objectTypeId = (portal.customObjectType(`p_${MODEL_VERSION_SCHEMA.name}`) as CustomObjectType | undefined) ?? defineModelVersionObject(portal);
  const store = createVersionStore(crm);
  for (const model of models) await store.push(model, { by: 'ann', note: '' });
  await store.publish(publish, { by: 'ann', note: 'go', at: '2026-12-04T15:30:00.000Z' });
  return objectTypeId;
}

/** Edits the published pointer's JSON in place, as someone might in HubSpot's record page. */
export function editPublishedByHand(portal: Portal, objectTypeId: CustomObjectType, edit: (json: string) => string): void {
  const pointer = [...portal.store.objects[objectTypeId]!.values()].find((r) => r.properties.get('bant_key') === 'published')!;
  portal.updateRecord(objectTypeId, pointer.id, { bant_model_json: edit(pointer.properties.get('bant_model_json') ?? '') });
}

/**
 * Gives a portal the object and `model` stored as version `number` (1 by default) and published,
 * written straight into the portal's store (no request) with the records `bant model push` and
 * `publish` make.
 */
export function seedPublishedModel(portal: Portal, model: Model, number = 1, by = 'ann'): CustomObjectType {
  const objectTypeId = defineModelVersionObject(portal);
  const draft = prepareNumbered(model, number, { versions: [], by, note: 'first' });
  if (!draft.ok || !('version' in draft)) throw new Error('the model to seed does not validate');
  portal.createRecord(objectTypeId, versionRecordProperties(draft.version));
  const plan = planPublish({ ...draft.version, recordId: '', createdAt: '' }, null, { by, note: 'go', at: '2026-12-04T15:30:00.000Z' });
  if (!plan.ok) throw new Error(plan.message);
  portal.createRecord(objectTypeId, pointerRecordProperties(plan.pointer));
  return objectTypeId;
}

/** Contacts whose stored derived values are not what `model` (named as published) computes for them at `now`. */
export function contactsWrongUnder(portal: Portal, model: Model, now: Date): string[] {
  return [...portal.store.objects.contacts.keys()].filter((id) => {
    const contact = portal.getRecord('contacts', id)!.properties as RawProperties;
    const deals = portal.associatedIds('contacts', id, 'deals').map((dealId) => ({ id: dealId, properties: portal.getRecord('deals', dealId)!.properties as RawProperties }));
    const expected = toDerivedProperties(model, scoreLead(model, { contact, deals }, now), now);
    return derivedPropertiesChanged(contact, expected).length > 0 || contact.bant_model_version !== model.version;
  });
}

/** Deals (or companies) whose stored committee properties are not what `model` (named as published) rolls up from the portal at `now`. */
export function committeesWrongUnder(portal: Portal, model: Model, object: 'deal' | 'company', now: Date): string[] {
  const type = object === 'deal' ? 'deals' : 'companies';
  const props = (kind: 'contacts' | 'deals' | 'companies', id: string) => portal.getRecord(kind, id)!.properties as RawProperties;
  return [...portal.store.objects[type].keys()].filter((id) => {
    const members = portal.associatedIds(type, id, 'contacts').map((contactId) => ({ id: contactId, contact: props('contacts', contactId) }));
    const deals = object === 'deal' ? [{ id, properties: props('deals', id) }] : portal.associatedIds('companies', id, 'deals').map((dealId) => ({ id: dealId, properties: props('deals', dealId) }));
    const input = object === 'deal' ? { object, id, deals, members } : { object, id, deals, members, company: { id, properties: props('companies', id) } };
    const expected = committeeDerivedProperties(model, rollupCommittee(model, input, now), now);
    const stored = props(type, id);
    return derivedPropertiesChanged(stored, expected).length > 0 || stored.bant_model_version !== model.version;
  });
}
