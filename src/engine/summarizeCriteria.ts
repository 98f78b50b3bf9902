import type { CriterionResult, LeadResult, Model, Override, RoutingRule } from './types';
import { totalMax } from './totalMax';

export type CriteriaSummary = Pick<LeadResult, 'score' | 'max' | 'qualified' | 'grade' | 'nextAction' | 'failedCriteria' | 'completeness' | 'staleCriteria' | 'verdict' | 'override'>;

/**
 * What a model concludes from scored criteria: the total, the all-criteria gate, the grade, the
 * routed next action, the failed and stale criteria, the completeness, and the verdict that
 * counts (an override that applies, else the computed one; routing follows it when the model
 * says so). Shared by a contact's score and a committee's roll-up, so both reach their verdict
 * the same way.
 * @example summarizeCriteria(bantDefault, scoreLead(bantDefault, record, now).criteria).grade // "A"
 */
export function summarizeCriteria(model: Model, criteria: readonly CriterionResult[], override: Override | null = null): CriteriaSummary {
  const score = round(criteria.reduce((sum, c) => sum + c.points, 0));
  const failedCriteria = criteria.filter((c) => c.status !== 'met').map((c) => c.key);
  const staleCriteria = criteria.filter((c) => c.stale).map((c) => c.key);
  const qualified = score >= model.qualification.minScore && failedCriteria.length === 0;
  const applies = override?.status === 'applies';
  const verdict = applies ? override.verdict : qualified ? 'qualified' : 'not_qualified';
  const routedQualified = applies && model.overrides?.routing === 'override' ? override.verdict === 'qualified' : qualified;
  const grade = gradeFor(model, score);
  const usable = criteria.filter((c) => c.status === 'met' || c.status === 'below').length;
  return {
    score,
    max: totalMax(model),
    qualified,
    grade,
    nextAction: route(model.routing, { qualified: routedQualified, grade, failedCriteria, stale: staleCriteria.length > 0 }),
    failedCriteria,
    completeness: criteria.length === 0 ? 0 : Math.round((usable / criteria.length) * 100),
    staleCriteria,
    verdict,
    override,
  };
}

function gradeFor(model: Model, score: number): string {
  const sorted = [...model.grades].sort((a, b) => b.min - a.min);
  return (sorted.find((g) => score >= g.min) ?? sorted[sorted.length - 1])?.grade ?? '';
}

function route(rules: RoutingRule[], lead: { qualified: boolean; grade: string; failedCriteria: string[]; stale: boolean }): string {
  const match = rules.find(({ when }) =>
    !when ||
    ((when.qualified === undefined || when.qualified === lead.qualified) &&
      (!when.grades || when.grades.includes(lead.grade)) &&
      (!when.failing || when.failing.some((key) => lead.failedCriteria.includes(key))) &&
      (when.stale === undefined || when.stale === lead.stale)),
  );
  return match?.action ?? rules[rules.length - 1]?.action ?? '';
}

/** Points are summed in floating point; keep results free of 0.1 + 0.2 noise. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
