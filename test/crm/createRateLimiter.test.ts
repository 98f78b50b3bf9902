import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/crm';
import { clientFor, createVirtualClock, usePortalServer } from './support';

const usePortal = usePortalServer();

describe('createRateLimiter', () => {
  it('lets `limit` calls through per window and holds the next until the oldest leaves the window', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ limit: 3, windowMs: 1_000, clock });

    const grantedAt: number[] = [];
    for (let i = 0; i < 7; i++) {
      const release = await limiter.acquire();
      grantedAt.push(clock.elapsed());
      release();
    }

    expect(grantedAt).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
  });

  it('serves concurrent callers in the order they asked', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 500, clock });

    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((caller) => limiter.run(async () => order.push(caller))));

    expect(order).toEqual([0, 1, 2, 3, 4]);
    // Five callers, two per half second: the fifth cannot start before 1 s.
    expect(clock.elapsed()).toBeGreaterThanOrEqual(1_000);
  });

  it('keeps a slot taken while its request is in flight, and for a window after the response', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, clock });
    const releaseFirst = await limiter.acquire();
    let secondGranted = false;
    const second = limiter.acquire().then((release) => {
      secondGranted = true;
      return release;
    });

    await clock.sleep(5_000);
    await Promise.resolve();
    expect(secondGranted).toBe(false);
    releaseFirst();
    (await second)();

    // Released at 5 s, so the next request may go at 6 s, however long the first one took.
    expect(clock.elapsed()).toBe(6_000);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1_000 })).toThrow(/limit must be a positive integer/);
  });
});

describe('a shared limiter against the portal', () => {
  it("keeps a burst of 250 concurrent reads inside the portal's 190 per 10 s", async () => {
    const clock = createVirtualClock();
    const portal = usePortal({ now: clock.now });
    const ids = Array.from({ length: 250 }, (_, index) => portal.createContact({ email: `c${index}@example.com` }).id);
    const limiter = createRateLimiter({ limit: 190, windowMs: 10_000, clock });
    const client = clientFor({ clock, limiter, retry: { maxAttempts: 1 } });

    await Promise.all(ids.map((id) => client.readContacts([id], ['email'])));

    expect(portal.requests).toHaveLength(250);
    expect(portal.requests.filter((request) => request.status !== 200)).toEqual([]);
    expect(busiestWindow(portal.requests.map((request) => request.time), 10_000)).toBe(190);
    // At least two windows: 190, then 60.
    expect(clock.elapsed()).toBeGreaterThanOrEqual(10_000);
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

  it('holds search calls to the 5 per second search limit on top of the request limit', async () => {
    const clock = createVirtualClock();
    const portal = usePortal({ now: clock.now });
    portal.createContact({ email: 'ann@example.com' });
    const client = clientFor({
      clock,
      retry: { maxAttempts: 1 },
      limiter: {
        requests: createRateLimiter({ limit: 190, windowMs: 10_000, clock }),
        search: createRateLimiter({ limit: 5, windowMs: 1_000, clock }),
      },
    });

    await Promise.all(Array.from({ length: 12 }, () => client.searchContacts({ properties: ['email'] })));

    expect(portal.requests.map((request) => request.status)).toEqual(new Array(12).fill(200));
    expect(busiestWindow(portal.requests.map((request) => request.time), 1_000)).toBe(5);
    expect(clock.elapsed()).toBeGreaterThanOrEqual(2_000);
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
