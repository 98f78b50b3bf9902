import type { Model, Rule } from './types';

/**
 * What is wrong in a model's `suggestions`: facts for a criterion the model does not have, for a
 * criterion with no contact source to write, or mapped to options its rule does not list; an
 * auto-fill threshold of 0 (it would fill every answer). Each problem names its path and the fix.
 * These never make a model invalid (a suggestion that does not fit is simply not made); `bant check`
 * reports them so RevOps can fix the mapping after editing a criterion.
 * @example suggestionProblems(model) // [{ path: 'suggestions.facts.budgt', message: '"budgt" is not a criterion ...' }]
 */
export function suggestionProblems(model: Model): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const keys = model.criteria.map((c) => c.key);
  for (const [key, fact] of Object.entries(model.suggestions?.facts ?? {})) {
    const at = `suggestions.facts.${key}`;
    const criterion = model.criteria.find((c) => c.key === key);
    if (!criterion) {
      problems.push({ path: at, message: `"${key}" is not a criterion of this model; expected one of ${keys.join(', ')}` });
      continue;
    }
    const source = criterion.sources.find((s) => s.object === 'contact');
    if (!source) {
      problems.push({ path: at, message: `criterion "${key}" reads no contact property, so a suggestion has nowhere to go; add a contact source or remove these facts` });
      continue;
    }
    const rule = source.rule ?? criterion.rule;
    const values = optionValues(rule);
    if (fact.fact === 'amount' && rule.type !== 'bands') {
      problems.push({ path: `${at}.fact`, message: `an amount needs a numeric rule, but contact.${source.property} is read as ${rule.type}; choose another fact or remove it` });
    }
    if (fact.fact === 'role' || fact.fact === 'need') {
      for (const [level, value] of Object.entries(fact.options)) {
        if (values && !values.includes(value!)) problems.push({ path: `${at}.options.${level}`, message: `"${value}" is not an option of contact.${source.property}; expected one of ${values.join(', ')}` });
      }
      if (!values) problems.push({ path: `${at}.fact`, message: `a ${fact.fact} level maps to options, but contact.${source.property} is read as ${rule.type}` });
    }
    if (fact.fact === 'timeline') {
      if (!fact.options && rule.type !== 'date_window') {
        problems.push({ path: `${at}.options`, message: `contact.${source.property} is read as ${rule.type}, not as a date; list its options with "withinMonths", e.g. [{"value": "soon", "withinMonths": 3}, {"value": "later"}]` });
      }
      fact.options?.forEach((option, i) => {
        if (values && !values.includes(option.value)) problems.push({ path: `${at}.options[${i}].value`, message: `"${option.value}" is not an option of contact.${source.property}; expected one of ${values.join(', ')}` });
        const previous = fact.options![i - 1];
        if (previous && (previous.withinMonths === undefined || (option.withinMonths !== undefined && option.withinMonths <= previous.withinMonths))) {
          problems.push({ path: `${at}.options[${i}]`, message: 'list the options from the soonest to the latest, each "withinMonths" larger than the one before, and the one without "withinMonths" last' });
        }
      });
    }
  }
  const autofill = model.suggestions?.autofill;
  if (autofill?.enabled && autofill.minConfidence === 0) {
    problems.push({ path: 'suggestions.autofill.minConfidence', message: '0 would fill every empty answer with any guess; use a threshold such as 0.85' });
  }
  return problems;
}

function optionValues(rule: Rule): string[] | null {
  if (rule.type === 'options' || rule.type === 'multi') return rule.options.map((o) => o.value);
  if (rule.type === 'likert') return rule.levels.map((o) => o.value);
  return null;
}
