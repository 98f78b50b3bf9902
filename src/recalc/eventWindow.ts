import type { WebhookEvent } from './events';

/** The events a process handled lately, to answer replays without calling HubSpot. */
export interface EventWindow {
  /** True when this very event was handled within the window. */
  has(event: WebhookEvent, now: number): boolean;
  /** Records events whose recalculation succeeded. */
  add(events: readonly WebhookEvent[], now: number): void;
  readonly size: number;
}

export interface EventWindowOptions {
  /** How long a handled event is remembered (default 10 minutes: a signed request is refused after 5). */
  ttlMs?: number;
  /** The most events remembered; the oldest are forgotten first (default 100,000, about 20 MB). */
  maxEvents?: number;
}

/**
 * A bounded memory of handled events, in this process only. HubSpot redelivers an event it did not
 * get a 200 for, and anyone holding a captured request can replay it while its signature is fresh
 * (5 minutes): an event recalculated successfully within the window needs no second recalculation,
 * because its contacts were read after it happened. The key is the event's whole identity (account,
 * eventId, subscription, objects, property, value, time), not `eventId` alone, which HubSpot does not
 * promise to be unique: a different event can never be mistaken for a replay.
 *
 * @example
 * const window = createEventWindow();
 * if (!window.has(event, Date.now())) … recalculate, then window.add([event], Date.now());
 */
export function createEventWindow({ ttlMs = 10 * 60_000, maxEvents = 100_000 }: EventWindowOptions = {}): EventWindow {
  /** Key → when it was handled; a Map keeps insertion order, so the oldest come first. */
  const handled = new Map<string, number>();
  const forgetOld = (now: number) => {
    for (const [key, at] of handled) {
      if (at > now - ttlMs && handled.size <= maxEvents) break;
      handled.delete(key);
    }
  };
  return {
    has(event, now) {
      const at = handled.get(eventKey(event));
      return at !== undefined && at > now - ttlMs;
    },
    add(events, now) {
      for (const event of events) {
        const key = eventKey(event);
        handled.delete(key);
        handled.set(key, now);
      }
      forgetOld(now);
    },
    get size() {
      return handled.size;
    },
  };
}

function eventKey(event: WebhookEvent): string {
  const { portalId, eventId, subscriptionType, objectId, propertyName, propertyValue, fromObjectId, toObjectId, associationType, associationRemoved, occurredAt } =
    event as Record<string, unknown>;
  return JSON.stringify([portalId, eventId, subscriptionType, objectId, propertyName, propertyValue, fromObjectId, toObjectId, associationType, associationRemoved, occurredAt]);
}
