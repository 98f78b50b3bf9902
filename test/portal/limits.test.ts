import { describe, expect, it } from 'vitest';
import { api, usePortalServer } from './support';

const usePortal = usePortalServer();
const LIST = '/crm/v3/objects/contacts?limit=1';

function manualClock(start = Date.UTC(2026, 10, 23, 9)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function repeat(times: number, call: () => Promise<{ status: number }>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await call()).status);
  return statuses;
}

/** Sends `times` requests at once: quicker through msw, for setup where arrival order does not matter. */
async function burst(times: number, call: () => Promise<{ status: number }>): Promise<number[]> {
  return (await Promise.all(Array.from({ length: times }, call))).map((answer) => answer.status);
}

describe('the ten-second rate limit', () => {
  it("answers the 191st request in ten seconds with HubSpot's 429 body and headers", async () => {
    const clock = manualClock();
    usePortal({ now: clock.now });

    const first = await api('GET', LIST);
    const statuses = await burst(188, () => api('GET', LIST));
    const hundredNinetieth = await api('GET', LIST);
    const refused = await api('GET', LIST);

    expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('189');
    expect(statuses).toEqual(new Array(188).fill(200));
    expect(hundredNinetieth.status).toBe(200);
    expect(hundredNinetieth.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName: 'publicapi:private-app',
      category: 'RATE_LIMITS',
    });
    const limitHeaders: Record<string, string> = {};
    refused.headers.forEach((value, name) => {
      if (name.startsWith('x-hubspot') || name === 'retry-after') limitHeaders[name] = value;
    });
    expect(limitHeaders).toEqual({
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-remaining': '0',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'retry-after': '10',
    });
  });

  it('rolls the window: requests leave it ten seconds after they arrived', async () => {
    const clock = manualClock();
    usePortal({ now: clock.now });

    await burst(100, () => api('GET', LIST));
    clock.advance(5_000);
    await burst(90, () => api('GET', LIST));
    const stillFull = await api('GET', LIST);
    clock.advance(5_000);
    const afterFirstHundredLeft = await burst(100, () => api('GET', LIST));
    const fullAgain = await api('GET', LIST);

    expect(stillFull.status).toBe(429);
    expect(stillFull.headers.get('retry-after')).toBe('5');
    expect(afterFirstHundredLeft).toEqual(new Array(100).fill(200));
    expect(fullAgain.status).toBe(429);
  });

  it('holds search to five requests a second with the SECONDLY policy', async () => {
    const clock = manualClock();
    usePortal({ now: clock.now });
    const search = () => api('POST', '/crm/v3/objects/contacts/search', { limit: 1 });

    const allowed = await repeat(5, search);
    const refused = await search();
    clock.advance(1_000);
    const next = await search();

    expect(allowed).toEqual([200, 200, 200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'SECONDLY', message: 'You have reached your secondly limit.' });
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(next.status).toBe(200);
  });

  it('never answers 429 with the rate limit turned off', async () => {
    usePortal({ rateLimit: false });

    const statuses = await burst(200, () => api('GET', LIST));

    expect(statuses).toEqual(new Array(200).fill(200));
  });
});

describe('authentication', () => {
  it("answers a request without the bearer token with HubSpot's 401 body", async () => {
    const portal = usePortal();

    const missing = await api('GET', LIST, undefined, null);
    const wrong = await api('GET', LIST, undefined, 'another-token');

    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      status: 'error',
      message: expect.stringMatching(/^Authentication credentials not found\./),
      correlationId: expect.any(String),
      category: 'INVALID_AUTHENTICATION',
    });
    expect(wrong.status).toBe(401);
    expect(portal.requests.map((request) => request.status)).toEqual([401, 401]);
  });

  it('accepts a custom token and, with token false, none at all', async () => {
    usePortal({ token: 'pat-na1-custom' });
    expect((await api('GET', LIST, undefined, 'pat-na1-custom')).status).toBe(200);

    usePortal({ token: false });
    expect((await api('GET', LIST, undefined, null)).status).toBe(200);
  });
});

describe('faults', () => {
  it('fails exactly the next N requests to a path, then serves normally', async () => {
    const portal = usePortal();
    portal.failNext({ path: '/crm/v3/objects/contacts', method: 'GET', count: 2, status: 503 });

    const statuses = await repeat(3, () => api('GET', LIST));
    const otherPath = await api('GET', '/crm/v3/objects/deals?limit=1');

    expect(statuses).toEqual([503, 503, 200]);
    expect(otherPath.status).toBe(200);
  });

  it('matches failNext paths by regular expression and sends the Retry-After asked for', async () => {
    const portal = usePortal();
    portal.failNext({ path: /\/batch\/read$/, status: 429, retryAfterSeconds: 3 });

    const answer = await api('POST', '/crm/v3/objects/deals/batch/read', { inputs: [] });

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(answer.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
  });

  it('injects the same random faults for the same seed and others for another seed', async () => {
    const run = async (seed: number) => {
      usePortal({ rateLimit: false, faults: { rate500: 0.3, rate429: 0.1, seed } });
      return repeat(40, () => api('GET', LIST));
    };

    const first = await run(42);
    const again = await run(42);
    const other = await run(7);

    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const failures = first.filter((status) => status !== 200).length;
    // About 37% fail (0.1 + 0.9 × 0.3), so about 15 of 40: far from none and far from all.
    expect(failures).toBeGreaterThan(6);
    expect(failures).toBeLessThan(26);
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
  });

  it('delays every answer by delayMs', async () => {
    usePortal({ faults: { delayMs: 40 } });

    const started = performance.now();
    await api('GET', LIST);

    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
  });
});

describe('routes and the request log', () => {
  it('answers an unknown route with a HubSpot-style 404', async () => {
    usePortal();

    const answer = await api('GET', '/crm/v3/objects/contacts/1/nonsense');

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', correlationId: expect.any(String) });
    expect(answer.body.message).toContain('GET /crm/v3/objects/contacts/1/nonsense');
  });

  it('logs method, path, query, parsed body, status and time, and clears the log', async () => {
    const clock = manualClock();
    const portal = usePortal({ now: clock.now });

    await api('GET', '/crm/v3/objects/contacts?limit=2&properties=email&properties=firstname');
    await api('POST', '/crm/v3/objects/contacts/batch/read', { inputs: [{ id: '1' }] });

    expect([...portal.requests]).toEqual([
      { method: 'GET', path: '/crm/v3/objects/contacts', query: { limit: '2', properties: ['email', 'firstname'] }, body: undefined, status: 200, time: clock.now() },
      { method: 'POST', path: '/crm/v3/objects/contacts/batch/read', query: {}, body: { inputs: [{ id: '1' }] }, status: 207, time: clock.now() },
    ]);
    portal.requests.clear();
    expect(portal.requests).toHaveLength(0);
  });

  it('answers malformed JSON with a 400 VALIDATION_ERROR', async () => {
    usePortal();

    const response = await fetch('http://127.0.0.1:4010/crm/v3/objects/contacts/batch/read', {
      method: 'POST', headers: { authorization: 'Bearer local-portal-token', 'content-type': 'application/json' }, body: '{"inputs": [',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', message: expect.stringMatching(/^Invalid input JSON/) });
  });
});
