import type { z } from 'zod';
import { MAX_CRITERIA } from './compileModel';
import { MODEL_FORMS, modelSchema } from './modelSchema';
import { COMMITTEE_SIZE, derivedPropertyNames } from './derivedPropertyNames';
import { totalMax } from './totalMax';
import type { Band, Model, OptionPoints, Rule } from './types';

/** The values a problem names, as `bant check` prints them (numbers and JSON as written). */
export type ProblemParams = Readonly<Record<string, string | number>>;

export interface ModelProblem {
  /** Where in the model file, e.g. `criteria[0].rule.bands[1].to`. */
  path: string;
  /** What is wrong, stable across releases: the settings page says it in the user's language by this code. */
  code: string;
  /** The values the message names (`expected` is a type and `form` a model form: both are said in words). */
  params: ProblemParams;
  /** The English sentence `bant check` prints. */
  message: string;
}

export type ModelValidation = { ok: true; model: Model } | { ok: false; problems: ModelProblem[] };

/**
 * Checks a parsed model file: its shape, then the rules between fields (bands without gaps or
 * overlaps, points within each criterion's max, grades covering 0..max, a final routing rule).
 * Never throws for a bad model; every problem names its path, the value found and the fix.
 * @example
 * const checked = validateModel(JSON.parse(text));
 * if (!checked.ok) console.error(checked.problems.map(formatProblem).join('\n'));
 */
export function validateModel(input: unknown): ModelValidation {
  const parsed = modelSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(describeIssue) };
  const problems = semanticProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, model: parsed.data };
}

/** One line per problem: `path: message`. */
export function formatProblem(problem: Pick<ModelProblem, 'path' | 'message'>): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const FORM_OF = new Map<string, string>(Object.entries(MODEL_FORMS).map(([form, words]) => [words, form]));

/** The model form a schema message names, or the message itself when it names none. */
function formOf(message: string): string {
  return FORM_OF.get(message) ?? message;
}

