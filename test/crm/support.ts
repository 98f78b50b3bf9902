import { createCrmClient } from '../../src/crm';
import type { CrmClientOptions } from '../../src/crm';
import { DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import { BASE_URL } from '../portal/support';

export { BASE_URL, usePortalServer } from '../portal/support';

/** Time that only moves when the code under test sleeps; records every sleep. */
export function createVirtualClock(start = Date.UTC(2026, 10, 23, 9)) {
  let now = start;
  const sleeps: number[] = [];
  return {
    start,
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += Math.max(0, ms);
    },
    elapsed: () => now - start,
  };
}

/**
 * Time that moves only when everything else waits: each sleep ends on a later turn of the event loop,
 * at its own time, earliest first, so work a limiter grants runs at the time it was granted.
 */
export function createSteppedClock(start = Date.UTC(2026, 10, 23, 9)) {
  let now = start;
  const timers: Array<{ at: number; wake: () => void }> = [];
  let ticking = false;
  const tick = () => {
    timers.sort((a, b) => a.at - b.at);
    const next = timers.shift();
    if (next) {
      now = Math.max(now, next.at);
      next.wake();
    }
    if (timers.length > 0) setImmediate(tick);
    else ticking = false;
  };
  return {
    start,
    now: () => now,
    sleep: (ms: number) => new Promise<void>((wake) => {
      timers.push({ at: now + Math.max(0, ms), wake });
      if (!ticking) {
        ticking = true;
        setImmediate(tick);
      }
    }),
    elapsed: () => now - start,
  };
}

export function clientFor(options: Partial<CrmClientOptions> = {}) {
  return createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: BASE_URL, ...options });
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
