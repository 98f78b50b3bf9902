import { describeBodyProblem, webhookBatchSchema, workflowCallbackSchema } from './events';
import { recalculateFromEvents, recalculateFromWorkflow } from './recalculate';
import type { Model } from '../engine';
import type { RecalcDeps, RecalcReport } from './recalculate';

/** The handler's dependencies, with the model fixed or read (the published version) once the body is known to be sound. */
export interface BodyDeps extends Omit<RecalcDeps, 'model'> {
  model: Model | (() => Promise<Model>);
}

export type BodyKind = 'webhooks' | 'workflow-action';

export interface RecalcReply {
  /** 200 when every affected contact is up to date; 400 for a malformed body; 500 when HubSpot should redeliver. */
  status: 200 | 400 | 500;
  body: Record<string, unknown>;
  report?: RecalcReport;
}

/**
 * Validates a parsed request body (a webhook batch or a workflow action callback) and recalculates
 * the contacts it points at. Shared by the self-hosted receiver and the HubSpot endpoint function.
 * `kind` 'auto' tells them apart by shape: webhooks send an array, workflow actions an object.
 */
export async function recalculateFromBody(kind: BodyKind | 'auto', json: unknown, deps: BodyDeps): Promise<RecalcReply> {
  const resolved: BodyKind = kind === 'auto' ? (Array.isArray(json) ? 'webhooks' : 'workflow-action') : kind;
  let run: (recalcDeps: RecalcDeps) => Promise<RecalcReport>;
  if (resolved === 'webhooks') {
    const batch = webhookBatchSchema.safeParse(json);
    if (!batch.success) return malformed(describeBodyProblem(batch.error));
    run = (recalcDeps) => recalculateFromEvents(batch.data, recalcDeps);
  } else {
    const callback = workflowCallbackSchema.safeParse(json);
    if (!callback.success) return malformed(describeBodyProblem(callback.error));
    run = (recalcDeps) => recalculateFromWorkflow(callback.data, recalcDeps);
  }
  let model: Model;
  try {
    model = typeof deps.model === 'function' ? await deps.model() : deps.model;
  } catch (error) {
    // The published model cannot be read or used: HubSpot redelivers later, nothing is lost.
    return { status: 500, body: { status: 'error', message: `could not read the published model: ${(error as Error).message}` } };
  }
  const report = await run({ ...deps, model });
  const summary = {
    ok: report.ok,
    message: report.message,
    contacts: report.contacts.map((c) => ({ id: c.id, status: c.status, score: c.result?.score ?? null, changes: c.changes })),
    ...(report.committees.length > 0 ? { committees: report.committees.map((c) => ({ object: c.object, id: c.id, status: c.status, score: c.result?.score ?? null, changes: c.changes })) } : {}),
    ...(report.stages.length > 0 ? { stages: report.stages.map(({ kind, id, contactId, from, to, status }) => ({ kind, id, contactId, from, to, status })) } : {}),
  };
  if (!report.ok) return { status: 500, body: summary, report };
  if (resolved === 'workflow-action') {
    const written = report.contacts.filter((c) => c.status === 'written').length;
    return { status: 200, body: { outputFields: { contacts_recalculated: report.contacts.length, contacts_written: written }, ...summary }, report };
  }
  return { status: 200, body: summary, report };
}

function malformed(problem: string): RecalcReply {
  return { status: 400, body: { status: 'error', message: `malformed body: ${problem}` } };
}
