import { parseDate, parseNumber } from './parseRaw';
import type { DealPolicy, DealRecord } from './types';

/**
 * Picks the one deal whose properties feed deal sources: among open deals (`hs_is_closed` is not
 * "true"), the newest (`createdate` desc, then id desc) by default; the largest amount or the
 * soonest close date under the other policies (ties broken the same way). Null when none is open.
 * @example selectDeal([{ id: '1', properties: { hs_is_closed: 'true' } }], 'newest_open') // null
 */
export function selectDeal(deals: readonly DealRecord[], policy: DealPolicy): DealRecord | null {
  const open = deals.filter((deal) => (deal.properties.hs_is_closed ?? '').trim().toLowerCase() !== 'true');
  if (open.length === 0) return null;
  const sorted = [...open].sort((a, b) => {
    if (policy === 'largest_open') {
      const byAmount = numberOf(b.properties.amount, -Infinity) - numberOf(a.properties.amount, -Infinity);
      if (byAmount !== 0 && !Number.isNaN(byAmount)) return byAmount;
    } else if (policy === 'soonest_closing_open') {
      const byClose = timeOf(a.properties.closedate, Infinity) - timeOf(b.properties.closedate, Infinity);
      if (byClose !== 0 && !Number.isNaN(byClose)) return byClose;
    }
    const byCreated = timeOf(b.properties.createdate, -Infinity) - timeOf(a.properties.createdate, -Infinity);
    if (byCreated !== 0 && !Number.isNaN(byCreated)) return byCreated;
    return compareIds(b.id, a.id);
  });
  return sorted[0] ?? null;
}

function timeOf(raw: string | null | undefined, fallback: number): number {
  if (!raw) return fallback;
  const parsed = parseDate(raw);
  return parsed.ok ? parsed.value.getTime() : fallback;
}

function numberOf(raw: string | null | undefined, fallback: number): number {
  if (!raw) return fallback;
  const parsed = parseNumber(raw);
  return parsed.ok ? parsed.value : fallback;
}

/** HubSpot ids are numeric strings: compare them as integers, not as text. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const diff = BigInt(a) - BigInt(b);
    return diff === 0n ? 0 : diff > 0n ? 1 : -1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
