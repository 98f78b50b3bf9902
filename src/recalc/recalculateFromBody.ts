import { describeBodyProblem, parseWebhookBatch, workflowCallbackSchema } from './events';
import type { RejectedEvent } from './events';
import type { EventWindow } from './eventWindow';
import { recalculateFromEvents, recalculateFromWorkflow } from './recalculate';
import type { Model } from '../engine';
import type { RecalcDeps, RecalcReport } from './recalculate';

/** The handler's dependencies, with the model fixed or read (the published version) once the body is known to be sound. */
export interface BodyDeps extends Omit<RecalcDeps, 'model'> {
  model: Model | (() => Promise<Model>);
}

export type BodyKind = 'webhooks' | 'workflow-action';

export interface RecalcReply {
  /**
   * 200 when every affected contact is up to date; 400 for a malformed body or a batch without a valid
   * event; 422 when redelivering cannot succeed (HubSpot stops); 500 when HubSpot should redeliver.
   */
  status: 200 | 400 | 422 | 500;
  body: Record<string, unknown>;
  report?: RecalcReport;
  /** The delivery's malformed events, for the log (also named in the reply). */
  rejected?: RejectedEvent[];
  /** Events answered from the window of handled events, without a CRM call. */
  replayed?: number;
}

export interface DeliveryOptions {
  /** Handled events remembered by this process: a replay within the window costs no CRM call. */
  window?: EventWindow;
  /** The wall clock (ms) for the window; defaults to Date.now. */
  clock?: () => number;
  /**
   * Whether the reply may name contacts, scores and values: only for a caller proven to be HubSpot.
   * Otherwise it carries counts only, so anyone who can reach the URL learns nothing about the CRM.
   */
  detailed?: boolean;
}

/**
 * Failures after which a redelivery can succeed, so they answer 500: work we stopped (the delivery's
 * deadline, a shutdown), and what an administrator fixes within HubSpot's 24 hours of redeliveries
 * (the token, a scope, the daily limit, a property or option `bant setup` creates). The rest (a record
 * HubSpot says is gone, an answer it cannot parse) answer 422, and HubSpot stops.
 */
const REDELIVERY_CAN_SUCCEED = new Set(['ABORTED', 'UNAUTHORIZED', 'FORBIDDEN', 'CONFIGURATION', 'RATE_LIMITED', 'VALIDATION']);

/**
 * Validates a parsed request body (a webhook batch or a workflow action callback) and recalculates
 * the contacts it points at. Shared by the self-hosted receiver and the HubSpot endpoint function.
 * `kind` 'auto' tells them apart by shape: webhooks send an array, workflow actions an object.
 * Malformed events are named and left out; the valid ones are recalculated.
 */
export async function recalculateFromBody(kind: BodyKind | 'auto', json: unknown, deps: BodyDeps, options: DeliveryOptions = {}): Promise<RecalcReply> {
  const resolved: BodyKind = kind === 'auto' ? (Array.isArray(json) ? 'webhooks' : 'workflow-action') : kind;
  const clock = options.clock ?? Date.now;
  // The model (a CRM read for the published version) only once there is work: a bad body or a replay costs no call.
  const withModel = async (): Promise<RecalcDeps | RecalcReply> => {
    try {
      return { ...deps, model: typeof deps.model === 'function' ? await deps.model() : deps.model };
    } catch (error) {
      // The published model cannot be read or used: HubSpot redelivers later, nothing is lost.
      return { status: 500, body: { status: 'error', message: `could not read the published model: ${(error as Error).message}` } };
    }
  };
  if (resolved === 'workflow-action') {
    const callback = workflowCallbackSchema.safeParse(json);
    if (!callback.success) return malformed(describeBodyProblem(callback.error));
    const recalcDeps = await withModel();
    if ('status' in recalcDeps) return recalcDeps;
    const report = await recalculateFromWorkflow(callback.data, recalcDeps);
    const reply = replyFor(report, { received: 1, replayed: 0, rejected: [] }, options.detailed ?? false);
    if (reply.status !== 200) return reply;
    const written = report.contacts.filter((c) => c.status === 'written').length;
    return { ...reply, body: { outputFields: { contacts_recalculated: report.contacts.length, contacts_written: written }, ...reply.body } };
  }

  const batch = parseWebhookBatch(json);
  if (!batch.ok) return malformed(batch.problem);
  const { events, rejected } = batch;
  if (events.length === 0) {
    return { status: 400, rejected, body: { status: 'error', message: `no valid event in the batch: ${rejected.map((r) => r.problem).join('; ')}`, rejected } };
  }
  const fresh = options.window ? events.filter((event) => !options.window!.has(event, clock())) : events;
  const counts = { received: events.length + rejected.length, replayed: events.length - fresh.length, rejected };
  if (fresh.length === 0) {
    return { status: 200, rejected, replayed: counts.replayed, body: { status: 'ok', message: `${counts.replayed} event(s) already handled; nothing to do`, events: eventCounts(undefined, counts) } };
  }
  const recalcDeps = await withModel();
  if ('status' in recalcDeps) return recalcDeps;
  const report = await recalculateFromEvents(fresh, recalcDeps);
  if (report.ok) options.window?.add(fresh, clock());
  return replyFor(report, counts, options.detailed ?? false);
}

