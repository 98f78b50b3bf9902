import { readDate, readNumber } from './parseRaw';
import type { DealPolicy, DealRecord } from './types';

/**
 * Picks the one deal whose properties feed deal sources: among open deals (`hs_is_closed` is not
 * "true"), the newest (`createdate` desc, then id desc) by default; the largest amount or the
 * soonest close date under the other policies (ties broken the same way). Null when none is open.
 * One pass over the deals, each date and amount read once.
 * @example selectDeal([{ id: '1', properties: { hs_is_closed: 'true' } }], 'newest_open') // null
 */
export function selectDeal(deals: readonly DealRecord[], policy: DealPolicy): DealRecord | null {
  let best: DealRecord | null = null;
  let bestPreference = 0;
  let bestCreated = 0;
  for (const deal of deals) {
    if ((deal.properties.hs_is_closed ?? '').trim().toLowerCase() === 'true') continue;
    const preference = preferenceOf(deal, policy);
    const created = timeOf(deal.properties.createdate, -Infinity);
    const better = best === null || preference > bestPreference ||
      (preference === bestPreference && (created > bestCreated || (created === bestCreated && compareIds(deal.id, best.id) > 0)));
    if (better) {
      best = deal;
      bestPreference = preference;
      bestCreated = created;
    }
  }
  return best;
}

/** Higher is preferred: the amount (largest_open), the close date reversed (soonest_closing_open), or none. */
function preferenceOf(deal: DealRecord, policy: DealPolicy): number {
  if (policy === 'largest_open') return numberOf(deal.properties.amount, -Infinity);
  if (policy === 'soonest_closing_open') return -timeOf(deal.properties.closedate, Infinity);
  return 0;
}

function timeOf(raw: string | null | undefined, fallback: number): number {
  if (!raw) return fallback;
  const time = readDate(raw);
  return Number.isNaN(time) ? fallback : time;
}

function numberOf(raw: string | null | undefined, fallback: number): number {
  if (!raw) return fallback;
  const value = readNumber(raw);
  return Number.isNaN(value) ? fallback : value;
}

/** HubSpot ids are numeric strings: compare them as integers, not as text. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const diff = BigInt(a) - BigInt(b);
    return diff === 0n ? 0 : diff > 0n ? 1 : -1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
