const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether an answer stamped at `stampedAt` (epoch ms, NaN when there is no readable stamp) is
 * stale at `now`: more than `maxAgeDays` × 24 h old. No stamp or no maximum age: never stale;
 * exactly the maximum age: not yet stale. Shared by both scoring paths so they agree.
 * @example answerStale(Date.parse('2026-08-25T10:00:00Z'), 90, Date.parse('2026-11-23T10:00:00Z')) // false (exactly 90 days)
 */
export function answerStale(stampedAt: number, maxAgeDays: number | undefined, now: number): boolean {
  if (maxAgeDays === undefined || Number.isNaN(stampedAt)) return false;
  return now - stampedAt > maxAgeDays * DAY_MS;
}
