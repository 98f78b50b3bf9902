/**
 * Calendar days in the portal's time zone: a change made at 23:30 in Auckland happened on that
 * day there, though it is the day before in UTC. A zone `Intl` does not know (or none) reads as UTC.
 */
import type { CardLanguage } from '../../hooks/useCardLanguage';

/**
 * The day of a moment in the portal's time zone, in the rep's language (medium style).
 * @example portalDay('2026-11-04T12:00:00Z', { intl: 'en', timeZone: 'Pacific/Auckland' }) // 'Nov 5, 2026'
 */
export function portalDay(at: string | Date, { intl, timeZone }: Pick<CardLanguage, 'intl' | 'timeZone'>): string {
  const moment = typeof at === 'string' ? new Date(at) : at;
  return inZone(timeZone, (zone) => new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: zone })).format(moment);
}

/**
 * The date it is at `now` in the portal's time zone, as YYYY-MM-DD.
 * @example portalToday(new Date('2026-11-23T20:00:00Z'), 'Pacific/Auckland') // '2026-11-24'
 */
export function portalToday(now: Date, timeZone: string | null): string {
  const parts = inZone(timeZone, (zone) => new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function inZone(timeZone: string | null, make: (zone: string) => Intl.DateTimeFormat): Intl.DateTimeFormat {
  try {
    return make(timeZone || 'UTC');
  } catch {
    return make('UTC');
  }
}
