import { answeredAt } from './answeredAt';
import { answerStale } from './answerStale';
import { compileExplainedJson } from './compileExplainedJson';
import type { ExplainedJson } from './compileExplainedJson';
import { compileRule, UNREADABLE } from './compileRule';
import type { RuleReader } from './compileRule';
import { derivedPropertyNames, STALE_CRITERIA, VERDICT } from './derivedPropertyNames';
import { formatNumber } from './formatNumber';
import { readDate } from './parseRaw';
import { OVERRIDE, readOverride } from './readOverride';
import { scoreLead } from './scoreLead';
import { selectDeal } from './selectDeal';
import { totalMax } from './totalMax';
import type { CriterionStatus, DealRecord, DerivedProperties, Grade, LeadRecord, LeadResult, Model, RawProperties, Source, Verdict } from './types';

/** One criterion of a lead as the fast path scores it: the numbers, without the words. */
export interface CriterionScore {
  key: string;
  points: number;
  status: CriterionStatus;
  /** The raw value scored (or rejected), null when unknown. */
  value: string | null;
  /** The model's source the value came from (a deal source reads `LeadScore.deal`). */
  source: Source | null;
  /** The contact's answer is older than the criterion's `maxAgeDays`. */
  stale: boolean;
}

/** A lead's score without explanations: what the CRM stores and what routing needs. */
export interface LeadScore {
  score: number;
  qualified: boolean;
  grade: string;
  nextAction: string;
  /** Keys of the criteria not met, in model order. Shared between results: do not change it. */
  failedCriteria: readonly string[];
  completeness: number;
  /** Keys of the criteria whose answer is stale, in model order. Shared between results: do not change it. */
  staleCriteria: readonly string[];
  /** The verdict that counts: an override that applies, else the computed one. */
  verdict: Verdict;
  /** Whether an override stored on the contact applies now. */
  overridden: boolean;
  /** In model order. An unknown criterion's entry is shared between results: do not change it. */
  criteria: readonly CriterionScore[];
  /** The deal whose properties fed deal sources. */
  deal: DealRecord | null;
}

/** What `derived` reads of a score: a fast `LeadScore` or an explained `LeadResult` alike. */
export type ScoreOutcome = Pick<LeadScore, 'score' | 'qualified' | 'grade' | 'nextAction' | 'failedCriteria' | 'completeness' | 'staleCriteria' | 'verdict'> & {
  /** In model order. */
  criteria: readonly { points: number }[];
};

/** A model compiled once for scoring many leads. */
export interface CompiledModel {
  readonly model: Model;
  /** The highest score the model can give. */
  readonly max: number;
  /** Scores a lead: the same numbers as `scoreLead`, without building explanations. */
  score(record: LeadRecord, now: Date): LeadScore;
  /** The contact properties the app writes for a score (fast or explained): the same values, in the same order, as `toDerivedProperties`. */
  derived(lead: ScoreOutcome, now: Date): DerivedProperties;
  /** The explained result (`scoreLead`), for the card, `--format table` and anything a person reads. */
  explain(record: LeadRecord, now: Date): LeadResult;
  /**
   * The explained result with its properties as one line of JSON, as `bant score` prints it: the text of
   * `JSON.stringify({ ...explain(record, now), properties: derived(...) })`, printed from the fast score,
   * as its UTF-8 bytes, one character per byte (`Buffer.from(text, 'latin1')` is the UTF-8 of the JSON).
   */
  explainJsonBytes(record: LeadRecord, now: Date): string;
}

/** Failed criteria are kept as bits of a 32-bit integer. */
export const MAX_CRITERIA = 31;

interface CompiledSource {
  source: Source;
  read: RuleReader;
}

interface CompiledCriterion {
  key: string;
  max: number;
  minimum: number;
  sources: CompiledSource[];
  /** The result when no source has a value: the same for every lead, so built once. */
  unknown: CriterionScore;
  /** The answer stamp's property, when the criterion has a maximum age. */
  stamp: string | null;
  maxAgeDays: number | undefined;
}

interface CompiledRoute {
  qualified: boolean | undefined;
  grades: ReadonlySet<string> | null;
  /** Bit i set: matches when criterion i is not met. 0: no condition. */
  failing: number;
  stale: boolean | undefined;
  action: string;
}

