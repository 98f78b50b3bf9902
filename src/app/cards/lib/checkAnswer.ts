/**
 * Whether a rep's answer can be read under its rule, in words a rep can act on: the field, the
 * value, and the fix. The card flags answers as they are typed; the app function refuses the same
 * answers at save (inside its zod schema), so both say the same thing. Pure.
 */
import { englishText, parseBoolean, parseDate, parseMulti, parseNumber, scoreValue } from '@bant/engine';
import type { Rule } from '@bant/engine';

/** Null when the answer is fine (an empty answer clears the property and is fine too). */
export function checkAnswer(label: string, rule: Rule, raw: string, max: number, now: Date): string | null {
  const value = raw.trim();
  if (value === '') return null;
  switch (rule.type) {
    case 'bands': {
      const parsed = parseNumber(value);
      if (!parsed.ok) return `${label}: "${raw}" is not a number; enter digits only, like 120000.`;
      const lowest = Math.min(...rule.bands.map((b) => b.from));
      if (parsed.value < 0 && lowest >= 0) return `${label}: ${value} is negative; enter an amount of 0 or more.`;
      break;
    }
    case 'options':
    case 'likert': {
      const options = rule.type === 'options' ? rule.options : rule.levels;
      if (!options.some((o) => o.value === value)) return `${label}: "${raw}" is not one of the choices; pick one of ${options.map((o) => englishText(o.label)).join(', ')}.`;
      break;
    }
    case 'multi':
    case 'coverage': {
      const unknown = parseMulti(value).filter((v) => !rule.options.some((o) => o.value === v));
      if (unknown.length > 0) return `${label}: "${unknown.join(';')}" ${unknown.length > 1 ? 'are not choices' : 'is not a choice'}; pick from ${rule.options.map((o) => englishText(o.label)).join(', ')}.`;
      break;
    }
    case 'boolean':
      if (!parseBoolean(value).ok) return `${label}: "${raw}" is not yes or no; send true or false.`;
      break;
    case 'date_window':
      if (!parseDate(value).ok) return `${label}: "${raw}" is not a date; use YYYY-MM-DD, like 2027-01-31.`;
      break;
  }
  const scored = scoreValue(rule, value, max, now);
  return scored.ok ? null : `${label}: ${scored.reason}; change the answer or ask RevOps to extend the model.`;
}
