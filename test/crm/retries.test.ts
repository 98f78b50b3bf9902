import { describe, expect, it } from 'vitest';
import { CrmError } from '../../src/crm';
import type { CrmRequestEvent, RateLimiter } from '../../src/crm';
import { clientFor, createVirtualClock, rejection, usePortalServer } from './support';

const usePortal = usePortalServer();
const BATCH_READ = '/crm/v3/objects/contacts/batch/read';

describe('429 rate limited', () => {
  it('waits the Retry-After of a 429, retries once and succeeds', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({ email: 'ann@example.com' });
    portal.failNext({ path: BATCH_READ, status: 429, retryAfterSeconds: 2 });
    const clock = createVirtualClock();
    const client = clientFor({ clock });

    const contacts = await client.readContacts([id], ['email']);

    expect(contacts.get(id)?.email).toBe('ann@example.com');
    expect(clock.sleeps).toEqual([2_000]);
    expect(portal.requests.map((request) => request.status)).toEqual([429, 200]);
    expect(portal.requests[1]?.body).toEqual(portal.requests[0]?.body);
    expect(client.stats()).toMatchObject({ calls: { 'contacts.batch.read': 2 }, retries: 1, errors: { RATE_LIMITED: 1 } });
  });

  it("waits HubSpot's ten-second window when a 429 carries no Retry-After", async () => {
    const portal = usePortal();
    const { id } = portal.createContact({ email: 'ann@example.com' });
    portal.failNext({ path: BATCH_READ, status: 429 });
    const clock = createVirtualClock();

    await clientFor({ clock }).readContacts([id], ['email']);

    expect(clock.sleeps).toEqual([10_000]);
    expect(portal.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it('does not retry when the daily limit is used up', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({});
    portal.failNext({ path: BATCH_READ, status: 429, policyName: 'DAILY' });
    const clock = createVirtualClock();

    const error = await rejection(clientFor({ clock }).readContacts([id], ['email']));

    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: false, policyName: 'DAILY' });
    expect(clock.sleeps).toEqual([]);
    expect(portal.requests).toHaveLength(1);
  });
});

describe('5xx and the retry budget', () => {
  it('retries a 500 with doubling backoff and then succeeds', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({});
    portal.failNext({ path: BATCH_READ, status: 500, count: 3 });
    const clock = createVirtualClock();
    const events: CrmRequestEvent[] = [];
    // random() = 0 takes the low end of the jitter: half of 250, 500, 1000 ms.
    const client = clientFor({ clock, random: () => 0, retry: { baseDelayMs: 250 }, onRequest: (event) => events.push(event) });

    await client.readContacts([id], ['email']);

    expect(clock.sleeps).toEqual([125, 250, 500]);
    expect(portal.requests.map((request) => request.status)).toEqual([500, 500, 500, 200]);
    expect(events.map(({ attempt, status }) => ({ attempt, status }))).toEqual([
      { attempt: 1, status: 500 }, { attempt: 2, status: 500 }, { attempt: 3, status: 500 }, { attempt: 4, status: 200 },
    ]);
    expect(client.stats()).toMatchObject({ retries: 3, retriesByOperation: { 'contacts.batch.read': 3 }, errors: { SERVER: 3 } });
  });

  it('jitters the backoff between half and all of it', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({});
    portal.failNext({ path: BATCH_READ, status: 502, count: 2 });
    const clock = createVirtualClock();

    await clientFor({ clock, random: () => 0.5, retry: { baseDelayMs: 400 } }).readContacts([id], ['email']);

    expect(clock.sleeps).toEqual([300, 600]);
  });

  it('gives up on a persistent 503 before the time budget runs out, with a retryable SERVER error', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({});
    portal.failNext({ path: BATCH_READ, status: 503, count: 100 });
    const clock = createVirtualClock();
    const client = clientFor({ clock, random: () => 0, retry: { maxAttempts: 10, maxTotalMs: 2_000, baseDelayMs: 200, maxDelayMs: 10_000 } });

    const error = await rejection(client.readContacts([id], ['email']));

    // Waits of 100, 200, 400, 800 ms use 1,500 ms; the next 1,600 ms would pass the 2,000 ms budget.
    expect(clock.sleeps).toEqual([100, 200, 400, 800]);
    expect(portal.requests).toHaveLength(5);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'SERVER', status: 503, retryable: true, attempts: 5, operation: 'contacts.batch.read', isTransport: true });
    expect((error as Error).message).toMatch(/^contacts\.batch\.read: HubSpot failed \(503\).*Gave up after 5 attempts in 1500 ms/);
  });

  it('stops at maxAttempts even with time left', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({});
    portal.failNext({ path: BATCH_READ, status: 500, count: 100 });
    const clock = createVirtualClock();

    const error = await rejection(clientFor({ clock, retry: { maxAttempts: 3, maxTotalMs: 60_000 } }).readContacts([id], ['email']));

    expect(portal.requests).toHaveLength(3);
    expect(error).toMatchObject({ code: 'SERVER', attempts: 3, retryable: true });
  });
});