function describeIssue(issue: z.core.$ZodIssue): ModelProblem {
  const at = formatPath(issue.path);
  const problem = (code: string, params: ProblemParams, message: string): ModelProblem => ({ path: at, code, params, message });
  const found = 'input' in issue ? issue.input : undefined;
  const shown = show(found);
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? problem('type.missing', { expected: issue.expected }, `is missing; expected ${article(issue.expected)}`)
        : problem('type.wrong', { expected: issue.expected, found: shown }, `expected ${article(issue.expected)}, got ${shown}`);
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v)).join(', ');
      return problem('value.notAllowed', { found: shown, allowed }, `${shown} is not allowed; expected one of ${allowed}`);
    }
    case 'invalid_union':
      if ('discriminator' in issue && Array.isArray((issue as { options?: unknown }).options)) {
        const allowed = ((issue as { options?: unknown[] }).options ?? []).map(String).join(', ');
        const field = String(issue.discriminator);
        const value = show(found && typeof found === 'object' ? (found as Record<string, unknown>)[field] : undefined);
        return problem('kind.unknown', { found: value, field, allowed }, `${value} is not a known ${field}; expected one of ${allowed}`);
      }
      return issue.message && issue.message !== 'Invalid input'
        ? problem('form.wrong', { found: shown, form: formOf(issue.message) }, `${shown} is not ${issue.message}`)
        : problem('form.noMatch', { found: shown }, `${shown} does not match any allowed form`);
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return problem('field.unknown', { keys, count: issue.keys.length }, `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`);
    }
    case 'too_small':
      if (issue.origin === 'array') {
        const got = Array.isArray(found) ? found.length : 0;
        return problem('items.tooFew', { count: Number(issue.minimum), got: String(got) }, `needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}, got ${got}`);
      }
      if (issue.origin === 'string') return problem('text.empty', {}, 'must not be empty');
      return problem('number.tooSmall', { found: shown, op: issue.inclusive ? '≥' : '>', minimum: String(issue.minimum) }, `${shown} is too small; expected a number ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`);
    case 'too_big':
      return problem('number.tooBig', { found: shown, maximum: String(issue.maximum) }, `${shown} is too big; expected at most ${String(issue.maximum)}`);
    case 'invalid_format': {
      const form = issue.message ?? `a valid ${issue.format}`;
      return problem('form.wrong', { found: shown, form: formOf(form) }, `${shown} is not ${form}`);
    }
    default:
      return issue.code === 'custom' && FORM_OF.has(issue.message)
        ? problem('form.unmet', { found: shown, form: formOf(issue.message) }, `${shown}: ${issue.message}`)
        : problem('schema.other', { found: shown, detail: issue.message }, `${shown}: ${issue.message}`);
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function semanticProblems(model: Model): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add: Add = (path, code, params, message) => problems.push({ path, code, params, message });
  const derived = new Set(derivedPropertyNames(model));
  if (model.criteria.length > MAX_CRITERIA) add('criteria', 'criteria.tooMany', { count: String(model.criteria.length), max: String(MAX_CRITERIA) }, `${model.criteria.length} criteria; a model can have at most ${MAX_CRITERIA}, merge or remove some`);

  const seenKeys = new Map<string, number>();
  model.criteria.forEach((criterion, i) => {
    const at = `criteria[${i}]`;
    const first = seenKeys.get(criterion.key);
    if (first !== undefined) add(`${at}.key`, 'key.twice', { key: criterion.key, other: `criteria[${first}].key` }, `"${criterion.key}" is used twice (also criteria[${first}].key); criterion keys must be unique`);
    else seenKeys.set(criterion.key, i);
    if (criterion.minimum > criterion.max) {
      add(`${at}.minimum`, 'minimum.aboveMax', { minimum: String(criterion.minimum), max: String(criterion.max) }, `${criterion.minimum} is above the criterion's max (${criterion.max}); no answer could meet it, lower the minimum`);
    }
    checkRule(criterion.rule, criterion.max, `${at}.rule`, add);
    const seenSources = new Set<string>();
    criterion.sources.forEach((source, s) => {
      const id = `${source.object}.${source.property}`;
      if (seenSources.has(id)) add(`${at}.sources[${s}]`, 'source.twice', { source: id }, `${id} is listed twice; list each source once, in precedence order`);
      seenSources.add(id);
      if (source.object === 'contact' && derived.has(source.property)) {
        add(`${at}.sources[${s}].property`, 'source.written', { property: source.property }, `"${source.property}" is a property this app writes; reading it back would feed the score into itself, pick an input property`);
      }
      if (source.rule) checkRule(source.rule, criterion.max, `${at}.sources[${s}].rule`, add);
      if (source.managed && source.object !== 'contact') {
        add(`${at}.sources[${s}].managed`, 'source.managedNotContact', { object: source.object }, `only contact properties can be managed by the app, not ${source.object} properties; remove "managed"`);
      }
    });
  });

  const total = totalMax(model);
  if (model.qualification.minScore > total) {
    add('qualification.minScore', 'minScore.aboveTotal', { minScore: String(model.qualification.minScore), total: String(total) }, `${model.qualification.minScore} is above the model's maximum score (${total}); no lead could qualify, lower it`);
  }

  const gradeNames = new Set<string>();
  const gradeMins = new Map<number, string>();
  model.grades.forEach((grade, i) => {
    if (gradeNames.has(grade.grade)) add(`grades[${i}].grade`, 'grade.twice', { grade: grade.grade }, `"${grade.grade}" is used twice; grade names must be unique`);
    gradeNames.add(grade.grade);
    const other = gradeMins.get(grade.min);
    if (other !== undefined) add(`grades[${i}].min`, 'grade.sameMin', { min: String(grade.min), other }, `${grade.min} is also the min of grade "${other}"; each grade needs its own lower bound`);
    gradeMins.set(grade.min, grade.grade);
    if (grade.min > total) add(`grades[${i}].min`, 'grade.aboveTotal', { min: String(grade.min), total: String(total), grade: grade.grade }, `${grade.min} is above the model's maximum score (${total}); no lead could get grade "${grade.grade}"`);
  });
  model.grades.forEach((grade, i) => {
    const previous = model.grades[i - 1];
    if (previous && grade.min > previous.min) {
      add(`grades[${i}].min`, 'grade.order', { min: String(grade.min), previous: `grades[${i - 1}]`, previousGrade: previous.grade, previousMin: String(previous.min) }, `${grade.min} is above the min of grades[${i - 1}] ("${previous.grade}", ${previous.min}), but grades are listed from the best to the worst; list them from the highest min to the lowest, or fix the bounds`);
    }
  });
  const lowest = Math.min(...model.grades.map((g) => g.min));
  if (lowest > 0) add('grades', 'grades.noZero', { lowest: String(lowest) }, `no grade covers scores from 0 to ${lowest}; give the lowest grade "min": 0`);

  const actionKeys = new Set<string>();
  model.actions.forEach((action, i) => {
    if (actionKeys.has(action.key)) add(`actions[${i}].key`, 'action.twice', { key: action.key }, `"${action.key}" is used twice; action keys must be unique`);
    actionKeys.add(action.key);
  });

  const last = model.routing.length - 1;
  model.routing.forEach((rule, i) => {
    const at = `routing[${i}]`;
    if (!actionKeys.has(rule.action)) add(`${at}.action`, 'action.unknown', { action: rule.action, allowed: [...actionKeys].join(', ') }, `"${rule.action}" is not a declared action; expected one of ${[...actionKeys].join(', ')}`);
    rule.when?.grades?.forEach((grade, g) => {
      if (!gradeNames.has(grade)) add(`${at}.when.grades[${g}]`, 'grade.unknown', { grade, allowed: [...gradeNames].join(', ') }, `"${grade}" is not a grade of this model; expected one of ${[...gradeNames].join(', ')}`);
    });
    if (rule.when?.stale !== undefined && !model.criteria.some((c) => c.maxAgeDays !== undefined)) {
      add(`${at}.when.stale`, rule.when.stale ? 'stale.neverHolds' : 'stale.alwaysHolds', {}, `no criterion has "maxAgeDays", so no answer is ever stale and this condition ${rule.when.stale ? 'never' : 'always'} holds; give a criterion "maxAgeDays" or remove "stale"`);
    }
    rule.when?.failing?.forEach((key, f) => {
      if (!seenKeys.has(key)) add(`${at}.when.failing[${f}]`, 'criterion.unknown', { key, allowed: [...seenKeys.keys()].join(', ') }, `"${key}" is not a criterion of this model; expected one of ${[...seenKeys.keys()].join(', ')}`);
    });
    if (!rule.when && i < last) add(`${at}.when`, 'routing.unreachable', { count: String(last - i) }, `this rule has no condition, so the ${last - i} rule(s) after it can never match; move it to the end`);
  });
  const final = model.routing[last];
  if (final?.when) add(`routing[${last}]`, 'routing.lastHasCondition', {}, 'the last rule has a condition; end with a rule without "when" so every lead gets a next action');

  committeeProblems(model, add);
  return problems;
}

