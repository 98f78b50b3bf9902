/**
 * Model versions in the portal, the pure part: naming (`<model id>@<n>`), checksum, the diff in
 * words, the rules of pushing and publishing (rollback is publishing an older version), and how
 * versions map onto records of the custom object. Storage goes through src/crm (see src/versions).
 */
export type * from './types';
export { diffModels } from './diffModels';
export { modelChecksum } from './modelChecksum';
export { planPublish } from './planPublish';
export type { PublishPlan } from './planPublish';
export { prepareDraft, prepareNumbered } from './prepareDraft';
export { previewImpact } from './previewImpact';
export type { ImpactExample, ImpactPreview } from './previewImpact';
export type { DraftPlan } from './prepareDraft';
export { readVersionModel } from './readVersionModel';
export type { VersionModel } from './readVersionModel';
export { MAX_TEXT_LENGTH, MODEL_VERSION_OBJECT, MODEL_VERSION_OBJECT_PATH, MODEL_VERSION_SCHEMA, POINTER_KEY, PROGRESS_KEY, PROPERTY, versionKey } from './schema';
export { versionHistory } from './versionHistory';
export { versionName } from './versionName';
export {
  POINTER_PROPERTIES, pointerRecordProperties, progressRecordProperties, readPointer, readProgress, readStoredVersion, readVersionSummary,
  SUMMARY_PROPERTIES, VERSION_PROPERTIES, versionRecordProperties,
} from './versionRecords';
