/** Readers for raw HubSpot strings. Each returns the value or why it cannot be read (a code and its English reason). */
import { describeExplanation } from './describeExplanation';

export type ParseFailureCode = 'not_a_number' | 'not_finite' | 'not_a_date' | 'not_a_calendar_date' | 'not_a_boolean';
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ParseFailureCode; reason: string };

function failure(code: ParseFailureCode, raw: string): { ok: false; code: ParseFailureCode; reason: string } {
  return { ok: false, code, reason: describeExplanation({ code, raw }) };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a HubSpot number ("100000", "100000.00", "-5"); anything else is not a number.
 * @example parseNumber('100000.00') // { ok: true, value: 100000 }
 */
export function parseNumber(raw: string): Parsed<number> {
  const text = raw.trim();
  if (!NUMBER.test(text)) return failure('not_a_number', raw);
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : failure('not_finite', raw);
}

/**
 * `parseNumber` without the reason, for the scoring fast path: the number, or NaN when it cannot be read.
 * @example readNumber('100000.00') // 100000
 */
export function readNumber(raw: string): number {
  const text = raw.trim();
  if (!NUMBER.test(text)) return NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
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
  if (!date || Number.isNaN(date.getTime())) return failure('not_a_date', raw);
  if (DATE_ONLY.test(text) && date.toISOString().slice(0, 10) !== text) return failure('not_a_calendar_date', raw);
  return { ok: true, value: date };
}

/**
 * `parseDate` without the reason, for the scoring fast path: epoch milliseconds, or NaN when the
 * value is not a date. The shapes HubSpot writes ("2027-01-15", "2027-01-15T10:00:00.000Z") are
 * read digit by digit; anything else goes through `parseDate`, so both always agree.
 * @example readDate('2027-01-15') // 1799971200000
 */
export function readDate(raw: string): number {
  const fast = readCanonicalDate(raw);
  if (!Number.isNaN(fast)) return fast;
  const parsed = parseDate(raw);
  return parsed.ok ? parsed.value.getTime() : NaN;
}

/** "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.sssZ" with every field in range; NaN otherwise. */
function readCanonicalDate(text: string): number {
  const length = text.length;
  if (length !== 10 && length !== 20 && length !== 24) return NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN; // '-'
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return NaN;
  if (length === 10) return Date.UTC(year, month - 1, day);
  if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(length - 1) !== 90) return NaN; // 'T', ':', ':', 'Z'
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millisecond = length === 24 && text.charCodeAt(19) === 46 ? digits(text, 20, 3) : length === 20 ? 0 : NaN; // '.'
  if (!(hour <= 23 && minute <= 59 && second <= 59 && millisecond >= 0)) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

/** The decimal number written by `count` ASCII digits at `start`; NaN if one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Reads a HubSpot boolean ("true"/"false", any case). */
export function parseBoolean(raw: string): Parsed<boolean> {
  const text = raw.trim().toLowerCase();
  if (text === 'true') return { ok: true, value: true };
  if (text === 'false') return { ok: true, value: false };
  return failure('not_a_boolean', raw);
}

/** Splits a HubSpot multi-select value ("a;b;c") into its options, dropping empty parts. */
export function parseMulti(raw: string): string[] {
  return raw.split(';').map((part) => part.trim()).filter((part) => part.length > 0);
}