/** The roll-up rules, and the switches for deals, companies, HubSpot's Leads and the lifecycle stage. */
function committeeProblems(model: Model, add: Add): void {
  const derived = new Set([...derivedPropertyNames(model), COMMITTEE_SIZE]);
  model.criteria.forEach((criterion, i) => {
    const minimum = criterion.rollup?.minimum;
    if (minimum !== undefined && minimum > criterion.max) {
      add(`criteria[${i}].rollup.minimum`, 'rollup.aboveMax', { minimum: String(minimum), max: String(criterion.max) }, `${minimum} is above the criterion's max (${criterion.max}); no committee could meet it, lower it`);
    }
    criterion.sources.forEach((source, s) => {
      const written = (source.object === 'deal' && model.committee?.deals) || (source.object === 'company' && model.committee?.companies);
      if (written && derived.has(source.property)) {
        add(`criteria[${i}].sources[${s}].property`, 'source.writtenByRollup', { property: source.property, object: source.object }, `"${source.property}" is a ${source.object} property this app writes when it rolls up committees; reading it back would feed the score into itself, pick an input property`);
      }
    });
  });
  const role = model.committee?.roleCriterion;
  if (role !== undefined && !model.criteria.some((c) => c.key === role)) {
    add('committee.roleCriterion', 'criterion.unknown', { key: role, allowed: model.criteria.map((c) => c.key).join(', ') }, `"${role}" is not a criterion of this model; expected one of ${model.criteria.map((c) => c.key).join(', ')}`);
  }
  if (model.leads && model.leads.qualifiedStage === model.leads.unqualifiedStage) {
    add('leads.unqualifiedStage', 'leads.sameStage', { stage: model.leads.unqualifiedStage }, `"${model.leads.unqualifiedStage}" is also the qualified stage; give Qualified and Unqualified their own lead stages`);
  }
}

