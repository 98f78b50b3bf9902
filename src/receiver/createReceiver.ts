import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySignature } from '../crm/verifySignature';
import { createEventWindow } from '../recalc/eventWindow';
import type { EventWindow } from '../recalc/eventWindow';
import { DELIVERY_DEADLINE_MS, recalculateDelivery } from '../recalc/recalculateDelivery';
import type { DeliveryDeps } from '../recalc/recalculateDelivery';
import type { RecalcReply } from '../recalc/recalculateFromBody';

/**
 * Deliveries handled at once before the receiver sheds load: a delivery costs about 6 requests, and
 * 12 of them are about what HubSpot's 190 requests / 10 s lets finish within the 4 s deadline.
 */
export const MAX_DELIVERIES_IN_FLIGHT = 12;

export interface ReceiverOptions extends DeliveryDeps {
  /** The app's client secret (HUBSPOT_CLIENT_SECRET): every request must carry a valid v3 signature. */
  clientSecret: string;
  /** The public base URL HubSpot calls (what it signs), e.g. https://bant.example.com; defaults to http://<Host header>. */
  publicUrl?: string;
  /** Where one line per handled request goes, with the delivery's reply (its report holds the contacts). */
  log?: (line: string, reply?: RecalcReply) => void;
  maxBodyBytes?: number;
  /** The wall clock signatures and the event window are checked against (ms); defaults to Date.now. Scoring uses `now`. */
  clock?: () => number;
  /** A delivery's deadline (default 4 s): past it the answer is 500 and HubSpot redelivers. */
  deadlineMs?: number;
  /** Deliveries handled at once; more are answered 429 with Retry-After at once (default 12). */
  maxInFlight?: number;
  /** Handled events, so replays cost no CRM call (default: the last 10 minutes, 100,000 events). */
  window?: EventWindow;
}

export interface Receiver {
  /** The Node request listener. */
  listener: (request: IncomingMessage, response: ServerResponse) => void;
  /** Deliveries being handled now. */
  readonly inFlight: number;
  /** Refuses new deliveries (503) and, after `graceMs`, stops the ones in flight (they answer 500, HubSpot redelivers). */
  drain(graceMs: number): Promise<void>;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * The self-hosted receiver: `POST /webhooks` (HubSpot webhook batches), `POST /workflow-action`
 * (custom workflow action callbacks) and `POST /` (either, by shape). Signature and timestamp are
 * checked before anything else (401, no CRM call); malformed bodies get 400; a delivery beyond what
 * can finish in time gets 429 with Retry-After; 200 only after the batch is handled within its
 * deadline; a failure HubSpot should redeliver gets 500, one it cannot fix by redelivering 422.
 * Replies carry counts, never contact ids, scores or values.
 */
export function createReceiver(options: ReceiverOptions): Receiver {
  const log = options.log ?? (() => {});
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const clock = options.clock ?? Date.now;
  const deadlineMs = options.deadlineMs ?? DELIVERY_DEADLINE_MS;
  const maxInFlight = options.maxInFlight ?? MAX_DELIVERIES_IN_FLIGHT;
  const window = options.window ?? createEventWindow();
  const stopping = new AbortController();
  const running = new Set<Promise<unknown>>();
  let inFlight = 0;
  let draining = false;

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    const handled = handle(request).then(
      (reply) => send(response, reply),
      (error: unknown) => {
        log(`${request.method} ${request.url} → 500 ${(error as Error).message}`);
        send(response, { status: 500, body: { status: 'error', message: 'unexpected error; HubSpot will redeliver' } });
      },
    );
    running.add(handled);
    void handled.finally(() => running.delete(handled));
  };

  async function handle(request: IncomingMessage): Promise<Reply> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') return { status: 200, body: { status: 'ok' } };
    if (path !== '/' && path !== '/webhooks' && path !== '/workflow-action') return { status: 404, body: { status: 'error', message: `no route ${request.method} ${path}; use POST / (either kind), /webhooks or /workflow-action` } };
    if (request.method !== 'POST') return { status: 405, body: { status: 'error', message: `${path} takes POST` } };
    if (draining) return { status: 503, body: { status: 'error', message: 'the receiver is stopping; HubSpot will redeliver' } };

    const rawBody = await readBody(request, maxBodyBytes);
    if (rawBody === null) return { status: 413, body: { status: 'error', message: `body larger than ${maxBodyBytes} bytes` } };
    const base = options.publicUrl ?? `http://${request.headers.host ?? 'localhost'}`;
    const check = verifySignature(
      { method: request.method, url: `${base.replace(/\/$/, '')}${request.url ?? ''}`, rawBody, signature: header(request, 'x-hubspot-signature-v3'), timestamp: header(request, 'x-hubspot-request-timestamp') },
      options.clientSecret,
      clock(),
    );
    if (!check.ok) {
      log(`POST ${path} → 401 ${check.reason}`);
      return { status: 401, body: { status: 'error', message: check.reason } };
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch (error) {
      log(`POST ${path} → 400 not JSON`);
      return { status: 400, body: { status: 'error', message: `body is not JSON: ${(error as Error).message}` } };
    }
    if (inFlight >= maxInFlight) {
      // Taking it would make every delivery wait past HubSpot's timeout: HubSpot retries a 429 later.
      const retryAfter = Math.ceil(deadlineMs / 1000);
      log(`POST ${path} → 429 ${inFlight} deliveries in flight (at most ${maxInFlight}); retry after ${retryAfter} s`);
      return { status: 429, headers: { 'retry-after': String(retryAfter) }, body: { status: 'error', message: `busy: ${inFlight} deliveries in flight; retry after ${retryAfter} s` } };
    }

    // One URL (BANT_RECALC_URL) serves both webhooks and the workflow action: `/` tells them apart by shape.
    const kind = path === '/webhooks' ? 'webhooks' : path === '/workflow-action' ? 'workflow-action' : 'auto';
    inFlight += 1;
    try {
      const reply = await recalculateDelivery(kind, json, options, { deadlineMs, clock, window, signal: stopping.signal });
      log(`POST ${path} → ${reply.status} ${describeDelivery(reply)}`, reply);
      return reply;
    } finally {
      inFlight -= 1;
    }
  }

  return {
    listener,
    get inFlight() {
      return inFlight;
    },
    async drain(graceMs) {
      const everything = Promise.allSettled([...running]);
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      // New deliveries are refused from here on; those in flight get the grace period to finish.
      draining = true;
      await Promise.race([everything, grace]);
      stopping.abort(new Error('the receiver is stopping'));
      await Promise.allSettled([...running]);
    },
  };
}

/** The line logged for a delivery: what the reply says, and the malformed events and the full report it does not. */
function describeDelivery(reply: RecalcReply): string {
  const parts = [reply.report?.message ?? String(reply.body.message)];
  if (reply.replayed) parts.push(`${reply.replayed} replayed event(s) answered without a CRM call`);
  if (reply.rejected && reply.rejected.length > 0) parts.push(`malformed: ${reply.rejected.map((r) => r.problem).join('; ')}`);
  if (reply.status === 422) parts.push('redelivering cannot succeed, so HubSpot is told to stop');
  return parts.join('; ');
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...reply.headers });
  response.end(body);
}
