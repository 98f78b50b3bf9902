import type { CrmObjectSchemaCreate } from '../crm/types';

/**
 * The custom object that holds the model's versions in the portal, as `bant setup` creates it.
 * One object, three kinds of record, told apart by `bant_record_kind` and addressed by the unique
 * `bant_key`: every version (`v<n>`, never edited after it is created), the one pointer to the
 * published version (`published`, rewritten by each publish in a single write), and the progress
 * of the background rescore (`rescore`).
 */
export const MODEL_VERSION_OBJECT = 'bant_model_version';
/** How record paths name the object without knowing the account id (`/crm/v3/objects/p_bant_model_version`). */
export const MODEL_VERSION_OBJECT_PATH = `p_${MODEL_VERSION_OBJECT}`;

export const PROPERTY = {
  key: 'bant_key',
  kind: 'bant_record_kind',
  name: 'bant_name',
  number: 'bant_version_number',
  modelId: 'bant_model_id',
  json: 'bant_model_json',
  checksum: 'bant_checksum',
  createdBy: 'bant_created_by',
  note: 'bant_note',
  basedOn: 'bant_based_on',
  publishedBy: 'bant_published_by',
  publishedAt: 'bant_published_at',
  publications: 'bant_publications',
  progress: 'bant_progress',
} as const;

export const POINTER_KEY = 'published';
export const PROGRESS_KEY = 'rescore';

/** The key of version n: `v<n>`. */
export function versionKey(number: number): string {
  return `v${number}`;
}

/** HubSpot's limit for a text property's value: a model's JSON must fit in one. */
export const MAX_TEXT_LENGTH = 65_536;

const text = (name: string, label: string, description: string, extra: Partial<CrmObjectSchemaCreate['properties'][number]> = {}) =>
  ({ name, label, type: 'string' as const, fieldType: 'text' as const, description, ...extra });
const textarea = (name: string, label: string, description: string) => ({ name, label, type: 'string' as const, fieldType: 'textarea' as const, description });

/** Exactly what `bant setup` sends to `POST /crm-object-schemas/v3/schemas`. */
export const MODEL_VERSION_SCHEMA: CrmObjectSchemaCreate = {
  name: MODEL_VERSION_OBJECT,
  labels: { singular: 'BANT model version', plural: 'BANT model versions' },
  description: 'Versions of the BANT scoring model, the pointer to the published one, and the background rescore\'s progress. Written by the BANT app; edit the model in the app\'s settings page, never here.',
  primaryDisplayProperty: PROPERTY.name,
  secondaryDisplayProperties: [PROPERTY.kind, PROPERTY.createdBy],
  searchableProperties: [PROPERTY.name, PROPERTY.modelId],
  requiredProperties: [PROPERTY.key, PROPERTY.kind, PROPERTY.name],
  associatedObjects: [],
  properties: [
    text(PROPERTY.key, 'Key', 'v<n> for version n, "published" for the pointer, "rescore" for the rescore progress.', { hasUniqueValue: true }),
    {
      name: PROPERTY.kind, label: 'Record kind', type: 'enumeration', fieldType: 'select', description: 'What this record is.',
      options: [
        { label: 'Version', value: 'version', displayOrder: 0 },
        { label: 'Published pointer', value: 'published', displayOrder: 1 },
        { label: 'Rescore progress', value: 'rescore', displayOrder: 2 },
      ],
    },
    text(PROPERTY.name, 'Name', '<model id>@<n>, the value contacts carry in bant_model_version.'),
    { name: PROPERTY.number, label: 'Version number', type: 'number', fieldType: 'number', description: 'n, counting up per account; on the pointer, the published one.' },
    text(PROPERTY.modelId, 'Model id', 'The model\'s id, e.g. bant-default.'),
    textarea(PROPERTY.json, 'Model JSON', 'The whole model as compact JSON (at most 65,536 characters).'),
    text(PROPERTY.checksum, 'Checksum', 'sha256 of the model\'s content (its version name left out), in hex.'),
    text(PROPERTY.createdBy, 'Created by', 'Who pushed this version: a HubSpot user, or the command line and its user.'),
    textarea(PROPERTY.note, 'Note', 'Why: the push note on a version, the publish note on the pointer.'),
    { name: PROPERTY.basedOn, label: 'Based on version', type: 'number', fieldType: 'number', description: 'The version this draft was edited from.' },
    text(PROPERTY.publishedBy, 'Published by', 'Who published the version the pointer names.'),
    { name: PROPERTY.publishedAt, label: 'Published at', type: 'datetime', fieldType: 'date', description: 'When the pointer was last moved.' },
    textarea(PROPERTY.publications, 'Publications', 'Every publish, oldest first, as JSON: version, checksum, who, when, note.'),
    textarea(PROPERTY.progress, 'Rescore progress', 'The background rescore after a publish, as JSON: version, contacts done of total, errors.'),
  ],
};
