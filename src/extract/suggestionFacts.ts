import type { Criterion, Model, Rule, Source, SuggestionFact } from '../engine';

/** Where a criterion's suggestion goes and which fact feeds it. */
export interface SuggestionTarget {
  criterion: Criterion;
  /** The criterion's first contact source: the property a suggestion fills. */
  source: Source;
  /** The rule that reads that property (the source's own, else the criterion's). */
  rule: Rule;
  fact: SuggestionFact;
}

/**
 * The criteria of a model that can take suggestions: those the model's `suggestions.facts` names,
 * and those whose first contact property is read as a currency amount (an amount) or as dates (a
 * purchase date). Criteria without a contact source, or whose rule says nothing a text can tell, get none.
 * @example suggestionFacts(bantDefault).map((t) => t.criterion.key) // ['budget', 'authority', 'need', 'timeline']
 */
export function suggestionFacts(model: Model): SuggestionTarget[] {
  const targets: SuggestionTarget[] = [];
  for (const criterion of model.criteria) {
    const source = criterion.sources.find((s) => s.object === 'contact');
    if (!source) continue;
    const rule = source.rule ?? criterion.rule;
    const fact = model.suggestions?.facts?.[criterion.key] ?? inferred(rule);
    if (fact) targets.push({ criterion, source, rule, fact });
  }
  return targets;
}

function inferred(rule: Rule): SuggestionFact | null {
  if (rule.type === 'bands' && rule.unit === 'currency') return { fact: 'amount' };
  if (rule.type === 'date_window') return { fact: 'timeline' };
  return null;
}
