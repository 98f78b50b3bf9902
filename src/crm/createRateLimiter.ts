import type { Clock } from './clock';
import { systemClock } from './clock';

/** Frees the slot: call it once the response has arrived (or the request failed). */
export type ReleaseSlot = () => void;

export interface RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  /**
   * Resolves when one more request fits; callers are served first come, first served. Rejects with
   * the signal's reason if `signal` aborts first (the caller then holds no slot).
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot>;
  /** Runs `task` in a slot and releases the slot when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  clock?: Clock;
}

/** HubSpot's limits for private apps on Professional/Enterprise: 190 requests per rolling 10 s; search 5 per second. */
export const HUBSPOT_RATE_LIMIT = { limit: 190, windowMs: 10_000 } as const;
export const HUBSPOT_SEARCH_RATE_LIMIT = { limit: 5, windowMs: 1_000 } as const;

interface Slot {
  /** When the response came back; undefined while the request is in flight. */
  releasedAt: number | undefined;
}

/**
 * A rolling-window limiter to share between every call that hits one HubSpot account, so a
 * backfill stays inside the account's limit by design instead of by retrying 429s.
 *
 * HubSpot counts a request when it arrives, which is some time after we send it. A slot is therefore
 * held from the grant until the response is back plus one window: any requests HubSpot can see in one
 * window all held their slots at once, so they can never be more than `limit`, whatever the latency.
 */
export function createRateLimiter({ limit, windowMs, clock = systemClock }: RateLimiterOptions): RateLimiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`createRateLimiter: limit must be a positive integer; got ${limit}.`);
  if (!(windowMs > 0)) throw new RangeError(`createRateLimiter: windowMs must be positive; got ${windowMs}.`);
  const held = new Set<Slot>();
  let queue: Promise<unknown> = Promise.resolve();
  let released: () => void = () => undefined;

  async function waitForSlot(): Promise<ReleaseSlot> {
    for (;;) {
      const now = clock.now();
      let soonest = Infinity;
      for (const slot of held) {
        if (slot.releasedAt === undefined) continue;
        if (slot.releasedAt + windowMs <= now) held.delete(slot);
        else soonest = Math.min(soonest, slot.releasedAt + windowMs);
      }
      if (held.size < limit) {
        const slot: Slot = { releasedAt: undefined };
        held.add(slot);
        return () => {
          if (slot.releasedAt !== undefined) return;
          slot.releasedAt = clock.now();
          released();
        };
      }
      // Every slot is in flight: wait for a response. Otherwise wait for the oldest released slot to expire;
      // a slot still in flight can only expire later than that.
      if (soonest === Infinity) await new Promise<void>((resolve) => (released = resolve));
      else await clock.sleep(soonest - now);
    }
  }

  const acquire = (signal?: AbortSignal): Promise<ReleaseSlot> => {
    const turn = queue.then(waitForSlot);
    queue = turn.catch(() => undefined);
    if (!signal) return turn;
    if (signal.aborted) {
      void turn.then((release) => release());
      return Promise.reject(signal.reason);
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      void turn.then((release) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) release();
        else resolve(release);
      });
    });
  };

  return {
    limit,
    windowMs,
    acquire,
    async run(task) {
      const release = await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
