import { formatNumber } from './formatNumber';
import type { ScoredValue } from './scoreValue';
import type { Criterion, CriterionStatus } from './types';

/** What a criterion makes of one scored value; its reason reads `${why} (${where the value came from})${fix}`. */
export interface JudgedValue {
  /** The value's points, at most the criterion's. */
  points: number;
  status: Exclude<CriterionStatus, 'unknown'>;
  display: string | null;
  why: string;
  /** What to do about a value the rule cannot read ('' otherwise). */
  fix: string;
}

/**
 * A scored value under its criterion: its points capped at the criterion's, met or below its minimum
 * (saying so), or invalid with what to do. `scoreLead` and `bant score`'s printer word it the same through here.
 * @example judgeValue(need, scoreValue(need.rule, 'nice_to_have', need.max, now)).status // 'below'
 */
export function judgeValue(criterion: Criterion, scored: ScoredValue): JudgedValue {
  if (!scored.ok) return { points: 0, status: 'invalid', display: null, why: scored.reason, fix: '; fix the value or map it in the model' };
  const points = Math.min(scored.points, criterion.max);
  const met = points >= criterion.minimum;
  return { points, status: met ? 'met' : 'below', display: scored.display, why: met ? scored.reason : `${scored.reason}, below the minimum of ${formatNumber(criterion.minimum)}`, fix: '' };
}
