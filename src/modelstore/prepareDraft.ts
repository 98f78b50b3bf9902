import { validateModel } from '../engine';
import type { Model, ModelProblem } from '../engine';
import { modelChecksum } from './modelChecksum';
import { MAX_TEXT_LENGTH } from './schema';
import type { StoredVersion, VersionSummary } from './types';
import { versionName } from './versionName';

export type DraftPlan =
  | { ok: true; version: Omit<StoredVersion, 'recordId' | 'createdAt'>; model: Model }
  /** The same content is already stored: nothing to push. */
  | { ok: true; identicalTo: VersionSummary; model: Model }
  | { ok: false; problems: ModelProblem[] };

/**
 * What pushing a model creates: the next number in the portal, the name `<model id>@<n>` written
 * into the model's `version`, its compact JSON and checksum. A model that does not validate, or
 * whose JSON would not fit HubSpot's 65,536-character text property, is refused with its problems;
 * content identical to a stored version is not pushed again.
 * @example prepareDraft(json, { versions, by: 'ann@example.com', note: 'Budget bands for 2027' }).ok
 */
export function prepareDraft(
  input: unknown,
  context: { versions: readonly VersionSummary[]; by: string; note: string; basedOn?: number | null },
): DraftPlan {
  const checked = validateModel(input);
  if (!checked.ok) return checked;
  const number = Math.max(0, ...context.versions.map((v) => v.number)) + 1;
  return prepareNumbered(checked.model, number, context);
}

/** The draft as version `number` (the next free one after a concurrent push took the planned one). */
export function prepareNumbered(model: Model, number: number, context: { versions: readonly VersionSummary[]; by: string; note: string; basedOn?: number | null }): DraftPlan {
  const name = versionName(model.id, number);
  const named: Model = { ...model, version: name };
  const checksum = modelChecksum(named);
  const identical = context.versions.find((v) => v.checksum === checksum);
  if (identical) return { ok: true, identicalTo: identical, model: named };
  const json = JSON.stringify(named);
  if (json.length > MAX_TEXT_LENGTH) {
    return {
      ok: false,
      problems: [{
        path: '',
        code: 'model.tooLong',
        params: { length: json.length.toLocaleString('en-US'), limit: MAX_TEXT_LENGTH.toLocaleString('en-US') },
        message: `the model is ${json.length.toLocaleString('en-US')} characters as JSON, more than the ${MAX_TEXT_LENGTH.toLocaleString('en-US')} a HubSpot text property holds, so it cannot be stored as one version; shorten descriptions, questions or translations (nothing was pushed)`,
      }],
    };
  }
  return {
    ok: true,
    model: named,
    version: { number, name, modelId: model.id, json, checksum, createdBy: context.by, note: context.note.trim(), basedOn: context.basedOn ?? null },
  };
}
