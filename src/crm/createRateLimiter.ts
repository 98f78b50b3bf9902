import type { Clock } from './clock';
import { systemClock } from './clock';

export interface RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  /** Resolves when one more request fits in the rolling window; callers are served first come, first served. */
  acquire(): Promise<void>;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  clock?: Clock;
}

/** HubSpot's limits for private apps on Professional/Enterprise: 190 requests per rolling 10 s; search 5 per second. */
export const HUBSPOT_RATE_LIMIT = { limit: 190, windowMs: 10_000 } as const;
export const HUBSPOT_SEARCH_RATE_LIMIT = { limit: 5, windowMs: 1_000 } as const;

/**
 * A rolling-window limiter to share between every call that hits one HubSpot account, so a
 * backfill stays inside the account's limit by design instead of by retrying 429s.
 */
export function createRateLimiter({ limit, windowMs, clock = systemClock }: RateLimiterOptions): RateLimiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`createRateLimiter: limit must be a positive integer; got ${limit}.`);
  if (!(windowMs > 0)) throw new RangeError(`createRateLimiter: windowMs must be positive; got ${windowMs}.`);
  const granted: number[] = [];
  let queue: Promise<void> = Promise.resolve();

  async function waitForRoom(): Promise<void> {
    for (;;) {
      const now = clock.now();
      while (granted.length > 0 && (granted[0] as number) <= now - windowMs) granted.shift();
      if (granted.length < limit) {
        granted.push(now);
        return;
      }
      await clock.sleep((granted[0] as number) + windowMs - now);
    }
  }

  return {
    limit,
    windowMs,
    acquire() {
      const turn = queue.then(waitForRoom);
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
