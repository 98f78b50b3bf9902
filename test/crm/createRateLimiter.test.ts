import { describe, expect, it } from 'vitest';
import { createRateLimiter, HUBSPOT_RATE_LIMIT } from '../../src/crm';
import { clientFor, createSteppedClock, createVirtualClock, usePortalServer } from './support';

const usePortal = usePortalServer();

describe('createRateLimiter', () => {
  it('spaces requests evenly, one every window ÷ limit, instead of letting a window through at once', async () => {
    const clock = createSteppedClock();
    const limiter = createRateLimiter({ limit: 4, windowMs: 1_000, clock });

    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => limiter.run(async () => grantedAt.push(clock.elapsed()))));

    expect(grantedAt).toEqual([0, 250, 500, 750, 1_000, 1_250]);
  });

  it('counts a request in the window until one window after its response, however long it took to arrive', async () => {
    const clock = createSteppedClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 1_000, clock });

    const grantedAt: number[] = [];
    // The first request takes 300 ms: HubSpot may have counted it as late as then.
    await Promise.all([300, 0, 0].map((takes) => limiter.run(async () => {
      grantedAt.push(clock.elapsed());
      await clock.sleep(takes);
    })));

    expect(grantedAt).toEqual([0, 500, 1_300]);
  });

  it('earns no burst while idle: after a pause the next requests are spaced again', async () => {
    const clock = createSteppedClock();
    const limiter = createRateLimiter({ limit: 4, windowMs: 1_000, clock });
    await limiter.run(async () => undefined);
    await clock.sleep(5_000);

    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 3 }, () => limiter.run(async () => grantedAt.push(clock.elapsed()))));

    expect(grantedAt).toEqual([5_000, 5_250, 5_500]);
  });

  it('catches up a timer that fires late without ever letting more than `limit` into a rolling window', async () => {
    const clock = createSteppedClock();
    // Every third sleep ends 30 ms late, as on a busy event loop.
    let sleeps = 0;
    const lateClock = { now: clock.now, sleep: (ms: number) => clock.sleep(ms + (++sleeps % 3 === 0 ? 30 : 0)) };
    const limiter = createRateLimiter({ limit: 10, windowMs: 1_000, clock: lateClock });

    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 100 }, () => limiter.run(async () => grantedAt.push(clock.elapsed()))));

    expect(busiestWindow(grantedAt, 1_000)).toBe(10);
    // 100 requests at 10 per second go out by 9.9 s on time. Paced from when each was due, the late timers
    // cost far less than the 33 × 30 ms they would if each lateness pushed every later request back.
    expect(grantedAt.at(-1)).toBeGreaterThanOrEqual(9_900);
    expect(grantedAt.at(-1)).toBeLessThan(9_900 + 33 * 30);
  });

  it('serves waiting requests first come, first served, and a retry ahead of work that came after its first try', async () => {
    const clock = createSteppedClock();
    const limiter = createRateLimiter({ limit: 10, windowMs: 1_000, clock });
    const first = await limiter.acquire();
    const order: string[] = [];
    const asked = [
      limiter.acquire().then((release) => order.push('a') && release()),
      limiter.acquire().then((release) => order.push('b') && release()),
      // A retry whose first try started before a and b were asked.
      limiter.acquire({ since: clock.now() - 2_000 }).then((release) => order.push('retry') && release()),
      limiter.acquire().then((release) => order.push('c') && release()),
    ];
    first();
    await Promise.all(asked);

    expect(order).toEqual(['retry', 'a', 'b', 'c']);
  });

  it('serves a request asked `ahead` before every waiter that is not, and those ahead first come, first served', async () => {
    const clock = createSteppedClock();
    const limiter = createRateLimiter({ limit: 10, windowMs: 1_000, clock });
    const first = await limiter.acquire();
    const order: string[] = [];
    const take = (name: string, options?: { ahead?: boolean; since?: number }) => limiter.acquire(options).then((release) => order.push(name) && release());
    const asked = [
      take('a'),
      take('b', { since: clock.now() - 2_000 }),
      take('search 1', { ahead: true }),
      take('c'),
      take('search 2', { ahead: true }),
    ];
    first();
    await Promise.all(asked);

    expect(order).toEqual(['search 1', 'search 2', 'b', 'a', 'c']);
  });

  it('frees a slot as soon as its request ends, not a window later', async () => {
    const clock = createSteppedClock();
    const limiter = createRateLimiter({ limit: 10, windowMs: 1_000, maxConcurrent: 1, clock });
    const releaseFirst = await limiter.acquire();
    let secondGrantedAt: number | undefined;
    const second = limiter.acquire().then((release) => {
      secondGrantedAt = clock.elapsed();
      return release;
    });

    await clock.sleep(5_000);
    await Promise.resolve();
    expect(secondGrantedAt).toBeUndefined();
    releaseFirst();
    (await second)();

    // Released at 5 s, granted at once: the slot counts only while the request is in flight.
    expect(secondGrantedAt).toBe(5_000);
  });

  it('drops a waiting request whose signal aborts, and gives its turn to the next', async () => {
    const clock = createSteppedClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, maxConcurrent: 1, clock });
    const releaseFirst = await limiter.acquire();
    const controller = new AbortController();
    const abandoned = limiter.acquire({ signal: controller.signal });
    const next = limiter.acquire();
    expect(limiter.waiting).toBe(2);

    controller.abort(new Error('deadline'));
    await expect(abandoned).rejects.toThrow('deadline');
    expect(limiter.waiting).toBe(1);
    releaseFirst();
    (await next)();
    expect(limiter.waiting).toBe(0);
  });

  it('grants nothing while held for a Retry-After, then resumes the pace', async () => {
    const clock = createSteppedClock();
    const limiter = createRateLimiter({ limit: 10, windowMs: 1_000, clock });
    await limiter.run(async () => undefined);
    limiter.holdFor(3_000);

    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 2 }, () => limiter.run(async () => grantedAt.push(clock.elapsed()))));

    expect(grantedAt).toEqual([3_000, 3_100]);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1_000 })).toThrow(/limit must be a positive integer/);
    expect(() => createRateLimiter({ limit: 1, windowMs: 1_000, maxConcurrent: 0 })).toThrow(/maxConcurrent must be at least 1/);
  });
});

