import { formatProblem, validateModel } from '../engine';
import type { Model } from '../engine';
import { modelChecksum } from './modelChecksum';

export type VersionModel = { ok: true; model: Model } | { ok: false; message: string };

/**
 * The model a stored version (or the pointer's copy) holds, checked: it must parse, validate, carry
 * its own name and match its checksum. Anything else means the record was edited outside the app,
 * and the app refuses to score or publish with it rather than guess.
 * @example readVersionModel(stored.json, stored.checksum, stored.name).ok
 */
export function readVersionModel(json: string, checksum: string, name: string): VersionModel {
  const edited = `was changed outside the BANT app; push a corrected model as a new version (bant model push), then publish it`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { ok: false, message: `${name}: the stored model JSON cannot be read (${(error as Error).message}); it ${edited}` };
  }
  const checked = validateModel(parsed);
  if (!checked.ok) return { ok: false, message: `${name}: the stored model is invalid (${checked.problems.slice(0, 3).map(formatProblem).join('; ')}); it ${edited}` };
  if (modelChecksum(checked.model) !== checksum) return { ok: false, message: `${name}: the stored model does not match its checksum; it ${edited}` };
  if (checked.model.version !== name) return { ok: false, message: `${name}: the stored model calls itself ${checked.model.version}; it ${edited}` };
  return { ok: true, model: checked.model };
}
