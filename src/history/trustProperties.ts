import type { Model } from '../engine';

// The property names of SCORING.md §6 are the engine's: it reads the stamps and the override.
export { ANSWERED_BY, answeredAt, OVERRIDE, OVERRIDE_BY, OVERRIDE_PROPERTIES, OVERRIDE_REASON, OVERRIDE_UNTIL } from '../engine';

/**
 * The contact properties a model reads as answers, each with its criterion (the first that reads it).
 * @example answerProperties(bantDefault).get('bant_budget') // 'budget'
 */
export function answerProperties(model: Pick<Model, 'criteria'>): Map<string, string> {
  const answers = new Map<string, string>();
  for (const criterion of model.criteria) {
    for (const source of criterion.sources) {
      if (source.object === 'contact' && !answers.has(source.property)) answers.set(source.property, criterion.key);
    }
  }
  return answers;
}
