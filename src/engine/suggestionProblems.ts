import type { Model, Rule } from './types';
import type { ModelProblem, ProblemParams } from './validateModel';

/**
 * What is wrong in a model's `suggestions`: facts for a criterion the model does not have, for a
 * criterion with no contact source to write, or mapped to options its rule does not list; an
 * auto-fill threshold of 0 (it would fill every answer). Each problem names its path and the fix.
 * These never make a model invalid (a suggestion that does not fit is simply not made); `bant check`
 * reports them so RevOps can fix the mapping after editing a criterion.
 * @example suggestionProblems(model) // [{ path: 'suggestions.facts.budgt', message: '"budgt" is not a criterion ...' }]
 */
export function suggestionProblems(model: Model): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add = (path: string, code: string, params: ProblemParams, message: string) => problems.push({ path, code, params, message });
  const keys = model.criteria.map((c) => c.key);
  for (const [key, fact] of Object.entries(model.suggestions?.facts ?? {})) {
    const at = `suggestions.facts.${key}`;
    const criterion = model.criteria.find((c) => c.key === key);
    if (!criterion) {
      add(at, 'criterion.unknown', { key, allowed: keys.join(', ') }, `"${key}" is not a criterion of this model; expected one of ${keys.join(', ')}`);
      continue;
    }
    const source = criterion.sources.find((s) => s.object === 'contact');
    if (!source) {
      add(at, 'facts.noContactSource', { key }, `criterion "${key}" reads no contact property, so a suggestion has nowhere to go; add a contact source or remove these facts`);
      continue;
    }
    const rule = source.rule ?? criterion.rule;
    const values = optionValues(rule);
    if (fact.fact === 'amount' && rule.type !== 'bands') {
      add(`${at}.fact`, 'facts.amountNotNumeric', { property: source.property, rule: rule.type }, `an amount needs a numeric rule, but contact.${source.property} is read as ${rule.type}; choose another fact or remove it`);
    }
    if (fact.fact === 'role' || fact.fact === 'need') {
      for (const [level, value] of Object.entries(fact.options)) {
        if (values && !values.includes(value!)) add(`${at}.options.${level}`, 'facts.notAnOption', { value: value!, property: source.property, allowed: values.join(', ') }, `"${value}" is not an option of contact.${source.property}; expected one of ${values.join(', ')}`);
      }
      if (!values) add(`${at}.fact`, fact.fact === 'role' ? 'facts.roleNotOptions' : 'facts.needNotOptions', { property: source.property, rule: rule.type }, `a ${fact.fact} level maps to options, but contact.${source.property} is read as ${rule.type}`);
    }
    if (fact.fact === 'timeline') {
      if (!fact.options && rule.type !== 'date_window') {
        add(`${at}.options`, 'facts.timelineNotDate', { property: source.property, rule: rule.type }, `contact.${source.property} is read as ${rule.type}, not as a date; list its options with "withinMonths", e.g. [{"value": "soon", "withinMonths": 3}, {"value": "later"}]`);
      }
      fact.options?.forEach((option, i) => {
        if (values && !values.includes(option.value)) add(`${at}.options[${i}].value`, 'facts.notAnOption', { value: option.value, property: source.property, allowed: values.join(', ') }, `"${option.value}" is not an option of contact.${source.property}; expected one of ${values.join(', ')}`);
        const previous = fact.options![i - 1];
        if (previous && (previous.withinMonths === undefined || (option.withinMonths !== undefined && option.withinMonths <= previous.withinMonths))) {
          add(`${at}.options[${i}]`, 'facts.timelineOrder', {}, 'list the options from the soonest to the latest, each "withinMonths" larger than the one before, and the one without "withinMonths" last');
        }
      });
    }
  }
  const autofill = model.suggestions?.autofill;
  if (autofill?.enabled && autofill.minConfidence === 0) {
    add('suggestions.autofill.minConfidence', 'autofill.zero', {}, '0 would fill every empty answer with any guess; use a threshold such as 0.85');
  }
  return problems;
}

function optionValues(rule: Rule): string[] | null {
  if (rule.type === 'options' || rule.type === 'multi') return rule.options.map((o) => o.value);
  if (rule.type === 'likert') return rule.levels.map((o) => o.value);
  return null;
}
