import { ANSWERED_BY, answeredAt } from '../engine';
import type { Model, RawProperties } from '../engine';
import type { Suggestion } from './types';

/** What auto-fill writes for one contact: the answers it fills, stamped as the app's. */
export interface Autofill {
  criteria: string[];
  /** The answers, their `bant_<key>_answered_at` stamps and `bant_answered_by` = "app". */
  properties: Record<string, string>;
}

/**
 * The answers auto-fill writes (model `suggestions.autofill`): only EMPTY answers, only with a
 * suggestion at or above `minConfidence`, never an amount in another currency than the portal's
 * (nor any amount with a currency when the portal's is unknown); stamped now and by "app". Null
 * when auto-fill is off or nothing qualifies.
 * @example autofillAnswers(model, suggestions, { bant_budget: '' }, now, 'EUR')?.criteria // ['budget']
 */
export function autofillAnswers(model: Model, suggestions: readonly Suggestion[], contact: RawProperties, now: Date, homeCurrency: string | null): Autofill | null {
  const rule = model.suggestions?.autofill;
  if (!rule?.enabled) return null;
  const usable = suggestions.filter((s) => (contact[s.property] ?? '').trim() === ''
    && s.confidence >= rule.minConfidence
    && (!s.currency || s.currency === homeCurrency));
  if (usable.length === 0) return null;
  const properties: Record<string, string> = {};
  const stamp = now.toISOString();
  for (const s of usable) {
    properties[s.property] = s.value;
    properties[answeredAt({ key: s.criterion })] = stamp;
  }
  properties[ANSWERED_BY] = 'app';
  return { criteria: usable.map((s) => s.criterion), properties };
}