describe('a shared limiter against the portal', () => {
  it("keeps a burst of 250 concurrent reads inside the portal's 190 per 10 s", async () => {
    const clock = createSteppedClock();
    const portal = usePortal({ now: clock.now, rateLimit: false });
    const ids = Array.from({ length: 250 }, (_, index) => portal.createContact({ email: `c${index}@example.com` }).id);
    const limiter = createRateLimiter({ limit: 190, windowMs: 10_000, clock });
    const sentAt: number[] = [];
    const client = clientFor({ clock, limiter, retry: { maxAttempts: 1 }, onRequest: (event) => sentAt.push(clock.now() - event.durationMs) });

    await Promise.all(ids.map((id) => client.readContacts([id], ['email'])));

    expect(portal.requests).toHaveLength(250);
    expect(portal.requests.filter((request) => request.status !== 200)).toEqual([]);
    expect(busiestWindow(sentAt, 10_000)).toBeLessThanOrEqual(190);
    // Evenly spaced: never closer than 10 s ÷ 190, so the 250th leaves at least 249 intervals after the first.
    const gaps = [...sentAt].sort((a, b) => a - b).map((time, index, sorted) => (index === 0 ? Infinity : time - sorted[index - 1]!));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10_000 / 190 - 0.01);
    expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeGreaterThanOrEqual((249 * 10_000) / 190 - 0.01);
    expect(client.stats().calls['contacts.batch.read']).toBe(250);
  });

  it('gets 429s from the portal for the same burst without a limiter', async () => {
    const clock = createVirtualClock();
    const portal = usePortal({ now: clock.now });
    const ids = Array.from({ length: 200 }, (_, index) => portal.createContact({ email: `c${index}@example.com` }).id);
    const client = clientFor({ clock, retry: { maxAttempts: 1 } });

    const outcomes = await Promise.allSettled(ids.map((id) => client.readContacts([id], ['email'])));

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(10);
    expect(portal.requests.filter((request) => request.status === 429)).toHaveLength(10);
  });

  it('holds every request for Retry-After when HubSpot says the window is used up', async () => {
    const clock = createVirtualClock();
    const portal = usePortal({ now: clock.now, rateLimit: false });
    const { id } = portal.createContact({ email: 'ann@example.com' });
    const client = clientFor({ clock, retry: { maxAttempts: 1 }, limiter: createRateLimiter({ ...HUBSPOT_RATE_LIMIT, clock }) });
    // A 429 without X-HubSpot-RateLimit-Remaining, as when another app's calls used up the account's window.
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/read', status: 429, retryAfterSeconds: 3 });

    await expect(client.readContacts([id], ['email'])).rejects.toMatchObject({ code: 'RATE_LIMITED', rateLimitRemaining: undefined });
    await client.readDeals(['1'], ['amount']);

    const [limited, next] = portal.requests;
    expect(limited!.status).toBe(429);
    expect(next!.time - limited!.time).toBe(3_000);
  });

  it('delays only its own retry for a 429 that leaves requests remaining in the window', async () => {
    const clock = createVirtualClock();
    const portal = usePortal({ now: clock.now, faults: { rate429: 1, retryAfterSeconds: 3 } });
    const { id } = portal.createContact({ email: 'ann@example.com' });
    const client = clientFor({ clock, retry: { maxAttempts: 1 }, limiter: createRateLimiter({ ...HUBSPOT_RATE_LIMIT, clock }) });

    await expect(client.readContacts([id], ['email'])).rejects.toMatchObject({ code: 'RATE_LIMITED', rateLimitRemaining: 189 });
    await expect(client.readContacts([id], ['email'])).rejects.toMatchObject({ code: 'RATE_LIMITED' });

    const [first, second] = portal.requests;
    expect(second!.time - first!.time).toBeLessThan(100);
  });

  it('holds nothing for a 429 at the end of a window its own requests filled: the pace already waits for the oldest to leave it', async () => {
    const clock = createSteppedClock();
    const portal = usePortal({ now: clock.now, rateLimit: { limit: 10, windowMs: 1_000 } });
    const { id } = portal.createContact({ email: 'ann@example.com' });
    const sentAt: number[] = [];
    const client = clientFor({ clock, retry: { maxAttempts: 1 }, onRequest: (event) => sentAt.push(clock.now() - event.durationMs), limiter: createRateLimiter({ limit: 10, windowMs: 1_000, policyName: 'TEN_SECONDLY_ROLLING', clock }) });
    for (let i = 0; i < 9; i += 1) await client.readContacts([id], ['email']);
    // The tenth fills the window and is refused anyway: X-HubSpot-RateLimit-Remaining 0, Retry-After 1.
    portal.faults.rate429 = 1;
    await expect(client.readContacts([id], ['email'])).rejects.toMatchObject({ code: 'RATE_LIMITED', rateLimitRemaining: 0, retryAfterMs: 1_000 });
    portal.faults.rate429 = 0;

    await client.readContacts([id], ['email']);

    // The eleventh goes when the first leaves the window (100 ms after the tenth), not a Retry-After later.
    expect(portal.requests.map((request) => request.status)).toEqual([...new Array(9).fill(200), 429, 200]);
    expect(sentAt[10]! - sentAt[9]!).toBeLessThan(1_000);
  });

  it("holds every request for a 429's Retry-After when the full window holds requests it did not send", async () => {
    const clock = createSteppedClock();
    // Another client of the account has used half its window.
    const portal = usePortal({ now: clock.now, rateLimit: { limit: 10, windowMs: 1_000 } });
    const { id } = portal.createContact({ email: 'ann@example.com' });
    const others = clientFor({ clock, retry: { maxAttempts: 1 } });
    for (let i = 0; i < 5; i += 1) await others.readContacts([id], ['email']);
    const sentAt: number[] = [];
    const client = clientFor({ clock, retry: { maxAttempts: 1 }, onRequest: (event) => sentAt.push(clock.now() - event.durationMs), limiter: createRateLimiter({ limit: 10, windowMs: 1_000, policyName: 'TEN_SECONDLY_ROLLING', clock }) });
    for (let i = 0; i < 4; i += 1) await client.readContacts([id], ['email']);
    portal.faults.rate429 = 1;
    await expect(client.readContacts([id], ['email'])).rejects.toMatchObject({ code: 'RATE_LIMITED', rateLimitRemaining: 0, retryAfterMs: 1_000 });
    portal.faults.rate429 = 0;

    await client.readContacts([id], ['email']);

    expect(sentAt[5]! - sentAt[4]!).toBeGreaterThanOrEqual(1_000);
  });

  it('frees the slot of a request that timed out, so the next one goes at once', async () => {
    const clock = createVirtualClock();
    const portal = usePortal({ now: clock.now, rateLimit: false });
    const { id } = portal.createContact({ email: 'ann@example.com' });
    const client = clientFor({ clock, timeoutMs: 50, retry: { maxAttempts: 1 }, limiter: createRateLimiter({ limit: 190, windowMs: 10_000, maxConcurrent: 1, clock }) });
    portal.failNext({ path: '/crm/v3/objects/contacts/batch/read', hang: true });

    const hung = client.readContacts([id], ['email']);
    const next = client.readContacts([id], ['email']);

    await expect(hung).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect((await next).get(id)).toEqual(expect.objectContaining({ email: 'ann@example.com' }));
    expect(portal.requests.map((request) => request.status)).toEqual([0, 200]);
  });

  it('holds search calls to the 5 per second search limit on top of the request limit', async () => {
    const clock = createSteppedClock();
    const portal = usePortal({ now: clock.now, rateLimit: false });
    portal.createContact({ email: 'ann@example.com' });
    const sentAt: number[] = [];
    const client = clientFor({
      clock,
      retry: { maxAttempts: 1 },
      onRequest: (event) => sentAt.push(clock.now() - event.durationMs),
      limiter: {
        requests: createRateLimiter({ limit: 190, windowMs: 10_000, clock }),
        search: createRateLimiter({ limit: 5, windowMs: 1_000, clock }),
      },
    });

    await Promise.all(Array.from({ length: 12 }, () => client.searchContacts({ properties: ['email'] })));

    expect(portal.requests.map((request) => request.status)).toEqual(new Array(12).fill(200));
    expect(busiestWindow(sentAt, 1_000)).toBe(5);
    // 200 ms apart at least; a sixth waits for the first of its window to have answered a window ago.
    expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeGreaterThanOrEqual(11 * 200);
  });

  it('sends a search ahead of the requests queued before it, once it has its slot of the search limit', async () => {
    const clock = createSteppedClock();
    const portal = usePortal({ now: clock.now, rateLimit: false });
    const ids = Array.from({ length: 6 }, (_, i) => portal.createContact({ email: `c${i}@example.com` }).id);
    const client = clientFor({
      clock,
      retry: { maxAttempts: 1 },
      limiter: {
        requests: createRateLimiter({ limit: 10, windowMs: 1_000, clock }),
        search: createRateLimiter({ limit: 5, windowMs: 1_000, clock }),
      },
    });

    // Six reads queue first (100 ms apart), then a search whose page the work behind it waits for.
    const reads = ids.map((id) => client.readContacts([id], ['email']));
    const search = client.searchContacts({ properties: ['email'], limit: 1 });
    await Promise.all([...reads, search]);

    const paths = portal.requests.map((request) => (request.path.endsWith('/search') ? 'search' : 'read'));
    // The first read was granted before the search was asked; the search goes next, not seventh.
    expect(paths).toEqual(['read', 'search', 'read', 'read', 'read', 'read', 'read']);
  });
});

/** The most arrivals in any rolling window (t - windowMs, t], as HubSpot counts them. */
function busiestWindow(arrivals: number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let busiest = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while ((sorted[start] as number) <= (sorted[end] as number) - windowMs) start++;
    busiest = Math.max(busiest, end - start + 1);
  }
  return busiest;
}
