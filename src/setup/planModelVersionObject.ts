import type { CrmObjectSchema, CrmPropertyCreate } from '../crm/types';
import { MODEL_VERSION_OBJECT, MODEL_VERSION_SCHEMA } from '../modelstore';

/** Something about the model versions object that bant setup leaves alone, with the fix. */
export interface ObjectIssue {
  property: string;
  message: string;
  fix: string;
}

export interface ModelVersionObjectPlan {
  /** The object as it exists, or null: then `bant setup` creates it whole (MODEL_VERSION_SCHEMA). */
  existing: CrmObjectSchema | null;
  /** Properties an existing object lacks (it was created by an older version of the app): added one by one. */
  missing: Array<Omit<CrmPropertyCreate, 'groupName'>>;
  /** Existing properties that do not fit: reported, never changed. */
  conflicts: ObjectIssue[];
}

/**
 * What `bant setup` does for the custom object that stores the model's versions: create it when the
 * account has none, add the properties an older one lacks, and report (never change) a property of
 * the wrong type or an enumeration missing options.
 * @example planModelVersionObject([]).existing // null: the whole object is created
 */
export function planModelVersionObject(schemas: readonly CrmObjectSchema[]): ModelVersionObjectPlan {
  const existing = schemas.find((schema) => schema.name === MODEL_VERSION_OBJECT) ?? null;
  if (!existing) return { existing: null, missing: [], conflicts: [] };
  const plan: ModelVersionObjectPlan = { existing, missing: [], conflicts: [] };
  for (const wanted of MODEL_VERSION_SCHEMA.properties) {
    const actual = existing.properties.find((property) => property.name === wanted.name);
    if (!actual) {
      plan.missing.push(wanted);
      continue;
    }
    if (actual.type !== wanted.type) {
      plan.conflicts.push({
        property: wanted.name,
        message: `${MODEL_VERSION_OBJECT}.${wanted.name} is a "${actual.type}" property; the app stores ${wanted.type === 'string' ? 'text' : `a ${wanted.type}`} in it.`,
        fix: `Delete the property ${wanted.name} of the ${MODEL_VERSION_SCHEMA.labels.singular} object in HubSpot (Settings → Data management → Objects), then run bant setup again.`,
      });
      continue;
    }
    const lacking = (wanted.options ?? []).filter((option) => !actual.options.some((o) => o.value === option.value));
    if (lacking.length > 0) {
      plan.conflicts.push({
        property: wanted.name,
        message: `${MODEL_VERSION_OBJECT}.${wanted.name} lacks the option${lacking.length > 1 ? 's' : ''} ${lacking.map((o) => `"${o.value}"`).join(', ')}.`,
        fix: `Add ${lacking.map((o) => `"${o.value}" (${o.label})`).join(', ')} to ${wanted.name} in HubSpot.`,
      });
    }
  }
  return plan;
}
