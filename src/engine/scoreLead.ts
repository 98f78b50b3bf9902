import { answeredAt } from './answeredAt';
import { answerStale } from './answerStale';
import { describeExplanation } from './describeExplanation';
import { judgeValue } from './judgeValue';
import { readDate } from './parseRaw';
import { readOverride } from './readOverride';
import { scoreValue } from './scoreValue';
import { selectDeal } from './selectDeal';
import { summarizeCriteria } from './summarizeCriteria';
import { englishText } from './text';
import type { Criterion, CriterionResult, DealRecord, Explanation, LeadRecord, LeadResult, Model, RawProperties, SourceRef } from './types';

/**
 * Scores one lead under a model and explains it: per-criterion points, status, the answer in words
 * and why (an explanation code with its values, and an English reason), the weighted score, the
 * all-criteria gate, grade, next action, failed criteria and completeness (SCORING.md §3); each
 * answer's age from its stamp (stale past the criterion's `maxAgeDays`), and the override stored
 * on the contact with the verdict that counts (SCORING.md §6).
 * This is the reference the fast path (`compileModel`) is tested against; use that one to score
 * many leads without explanations. Pure: `now` is an input, nothing is read from the clock.
 * @example
 * scoreLead(bantDefault, { contact: { bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' } }, now).score // 80
 */
export function scoreLead(model: Model, record: LeadRecord, now: Date): LeadResult {
  const deal = selectDeal(record.deals ?? [], model.dealSelection.policy);
  const criteria = model.criteria.map((criterion) => scoreCriterion(criterion, record, deal, now));
  return {
    modelId: model.id,
    modelVersion: model.version,
    ...summarizeCriteria(model, criteria, readOverride(model, record.contact, now)),
    criteria,
    deal: deal ? { id: deal.id, name: nonEmpty(deal.properties.dealname) } : null,
  };
}

function scoreCriterion(criterion: Criterion, record: LeadRecord, deal: DealRecord | null, now: Date): CriterionResult {
  const { key, max, minimum } = criterion;
  const label = englishText(criterion.label);
  const stamp = nonEmpty(record.contact[answeredAt(criterion)]);
  const stampedAt = stamp === null ? NaN : readDate(stamp);
  const answered = Number.isNaN(stampedAt) ? null : new Date(stampedAt).toISOString();
  // Each result is written out whole, fields in the order they are printed: one object shape for every criterion.
  for (const source of criterion.sources) {
    const properties: RawProperties | undefined =
      source.object === 'contact' ? record.contact : source.object === 'deal' ? deal?.properties : record.company;
    const raw = nonEmpty(properties?.[source.property]);
    if (raw === null) continue;
    const ref: SourceRef = source.object === 'deal' && deal
      ? { object: source.object, property: source.property, dealId: deal.id, ...(deal.properties.dealname ? { dealName: deal.properties.dealname } : {}) }
      : { object: source.object, property: source.property };
    const scored = scoreValue(source.rule ?? criterion.rule, raw, criterion.max, now);
    const from = describeSource(ref);
    // The stamp dates the contact's answer; a value taken from a deal or company is not that answer.
    const stale = source.object === 'contact' && answerStale(stampedAt, criterion.maxAgeDays, now.getTime());
    const { points, status, display, why, fix } = judgeValue(criterion, scored);
    return { key, label, max, minimum, points, status, value: raw, display, source: ref, reason: `${why} (${from})${fix}`, explanation: scored.explanation, answeredAt: answered, stale };
  }
  const explanation: Explanation = { code: 'no_value', looked: criterion.sources.map((s) => ({ object: s.object, property: s.property })) };
  return { key, label, max, minimum, points: 0, status: 'unknown', value: null, display: null, source: null, reason: describeExplanation(explanation), explanation, answeredAt: answered, stale: false };
}

function describeSource(ref: SourceRef): string {
  if (ref.object !== 'deal') return `from ${ref.object} ${ref.property}`;
  return `from deal ${ref.dealName ? `"${ref.dealName}"` : ref.dealId}, ${ref.property}`;
}

function nonEmpty(raw: string | null | undefined): string | null {
  return raw === null || raw === undefined || raw.trim() === '' ? null : raw;
}
