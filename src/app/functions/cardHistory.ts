/**
 * The card's history section from HubSpot's property history, which rides on the reads the card
 * already makes: the score over time and the last changes in words-to-be (src/history), with the
 * names of the people they mention (the owners API, one request, kept while the function is warm).
 */
import { ANSWERED_BY, OVERRIDE_BY } from '../../engine';
import type { Model, RawProperties } from '../../engine';
import { buildTimeline } from '../../history';
import type { LeadHistory, PropertyHistory } from '../../history';
import { CrmError } from '../../crm';
import type { CrmClient } from '../../crm';
import { historyProperties, readUserNames } from '../../recalc/readLeadHistory';
import type { CardHistory } from '../cards/lib/cardApi';
import type { ContactSnapshot } from './readContact';
import { createPortalCache } from './portalCache';
import type { PortalCache } from './portalCache';

/** HubSpot requests one card call may make (issue 10): the names are read only within it. */
export const CARD_REQUEST_BUDGET = 10;

/** The changes the card lists; older ones are counted (the contact's property history keeps them all). */
export const CARD_HISTORY_CHANGES = 8;
/** The score points the chart draws: the latest ones. */
export const CARD_HISTORY_POINTS = 60;

/**
 * The history the card shows, without names: the latest score points, the last changes, and the
 * user ids to name (those the changes mention, who answered last, who set the override). Pure.
 * @example cardTimeline(model, history, contact).changes.length // ≤ 8
 */
export function cardTimeline(model: Model, history: LeadHistory, contact: RawProperties): { history: Omit<CardHistory, 'users'>; userIds: string[] } {
  const timeline = buildTimeline(model, history);
  const stamped = [contact[ANSWERED_BY], contact[OVERRIDE_BY]].filter((id): id is string => typeof id === 'string' && /^\d+$/.test(id));
  return {
    history: {
      scores: timeline.scores.slice(-CARD_HISTORY_POINTS),
      changes: timeline.changes.slice(0, CARD_HISTORY_CHANGES),
      older: Math.max(0, timeline.changes.length - CARD_HISTORY_CHANGES),
    },
    userIds: [...new Set([...timeline.userIds, ...stamped])],
  };
}

export type UserNamesCache = PortalCache<Map<string, string>>;

/** The account's user names, kept per portal for `ttlMs` (10 minutes: a new rep is named within it). */
export function createUserNamesCache(ttlMs = 10 * 60 * 1000): UserNamesCache {
  return createPortalCache(ttlMs);
}

/**
 * Names for user ids: from the cache when every id is in it, else one owners page (the optional
 * `crm.objects.owners.read` scope; refused, nobody is named and the card says "a user"). No ids, no
 * request; no request either when `canRead` says the call has no request left (the names cached so
 * far are used, the next open reads them).
 */
export async function userNames(
  crm: Pick<CrmClient, 'listOwners'>, userIds: string[], cache: UserNamesCache | undefined, portalId: number, now: Date, canRead: () => boolean = () => true,
): Promise<Record<string, string>> {
  if (userIds.length === 0) return {};
  const cached = cache?.get(portalId, now);
  if (cached && userIds.every((id) => cached.has(id))) return pick(cached, userIds);
  if (!canRead()) return cached ? pick(cached, userIds) : {};
  const read = await readUserNames(crm, userIds);
  // An id HubSpot does not name (a deactivated user) is remembered as unnamed, so it costs no request next time.
  const names = new Map([...(cached ?? []), ...userIds.map((id): [string, string] => [id, read.get(id) ?? '']), ...read]);
  cache?.set(portalId, names, now);
  return pick(names, userIds);
}

function pick(names: Map<string, string>, userIds: string[]): Record<string, string> {
  return Object.fromEntries(userIds.flatMap((id) => (names.get(id) ? [[id, names.get(id) as string]] : [])));
}

/** Where the card says its own write came from until HubSpot's history has it: the app, writing its outputs. */
const JUST_WRITTEN = { sourceType: 'INTEGRATION', sourceId: 'bant-card' } as const;

/**
 * The contact's history with a write the function just made added as HubSpot will record it (the
 * properties whose history is read, at `now`, by the app), so the card shows its own save at once
 * without reading the history again. Pure.
 */
export function withWrite(history: PropertyHistory, tracked: readonly string[], written: Record<string, string>, now: Date): PropertyHistory {
  const next: PropertyHistory = { ...history };
  for (const [property, value] of Object.entries(written)) {
    if (!tracked.includes(property)) continue;
    next[property] = [{ value, timestamp: now.toISOString(), ...JUST_WRITTEN }, ...(history[property] ?? [])];
  }
  return next;
}

/**
 * The history section for a snapshot (and the write just made from it): no request of its own but
 * the names, one owners page when the cache does not have them and the call is within its budget
 * of 10 requests. A failure to name people does not fail the card: the history shows "a user".
 */
export async function cardHistoryFor(
  crm: Pick<CrmClient, 'listOwners'>, model: Model, snapshot: ContactSnapshot, written: Record<string, string>, now: Date,
  names: { cache: UserNamesCache | undefined; portalId: number; /** HubSpot requests this call has made so far. */ spent: () => number },
): Promise<CardHistory> {
  const contact = { ...snapshot.contact, ...written };
  const history: LeadHistory = {
    contact: withWrite(snapshot.record.history, historyProperties(model).contact, written, now),
    deals: snapshot.deals.map((deal) => ({ id: deal.id, name: deal.properties.dealname ?? null, history: snapshot.histories.deals.get(deal.id) ?? {} })),
    company: snapshot.histories.company,
  };
  const { history: timeline, userIds } = cardTimeline(model, history, contact);
  let users: Record<string, string> = {};
  try {
    users = await userNames(crm, userIds, names.cache, names.portalId, now, () => names.spent() < CARD_REQUEST_BUDGET);
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    console.error(`bant_card_api could not read the users' names: ${error.message}`);
  }
  return { ...timeline, users };
}
