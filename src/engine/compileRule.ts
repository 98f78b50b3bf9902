import { addMonths } from './addMonths';
import { parseMulti, readDate, readNumber } from './parseRaw';
import type { Band, Rule } from './types';

/** What a compiled rule gives for a value it cannot read (points are never negative). */
export const UNREADABLE = -1;

/** Points for one raw value at `now`, or UNREADABLE. */
export type RuleReader = (raw: string, now: Date) => number;

/**
 * Compiles a rule into a reader for the scoring fast path: the points `scoreValue` gives, without
 * the words. Option values are looked up in a map and date windows are turned into limits once
 * per `now`; reading a value allocates nothing for bands, options, Likert scales, booleans and dates.
 * @example compileRule({ type: 'boolean', whenTrue: 20, whenFalse: 0 }, 20)('TRUE', now) // 20
 */
export function compileRule(rule: Rule, max: number): RuleReader {
  switch (rule.type) {
    case 'bands':
      return (raw) => pointsInBand(rule.bands, readNumber(raw));
    case 'options':
    case 'likert': {
      const points = new Map((rule.type === 'options' ? rule.options : rule.levels).map((o) => [o.value, o.points]));
      return (raw) => points.get(raw.trim()) ?? UNREADABLE;
    }
    case 'multi': {
      const known = new Set(rule.options.map((o) => o.value));
      return (raw) => {
        const chosen = new Set(parseMulti(raw));
        for (const value of chosen) if (!known.has(value)) return UNREADABLE;
        let uncapped = 0; // in the model's option order, as scoreValue sums, so the sums agree to the last bit
        for (const option of rule.options) if (chosen.has(option.value)) uncapped = rule.mode === 'sum' ? uncapped + option.points : Math.max(uncapped, option.points);
        return Math.min(uncapped, max);
      };
    }
    case 'coverage': {
      const items = new Set(rule.options.map((o) => o.value));
      return (raw) => {
        const chosen = new Set(parseMulti(raw));
        for (const value of chosen) if (!items.has(value)) return UNREADABLE;
        let covered = 0;
        for (const option of rule.options) if (chosen.has(option.value)) covered += 1;
        return pointsInBand(rule.bands, Math.round((covered / rule.options.length) * 1000) / 10);
      };
    }
    case 'date_window': {
      let limitsAt = NaN;
      let limits: number[] = [];
      return (raw, now) => {
        const time = readDate(raw);
        if (Number.isNaN(time)) return UNREADABLE;
        if (now.getTime() !== limitsAt) {
          limitsAt = now.getTime();
          limits = rule.windows.map((w) => addMonths(now, w.withinMonths).getTime());
        }
        for (let i = 0; i < limits.length; i += 1) if (time <= limits[i]!) return rule.windows[i]!.points;
        return rule.later;
      };
    }
    case 'boolean':
      return (raw) => {
        const text = raw.trim().toLowerCase();
        return text === 'true' ? rule.whenTrue : text === 'false' ? rule.whenFalse : UNREADABLE;
      };
  }
}

function pointsInBand(bands: Band[], value: number): number {
  for (const band of bands) if (value >= band.from && (band.to === undefined || value < band.to)) return band.points;
  return UNREADABLE; // also NaN: not a number
}