interface Counts {
  received: number;
  replayed: number;
  rejected: RejectedEvent[];
}

function replyFor(report: RecalcReport, counts: Counts, detailed: boolean): RecalcReply {
  const contacts = tally(report.contacts.map((c) => c.status));
  const failedContacts = contacts.failed ?? 0;
  const committeesFailed = report.committees.filter((c) => c.status === 'failed').length;
  const stagesFailed = report.stages.filter((s) => s.status === 'failed').length;
  const status = report.ok ? 200 : redeliveryCanSucceed(report) ? 500 : 422;
  const message = report.ok
    ? `${report.contacts.length} contact(s) recalculated, ${contacts.written ?? 0} written, ${contacts.unchanged ?? 0} unchanged`
      + (report.committees.length > 0 ? `; ${report.committees.length} committee(s) rolled up` : '')
      + (report.stages.length > 0 ? `; ${report.stages.length} stage(s) moved` : '')
    : report.contacts.length === 0 && failedContacts === 0 && committeesFailed === 0 && stagesFailed === 0
      ? `could not recalculate${status === 500 ? '; HubSpot will redeliver' : '; redelivering cannot help, see the log'}`
      : `${failedContacts} of ${report.contacts.length} contact(s), ${committeesFailed} committee(s) and ${stagesFailed} stage move(s) not written${status === 500 ? '; HubSpot will redeliver' : '; redelivering cannot help, see the log'}`;
  const body: Record<string, unknown> = {
    status: report.ok ? 'ok' : 'error',
    message,
    events: eventCounts(report, counts),
    ...(counts.rejected.length > 0 ? { rejected: counts.rejected } : {}),
    contacts: { recalculated: report.contacts.length, ...contacts },
    ...(report.committees.length > 0 ? { committees: { rolledUp: report.committees.length, ...tally(report.committees.map((c) => c.status)) } } : {}),
    ...(report.stages.length > 0 ? { stages: { moved: report.stages.length, ...tally(report.stages.map((s) => s.status)) } } : {}),
    ...(detailed ? { detail: detailOf(report) } : {}),
  };
  return { status, body, report, rejected: counts.rejected, replayed: counts.replayed };
}

function eventCounts(report: RecalcReport | undefined, counts: Counts) {
  return {
    received: counts.received,
    replayed: counts.replayed,
    rejected: counts.rejected.length,
    ignored: report?.ignored.length ?? 0,
    duplicates: report?.duplicates ?? 0,
  };
}

/** What HubSpot may see of the work: ids, scores and the values that changed. */
function detailOf(report: RecalcReport) {
  return {
    message: report.message,
    contacts: report.contacts.map((c) => ({ id: c.id, status: c.status, score: c.result?.score ?? null, changes: c.changes })),
    committees: report.committees.map((c) => ({ object: c.object, id: c.id, status: c.status, score: c.result?.score ?? null, changes: c.changes })),
    stages: report.stages.map(({ kind, id, contactId, from, to, status }) => ({ kind, id, contactId, from, to, status })),
  };
}

function redeliveryCanSucceed(report: RecalcReport): boolean {
  return report.retryable || report.failureCodes.some((code) => REDELIVERY_CAN_SUCCEED.has(code));
}

function tally(statuses: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

function malformed(problem: string): RecalcReply {
  return { status: 400, body: { status: 'error', message: `malformed body: ${problem}` } };
}
