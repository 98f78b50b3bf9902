import type { CrmProperties } from '../crm/types';
import { POINTER_KEY, PROGRESS_KEY, PROPERTY, versionKey } from './schema';
import type { Publication, PublishedPointer, BackgroundRescore, StoredVersion, VersionSummary } from './types';

/** The properties a history listing reads (everything but the model JSON). */
export const SUMMARY_PROPERTIES: string[] = [
  PROPERTY.key, PROPERTY.kind, PROPERTY.name, PROPERTY.number, PROPERTY.modelId, PROPERTY.checksum, PROPERTY.createdBy, PROPERTY.note, PROPERTY.basedOn,
];
export const VERSION_PROPERTIES: string[] = [...SUMMARY_PROPERTIES, PROPERTY.json];
export const POINTER_PROPERTIES: string[] = [
  PROPERTY.kind, PROPERTY.name, PROPERTY.number, PROPERTY.modelId, PROPERTY.json, PROPERTY.checksum, PROPERTY.note,
  PROPERTY.publishedBy, PROPERTY.publishedAt, PROPERTY.publications,
];

/**
 * The properties of a new version record.
 * @example versionRecordProperties(draft).bant_key // "v4"
 */
export function versionRecordProperties(version: Omit<StoredVersion, 'recordId' | 'createdAt'>): Record<string, string> {
  return {
    [PROPERTY.key]: versionKey(version.number),
    [PROPERTY.kind]: 'version',
    [PROPERTY.name]: version.name,
    [PROPERTY.number]: String(version.number),
    [PROPERTY.modelId]: version.modelId,
    [PROPERTY.json]: version.json,
    [PROPERTY.checksum]: version.checksum,
    [PROPERTY.createdBy]: version.createdBy,
    [PROPERTY.note]: version.note,
    ...(version.basedOn === null ? {} : { [PROPERTY.basedOn]: String(version.basedOn) }),
  };
}

/**
 * A version record read back, or null when the record is not a version (the pointer, the progress)
 * or lacks its number.
 * @example readVersionSummary({ bant_record_kind: 'version', bant_version_number: '3', ... }, '101', at)?.number // 3
 */
export function readVersionSummary(properties: CrmProperties, recordId: string, createdAt: string): VersionSummary | null {
  if (properties[PROPERTY.kind] !== 'version') return null;
  const number = Number(properties[PROPERTY.number]);
  if (!Number.isInteger(number) || number < 1) return null;
  const basedOn = Number(properties[PROPERTY.basedOn] ?? '');
  return {
    recordId, number, createdAt,
    name: properties[PROPERTY.name] ?? '',
    modelId: properties[PROPERTY.modelId] ?? '',
    checksum: properties[PROPERTY.checksum] ?? '',
    createdBy: properties[PROPERTY.createdBy] ?? '',
    note: properties[PROPERTY.note] ?? '',
    basedOn: properties[PROPERTY.basedOn] && Number.isInteger(basedOn) ? basedOn : null,
  };
}

/** A version record with its JSON, or null (see `readVersionSummary`). */
export function readStoredVersion(properties: CrmProperties, recordId: string, createdAt: string): StoredVersion | null {
  const summary = readVersionSummary(properties, recordId, createdAt);
  return summary ? { ...summary, json: properties[PROPERTY.json] ?? '' } : null;
}

/** The properties that publishing writes to the pointer: everything about the published version, in one write. */
export function pointerRecordProperties(pointer: Omit<PublishedPointer, 'recordId'>): Record<string, string> {
  return {
    [PROPERTY.key]: POINTER_KEY,
    [PROPERTY.kind]: 'published',
    [PROPERTY.name]: `Published: ${pointer.name}`,
    [PROPERTY.number]: String(pointer.number),
    [PROPERTY.modelId]: pointer.modelId,
    [PROPERTY.json]: pointer.json,
    [PROPERTY.checksum]: pointer.checksum,
    [PROPERTY.note]: pointer.note,
    [PROPERTY.publishedBy]: pointer.by,
    [PROPERTY.publishedAt]: pointer.at,
    [PROPERTY.publications]: JSON.stringify(pointer.publications),
  };
}

/** The pointer read back, or null when the record is not one or names no version. */
export function readPointer(properties: CrmProperties, recordId: string): PublishedPointer | null {
  if (properties[PROPERTY.kind] !== 'published') return null;
  const number = Number(properties[PROPERTY.number]);
  if (!Number.isInteger(number) || number < 1) return null;
  const modelId = properties[PROPERTY.modelId] ?? '';
  return {
    recordId, number, modelId,
    name: `${modelId}@${number}`,
    json: properties[PROPERTY.json] ?? '',
    checksum: properties[PROPERTY.checksum] ?? '',
    note: properties[PROPERTY.note] ?? '',
    by: properties[PROPERTY.publishedBy] ?? '',
    at: properties[PROPERTY.publishedAt] ?? '',
    publications: parsePublications(properties[PROPERTY.publications] ?? null),
  };
}

function parsePublications(text: string | null): Publication[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((entry): entry is Publication => typeof entry === 'object' && entry !== null && Number.isInteger((entry as Publication).number));
  } catch {
    // The log is a courtesy copy: a damaged one costs the history its older rows, never the published model.
    return [];
  }
}

/** The properties of the progress record. */
export function progressRecordProperties(progress: BackgroundRescore): Record<string, string> {
  return {
    [PROPERTY.key]: PROGRESS_KEY,
    [PROPERTY.kind]: 'rescore',
    [PROPERTY.name]: `Rescore to ${progress.name}`,
    [PROPERTY.progress]: JSON.stringify(progress),
  };
}

/** The progress record read back; null when there is none or it cannot be read. */
export function readProgress(properties: CrmProperties | undefined): BackgroundRescore | null {
  const text = properties?.[PROPERTY.progress];
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as BackgroundRescore;
    return typeof parsed.name === 'string' && typeof parsed.done === 'number' ? parsed : null;
  } catch {
    return null;
  }
}