/**
 * Compiles a model for the scoring fast path: rules become readers (option maps, date-window
 * limits per `now`), grades are sorted, routing conditions and failed-criteria lists become bit
 * masks, and property names are built once. `score` and `derived` then allocate little more than
 * their results; `scoreLead` remains the reference they are tested against.
 * @example
 * const bant = compileModel(model);
 * for (const lead of leads) write(bant.derived(bant.score(lead, now), now));
 */
export function compileModel(model: Model): CompiledModel {
  if (model.criteria.length > MAX_CRITERIA) throw new RangeError(`a model can have at most ${MAX_CRITERIA} criteria, this one has ${model.criteria.length}`);
  const criteria: CompiledCriterion[] = model.criteria.map((criterion) => ({
    key: criterion.key,
    max: criterion.max,
    minimum: criterion.minimum,
    sources: criterion.sources.map((source) => ({ source, read: compileRule(source.rule ?? criterion.rule, criterion.max) })),
    unknown: Object.freeze({ key: criterion.key, points: 0, status: 'unknown', value: null, source: null, stale: false }),
    stamp: criterion.maxAgeDays === undefined ? null : answeredAt(criterion),
    maxAgeDays: criterion.maxAgeDays,
  }));
  const keys = model.criteria.map((c) => c.key);
  const grades = [...model.grades].sort((a, b) => b.min - a.min);
  const lowestGrade = grades[grades.length - 1]?.grade ?? '';
  const routes: CompiledRoute[] = model.routing.map(({ when, action }) => ({
    qualified: when?.qualified,
    grades: when?.grades ? new Set(when.grades) : null,
    failing: (when?.failing ?? []).reduce((mask, key) => (keys.includes(key) ? mask | bit(keys.indexOf(key)) : mask), 0),
    stale: when?.stale,
    action,
  }));
  const fallbackAction = model.routing[model.routing.length - 1]?.action ?? '';
  const keysByMask = new Map<number, readonly string[]>();
  const joined = new Map<readonly string[], string>();
  const keysOf = (mask: number) => {
    let found = keysByMask.get(mask);
    if (!found) {
      found = Object.freeze(keys.filter((_, i) => mask & bit(i)));
      keysByMask.set(mask, found);
      joined.set(found, found.join(';'));
    }
    return found;
  };
  const routingFollowsOverride = model.overrides?.routing === 'override';
  const names = derivedPropertyNames(model);
  const pointsNames = names.slice(1, 1 + keys.length);
  const writesVerdict = names.includes(VERDICT);
  const writesStale = names.includes(STALE_CRITERIA);
  // Copying a template with every property already in place is how V8 builds an object of
  // computed keys most compactly (in-object slots, no growing property store).
  const template: DerivedProperties = {};
  for (const name of names) template[name] = '';
  let scoredAtTime = NaN;
  let scoredAt = '';

  function score(record: LeadRecord, now: Date): LeadScore {
    const deal = record.deals && record.deals.length > 0 ? selectDeal(record.deals, model.dealSelection.policy) : null;
    const scores: CriterionScore[] = new Array(criteria.length);
    let sum = 0;
    let failedMask = 0;
    let staleMask = 0;
    let usable = 0;
    for (let i = 0; i < criteria.length; i += 1) {
      const scored = scoreCriterion(criteria[i]!, record, deal, now);
      scores[i] = scored;
      sum += scored.points;
      if (scored.status !== 'met') failedMask |= bit(i);
      if (scored.status === 'met' || scored.status === 'below') usable += 1;
      if (scored.stale) staleMask |= bit(i);
    }
    const total = Math.round(sum * 1e6) / 1e6;
    const qualified = total >= model.qualification.minScore && failedMask === 0;
    const grade = gradeFor(grades, total) ?? lowestGrade;
    const override = record.contact[OVERRIDE] ? readOverride(model, record.contact, now) : null;
    const overridden = override?.status === 'applies';
    const verdict: Verdict = overridden ? override.verdict : qualified ? 'qualified' : 'not_qualified';
    const routedQualified = overridden && routingFollowsOverride ? verdict === 'qualified' : qualified;
    return {
      score: total,
      qualified,
      grade,
      nextAction: route(routes, routedQualified, grade, failedMask, staleMask) ?? fallbackAction,
      failedCriteria: keysOf(failedMask),
      completeness: Math.round((usable / criteria.length) * 100),
      staleCriteria: keysOf(staleMask),
      verdict,
      overridden,
      criteria: scores,
      deal,
    };
  }

  function derived(lead: ScoreOutcome, now: Date): DerivedProperties {
    if (now.getTime() !== scoredAtTime) {
      scoredAtTime = now.getTime();
      scoredAt = now.toISOString();
    }
    const properties = { ...template };
    properties.bant_score = formatNumber(lead.score);
    for (let i = 0; i < pointsNames.length; i += 1) properties[pointsNames[i]!] = formatNumber(lead.criteria[i]?.points ?? 0);
    properties.bant_qualified = lead.qualified ? 'true' : 'false';
    properties.bant_grade = lead.grade;
    properties.bant_next_action = lead.nextAction;
    properties.bant_failed_criteria = joined.get(lead.failedCriteria) ?? keys.filter((key) => lead.failedCriteria.includes(key)).join(';');
    properties.bant_completeness = formatNumber(lead.completeness);
    properties.bant_scored_at = scoredAt;
    properties.bant_model_version = model.version;
    if (writesVerdict) properties[VERDICT] = lead.verdict;
    if (writesStale) properties[STALE_CRITERIA] = joined.get(lead.staleCriteria) ?? keys.filter((key) => lead.staleCriteria.includes(key)).join(';');
    return properties;
  }

  let printJson: ExplainedJson | undefined; // compiled when first asked for: only `bant score` prints
  const explainJsonBytes = (record: LeadRecord, now: Date): string => (printJson ??= compileExplainedJson(model, derived))(score(record, now), record, now);

  return { model, max: totalMax(model), score, derived, explain: (record, now) => scoreLead(model, record, now), explainJsonBytes };
}

