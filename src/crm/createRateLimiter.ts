import type { Clock } from './clock';
import { systemClock } from './clock';

/** Frees the slot: call it once the response has arrived (or the request failed or timed out). */
export type ReleaseSlot = () => void;

export interface AcquireOptions {
  /** Leaves the queue when it aborts: the promise rejects with its reason and no slot is held. */
  signal?: AbortSignal | undefined;
  /**
   * Where the request queues: earlier first, ties in the order asked. Pass when the work started (a
   * retry passes its first try's time), so a retry keeps its place ahead of work that came later.
   * Defaults to now.
   */
  since?: number | undefined;
  /**
   * Goes ahead of every waiter that is not `ahead` (then by `since`): for a request already holding a
   * slot of a tighter limiter of its own (a search, 5 per second), so it holds that slot for at most
   * one interval here instead of behind every request queued before it.
   */
  ahead?: boolean | undefined;
}

export interface RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  /** HubSpot's name for the limit this limiter keeps (`TEN_SECONDLY_ROLLING`, `SECONDLY`), if any. */
  readonly policyName: string | undefined;
  /** Resolves when the request may go; requests are served `ahead` first, then in the order of `since`, then of asking. */
  acquire(options?: AcquireOptions): Promise<ReleaseSlot>;
  /** Runs `task` in a slot and releases the slot when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Grants nothing for `ms` from now (HubSpot's Retry-After when it says the window is used up). */
  holdFor(ms: number): void;
  /** Requests waiting for their turn. */
  readonly waiting: number;
  /** Requests HubSpot may still count in its window: granted, and not yet one window past their response. */
  readonly inWindow: number;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  /** Requests in flight at once; a slot is freed as soon as its request ends (or times out). Default: no cap. */
  maxConcurrent?: number;
  policyName?: string;
  clock?: Clock;
}

/**
 * HubSpot's limits for private apps on Professional/Enterprise: 190 requests per rolling 10 s; search 5
 * per second. At most 20 requests in flight: at HubSpot's usual latencies the pace needs fewer, and
 * requests that hang cannot pile up.
 */
export const HUBSPOT_RATE_LIMIT = { limit: 190, windowMs: 10_000, maxConcurrent: 20, policyName: 'TEN_SECONDLY_ROLLING' } as const;
export const HUBSPOT_SEARCH_RATE_LIMIT = { limit: 5, windowMs: 1_000, policyName: 'SECONDLY' } as const;

/** A grant as HubSpot's window sees it: the request arrives some time before its response comes back. */
interface Grant {
  /** When the response came back (or the request failed or timed out); undefined while in flight. */
  endedAt: number | undefined;
}

interface Waiter {
  ahead: boolean;
  since: number;
  order: number;
  grant: (release: ReleaseSlot) => void;
}

/**
 * A pacing limiter to share between every call that hits one HubSpot account: requests go out evenly
 * spaced, one every `windowMs / limit` (53 ms for 190 per 10 s), first come first served by `since` (those asked `ahead` first).
 * HubSpot counts a request when it arrives, some time after it is sent; so a request counts until one
 * window after its response, and no more than `limit` count at once: whatever the delays, HubSpot
 * never sees more than `limit` in a window. That also lets a timer that fired late be caught up. Letting a window's requests out at
 * once and then blocking for the rest of it would make every caller that comes next wait up to a
 * whole window; spacing them keeps each wait about one interval per request ahead in the queue.
 * A slot counts only while its request is in flight (for `maxConcurrent`), so a request that ends or
 * times out frees it at once.
 */
export function createRateLimiter({ limit, windowMs, maxConcurrent = Infinity, policyName, clock = systemClock }: RateLimiterOptions): RateLimiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`createRateLimiter: limit must be a positive integer; got ${limit}.`);
  if (!(windowMs > 0)) throw new RangeError(`createRateLimiter: windowMs must be positive; got ${windowMs}.`);
  if (!(maxConcurrent >= 1)) throw new RangeError(`createRateLimiter: maxConcurrent must be at least 1; got ${maxConcurrent}.`);
  const interval = windowMs / limit;
  const queue: Waiter[] = [];
  /**
   * The grants HubSpot may still count, oldest first (at most `limit`): a request arrives before its
   * response, so it has left HubSpot's rolling window for sure one window after its response.
   */
  const granted: Grant[] = [];
  let nextAt = -Infinity;
  /** When the grant the pump last slept for was due. */
  let dueAt: number | undefined;
  let heldUntil = -Infinity;
  let inFlight = 0;
  let asked = 0;
  let pumping = false;
  /** Wakes the pump when it waits for a slot to be released. */
  let wake: (() => void) | undefined;

  function release(grant: Grant): ReleaseSlot {
    return () => {
      if (grant.endedAt !== undefined) return;
      grant.endedAt = clock.now();
      inFlight -= 1;
      wake?.();
      void pump();
    };
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        if (inFlight >= maxConcurrent) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        const now = clock.now();
        forgetPast(now);
        if (granted.length >= limit) {
          // Full: the next grant waits for the first response that leaves the window (or for one to come back).
          const soonest = Math.min(...granted.map((grant) => (grant.endedAt ?? Infinity) + windowMs));
          if (soonest === Infinity) await new Promise<void>((resolve) => (wake = resolve));
          else {
            dueAt = soonest;
            await clock.sleep(soonest - now);
          }
          wake = undefined;
          continue;
        }
        const at = Math.max(nextAt, heldUntil);
        if (at > now) {
          dueAt = at;
          await clock.sleep(at - now);
          continue;
        }
        const waiter = queue.shift()!;
        const grant: Grant = { endedAt: undefined };
        granted.push(grant);
        // Paced from when this grant was due, so a timer that fired late costs no throughput (the grants of
        // the window still cap it); a request that found the limiter idle paces from now, so idleness earns no burst.
        nextAt = (dueAt ?? now) + interval;
        dueAt = undefined;
        inFlight += 1;
        waiter.grant(release(grant));
      }
    } finally {
      pumping = false;
    }
  }

  /** Drops the grants HubSpot no longer counts: one window past their response. */
  function forgetPast(now: number): void {
    for (let i = granted.length - 1; i >= 0; i -= 1) {
      const endedAt = granted[i]!.endedAt;
      if (endedAt !== undefined && endedAt <= now - windowMs) granted.splice(i, 1);
    }
  }

  const acquire = ({ signal, since, ahead = false }: AcquireOptions = {}): Promise<ReleaseSlot> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = {
        ahead,
        since: since ?? clock.now(),
        order: asked++,
        grant: (releaseSlot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(releaseSlot);
        },
      };
      const onAbort = () => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Behind every waiter that came earlier (or at the same time and asked first), and every one ahead.
      let index = queue.length;
      while (index > 0 && servedAfter(queue[index - 1]!, waiter)) index -= 1;
      queue.splice(index, 0, waiter);
      void pump();
    });
  };

  return {
    limit,
    windowMs,
    policyName,
    acquire,
    async run(task) {
      const releaseSlot = await acquire();
      try {
        return await task();
      } finally {
        releaseSlot();
      }
    },
    holdFor(ms) {
      heldUntil = Math.max(heldUntil, clock.now() + ms);
    },
    get waiting() {
      return queue.length;
    },
    get inWindow() {
      forgetPast(clock.now());
      return granted.length;
    },
  };
}

/** Whether `queued` waits behind `waiter`: not ahead when it is, or later by `since` (ties: in the order asked). */
function servedAfter(queued: Waiter, waiter: Waiter): boolean {
  return queued.ahead !== waiter.ahead ? waiter.ahead : queued.since > waiter.since;
}
