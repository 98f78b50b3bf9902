/**
 * Which inputs the "Edit answers" panel shows: for each criterion, the rep's answer property (its
 * first contact source with `managed: true`) and the control that fits its rule. Pure; the app
 * function uses `answerSource` too, so card and function agree on what a rep may write.
 */
import type { Criterion, CriterionResult, LocalizedText, Model, Rule, SourceRef } from '@bant/engine';
import type { AnswerProperty } from './cardApi';

export type AnswerControl = 'currency' | 'number' | 'select' | 'multiselect' | 'checkboxes' | 'toggle' | 'date';

export interface AnswerField {
  criterion: Criterion;
  property: string;
  /** How the answer is read: the answer source's own rule, else the criterion's. */
  rule: Rule;
  control: AnswerControl;
  label: string;
  options: Array<{ value: string; label: string }>;
  /** A source that takes precedence over the rep's answer and has a value: the field is read-only. */
  lockedBy: SourceRef | null;
}

/** The rep's answer source of a criterion, or null when the model gives the rep no input for it. */
export function answerSource(criterion: Criterion): { property: string; rule: Rule; index: number } | null {
  const index = criterion.sources.findIndex((s) => s.object === 'contact' && s.managed === true);
  const source = criterion.sources[index];
  return source ? { property: source.property, rule: source.rule ?? criterion.rule, index } : null;
}

/**
 * The inputs of a model, in model order and the rep's language, with the current result deciding
 * which are locked by a source the model reads first.
 */
export function answerFields(model: Model, results: CriterionResult[], properties: Record<string, AnswerProperty>, text: (t: LocalizedText) => string): AnswerField[] {
  const fields: AnswerField[] = [];
  for (const criterion of model.criteria) {
    const answer = answerSource(criterion);
    if (!answer) continue;
    const result = results.find((r) => r.key === criterion.key);
    const usedIndex = result?.source
      ? criterion.sources.findIndex((s) => s.object === result.source?.object && s.property === result.source?.property)
      : -1;
    fields.push({
      criterion,
      property: answer.property,
      rule: answer.rule,
      control: controlFor(answer.rule, properties[answer.property]?.fieldType ?? ''),
      label: text(criterion.label),
      options: optionsOf(answer.rule, text),
      lockedBy: usedIndex >= 0 && usedIndex < answer.index ? (result?.source ?? null) : null,
    });
  }
  return fields;
}

/** Single choices (time windows and Likert scales included) fit a sidebar as a Select. */
function controlFor(rule: Rule, fieldType: string): AnswerControl {
  switch (rule.type) {
    case 'bands':
      return rule.unit === 'currency' ? 'currency' : 'number';
    case 'options':
    case 'likert':
      return 'select';
    case 'multi':
      return fieldType === 'checkbox' ? 'checkboxes' : 'multiselect';
    case 'coverage':
      return 'checkboxes';
    case 'boolean':
      return 'toggle';
    case 'date_window':
      return 'date';
  }
}

function optionsOf(rule: Rule, text: (t: LocalizedText) => string): Array<{ value: string; label: string }> {
  switch (rule.type) {
    case 'options':
    case 'multi':
    case 'coverage':
      return rule.options.map(({ value, label }) => ({ value, label: text(label) }));
    case 'likert':
      return rule.levels.map(({ value, label }) => ({ value, label: text(label) }));
    default:
      return [];
  }
}
