import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RescoreIdentity, RescoreObject, RescoreSelection, RescoreState } from './types';

/** Where `bant rescore` keeps its place unless told otherwise (relative to the working directory). */
export const DEFAULT_CHECKPOINT = '.bant/rescore-checkpoint.json';

/**
 * Each object's own default checkpoint, so a rescore of deals never finds the contacts' one.
 * @example defaultCheckpoint('deals') // ".bant/rescore-deals-checkpoint.json"
 */
export function defaultCheckpoint(object: RescoreObject): string {
  return object === 'contacts' ? DEFAULT_CHECKPOINT : `.bant/rescore-${object}-checkpoint.json`;
}

/**
 * Where a rescore of deals' or companies' committees that follows a rescore of every contact keeps
 * its place: beside the contacts' checkpoint, so the two never continue each other.
 * @example partCheckpoint('.bant/receiver-rescore-checkpoint.json', 'deals') // '.bant/receiver-rescore-checkpoint-deals.json'
 */
export function partCheckpoint(contactsFile: string, object: Exclude<RescoreObject, 'contacts'>): string {
  return contactsFile.endsWith('.json') ? `${contactsFile.slice(0, -'.json'.length)}-${object}.json` : `${contactsFile}-${object}`;
}

const selectionSchema: z.ZodType<RescoreSelection> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('since'), since: z.string() }),
  z.object({ kind: z.literal('ids'), ids: z.array(z.string()) }),
]);

const stateSchema: z.ZodType<RescoreState> = z.object({
  version: z.literal(2),
  identity: z.object({
    object: z.enum(['deals', 'companies']).optional(),
    portalId: z.string(),
    baseUrl: z.string(),
    modelVersion: z.string(),
    modelChecksum: z.string(),
    selection: selectionSchema,
    now: z.string().nullable(),
  }),
  cursor: z.string().nullable(),
  done: z.number().int().min(0),
  written: z.number().int().min(0),
  autofilled: z.number().int().min(0).optional(),
  unchanged: z.number().int().min(0),
  missing: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), message: z.string(), retryable: z.boolean() })),
  grades: z.record(z.string(), z.number().int().min(0)),
  startedAt: z.string(),
});

/**
 * The checkpoint in a file: none, one this run may resume, or one it must not (`stale`, with why).
 * A damaged file or one of an older format is never resumed, so it is `stale` too.
 */
export type CheckpointRead =
  | { kind: 'none' }
  | { kind: 'resume'; state: RescoreState }
  | { kind: 'stale'; reason: string };

/**
 * Reads the checkpoint in `file` and tells whether a run with `identity` may continue it. Never
 * throws for a bad file: a checkpoint that cannot be trusted is a reason to start over.
 */
export async function readCheckpoint(file: string, identity: RescoreIdentity): Promise<CheckpointRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'stale', reason: `it cannot be read (${(error as Error).message})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'stale', reason: 'it is not JSON (damaged)' };
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    const version = (json as { version?: unknown } | null)?.version;
    return { kind: 'stale', reason: version === 1 ? 'it was written by an older bant rescore, which did not record the portal' : 'it is not a bant rescore checkpoint' };
  }
  const reason = mismatch(parsed.data.identity, identity);
  return reason ? { kind: 'stale', reason } : { kind: 'resume', state: parsed.data };
}

/** Saves the state so that a crash mid-write leaves the previous checkpoint, never half a file. */
export async function writeCheckpoint(file: string, state: RescoreState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(state)}\n`);
  await rename(partial, file);
}

export async function removeCheckpoint(file: string): Promise<void> {
  await rm(file, { force: true });
}

/**
 * Why a checkpoint made for `saved` may not be resumed by a run made for `current`; null when they match.
 * @example mismatch(saved, current) // "it was made for portal 123 (this is 456)"
 */
export function mismatch(saved: RescoreIdentity, current: RescoreIdentity): string | null {
  const [was, is]: RescoreObject[] = [saved.object ?? 'contacts', current.object ?? 'contacts'];
  if (was !== is) return `it was made for a rescore of ${was} (this run rescores ${is})`;
  if (saved.portalId !== current.portalId) return `it was made for portal ${saved.portalId} (this is portal ${current.portalId})`;
  if (saved.baseUrl !== current.baseUrl) return `it was made for portal ${saved.portalId} at ${saved.baseUrl} (this run talks to ${current.baseUrl})`;
  if (saved.modelVersion !== current.modelVersion) return `it was made with model ${saved.modelVersion} (this run scores with ${current.modelVersion})`;
  if (saved.modelChecksum !== current.modelChecksum) return `it was made with another content of model ${saved.modelVersion} (edited since)`;
  if (JSON.stringify(saved.selection) !== JSON.stringify(current.selection)) {
    return `it was made for ${describeSelection(saved.selection, is)} (this run is for ${describeSelection(current.selection, is)})`;
  }
  if (saved.now !== current.now) return `it was made for ${saved.now ? `--now ${saved.now}` : 'scoring as of each run\'s start'} (this run: ${current.now ? `--now ${current.now}` : 'no --now'})`;
  return null;
}

/** The options that made a selection, for messages: `--since 2026-11-01`, `--ids 1,2,3`, or all records. */
export function describeSelection(selection: RescoreSelection, noun: RescoreObject = 'contacts'): string {
  if (selection.kind === 'since') return `--since ${selection.since}`;
  if (selection.kind === 'ids') return `--ids ${selection.ids.length > 5 ? `${selection.ids.slice(0, 5).join(',')},… (${selection.ids.length} ids)` : selection.ids.join(',')}`;
  return `all ${noun}`;
}
