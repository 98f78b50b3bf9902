import type { Model } from '../engine';
import { DISMISSED_PROPERTY, suggestionFacts } from '../extract';
import type { PropertyShape } from './propertyShape';

/** A contact property suggested answers need (SCORING.md §6): where reps' dismissals are kept. */
export interface SuggestionProperty {
  name: string;
  role: 'derived';
  path: 'suggestions';
  label: string;
  meaning: string;
  shape: PropertyShape;
}

/**
 * The contact properties of suggested answers, as `bant setup` creates them: the dismissed
 * suggestions, so every rep sees the same; none when the model takes no suggestions.
 * @example suggestionProperties(bantDefault).map((p) => p.name) // ['bant_dismissed_suggestions']
 */
export function suggestionProperties(model: Model): SuggestionProperty[] {
  if (suggestionFacts(model).length === 0) return [];
  return [{
    name: DISMISSED_PROPERTY, role: 'derived', path: 'suggestions', label: `${model.framework} dismissed suggestions`,
    meaning: 'The suggested answers reps dismissed on this contact, as criterion:activity pairs (the newest 300), so every rep sees the same.',
    shape: { type: 'string', fieldType: 'textarea', accepts: ['string'], describe: 'a text property' },
  }];
}