/** The first source with a non-empty value decides (SCORING.md: an invalid value is reported, never skipped). */
function scoreCriterion(criterion: CompiledCriterion, record: LeadRecord, deal: DealRecord | null, now: Date): CriterionScore {
  for (let s = 0; s < criterion.sources.length; s += 1) {
    const { source, read } = criterion.sources[s]!;
    const properties: RawProperties | undefined = source.object === 'contact' ? record.contact : source.object === 'deal' ? deal?.properties : record.company;
    const raw = properties?.[source.property];
    if (raw === null || raw === undefined || raw.trim() === '') continue;
    const stale = source.object === 'contact' && criterion.stamp !== null && isStale(record.contact[criterion.stamp], criterion.maxAgeDays, now);
    const points = read(raw, now);
    if (points === UNREADABLE) return { key: criterion.key, points: 0, status: 'invalid', value: raw, source, stale };
    const capped = Math.min(points, criterion.max);
    return { key: criterion.key, points: capped, status: capped >= criterion.minimum ? 'met' : 'below', value: raw, source, stale };
  }
  return criterion.unknown;
}

function isStale(stamp: string | null | undefined, maxAgeDays: number | undefined, now: Date): boolean {
  if (stamp === null || stamp === undefined || stamp.trim() === '') return false;
  return answerStale(readDate(stamp), maxAgeDays, now.getTime());
}

function gradeFor(grades: readonly Grade[], score: number): string | undefined {
  for (const grade of grades) if (score >= grade.min) return grade.grade;
  return undefined;
}

function route(routes: readonly CompiledRoute[], qualified: boolean, grade: string, failedMask: number, staleMask: number): string | undefined {
  for (const rule of routes) {
    if (rule.qualified !== undefined && rule.qualified !== qualified) continue;
    if (rule.grades && !rule.grades.has(grade)) continue;
    if (rule.failing !== 0 && (rule.failing & failedMask) === 0) continue;
    if (rule.stale !== undefined && rule.stale !== (staleMask !== 0)) continue;
    return rule.action;
  }
  return undefined;
}

function bit(index: number): number {
  return 1 << index;
}

