import type { Criterion, Model } from '../engine';

/** HubSpot user id of the last rep who saved or re-confirmed answers on the card (SCORING.md §6). */
export const ANSWERED_BY = 'bant_answered_by';
export const OVERRIDE = 'bant_override';
export const OVERRIDE_REASON = 'bant_override_reason';
export const OVERRIDE_BY = 'bant_override_by';
export const OVERRIDE_UNTIL = 'bant_override_until';
export const OVERRIDE_PROPERTIES = [OVERRIDE, OVERRIDE_REASON, OVERRIDE_BY, OVERRIDE_UNTIL] as const;

/**
 * The stamp of a criterion's answer: when a rep last saved or re-confirmed it.
 * @example answeredAt({ key: 'budget' }) // 'bant_budget_answered_at'
 */
export function answeredAt(criterion: Pick<Criterion, 'key'>): string {
  return `bant_${criterion.key}_answered_at`;
}

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
