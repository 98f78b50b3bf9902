import type { Model } from './types';

/**
 * The highest score a model can give: the sum of its criteria's max.
 * @example totalMax(bantDefault) // 100
 */
export function totalMax(model: Pick<Model, 'criteria'>): number {
  return model.criteria.reduce((sum, c) => sum + c.max, 0);
}
