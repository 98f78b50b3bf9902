/** Readers for raw HubSpot strings. Each returns the value or a reason it cannot be read. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a HubSpot number ("100000", "100000.00", "-5"); anything else is not a number.
 * @example parseNumber('100000.00') // { ok: true, value: 100000 }
 */
export function parseNumber(raw: string): Parsed<number> {
  const text = raw.trim();
  if (!NUMBER.test(text)) return { ok: false, reason: `"${raw}" is not a number` };
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `"${raw}" is not a finite number` };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const EPOCH_MS = /^-?\d{1,15}$/;

/**
 * Reads a HubSpot date: ISO date ("2026-12-01", midnight UTC), ISO date-time with a zone, or
 * epoch milliseconds ("1764583200000").
 * @example parseDate('2026-12-01') // { ok: true, value: 2026-12-01T00:00:00.000Z }
 */
export function parseDate(raw: string): Parsed<Date> {
  const text = raw.trim();
  let date: Date | undefined;
  if (EPOCH_MS.test(text)) date = new Date(Number(text));
  else if (DATE_ONLY.test(text)) date = new Date(`${text}T00:00:00.000Z`);
  else if (DATE_TIME.test(text)) date = new Date(text);
  if (!date || Number.isNaN(date.getTime())) return { ok: false, reason: `"${raw}" is not a date (expected YYYY-MM-DD, an ISO date-time or epoch milliseconds)` };
  if (DATE_ONLY.test(text) && date.toISOString().slice(0, 10) !== text) return { ok: false, reason: `"${raw}" is not a calendar date` };
  return { ok: true, value: date };
}

/** Reads a HubSpot boolean ("true"/"false", any case). */
export function parseBoolean(raw: string): Parsed<boolean> {
  const text = raw.trim().toLowerCase();
  if (text === 'true') return { ok: true, value: true };
  if (text === 'false') return { ok: true, value: false };
  return { ok: false, reason: `"${raw}" is not a boolean (expected true or false)` };
}

/** Splits a HubSpot multi-select value ("a;b;c") into its options, dropping empty parts. */
export function parseMulti(raw: string): string[] {
  return raw.split(';').map((part) => part.trim()).filter((part) => part.length > 0);
}
