import { addMonths, scoreValue } from '../engine';
import type { SuggestionTarget } from './suggestionFacts';
import type { Fact } from './types';

/**
 * The raw HubSpot value a fact gives a criterion's contact property, or null when the model maps
 * that fact to nothing or the value would not score under the property's rule. Amounts become a
 * number string, levels the option the model names, a purchase date the first option whose
 * `withinMonths` (counted from `now`) holds it, or the date itself for a date property; a purchase
 * date before today is no suggestion.
 * @example toRawValue({ type: 'amount', amount: 120000, currency: 'USD' }, budgetTarget, now) // '120000'
 */
export function toRawValue(fact: Fact, target: SuggestionTarget, now: Date): string | null {
  const value = rawValue(fact, target, now);
  if (value === null) return null;
  return scoreValue(target.rule, value, target.criterion.max, now).ok ? value : null;
}

function rawValue(fact: Fact, target: SuggestionTarget, now: Date): string | null {
  const mapping = target.fact;
  if (fact.type === 'amount' && mapping.fact === 'amount') return String(Math.round(fact.amount * 100) / 100);
  if (fact.type === 'role' && mapping.fact === 'role') return mapping.options[fact.level] ?? null;
  if (fact.type === 'need' && mapping.fact === 'need') return mapping.options[fact.level] ?? null;
  if (fact.type === 'timeline' && mapping.fact === 'timeline') {
    const date = Date.parse(`${fact.date}T00:00:00Z`);
    // A purchase date that has gone by is a plan that did not happen as said: no suggestion.
    if (date < Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) return null;
    if (!mapping.options) return fact.date;
    const option = mapping.options.find((o) => o.withinMonths === undefined || date <= addMonths(now, o.withinMonths).getTime());
    return option?.value ?? null;
  }
  return null;
}
