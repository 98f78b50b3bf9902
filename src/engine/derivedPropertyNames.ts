import type { Model } from './types';

/** Every contact property the app writes for a model, in a stable order. */
export const SCORED_AT = 'bant_scored_at';

/** Written on deals and companies only: how many contacts their committee has. */
export const COMMITTEE_SIZE = 'bant_committee_size';

/**
 * The names of the derived contact properties (SCORING.md §4) for a model.
 * @example derivedPropertyNames(model) // ['bant_score', 'bant_budget_points', ..., 'bant_model_version']
 */
export function derivedPropertyNames(model: Pick<Model, 'criteria'>): string[] {
  return [
    'bant_score',
    ...model.criteria.map((c) => `bant_${c.key}_points`),
    'bant_qualified',
    'bant_grade',
    'bant_next_action',
    'bant_failed_criteria',
    'bant_completeness',
    SCORED_AT,
    'bant_model_version',
  ];
}
