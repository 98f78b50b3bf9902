/**
 * The yardstick for `npm run bench -- engine`: the default model (src/models/bant-model.json)
 * written out by hand as one loop, with every number, option and property name inlined and no
 * explanations: about as fast as JavaScript scores a lead. The benchmark checks that it gives the
 * engine's derived properties on every lead before it times either.
 */
import type { DealRecord, LeadRecord, RawValue } from '../src/engine';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The default model's derived properties for a lead; `limits` are now + 3 and + 6 months in ms. */
export function baselineProperties(lead: LeadRecord, nowIso: string, limits: { threeMonths: number; sixMonths: number }): Record<string, string> {
  const deal = newestOpenDeal(lead.deals);
  const contact = lead.contact;

  // Budget: the rep's answer, else the deal's amount; ≥ 100,000 → 30, ≥ 50,000 → 15, ≥ 0 → 0.
  let budget = 0;
  let budgetState = 0; // 0 unknown, 1 usable, 2 invalid
  const budgetRaw = present(contact.bant_budget) ?? present(deal?.properties.amount);
  if (budgetRaw !== null) {
    const text = budgetRaw.trim();
    const amount = NUMBER.test(text) ? Number(text) : NaN;
    if (!(amount >= 0) || !Number.isFinite(amount)) budgetState = 2;
    else {
      budgetState = 1;
      budget = amount >= 100_000 ? 30 : amount >= 50_000 ? 15 : 0;
    }
  }

  const authority = option(contact.bant_authority, AUTHORITY);
  const need = option(contact.bant_need, NEED);

  // Timeline: the rep's answer, else the deal's close date against now + 3 / + 6 months.
  let timeline: number;
  const timelineRaw = present(contact.bant_timeline);
  if (timelineRaw !== null) timeline = TIMELINE[timelineRaw.trim()] ?? -2;
  else {
    const close = present(deal?.properties.closedate);
    if (close === null) timeline = -1;
    else {
      const time = dateOf(close);
      timeline = Number.isNaN(time) ? -2 : time <= limits.threeMonths ? 20 : time <= limits.sixMonths ? 10 : 5;
    }
  }

  const budgetMet = budgetState === 1 && budget >= 15;
  const authorityMet = authority >= 15;
  const needMet = need >= 15;
  const timelineMet = timeline >= 10;
  const budgetPoints = budgetState === 1 ? budget : 0;
  const authorityPoints = Math.max(authority, 0);
  const needPoints = Math.max(need, 0);
  const timelinePoints = Math.max(timeline, 0);
  const score = budgetPoints + authorityPoints + needPoints + timelinePoints;
  const qualified = score >= 70 && budgetMet && authorityMet && needMet && timelineMet;
  const grade = score >= 70 ? 'A' : score >= 50 ? 'B' : score >= 30 ? 'C' : 'D';
  const usable = (budgetState === 1 ? 1 : 0) + (authority >= 0 ? 1 : 0) + (need >= 0 ? 1 : 0) + (timeline >= 0 ? 1 : 0);
  let failed = '';
  if (!budgetMet) failed = 'budget';
  if (!authorityMet) failed = failed ? `${failed};authority` : 'authority';
  if (!needMet) failed = failed ? `${failed};need` : 'need';
  if (!timelineMet) failed = failed ? `${failed};timeline` : 'timeline';
  return {
    bant_score: String(score),
    bant_budget_points: String(budgetPoints),
    bant_authority_points: String(authorityPoints),
    bant_need_points: String(needPoints),
    bant_timeline_points: String(timelinePoints),
    bant_qualified: qualified ? 'true' : 'false',
    bant_grade: grade,
    bant_next_action: qualified ? 'sales_now' : grade === 'A' || grade === 'B' ? 'sales_later' : grade === 'C' ? 'nurture' : 'research',
    bant_failed_criteria: failed,
    bant_completeness: String(usable * 25),
    bant_scored_at: nowIso,
    bant_model_version: 'bant-default@1',
  };
}

/** Points of an option, -1 when unanswered, -2 when the model does not know it. */
const AUTHORITY: Record<string, number> = { c_level: 25, director: 20, manager: 15, other: 0 };
const NEED: Record<string, number> = { perfect: 25, partial: 15, low: 5 };
const TIMELINE: Record<string, number> = { within_1_month: 20, '1_3_months': 20, '3_6_months': 10, over_6_months: 5 };

function option(raw: RawValue, points: Record<string, number>): number {
  const text = present(raw);
  return text === null ? -1 : (points[text.trim()] ?? -2);
}

function present(raw: RawValue): string | null {
  return raw === null || raw === undefined || raw.trim() === '' ? null : raw;
}

/** The newest open deal: createdate desc (unreadable last), then the higher numeric id. */
function newestOpenDeal(deals: DealRecord[] | undefined): DealRecord | null {
  if (!deals) return null;
  let best: DealRecord | null = null;
  let bestCreated = -Infinity;
  for (const deal of deals) {
    if ((deal.properties.hs_is_closed ?? '').trim().toLowerCase() === 'true') continue;
    const raw = present(deal.properties.createdate);
    const created = raw === null ? -Infinity : dateOf(raw);
    const time = Number.isNaN(created) ? -Infinity : created;
    if (best === null || time > bestCreated || (time === bestCreated && Number(deal.id) > Number(best.id))) {
      best = deal;
      bestCreated = time;
    }
  }
  return best;
}

/** Epoch milliseconds of an ISO date, date-time or epoch-milliseconds string; NaN otherwise. */
function dateOf(raw: string): number {
  const text = raw.trim();
  if (/^-?\d{1,15}$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(`${text}T00:00:00.000Z`);
  return Date.parse(text);
}
