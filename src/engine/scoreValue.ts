import { addMonths } from './addMonths';
import { formatNumber } from './formatNumber';
import { parseBoolean, parseDate, parseMulti, parseNumber } from './parseRaw';
import type { Band, Rule } from './types';

export type ScoredValue =
  | { ok: true; points: number; display: string; reason: string }
  | { ok: false; reason: string };

/**
 * Turns one raw HubSpot value into points under a rule. `now` anchors date windows; `max` caps
 * multi-select sums. Never throws: a value the rule cannot read comes back with a reason.
 * @example scoreValue({ type: 'bands', bands: [{ from: 0, points: 0 }] }, '12', 30, now) // { ok: true, points: 0, ... }
 */
export function scoreValue(rule: Rule, raw: string, max: number, now: Date): ScoredValue {
  switch (rule.type) {
    case 'bands': {
      const parsed = parseNumber(raw);
      if (!parsed.ok) return parsed;
      const display = rule.unit === 'percent' ? `${formatNumber(parsed.value)} %` : groupDigits(parsed.value);
      return inBand(rule.bands, parsed.value, display);
    }
    case 'options':
    case 'likert': {
      const options = rule.type === 'options' ? rule.options : rule.levels;
      const option = options.find((o) => o.value === raw.trim());
      if (!option) return { ok: false, reason: `"${raw}" is not an option the model scores (expected one of ${options.map((o) => o.value).join(', ')})` };
      return { ok: true, points: option.points, display: option.label, reason: `${option.label}: ${formatNumber(option.points)} points` };
    }
    case 'multi': {
      const chosen = parseMulti(raw);
      const unknown = chosen.filter((value) => !rule.options.some((o) => o.value === value));
      if (unknown.length > 0) return { ok: false, reason: `"${unknown.join(';')}" ${unknown.length > 1 ? 'are not options' : 'is not an option'} the model scores (expected some of ${rule.options.map((o) => o.value).join(', ')})` };
      const picked = rule.options.filter((o) => chosen.includes(o.value));
      const values = picked.map((o) => o.points);
      const raw_points = rule.mode === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values);
      const points = Math.min(raw_points, max);
      const display = picked.map((o) => o.label).join(', ');
      const capped = raw_points > max ? ` (${formatNumber(raw_points)} capped at the max)` : '';
      return { ok: true, points, display, reason: `${picked.length} selected, ${rule.mode}: ${formatNumber(points)} points${capped}` };
    }
    case 'coverage': {
      const chosen = parseMulti(raw);
      const unknown = chosen.filter((value) => !rule.options.some((o) => o.value === value));
      if (unknown.length > 0) return { ok: false, reason: `"${unknown.join(';')}" ${unknown.length > 1 ? 'are not items' : 'is not an item'} of the checklist (expected some of ${rule.options.map((o) => o.value).join(', ')})` };
      const covered = rule.options.filter((o) => chosen.includes(o.value)).length;
      const percent = Math.round((covered / rule.options.length) * 1000) / 10;
      return inBand(rule.bands, percent, `${covered} of ${rule.options.length} (${formatNumber(percent)} %)`);
    }
    case 'date_window': {
      const parsed = parseDate(raw);
      if (!parsed.ok) return parsed;
      const display = parsed.value.toISOString().slice(0, 10);
      const window = rule.windows.find((w) => parsed.value.getTime() <= addMonths(now, w.withinMonths).getTime());
      if (window) return { ok: true, points: window.points, display, reason: `${display} is within ${window.withinMonths} months: ${formatNumber(window.points)} points` };
      const farthest = rule.windows[rule.windows.length - 1]?.withinMonths ?? 0;
      return { ok: true, points: rule.later, display, reason: `${display} is more than ${farthest} months away: ${formatNumber(rule.later)} points` };
    }
    case 'boolean': {
      const parsed = parseBoolean(raw);
      if (!parsed.ok) return parsed;
      const points = parsed.value ? rule.whenTrue : rule.whenFalse;
      return { ok: true, points, display: parsed.value ? 'Yes' : 'No', reason: `${parsed.value ? 'Yes' : 'No'}: ${formatNumber(points)} points` };
    }
  }
}

function inBand(bands: Band[], value: number, display: string): ScoredValue {
  const band = bands.find((b) => value >= b.from && (b.to === undefined || value < b.to));
  if (band) {
    const range = band.to === undefined ? `${groupDigits(band.from)} or more` : `${groupDigits(band.from)} to under ${groupDigits(band.to)}`;
    return { ok: true, points: band.points, display, reason: `${display} is in the band ${range}: ${formatNumber(band.points)} points` };
  }
  const lowest = Math.min(...bands.map((b) => b.from));
  if (value < lowest) return { ok: false, reason: `${display} is below the lowest band (${groupDigits(lowest)})` };
  return { ok: false, reason: `${display} is above the highest band` };
}

/** 120000 → "120,000"; 99999.99 → "99,999.99". Locale-independent. */
function groupDigits(value: number): string {
  const [whole = '0', fraction] = formatNumber(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
