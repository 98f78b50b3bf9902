import type { Model } from './types';

/** Every contact property the app writes for a model, in a stable order. */
export const SCORED_AT = 'bant_scored_at';

/** Written on deals and companies only: how many contacts their committee has. */
export const COMMITTEE_SIZE = 'bant_committee_size';

/** The verdict that counts (an override that applies, else the computed one), for models with `overrides` (SCORING.md §6). */
export const VERDICT = 'bant_verdict';

/** The criteria whose answer is stale, for models where a criterion has `maxAgeDays` (SCORING.md §6). */
export const STALE_CRITERIA = 'bant_stale_criteria';

/**
 * The names of the derived contact properties (SCORING.md §4) for a model, then those of §6 the
 * model uses: `bant_verdict` with `overrides`, `bant_stale_criteria` with a criterion's `maxAgeDays`.
 * @example derivedPropertyNames(model) // ['bant_score', 'bant_budget_points', ..., 'bant_model_version', 'bant_verdict', 'bant_stale_criteria']
 */
export function derivedPropertyNames(model: Pick<Model, 'criteria' | 'overrides'>): string[] {
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
    ...(model.overrides ? [VERDICT] : []),
    ...(model.criteria.some((c) => c.maxAgeDays !== undefined) ? [STALE_CRITERIA] : []),
  ];
}
