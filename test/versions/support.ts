import { MODEL_VERSION_SCHEMA } from '../../src/modelstore';
import type { CustomObjectType, Portal } from '../../src/portal';

/** Gives a portal the bant_model_version object, as `bant setup` creates it; returns its type id. */
export function defineModelVersionObject(portal: Portal): CustomObjectType {
  return portal.defineSchema(MODEL_VERSION_SCHEMA).objectTypeId;
}
