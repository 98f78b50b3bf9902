/** A rolling window: how HubSpot counts requests per ten seconds (and search requests per second). */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
  /** Counts the request if the window has room; otherwise says how long until it has. */
  take(now: number): { ok: true; remaining: number } | { ok: false; retryAfterMs: number };
  remaining(now: number): number;
}

export function createRateWindow(limit: number, windowMs: number): RateWindow {
  const hits: number[] = [];
  const prune = (now: number) => {
    while (hits.length > 0 && (hits[0] as number) <= now - windowMs) hits.shift();
  };
  return {
    limit,
    windowMs,
    take(now) {
      prune(now);
      if (hits.length >= limit) return { ok: false, retryAfterMs: (hits[0] as number) + windowMs - now };
      hits.push(now);
      return { ok: true, remaining: limit - hits.length };
    },
    remaining(now) {
      prune(now);
      return Math.max(0, limit - hits.length);
    },
  };
}
