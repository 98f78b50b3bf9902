/**
 * The active model in words, as RevOps read it on the settings page: where each criterion reads its
 * answer, what each answer is worth, the grades and the routing. Pure; types only from the engine.
 */
import { englishText } from '@bant/engine';
import type { Band, Criterion, DealPolicy, LocalizedText, Model, Rule, RoutingRule, Source } from '@bant/engine';

export interface PointsRow {
  answer: string;
  points: string;
}

const DEAL_POLICY: Record<DealPolicy, string> = {
  newest_open: 'the newest open deal',
  largest_open: 'the largest open deal',
  soonest_closing_open: 'the open deal closing soonest',
};

/** "Contact property bant_budget (Budget (rep's answer)), answered by reps on the card". */
export function describeSource(source: Source, policy: DealPolicy): string {
  const named = `${source.property}${source.label ? ` (${englishText(source.label)})` : ''}`;
  if (source.object === 'deal') return `Deal property ${named} of ${DEAL_POLICY[policy]}`;
  if (source.object === 'company') return `Company property ${named} of the contact's primary company`;
  return `Contact property ${named}${source.managed ? ', answered by reps on the card' : ''}`;
}

/** What each answer earns under a rule, one row per band, option, level or window, highest first for numbers. */
export function pointsRows(rule: Rule): PointsRow[] {
  switch (rule.type) {
    case 'bands':
      return bandRows(rule.bands, rule.unit === 'percent' ? ' %' : '');
    case 'options':
      return rule.options.map((o) => ({ answer: englishText(o.label), points: points(o.points) }));
    case 'likert':
      return rule.levels.map((o) => ({ answer: englishText(o.label), points: points(o.points) }));
    case 'multi':
      return rule.options.map((o) => ({ answer: `${englishText(o.label)} (ticked)`, points: points(o.points) }));
    case 'coverage':
      return bandRows(rule.bands, ' % of the checklist ticked');
    case 'date_window':
      return [
        ...rule.windows.map((w) => ({ answer: `On or before today + ${w.withinMonths} months (past dates included)`, points: points(w.points) })),
        { answer: `Later than today + ${rule.windows[rule.windows.length - 1]?.withinMonths ?? 0} months`, points: points(rule.later) },
      ];
    case 'boolean':
      return [{ answer: 'Yes', points: points(rule.whenTrue) }, { answer: 'No', points: points(rule.whenFalse) }];
  }
}

/** How several ticked options combine, or the checklist a coverage rule counts; null for single answers. */
export function ruleNote(rule: Rule, max: number): string | null {
  if (rule.type === 'multi') return `Points of the ticked options are ${rule.mode === 'sum' ? 'added up' : 'not added: the best one counts'}, at most ${points(max)}.`;
  if (rule.type === 'coverage') return `Checklist: ${rule.options.map((o) => englishText(o.label)).join(', ')}.`;
  return null;
}

/** "Authority: up to 25 points, met at 15 or more." */
export function criterionHeading(criterion: Criterion): string {
  return `${englishText(criterion.label)}: up to ${points(criterion.max)} points, met at ${points(criterion.minimum)} or more`;
}

/** Grades with the score range each covers, highest first. */
export function gradeRows(model: Pick<Model, 'grades' | 'criteria'>): Array<{ grade: string; scores: string; meaning: string }> {
  const max = model.criteria.reduce((sum, c) => sum + c.max, 0);
  const sorted = [...model.grades].sort((a, b) => b.min - a.min);
  return sorted.map((g, i) => ({
    grade: g.grade,
    scores: i === 0 ? `${groupDigits(g.min)} to ${groupDigits(max)}` : `${groupDigits(g.min)} to under ${groupDigits(sorted[i - 1]!.min)}`,
    meaning: g.label ? englishText(g.label) : '',
  }));
}

/** Each routing rule as a sentence: "If qualified: Send to sales now." … "Otherwise: …". */
export function routingLines(model: Pick<Model, 'routing' | 'actions' | 'criteria'>): string[] {
  const text = (found: { label: LocalizedText } | undefined, key: string) => (found ? englishText(found.label) : key);
  const action = (key: string) => text(model.actions.find((a) => a.key === key), key);
  const label = (key: string) => text(model.criteria.find((c) => c.key === key), key);
  return model.routing.map((rule: RoutingRule) => {
    const parts: string[] = [];
    if (rule.when?.qualified !== undefined) parts.push(rule.when.qualified ? 'qualified' : 'not qualified');
    if (rule.when?.grades) parts.push(`grade ${orList(rule.when.grades)}`);
    if (rule.when?.failing) parts.push(`${orList(rule.when.failing.map(label))} not met`);
    if (rule.when?.stale !== undefined) parts.push(rule.when.stale ? 'an answer is stale' : 'no answer is stale');
    return parts.length === 0 ? `Otherwise: ${action(rule.action)}.` : `If ${parts.join(' and ')}: ${action(rule.action)}.`;
  });
}

function bandRows(bands: Band[], suffix: string): PointsRow[] {
  return [...bands].sort((a, b) => b.from - a.from).map((b) => ({
    answer: b.to === undefined ? `${groupDigits(b.from)}${suffix} or more` : `${groupDigits(b.from)} to under ${groupDigits(b.to)}${suffix}`,
    points: points(b.points),
  }));
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function points(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/** 120000 → "120,000". Locale-independent. */
export function groupDigits(value: number): string {
  const [whole = '0', fraction] = String(Math.abs(value)).split('.');
  return `${value < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}
