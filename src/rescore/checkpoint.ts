import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RescoreSelection, RescoreState } from './types';

/** Where `bant rescore` keeps its place unless told otherwise (relative to the working directory). */
export const DEFAULT_CHECKPOINT = '.bant/rescore-checkpoint.json';

const selectionSchema: z.ZodType<RescoreSelection> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('since'), since: z.string() }),
  z.object({ kind: z.literal('ids'), ids: z.array(z.string()) }),
]);

const stateSchema: z.ZodType<RescoreState> = z.object({
  version: z.literal(1),
  selection: selectionSchema,
  modelVersion: z.string(),
  cursor: z.string().nullable(),
  done: z.number().int().min(0),
  written: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  missing: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), message: z.string(), retryable: z.boolean() })),
  grades: z.record(z.string(), z.number().int().min(0)),
  startedAt: z.string(),
});

export type CheckpointRead = { ok: true; state: RescoreState | null } | { ok: false; message: string };

/** The checkpoint in `file`, null when there is none; a damaged file is a message, never a crash. */
export async function readCheckpoint(file: string): Promise<CheckpointRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, state: null };
    return { ok: false, message: `cannot read the checkpoint ${file}: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `the checkpoint ${file} is not JSON; delete it or pass --restart to start over` };
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: `the checkpoint ${file} is not a bant rescore checkpoint (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}); delete it or pass --restart` };
  return { ok: true, state: parsed.data };
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

/** Whether a checkpoint was written by a run over the same contacts with the same model. */
export function sameRun(state: RescoreState, selection: RescoreSelection, modelVersion: string): boolean {
  return state.modelVersion === modelVersion && JSON.stringify(state.selection) === JSON.stringify(selection);
}

/** The options that made a selection, for messages: `--since 2026-11-01`, `--ids 1,2,3`, or all contacts. */
export function describeSelection(selection: RescoreSelection): string {
  if (selection.kind === 'since') return `--since ${selection.since}`;
  if (selection.kind === 'ids') return `--ids ${selection.ids.length > 5 ? `${selection.ids.slice(0, 5).join(',')},… (${selection.ids.length} ids)` : selection.ids.join(',')}`;
  return 'all contacts';
}
