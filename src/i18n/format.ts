/**
 * Numbers, money, dates and lists as the user's language writes them, with `Intl` only. Amounts are
 * formatted from HubSpot's raw decimal strings, so "0.1" or a 25-digit amount shows exactly as stored.
 */

export interface Formatter {
  /** "100000" → "100,000" (en), "100 000" (fi); unreadable text comes back as it is. */
  number(raw: string | number): string;
  /** "100000", "EUR" → "€100,000"; cents only when there are any. No or a bad currency: a plain number. */
  money(raw: string | number, currency?: string | null): string;
  /** A calendar date (HubSpot stores dates at midnight UTC) in the language's medium style. */
  date(date: Date): string;
  /** A moment in a time zone (an IANA name, e.g. the portal's), with the zone named. */
  dateTime(date: Date, timeZone?: string | null): string;
  /** "3 hours ago", "yesterday", "in 2 days": the largest unit that fits. */
  relative(date: Date, now: Date): string;
  /** "Budget and Timeline" (conjunction) or "Director or Manager" (disjunction). */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * The formatter for an `Intl` locale tag (see `resolveLocale`).
 * @example createFormatter('fi').money('100000.5', 'EUR') // '100 000,50 €'
 */
export function createFormatter(intl: string): Formatter {
  const plain = new Intl.NumberFormat(intl, { maximumFractionDigits: 20 });
  const lists = {
    conjunction: new Intl.ListFormat(intl, { type: 'conjunction' }),
    disjunction: new Intl.ListFormat(intl, { type: 'disjunction' }),
  };
  const relative = new Intl.RelativeTimeFormat(intl, { numeric: 'auto' });
  const money = new Map<string, Intl.NumberFormat | null>();

  const currencyFormat = (currency: string, fractionDigits: number): Intl.NumberFormat | null => {
    const cacheKey = `${currency}:${fractionDigits}`;
    if (!money.has(cacheKey)) {
      try {
        const base = new Intl.NumberFormat(intl, { style: 'currency', currency });
        const digits = base.resolvedOptions().maximumFractionDigits ?? 2;
        money.set(cacheKey, new Intl.NumberFormat(intl, {
          style: 'currency', currency, trailingZeroDisplay: 'stripIfInteger',
          minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, Math.min(fractionDigits, 20)),
        }));
      } catch {
        money.set(cacheKey, null);
      }
    }
    return money.get(cacheKey) ?? null;
  };

  return {
    number(raw) {
      const value = decimal(raw);
      return value === null ? String(raw) : plain.format(value);
    },
    money(raw, currency) {
      const value = decimal(raw);
      if (value === null) return String(raw);
      const format = currency ? currencyFormat(currency.trim().toUpperCase(), fractionDigitsOf(value)) : null;
      return (format ?? plain).format(value);
    },
    date(date) {
      return new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
    },
    dateTime(date, timeZone) {
      const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
      try {
        return new Intl.DateTimeFormat(intl, { ...options, timeZone: timeZone || 'UTC' }).format(date);
      } catch {
        return new Intl.DateTimeFormat(intl, { ...options, timeZone: 'UTC' }).format(date);
      }
    },
    relative(date, now) {
      const seconds = (date.getTime() - now.getTime()) / 1000;
      const [value, unit] = relativeUnit(seconds);
      return relative.format(value, unit);
    },
    list(items, type = 'conjunction') {
      return lists[type].format(items);
    },
  };
}

/** A decimal string `Intl` formats exactly, or a finite number; null for anything else. */
function decimal(raw: string | number): Intl.StringNumericLiteral | number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = raw.trim();
  return DECIMAL.test(text) ? (text as Intl.StringNumericLiteral) : null;
}

function fractionDigitsOf(value: Intl.StringNumericLiteral | number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['week', 7 * 24 * 3600], ['day', 24 * 3600], ['hour', 3600], ['minute', 60],
];

function relativeUnit(seconds: number): [number, Intl.RelativeTimeFormatUnit] {
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return [Math.trunc(seconds / size), unit];
  }
  return [0, 'second'];
}
