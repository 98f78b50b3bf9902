import type { Criterion } from './types';

/** HubSpot user id of the last rep who saved or re-confirmed answers on the card (SCORING.md §6). */
export const ANSWERED_BY = 'bant_answered_by';

/**
 * The stamp of a criterion's answer: when a rep last saved or re-confirmed it, or when it changed
 * elsewhere (SCORING.md §6).
 * @example answeredAt({ key: 'budget' }) // 'bant_budget_answered_at'
 */
export function answeredAt(criterion: Pick<Criterion, 'key'>): string {
  return `bant_${criterion.key}_answered_at`;
}
