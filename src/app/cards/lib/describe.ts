/** The card's words: where a value came from, why a lead is not qualified, labels and dates. Pure. */
import type { Criterion, CriterionResult, CriterionStatus, LeadResult, Model, Rule, SourceRef } from '@bant/engine';
import { answerSource } from './answerFields';
import { englishText } from '@bant/engine';

/** 120000 → "120,000". */
export function groupDigits(value: number): string {
  const [whole = '0', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** The answer used and its origin: "Manager, answered by the rep", "from deal "Acme renewal", amount 120,000". */
export function answerText(criterion: Criterion, result: CriterionResult): string {
  const origin = sourceText(criterion, result);
  if (result.source?.object === 'deal') return origin;
  return `${result.display ?? result.value ?? ''}, ${origin}`;
}

/** "answered by the rep", or "from deal "Acme renewal", amount 120,000". */
export function sourceText(criterion: Criterion, result: CriterionResult): string {
  const ref = result.source;
  if (!ref) return '';
  if (ref.object === 'contact') {
    return answerSource(criterion)?.property === ref.property ? 'answered by the rep' : `from the contact's ${ref.property}`;
  }
  if (ref.object === 'deal') {
    const deal = ref.dealName ? `"${ref.dealName}"` : ref.dealId ?? '';
    return `from deal ${deal}, ${ref.property} ${result.display ?? result.value ?? ''}`.trim();
  }
  return `from the company's ${ref.property}`;
}

/** Where a locked field's value comes from, for the read-only note. */
export function lockedText(ref: SourceRef): string {
  if (ref.object === 'deal') return `set by the ${ref.property} of deal ${ref.dealName ? `"${ref.dealName}"` : ref.dealId ?? ''}; change it on the deal`;
  return `set by the ${ref.object}'s ${ref.property}, which the model reads first`;
}

export const STATUS_LABEL: Record<CriterionStatus, string> = {
  met: 'Met',
  below: 'Below minimum',
  unknown: 'Unknown',
  invalid: 'Invalid',
};

export const STATUS_VARIANT: Record<CriterionStatus, 'success' | 'warning' | 'default' | 'danger'> = {
  met: 'success',
  below: 'warning',
  unknown: 'default',
  invalid: 'danger',
};

export function actionLabel(model: Model, key: string): string {
  const action = model.actions.find((a) => a.key === key);
  return action ? englishText(action.label) : key;
}

/** "Budget below 50,000", "Timeline unknown", "Authority: Other (needs C-level executive, Director or Manager)". */
export function failureReasons(model: Model, result: LeadResult): string[] {
  const reasons: string[] = [];
  for (const scored of result.criteria) {
    const criterion = model.criteria.find((c) => c.key === scored.key);
    if (!criterion || scored.status === 'met') continue;
    if (scored.status === 'unknown') reasons.push(`${scored.label} unknown`);
    else if (scored.status === 'invalid') reasons.push(`${scored.label} invalid ("${scored.value ?? ''}")`);
    else reasons.push(belowReason(criterion, scored));
  }
  if (reasons.length === 0 && !result.qualified) {
    reasons.push(`score ${groupDigits(result.score)} below the ${groupDigits(model.qualification.minScore)} needed`);
  }
  return reasons;
}

function belowReason(criterion: Criterion, scored: CriterionResult): string {
  const rule = ruleUsed(criterion, scored.source);
  const label = scored.label;
  switch (rule.type) {
    case 'bands': {
      const threshold = lowestFromMeeting(rule.bands, criterion.minimum);
      if (threshold !== null) return `${label} below ${groupDigits(threshold)}${rule.unit === 'percent' ? ' %' : ''}`;
      break;
    }
    case 'coverage': {
      const threshold = lowestFromMeeting(rule.bands, criterion.minimum);
      if (threshold !== null) return `${label} covers under ${groupDigits(threshold)} %`;
      break;
    }
    case 'options':
    case 'likert': {
      const options = rule.type === 'options' ? rule.options : rule.levels;
      const enough = options.filter((o) => o.points >= criterion.minimum).map((o) => englishText(o.label));
      if (enough.length > 0) return `${label}: ${scored.display ?? scored.value ?? ''} (needs ${joinOr(enough)})`;
      break;
    }
    case 'date_window': {
      const windows = rule.windows.filter((w) => w.points >= criterion.minimum);
      const farthest = windows[windows.length - 1];
      if (farthest) return `${label} later than ${farthest.withinMonths} months (${scored.display ?? ''})`;
      break;
    }
    default:
      break;
  }
  return `${label}: ${scored.display ?? scored.value ?? ''} (${groupDigits(scored.points)} of the ${groupDigits(criterion.minimum)} points needed)`;
}

function ruleUsed(criterion: Criterion, ref: SourceRef | null): Rule {
  const source = ref ? criterion.sources.find((s) => s.object === ref.object && s.property === ref.property) : undefined;
  return source?.rule ?? criterion.rule;
}

function lowestFromMeeting(bands: Array<{ from: number; points: number }>, minimum: number): number | null {
  const meeting = bands.filter((b) => b.points >= minimum).map((b) => b.from);
  return meeting.length > 0 ? Math.min(...meeting) : null;
}

function joinOr(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "2026-11-20 14:03 UTC" from an ISO date-time or epoch milliseconds; null when unreadable. */
export function formatScoredAt(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const date = /^\d+$/.test(raw.trim()) ? new Date(Number(raw)) : new Date(raw);
  if (Number.isNaN(date.getTime())) return null;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The score as the 0–100 a ScoreCircle shows, whatever the model's maximum. */
export function scorePercent(result: Pick<LeadResult, 'score' | 'max'>): number {
  return result.max > 0 ? Math.round((result.score / result.max) * 100) : 0;
}
