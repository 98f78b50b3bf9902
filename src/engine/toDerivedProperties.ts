import { STALE_CRITERIA, VERDICT } from './derivedPropertyNames';
import { formatNumber } from './formatNumber';
import type { DerivedProperties, LeadResult, Model } from './types';

/**
 * The contact property values the app writes for a result (SCORING.md §4, and the verdict and
 * stale criteria of §6 when the model uses them), as HubSpot stores them.
 * @example toDerivedProperties(model, result, now).bant_failed_criteria // "need;timeline"
 */
export function toDerivedProperties(model: Model, result: LeadResult, now: Date): DerivedProperties {
  const properties: DerivedProperties = { bant_score: formatNumber(result.score) };
  for (const criterion of model.criteria) {
    const scored = result.criteria.find((c) => c.key === criterion.key);
    properties[`bant_${criterion.key}_points`] = formatNumber(scored?.points ?? 0);
  }
  properties.bant_qualified = result.qualified ? 'true' : 'false';
  properties.bant_grade = result.grade;
  properties.bant_next_action = result.nextAction;
  properties.bant_failed_criteria = model.criteria.map((c) => c.key).filter((key) => result.failedCriteria.includes(key)).join(';');
  properties.bant_completeness = formatNumber(result.completeness);
  properties.bant_scored_at = now.toISOString();
  properties.bant_model_version = model.version;
  if (model.overrides) properties[VERDICT] = result.verdict;
  if (model.criteria.some((c) => c.maxAgeDays !== undefined)) {
    properties[STALE_CRITERIA] = model.criteria.map((c) => c.key).filter((key) => result.staleCriteria.includes(key)).join(';');
  }
  return properties;
}
