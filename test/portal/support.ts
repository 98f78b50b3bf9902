import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { PortalOptions } from '../../src/portal';

/** In-process base URL: msw answers it, nothing listens there. */
export const BASE_URL = 'http://127.0.0.1:4010';

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

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // Tests read whatever HubSpot's JSON holds.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A raw HTTP call, to check the wire format itself (status, headers, exact bodies). */
export async function api(method: string, path: string, body?: unknown, token: string | null = DEFAULT_PORTAL_TOKEN): Promise<ApiAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${BASE_URL}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}
