import { addMonths } from './addMonths';
import { describeExplanation } from './describeExplanation';
import { displayMeasure } from './displayMeasure';
import { parseBoolean, parseDate, parseMulti, parseNumber } from './parseRaw';
import { englishText } from './text';
import type { Band, Explanation, Measure, Rule } from './types';

export type ScoredValue =
  | { ok: true; points: number; display: string; reason: string; explanation: Explanation }
  | { ok: false; reason: string; explanation: Explanation };

/**
 * Turns one raw HubSpot value into points under a rule, with the explanation (a code and its
 * values) and its English reason. `now` anchors date windows; `max` caps multi-select sums.
 * Never throws: a value the rule cannot read comes back with a reason. The scoring fast path
 * (`compileRule`) gives the same points without the words.
 * @example scoreValue({ type: 'bands', bands: [{ from: 0, points: 0 }] }, '12', 30, now) // { ok: true, points: 0, ... }
 */
export function scoreValue(rule: Rule, raw: string, max: number, now: Date): ScoredValue {
  switch (rule.type) {
    case 'bands': {
      const parsed = parseNumber(raw);
      if (!parsed.ok) return unreadable({ code: parsed.code, raw });
      return inBand(rule.bands, { kind: 'number', raw, value: parsed.value, ...(rule.unit ? { unit: rule.unit } : {}) });
    }
    case 'options':
    case 'likert': {
      const options = rule.type === 'options' ? rule.options : rule.levels;
      const option = options.find((o) => o.value === raw.trim());
      if (!option) return unreadable({ code: 'unknown_option', raw, expected: options.map((o) => o.value) });
      const label = englishText(option.label);
      return scored(option.points, label, { code: 'option', value: option.value, label, points: option.points });
    }
    case 'multi': {
      const chosen = parseMulti(raw);
      const unknown = chosen.filter((value) => !rule.options.some((o) => o.value === value));
      if (unknown.length > 0) return unreadable({ code: 'unknown_options', values: unknown, expected: rule.options.map((o) => o.value) });
      const picked = rule.options.filter((o) => chosen.includes(o.value));
      const values = picked.map((o) => o.points);
      const uncapped = rule.mode === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values);
      const points = Math.min(uncapped, max);
      const display = picked.map((o) => englishText(o.label)).join(', ');
      return scored(points, display, { code: 'selected', values: picked.map((o) => o.value), mode: rule.mode, points, uncapped });
    }
    case 'coverage': {
      const chosen = parseMulti(raw);
      const unknown = chosen.filter((value) => !rule.options.some((o) => o.value === value));
      if (unknown.length > 0) return unreadable({ code: 'unknown_items', values: unknown, expected: rule.options.map((o) => o.value) });
      const covered = rule.options.filter((o) => chosen.includes(o.value)).length;
      const percent = Math.round((covered / rule.options.length) * 1000) / 10;
      return inBand(rule.bands, { kind: 'coverage', covered, total: rule.options.length, percent });
    }
    case 'date_window': {
      const parsed = parseDate(raw);
      if (!parsed.ok) return unreadable({ code: parsed.code, raw });
      const date = parsed.value.toISOString().slice(0, 10);
      const window = rule.windows.find((w) => parsed.value.getTime() <= addMonths(now, w.withinMonths).getTime());
      if (window) return scored(window.points, date, { code: 'date_window', date, withinMonths: window.withinMonths, points: window.points });
      const farthest = rule.windows[rule.windows.length - 1]?.withinMonths ?? 0;
      return scored(rule.later, date, { code: 'date_later', date, months: farthest, points: rule.later });
    }
    case 'boolean': {
      const parsed = parseBoolean(raw);
      if (!parsed.ok) return unreadable({ code: parsed.code, raw });
      const points = parsed.value ? rule.whenTrue : rule.whenFalse;
      return scored(points, parsed.value ? 'Yes' : 'No', { code: 'boolean', value: parsed.value, points });
    }
  }
}

function inBand(bands: Band[], measure: Measure): ScoredValue {
  const value = measure.kind === 'number' ? measure.value : measure.percent;
  const band = bands.find((b) => value >= b.from && (b.to === undefined || value < b.to));
  if (band) return scored(band.points, displayMeasure(measure), { code: 'band', measure, from: band.from, ...(band.to === undefined ? {} : { to: band.to }), points: band.points });
  const lowest = Math.min(...bands.map((b) => b.from));
  return unreadable(value < lowest ? { code: 'below_bands', measure, lowest } : { code: 'above_bands', measure });
}

function scored(points: number, display: string, explanation: Explanation): ScoredValue {
  return { ok: true, points, display, reason: describeExplanation(explanation), explanation };
}

function unreadable(explanation: Explanation): ScoredValue {
  return { ok: false, reason: describeExplanation(explanation), explanation };
}
