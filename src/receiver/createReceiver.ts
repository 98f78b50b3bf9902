import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySignature } from '../crm/verifySignature';
import type { RecalcReport } from '../recalc/recalculate';
import { recalculateFromBody } from '../recalc/recalculateFromBody';
import type { BodyDeps } from '../recalc/recalculateFromBody';

export interface ReceiverOptions extends BodyDeps {
  /** The app's client secret (HUBSPOT_CLIENT_SECRET): every request must carry a valid v3 signature. */
  clientSecret: string;
  /** The public base URL HubSpot calls (what it signs), e.g. https://bant.example.com; defaults to http://<Host header>. */
  publicUrl?: string;
  /** Where one line per handled request goes. */
  log?: (line: string, report?: RecalcReport) => void;
  maxBodyBytes?: number;
  /** The wall clock signatures are checked against (ms); defaults to Date.now. Scoring uses `now`. */
  clock?: () => number;
}

type Reply = { status: number; body: unknown };

/**
 * The self-hosted receiver as a Node request listener: `POST /webhooks` (HubSpot webhook batches),
 * `POST /workflow-action` (custom workflow action callbacks) and `POST /` (either, by shape). Signature and timestamp are checked
 * before anything else (401, no CRM call); malformed bodies get 400; 200 only after the batch is
 * handled; a failure HubSpot should redeliver gets 500.
 */
export function createReceiver(options: ReceiverOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const log = options.log ?? (() => {});
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  return (request, response) => {
    void handle(request).then(
      (reply) => send(response, reply),
      (error: unknown) => {
        log(`${request.method} ${request.url} → 500 ${(error as Error).message}`);
        send(response, { status: 500, body: { status: 'error', message: 'unexpected error; HubSpot will redeliver' } });
      },
    );
  };

  async function handle(request: IncomingMessage): Promise<Reply> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') return { status: 200, body: { status: 'ok' } };
    if (path !== '/' && path !== '/webhooks' && path !== '/workflow-action') return { status: 404, body: { status: 'error', message: `no route ${request.method} ${path}; use POST / (either kind), /webhooks or /workflow-action` } };
    if (request.method !== 'POST') return { status: 405, body: { status: 'error', message: `${path} takes POST` } };

    const rawBody = await readBody(request, maxBodyBytes);
    if (rawBody === null) return { status: 413, body: { status: 'error', message: `body larger than ${maxBodyBytes} bytes` } };
    const base = options.publicUrl ?? `http://${request.headers.host ?? 'localhost'}`;
    const check = verifySignature(
      { method: request.method, url: `${base.replace(/\/$/, '')}${request.url ?? ''}`, rawBody, signature: header(request, 'x-hubspot-signature-v3'), timestamp: header(request, 'x-hubspot-request-timestamp') },
      options.clientSecret,
      (options.clock ?? Date.now)(),
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

    // One URL (BANT_RECALC_URL) serves both webhooks and the workflow action: `/` tells them apart by shape.
    const reply = await recalculateFromBody(path === '/webhooks' ? 'webhooks' : path === '/workflow-action' ? 'workflow-action' : 'auto', json, options);
    log(`POST ${path} → ${reply.status} ${reply.report?.message ?? String(reply.body.message)}`, reply.report);
    return reply;
  }
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
  response.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
