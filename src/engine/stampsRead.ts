import { answeredAt } from './answeredAt';
import type { Model } from './types';

/**
 * The answer stamps a model reads to tell stale answers (criteria with `maxAgeDays`). Adapters
 * read them with the answers; they are written with the answers, so events about them are ignored.
 * @example stampsRead(bantDefault) // ['bant_budget_answered_at', 'bant_authority_answered_at', 'bant_need_answered_at', 'bant_timeline_answered_at']
 */
export function stampsRead(model: Pick<Model, 'criteria'>): string[] {
  return model.criteria.filter((criterion) => criterion.maxAgeDays !== undefined).map(answeredAt);
}
