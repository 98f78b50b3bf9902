/**
 * What the card says first: the next step and why, decided from the result alone so that nothing
 * else on the card can contradict it. A lead with an unknown or invalid criterion is never
 * presented by its routing action: finding out comes first, and the score is provisional. Pure.
 */
import type { LeadResult } from '@bant/engine';

export type Headline =
  /** Some criterion is unknown (ask) or invalid (fix); the stored next action comes after. */
  | { kind: 'finish'; ask: string[]; fix: string[]; action: string }
  | { kind: 'qualified'; action: string }
  /** Every criterion is known; these are below their minimum. */
  | { kind: 'below'; below: string[]; action: string }
  /** Every criterion meets its minimum, but the total is under the qualifying score. */
  | { kind: 'score'; action: string };

/**
 * @example headline(result) // { kind: 'finish', ask: ['timeline'], fix: [], action: 'sales_later' }
 */
export function headline(result: LeadResult): Headline {
  const action = result.nextAction;
  const ask = result.criteria.filter((c) => c.status === 'unknown').map((c) => c.key);
  const fix = result.criteria.filter((c) => c.status === 'invalid').map((c) => c.key);
  if (ask.length > 0 || fix.length > 0) return { kind: 'finish', ask, fix, action };
  if (result.qualified) return { kind: 'qualified', action };
  const below = result.criteria.filter((c) => c.status === 'below').map((c) => c.key);
  return below.length > 0 ? { kind: 'below', below, action } : { kind: 'score', action };
}
