import type { RecalcDeps } from './recalculate';
import { recalculateFromBody } from './recalculateFromBody';
import type { BodyDeps, BodyKind, DeliveryOptions, RecalcReply } from './recalculateFromBody';

/**
 * HubSpot waits 5 s for an answer to a webhook delivery: a delivery gets 4 s for every request and
 * retry it makes, and answers in time either way.
 */
export const DELIVERY_DEADLINE_MS = 4_000;

export interface DeliveryDeps extends Omit<BodyDeps, 'crm'> {
  /** The CRM client; each delivery uses it with its own deadline. */
  crm: RecalcDeps['crm'] & { withSignal(signal: AbortSignal, options?: { withinMs?: number; oldestFirst?: boolean }): RecalcDeps['crm'] };
}

export interface DeliveryLimits extends DeliveryOptions {
  /** The delivery's deadline in ms from now (default 4 s). */
  deadlineMs?: number;
  /** Stops the delivery before its deadline (the receiver shutting down). */
  signal?: AbortSignal;
}

/**
 * Recalculates one delivery within its deadline: every CRM request and retry stops at the deadline
 * (a retry that would end past it is not started), and past it the answer is 500 at once, whatever
 * is still in flight, so HubSpot redelivers instead of timing out. Redelivery is safe: the handler
 * re-reads CRM state.
 */
export async function recalculateDelivery(kind: BodyKind | 'auto', json: unknown, deps: DeliveryDeps, limits: DeliveryLimits = {}): Promise<RecalcReply> {
  const deadlineMs = limits.deadlineMs ?? DELIVERY_DEADLINE_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`the delivery's deadline of ${deadlineMs} ms passed`)), deadlineMs);
  const onStop = () => controller.abort(new Error('the receiver is stopping'));
  limits.signal?.addEventListener('abort', onStop, { once: true });
  if (limits.signal?.aborted) onStop();
  try {
    // Deliveries share the limiter oldest first: each finishes about as soon as it would alone behind
    // the ones before it, instead of every delivery in flight slowing down together (the soak's p95).
    const crm = deps.crm.withSignal(controller.signal, { withinMs: deadlineMs, oldestFirst: true });
    const stopped = new Promise<RecalcReply>((resolve) => {
      const answer = () => resolve(interrupted(controller.signal.reason, deadlineMs));
      if (controller.signal.aborted) answer();
      else controller.signal.addEventListener('abort', answer, { once: true });
    });
    const work = recalculateFromBody(kind, json, { ...deps, crm }, limits);
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onStop);
  }
}

function interrupted(reason: unknown, deadlineMs: number): RecalcReply {
  const stopping = reason instanceof Error && reason.message === 'the receiver is stopping';
  const message = stopping
    ? 'the receiver is stopping; HubSpot will redeliver'
    : `not finished within ${deadlineMs / 1000} s (HubSpot waits 5 s); HubSpot will redeliver`;
  return { status: 500, body: { status: 'error', message } };
}