type Add = (path: string, code: string, params: ProblemParams, message: string) => void;

/**
 * What a valid model allows but is probably a mistake: a criterion whose max no source can earn
 * (its score can never reach the max), and a source whose rule gives less than the max when
 * another source can reach it. Each warning names its path, the values and the fix.
 * @example modelWarnings(model).map(formatProblem)
 * // ['criteria[0].max: 30 cannot be reached: the most its rule gives is 20; lower the max to 20 or raise the top points']
 */
export function modelWarnings(model: Model): ModelProblem[] {
  const warnings: ModelProblem[] = [];
  model.criteria.forEach((criterion, i) => {
    const peaks = criterion.sources.map((source) => rulePeak(source.rule ?? criterion.rule, criterion.max));
    const best = Math.max(rulePeak(criterion.rule, criterion.max), ...peaks);
    const own = criterion.sources.some((source) => source.rule) ? 'any of its rules gives' : 'its rule gives';
    if (best < criterion.max) {
      warnings.push({ path: `criteria[${i}].max`, code: criterion.sources.some((source) => source.rule) ? 'max.unreachableAnyRule' : 'max.unreachable', params: { max: String(criterion.max), best: String(best) }, message: `${criterion.max} cannot be reached: the most ${own} is ${best}; lower the max to ${best} or raise the top points` });
      return;
    }
    criterion.sources.forEach((source, s) => {
      const peak = peaks[s] as number;
      if (peak >= criterion.max) return;
      warnings.push({
        path: `criteria[${i}].sources[${s}]${source.rule ? '.rule' : ''}`,
        code: source.rule ? 'source.ownRuleBelowMax' : 'source.belowMax',
        params: { source: `${source.object}.${source.property}`, peak: String(peak), max: String(criterion.max) },
        message: `${source.object}.${source.property} earns at most ${peak} of the criterion's max ${criterion.max}, so a lead answered from it never gets full points; raise ${source.rule ? 'this rule\'s' : 'the rule\'s'} top points if that is not meant`,
      });
    });
  });
  return warnings;
}

/** The most points a rule can give (a multi-select sum is capped at the criterion's max). */
function rulePeak(rule: Rule, max: number): number {
  const best = (values: number[]) => Math.max(0, ...values);
  switch (rule.type) {
    case 'bands':
    case 'coverage':
      return best(rule.bands.map((b) => b.points));
    case 'options':
      return best(rule.options.map((o) => o.points));
    case 'likert':
      return best(rule.levels.map((o) => o.points));
    case 'multi':
      return rule.mode === 'sum' ? Math.min(max, rule.options.reduce((sum, o) => sum + Math.max(0, o.points), 0)) : best(rule.options.map((o) => o.points));
    case 'date_window':
      return best([...rule.windows.map((w) => w.points), rule.later]);
    case 'boolean':
      return best([rule.whenTrue, rule.whenFalse]);
  }
}

