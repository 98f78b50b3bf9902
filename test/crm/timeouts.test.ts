import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrmClient, createRateLimiter, CrmError, crmClientFromEnv } from '../../src/crm';
import type { CrmClientOptions } from '../../src/crm';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../../src/portal';
import type { RunningPortal } from '../../src/portal';
import { createVirtualClock, rejection } from './support';

const BATCH_READ = '/crm/v3/objects/contacts/batch/read';
// Real sockets on 127.0.0.1: a hang is only a hang over a real connection.
let running: RunningPortal | undefined;
let silent: { server: Server; sockets: Set<Socket> } | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  if (silent) {
    for (const socket of silent.sockets) socket.destroy();
    await new Promise((resolve) => silent!.server.close(resolve));
    silent = undefined;
  }
});

/** A server that accepts every connection and never sends a byte back. */
async function silentServer(): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  silent = { server, sockets };
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function portal() {
  running = await startPortal({ rateLimit: false });
  return running;
}

const client = (baseUrl: string, options: Partial<CrmClientOptions> = {}) =>
  createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl, clock: createVirtualClock(), random: () => 0, ...options });

describe('request timeouts', () => {
  it('gives up on a server that accepts the connection and never answers, as a retryable TIMEOUT after the retries', async () => {
    const url = await silentServer();
    const crm = client(url, { timeoutMs: 100, retry: { maxAttempts: 3 } });

    const error = await rejection(crm.readContacts(['1'], ['email']));

    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, isTransport: true, attempts: 3, operation: 'contacts.batch.read' });
    expect((error as Error).message).toMatch(/^contacts\.batch\.read: HubSpot did not answer within 100 ms\. The call is safe to retry/);
    expect(crm.stats()).toMatchObject({ calls: { 'contacts.batch.read': 3 }, retries: 2, errors: { TIMEOUT: 3 } });
  });

  it('retries a request that got no answer and succeeds when the next one is answered', async () => {
    const { portal: hubspot, url } = await portal();
    const { id } = hubspot.createContact({ email: 'ann@example.com' });
    hubspot.failNext({ path: BATCH_READ, hang: true, count: 2 });
    const crm = client(url, { timeoutMs: 150 });

    const contacts = await crm.readContacts([id], ['email']);

    expect(contacts.get(id)?.email).toBe('ann@example.com');
    // 0: the portal took the request and never answered it.
    expect(hubspot.requests.map((request) => request.status)).toEqual([0, 0, 200]);
    expect(crm.stats()).toMatchObject({ retries: 2, errors: { TIMEOUT: 2 } });
  });

  it('frees the rate limiter slot of a request that timed out', async () => {
    const { portal: hubspot, url } = await portal();
    const { id } = hubspot.createContact({ email: 'ann@example.com' });
    hubspot.failNext({ path: BATCH_READ, hang: true });
    // One request at a time: the second call can only start once the first one's slot is free.
    const limiter = createRateLimiter({ limit: 1, windowMs: 1, maxConcurrent: 1 });
    const crm = client(url, { timeoutMs: 150, limiter, retry: { maxAttempts: 1 } });

    const [first, second] = await Promise.allSettled([crm.readContacts([id], ['email']), crm.readContacts([id], ['email'])]);

    expect(first).toMatchObject({ status: 'rejected', reason: { code: 'TIMEOUT' } });
    expect(second.status === 'fulfilled' && second.value.get(id)?.email).toBe('ann@example.com');
  });

  it('takes the timeout of a command from HUBSPOT_TIMEOUT_MS', async () => {
    const url = await silentServer();
    const crm = crmClientFromEnv({ PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: url, HUBSPOT_TIMEOUT_MS: '120' }, { retry: { maxAttempts: 1 } });

    const error = await rejection(crm.readContacts(['1'], ['email']));

    expect((error as Error).message).toMatch(/did not answer within 120 ms/);
  });

  it('refuses a timeout that is not a positive number of milliseconds', () => {
    expect(() => client('http://127.0.0.1:1', { timeoutMs: 0 })).toThrow(/timeoutMs must be a positive number of milliseconds; got 0/);
  });
});

describe('aborting', () => {
  it('aborts a request in flight and rejects with a non-retryable ABORTED error, without retrying', async () => {
    const url = await silentServer();
    const stop = new AbortController();
    // A timeout far beyond the test's: only the abort can end this call.
    const crm = client(url, { timeoutMs: 600_000, signal: stop.signal });

    const call = rejection(crm.readContacts(['1'], ['email']));
    await until(() => silent!.sockets.size > 0);
    stop.abort(new Error('Ctrl-C'));
    const error = await call;

    expect(error).toMatchObject({ code: 'ABORTED', retryable: false, isTransport: false, operation: 'contacts.batch.read' });
    expect((error as Error).message).toBe('contacts.batch.read: stopped before HubSpot answered (Ctrl-C); whether HubSpot applied a write in flight is unknown, so redo it.');
    expect(crm.stats()).toMatchObject({ calls: { 'contacts.batch.read': 1 }, retries: 0, errors: { ABORTED: 1 } });
  });

  it('sends nothing once aborted', async () => {
    const { portal: hubspot, url } = await portal();
    const stop = new AbortController();
    stop.abort();
    const crm = client(url, { signal: stop.signal });

    const error = await rejection(crm.readContacts(['1'], ['email']));

    expect(error).toMatchObject({ code: 'ABORTED', retryable: false });
    expect(hubspot.requests).toHaveLength(0);
  });

  it('stops waiting between tries: a Retry-After of a minute ends at the abort', async () => {
    const { portal: hubspot, url } = await portal();
    const { id } = hubspot.createContact({});
    hubspot.failNext({ path: BATCH_READ, status: 429, retryAfterSeconds: 60 });
    const stop = new AbortController();
    // The real clock: the wait is a real minute unless the abort ends it.
    const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: url, signal: stop.signal, retry: { maxTotalMs: 120_000 } });

    const call = rejection(crm.readContacts([id], ['email']));
    await until(() => hubspot.requests.length === 1);
    stop.abort();

    expect(await call).toMatchObject({ code: 'ABORTED' });
    expect(hubspot.requests.map((request) => request.status)).toEqual([429]);
  });

  it('leaves the limiter queue when aborted while waiting for a slot, and never sends', async () => {
    const { portal: hubspot, url } = await portal();
    const { id } = hubspot.createContact({});
    const limiter = createRateLimiter({ limit: 1, windowMs: 600_000 });
    const first = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: url, limiter });
    await first.readContacts([id], ['email']);
    const stop = new AbortController();
    const waiting = first.withSignal(stop.signal);

    const call = rejection(waiting.readContacts([id], ['email']));
    stop.abort();

    expect(await call).toMatchObject({ code: 'ABORTED' });
    expect(hubspot.requests).toHaveLength(1);
  });

  it('withSignal stops only the calls made through it; the client it came from carries on', async () => {
    const url = await silentServer();
    const crm = client(url, { timeoutMs: 200, retry: { maxAttempts: 1 } });
    const delivery = new AbortController();
    const scoped = crm.withSignal(delivery.signal);

    const scopedCall = rejection(scoped.readContacts(['1'], ['email']));
    const plainCall = rejection(crm.readContacts(['2'], ['email']));
    delivery.abort();

    expect(await scopedCall).toMatchObject({ code: 'ABORTED' });
    expect(await plainCall).toMatchObject({ code: 'TIMEOUT' });
    // One set of statistics for both.
    expect(crm.stats().errors).toEqual({ ABORTED: 1, TIMEOUT: 1 });
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition never became true');
}
