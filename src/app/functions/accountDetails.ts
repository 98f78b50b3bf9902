/**
 * The portal's company currency, other currencies and time zone (HubSpot's account-info API), read
 * once per portal and kept while the function stays warm: a card open pays that request only the
 * first time in an hour.
 */
import { CrmError } from '../../crm';
import type { CrmClient } from '../../crm';
import { createPortalCache } from './portalCache';
import type { PortalCache } from './portalCache';

export interface AccountDetails {
  /** ISO 4217, e.g. "EUR"; null when HubSpot could not say. */
  currency: string | null;
  /** An IANA time zone, e.g. "Europe/Helsinki"; null when unknown. */
  timeZone: string | null;
}

export type AccountCache = PortalCache<AccountDetails>;

/** Details kept per portal for `ttlMs` (an hour by default: a changed company currency shows within it). */
export function createAccountCache(ttlMs = 60 * 60 * 1000): AccountCache {
  return createPortalCache(ttlMs);
}

const UNKNOWN: AccountDetails = { currency: null, timeZone: null };

/**
 * The account's details from the cache, else from HubSpot (one request). A failed read does not
 * fail the card: amounts show without a currency, and the next open tries again.
 * @example await accountDetails(crm, cache, 123, now) // { currency: 'EUR', timeZone: 'Europe/Helsinki' }
 */
export async function accountDetails(crm: Pick<CrmClient, 'getAccountInfo'>, cache: AccountCache, portalId: number, now: Date): Promise<AccountDetails> {
  const cached = cache.get(portalId, now);
  if (cached) return cached;
  try {
    const info = await crm.getAccountInfo();
    const details = { currency: info.companyCurrency || null, timeZone: info.timeZone || null };
    cache.set(portalId, details, now);
    return details;
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    console.error(`bant_card_api could not read the account's currency: ${error.message}`);
    return UNKNOWN;
  }
}