function checkRule(rule: Rule, max: number, at: string, add: Add): void {
  const checkPoints = (value: number, path: string) => {
    if (value > max) add(path, 'points.aboveMax', { points: String(value), max: String(max) }, `${value} is above the criterion's max (${max}); lower the points or raise the max`);
  };
  switch (rule.type) {
    case 'bands':
      checkBands(rule.bands, `${at}.bands`, add);
      rule.bands.forEach((b, i) => checkPoints(b.points, `${at}.bands[${i}].points`));
      break;
    case 'coverage':
      checkBands(rule.bands, `${at}.bands`, add);
      rule.bands.forEach((b, i) => checkPoints(b.points, `${at}.bands[${i}].points`));
      checkUniqueValues(rule.options, `${at}.options`, add);
      if (Math.min(...rule.bands.map((b) => b.from)) > 0) add(`${at}.bands`, 'coverage.lowStart', {}, 'coverage runs from 0 to 100 %; the lowest band must start at 0');
      if (rule.bands.some((b) => b.to !== undefined && b.to <= 100 && b.from === Math.max(...rule.bands.map((x) => x.from)))) {
        add(`${at}.bands`, 'coverage.closedTop', {}, 'coverage runs from 0 to 100 %; leave the top band open (no "to") so 100 % is covered');
      }
      break;
    case 'options':
    case 'multi':
      checkUniqueValues(rule.options, `${at}.options`, add);
      rule.options.forEach((o, i) => checkPoints(o.points, `${at}.options[${i}].points`));
      break;
    case 'likert':
      checkUniqueValues(rule.levels, `${at}.levels`, add);
      rule.levels.forEach((o, i) => {
        checkPoints(o.points, `${at}.levels[${i}].points`);
        const previous = rule.levels[i - 1];
        if (previous && o.points < previous.points) {
          add(`${at}.levels[${i}].points`, 'likert.decreasing', { points: String(o.points), previous: String(previous.points) }, `${o.points} is below the previous level's ${previous.points}; list Likert levels from lowest to highest with points that never decrease`);
        }
      });
      break;
    case 'date_window':
      rule.windows.forEach((w, i) => {
        checkPoints(w.points, `${at}.windows[${i}].points`);
        const previous = rule.windows[i - 1];
        if (previous && w.withinMonths <= previous.withinMonths) {
          add(`${at}.windows[${i}].withinMonths`, 'window.order', { months: String(w.withinMonths), previous: String(previous.withinMonths) }, `${w.withinMonths} is not after the previous window (${previous.withinMonths}); list windows from the nearest to the farthest`);
        }
      });
      checkPoints(rule.later, `${at}.later`);
      break;
    case 'boolean':
      checkPoints(rule.whenTrue, `${at}.whenTrue`);
      checkPoints(rule.whenFalse, `${at}.whenFalse`);
      break;
  }
}

function checkUniqueValues(options: Array<Pick<OptionPoints, 'value'>>, at: string, add: Add): void {
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (seen.has(o.value)) add(`${at}[${i}].value`, 'option.twice', { value: o.value }, `"${o.value}" is listed twice; each option value must be unique`);
    seen.add(o.value);
  });
}

function checkBands(bands: Band[], at: string, add: Add): void {
  const order = bands.map((band, index) => ({ band, index })).sort((a, b) => a.band.from - b.band.from);
  order.forEach(({ band, index }, i) => {
    if (band.to !== undefined && band.to <= band.from) {
      add(`${at}[${index}].to`, 'band.empty', { to: String(band.to), from: String(band.from) }, `${band.to} is not above "from" (${band.from}); a band covers from (inclusive) up to to (exclusive)`);
      return;
    }
    const next = order[i + 1];
    if (!next) return;
    if (band.to === undefined) {
      add(`${at}[${index}].to`, 'band.openNotTop', { from: String(band.from), nextFrom: String(next.band.from), next: `bands[${next.index}]` }, `is missing, so this band (from ${band.from}) overlaps the band from ${next.band.from} (bands[${next.index}]); only the top band may leave "to" open`);
    } else if (band.to > next.band.from) {
      add(at, 'band.overlap', { band: `bands[${index}]`, from: String(band.from), to: String(band.to), next: `bands[${next.index}]`, nextFrom: String(next.band.from) }, `bands[${index}] (${band.from} to ${band.to}) and bands[${next.index}] (from ${next.band.from}) overlap; start each band where the previous one ends`);
    } else if (band.to < next.band.from) {
      add(at, 'band.gap', { band: `bands[${index}]`, to: String(band.to), next: `bands[${next.index}]`, nextFrom: String(next.band.from) }, `gap between ${band.to} and ${next.band.from}: no band covers these values; start bands[${next.index}] at ${band.to} or end bands[${index}] at ${next.band.from}`);
    }
  });
}
