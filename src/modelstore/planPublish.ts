import type { Model } from '../engine';
import { MAX_TEXT_LENGTH } from './schema';
import { readVersionModel } from './readVersionModel';
import type { Publication, PublishedPointer, StoredVersion } from './types';

export type PublishPlan =
  | {
      ok: true;
      /** What the pointer will hold: written in one request. */
      pointer: Omit<PublishedPointer, 'recordId'>;
      model: Model;
      /** Publishing a version older than the published one, or one published before. */
      rollback: boolean;
      previous: { number: number; name: string } | null;
    }
  | { ok: false; code: 'already_published' | 'stored_model_invalid' | 'stale' | 'note_missing'; message: string };

/**
 * The rules of publishing version `target`: a note is required; the stored model must be intact
 * (parses, validates, matches its checksum); publishing what is already published changes nothing;
 * and when the caller says which version it saw published (`expected`), a publish by someone else
 * since then is refused rather than overwritten. Rolling back is publishing an older version.
 * @example planPublish(v3, pointer, { by: 'ann@example.com', note: 'Back to 2026 bands', at, expected: 4 })
 */
export function planPublish(
  target: StoredVersion,
  current: PublishedPointer | null,
  request: { by: string; note: string; at: string; expected?: number | null },
): PublishPlan {
  const note = request.note.trim();
  if (!note) return { ok: false, code: 'note_missing', message: `say why you publish ${target.name}: the note is kept in the history for whoever looks at the numbers next` };
  const stored = readVersionModel(target.json, target.checksum, target.name);
  if (!stored.ok) return { ok: false, code: 'stored_model_invalid', message: `${stored.message}; nothing was published` };
  if (request.expected !== undefined && (current?.number ?? null) !== request.expected) {
    const now = current ? `${current.name} was published by ${current.by || 'someone'} at ${current.at}` : 'the published version was removed';
    const seen = request.expected === null ? 'nothing was published' : `version ${request.expected} was published`;
    return { ok: false, code: 'stale', message: `when you looked, ${seen}; since then ${now}. Review it, then publish again (nothing was published)` };
  }
  if (current?.number === target.number && current.checksum === target.checksum) {
    return { ok: false, code: 'already_published', message: `${target.name} is already the published version (since ${current.at}); nothing changed` };
  }
  const publication: Publication = { number: target.number, name: target.name, checksum: target.checksum, by: request.by, at: request.at, note };
  const rollback = current !== null && (target.number < current.number || current.publications.some((p) => p.number === target.number));
  return {
    ok: true,
    model: stored.model,
    rollback,
    previous: current ? { number: current.number, name: current.name } : null,
    pointer: {
      number: target.number, name: target.name, modelId: target.modelId, checksum: target.checksum, json: target.json,
      by: request.by, at: request.at, note, publications: trimPublications([...(current?.publications ?? []), publication]),
    },
  };
}

/** Keeps the newest publications that fit one text property (with room to spare); the oldest go first. */
function trimPublications(publications: Publication[]): Publication[] {
  const kept = [...publications];
  while (kept.length > 1 && JSON.stringify(kept).length > MAX_TEXT_LENGTH - 1_000) kept.shift();
  return kept;
}