describe('errors that a retry cannot fix', () => {
  it('does not retry a 400 and says which property to fix', async () => {
    const portal = usePortal();
    const clock = createVirtualClock();

    const error = await rejection(clientFor({ clock }).createProperty('contacts', {
      name: 'bant_budget', label: 'BANT budget', type: 'number', fieldType: 'number', groupName: 'no_such_group',
    }));

    expect(portal.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error).toMatchObject({ code: 'VALIDATION', status: 400, retryable: false, isTransport: false, category: 'VALIDATION_ERROR' });
    expect((error as Error).message).toContain('no_such_group');
  });

  it('does not retry a 400 answered to a batch read', async () => {
    const portal = usePortal();
    portal.failNext({ path: BATCH_READ, status: 400 });
    const { id } = portal.createContact({});

    const error = await rejection(clientFor().readContacts([id], ['email']));

    expect(portal.requests).toHaveLength(1);
    expect(error).toMatchObject({ code: 'VALIDATION', retryable: false });
  });

  it('maps a 401 to UNAUTHORIZED and names the variable holding the token', async () => {
    const portal = usePortal();
    const clock = createVirtualClock();

    const error = await rejection(clientFor({ clock, accessToken: 'expired-token' }).readContacts(['1'], ['email']));

    expect(portal.requests.map((request) => request.status)).toEqual([401]);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401, retryable: false, category: 'INVALID_AUTHENTICATION' });
    expect((error as Error).message).toContain('PRIVATE_APP_ACCESS_TOKEN');
  });

  it('maps a 403 to FORBIDDEN and says to add the scope', async () => {
    const portal = usePortal();
    portal.failNext({ path: '/crm/v3/properties/contacts', method: 'POST', status: 403 });

    const error = await rejection(clientFor().createPropertyGroup('contacts', { name: 'x', label: 'X' }).then(() =>
      clientFor().createProperty('contacts', { name: 'x_y', label: 'X', type: 'string', fieldType: 'text', groupName: 'x' })));

    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403, retryable: false });
    expect((error as Error).message).toContain('scope');
    expect(portal.requests.map((request) => request.status)).toEqual([201, 403]);
  });
});

describe('a deadline for the work', () => {
  it('does not wait for a retry that would start past the deadline: the call fails at once', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({ email: 'ann@example.com' });
    portal.failNext({ path: BATCH_READ, status: 429, retryAfterSeconds: 2 });
    const clock = createVirtualClock();
    const client = clientFor({ clock }).withSignal(new AbortController().signal, { withinMs: 1_500 });

    const error = await rejection(client.readContacts([id], ['email']));

    expect(error).toMatchObject({ code: 'RATE_LIMITED', attempts: 1 });
    expect((error as Error).message).toMatch(/Gave up after 1 attempt: the next would start 500 ms past the deadline of this work\.$/);
    expect(clock.sleeps).toEqual([]);
    expect(portal.requests).toHaveLength(1);
  });

  it('retries within the deadline as usual', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({ email: 'ann@example.com' });
    portal.failNext({ path: BATCH_READ, status: 429, retryAfterSeconds: 1 });
    const clock = createVirtualClock();
    const client = clientFor({ clock }).withSignal(new AbortController().signal, { withinMs: 1_500 });

    expect((await client.readContacts([id], ['email'])).get(id)?.email).toBe('ann@example.com');
    expect(clock.sleeps).toEqual([1_000]);
  });
});

describe('work served oldest first', () => {
  /** A limiter that grants at once and notes the time each request queued as. */
  function recordingLimiter() {
    const since: Array<number | undefined> = [];
    const limiter: RateLimiter = {
      limit: 100, windowMs: 10_000, policyName: undefined, waiting: 0, inWindow: 0,
      acquire: async (options = {}) => {
        since.push(options.since);
        return () => {};
      },
      run: (task) => task(),
      holdFor: () => {},
    };
    return { limiter, since };
  }

  it('queues every call of a piece of work, retries included, as of when the work began', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({ email: 'ann@example.com' });
    const clock = createVirtualClock();
    const { limiter, since } = recordingLimiter();
    const client = clientFor({ clock, limiter });
    const began = clock.now();
    const delivery = client.withSignal(new AbortController().signal, { withinMs: 4_000, oldestFirst: true });
    await clock.sleep(300);
    portal.failNext({ path: BATCH_READ, status: 500 });
    await delivery.readContacts([id], ['email']);
    await clock.sleep(300);
    await delivery.readContacts([id], ['email']);
    expect(since).toEqual([began, began, began]);
  });

  it('leaves other calls queued as of their first try', async () => {
    const portal = usePortal();
    const { id } = portal.createContact({ email: 'ann@example.com' });
    const clock = createVirtualClock();
    const { limiter, since } = recordingLimiter();
    const client = clientFor({ clock, limiter, random: () => 0 });
    const scoped = client.withSignal(new AbortController().signal, { withinMs: 4_000 });
    await clock.sleep(300);
    const firstTry = clock.now();
    portal.failNext({ path: BATCH_READ, status: 500 });
    await scoped.readContacts([id], ['email']);
    expect(since).toEqual([firstTry, firstTry]);
  });
});
