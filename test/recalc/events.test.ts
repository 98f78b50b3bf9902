import { describe, expect, it } from 'vitest';
import { parseWebhookBatch } from '../../src/recalc/events';
import type { WebhookEvent } from '../../src/recalc/events';
import { createEventWindow } from '../../src/recalc/eventWindow';

const change = (objectId: unknown, eventId: unknown = 1) => ({ eventId, subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId, propertyName: 'amount', propertyValue: '5000' });

describe('parseWebhookBatch', () => {
  it.each([
    ['a number', 180584432881, '180584432881'],
    ['a string of digits', '180584432881', '180584432881'],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER, String(Number.MAX_SAFE_INTEGER)],
  ])('takes an object id given as %s', (_, objectId, expected) => {
    const batch = parseWebhookBatch([change(objectId)]);
    expect(batch).toMatchObject({ ok: true, rejected: [], events: [{ objectId: expected }] });
  });

  it.each([
    ['letters', 'abc', '"abc"'],
    ['a negative number', -5, '-5'],
    ['zero', 0, '0'],
    ['a number too large to hold exactly', 1e21, '1e+21'],
    ['a fraction', 12.5, '12.5'],
    ['digits beyond the safe range', '9007199254740993', '"9007199254740993"'],
    ['an exponent in a string', '1e21', '"1e21"'],
    ['leading zeros', '007', '"007"'],
  ])('rejects an object id of %s, naming the value', (_, objectId, shown) => {
    const batch = parseWebhookBatch([change(objectId, 7), change(42, 8)]);
    expect(batch).toEqual({
      ok: true,
      events: [expect.objectContaining({ eventId: '8', objectId: '42' })],
      rejected: [{ index: 0, eventId: '7', problem: `[0].objectId: ${shown} is not a record id (expected a positive whole number such as 12345)` }],
    });
  });

  it('names a malformed event without a usable eventId by its place alone', () => {
    const batch = parseWebhookBatch([change(5, 'x')]);
    expect(batch).toEqual({ ok: true, events: [], rejected: [{ index: 0, problem: '[0].eventId: "x" is not a record id (expected a positive whole number such as 12345)' }] });
  });

  it('keeps events of other subscriptions as events (to ignore), not as malformed', () => {
    const batch = parseWebhookBatch([{ eventId: 3, subscriptionType: 'ticket.propertyChange', objectId: 1 }, { eventId: 4, subscriptionType: 'contact.creation', objectId: 2 }]);
    expect(batch).toMatchObject({ ok: true, rejected: [], events: [{ eventId: '3' }, { eventId: '4' }] });
  });

  it('refuses a body that is not a batch', () => {
    expect(parseWebhookBatch({ eventId: 1 })).toEqual({ ok: false, problem: 'expected a JSON array of HubSpot webhook events' });
    expect(parseWebhookBatch([])).toEqual({ ok: false, problem: 'expected at least one event' });
    expect(parseWebhookBatch(new Array(101).fill(change(1)))).toEqual({ ok: false, problem: 'HubSpot sends at most 100 events per request; got 101' });
  });
});

describe('createEventWindow', () => {
  const event = (overrides: Record<string, unknown> = {}) => {
    const batch = parseWebhookBatch([{ ...change(42, 1), portalId: 9, occurredAt: 1_000, ...overrides }]);
    if (!batch.ok || batch.events.length !== 1) throw new Error('test event is malformed');
    return batch.events[0] as WebhookEvent;
  };

  it('knows an event handled within the window, and a redelivery of it (another attempt number)', () => {
    const window = createEventWindow({ ttlMs: 60_000 });
    window.add([event()], 0);
    expect(window.has(event(), 59_999)).toBe(true);
    expect(window.has(event({ attemptNumber: 3 }), 59_999)).toBe(true);
    expect(window.has(event(), 60_000)).toBe(false);
  });

  it('never takes a different event with the same eventId for a replay', () => {
    const window = createEventWindow();
    window.add([event()], 0);
    expect(window.has(event({ propertyValue: '6000' }), 1)).toBe(false);
    expect(window.has(event({ portalId: 10 }), 1)).toBe(false);
    expect(window.has(event({ objectId: 43 }), 1)).toBe(false);
  });

  it('holds at most maxEvents, forgetting the oldest first', () => {
    const window = createEventWindow({ maxEvents: 3 });
    window.add([1, 2, 3, 4, 5].map((id) => event({ eventId: id })), 0);
    expect(window.size).toBe(3);
    expect([1, 2, 3, 4, 5].map((id) => window.has(event({ eventId: id }), 1))).toEqual([false, false, true, true, true]);
  });
});
