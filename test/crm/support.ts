import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createCrmClient } from '../../src/crm';
import type { CrmClientOptions } from '../../src/crm';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { PortalOptions } from '../../src/portal';

/** In-process base URL: msw answers it, nothing listens there. */
export const BASE_URL = 'http://127.0.0.1:4010';

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

/** msw with the portal's handlers for each test; any request they do not answer fails the test. */
export function usePortalServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return (options: PortalOptions = {}) => {
    const portal = createPortal(options);
    server.use(...portal.handlers(BASE_URL));
    return portal;
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
