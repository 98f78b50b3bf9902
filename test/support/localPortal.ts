import { afterEach, beforeEach } from 'vitest';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../../src/portal';
import type { Portal, RunningPortal } from '../../src/portal';

/**
 * A fresh local portal on 127.0.0.1 for each test, reached over real HTTP through the real CRM
 * adapter; `env()` points a command at it.
 */
export function useLocalPortal() {
  let running: RunningPortal | undefined;
  beforeEach(async () => {
    running = await startPortal({ rateLimit: false });
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  const current = () => {
    if (!running) throw new Error('the local portal is not running');
    return running;
  };
  return {
    portal: (): Portal => current().portal,
    url: () => current().url,
    env: (): NodeJS.ProcessEnv => ({ PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: current().url }),
    /** Every request the portal answered, as "METHOD /path". */
    requests: () => current().portal.requests.map((r) => `${r.method} ${r.path}`),
  };
}

/** The URL of a port nothing listens on any more. */
export async function closedPortUrl(): Promise<string> {
  const running = await startPortal({ rateLimit: false });
  await running.close();
  return running.url;
}
