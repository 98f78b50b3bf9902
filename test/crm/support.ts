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
