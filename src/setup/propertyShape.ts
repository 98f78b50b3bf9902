import type { Criterion, LocalizedText, Rule } from '../engine';
import type { CrmPropertyCreate, CrmPropertyType } from '../crm/types';
import { resolveText } from '../i18n';

/** An option a property must offer, and the points it earns (none for the app's own outputs). */
export interface ExpectedOption {
  value: string;
  label: string;
  points?: number;
}

/** What kind of HubSpot property can hold a value: the types that fit, and for enumerations how many values and which. */
export interface PropertyShape {
  /** The type and field type the app creates. */
  type: CrmPropertyType;
  fieldType: CrmPropertyCreate['fieldType'];
  /** Every type that holds the value correctly (a date window reads date and datetime alike). */
  accepts: CrmPropertyType[];
  /** "a number property", for messages. */
  describe: string;
  /** For enumerations: one value (select, radio) or several (checkbox). */
  values?: 'one' | 'several';
  options?: ExpectedOption[];
  /** Where the options live in the model, e.g. `criteria[1].rule.options`. */
  optionsPath?: string;
}

export const BOOLEAN_OPTIONS: ExpectedOption[] = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/**
 * The HubSpot property a rule reads: bands → number; options → single select (radio when the
 * criterion also reads a date, i.e. the options are time windows); likert → radio; multi and
 * coverage → checkboxes; boolean → a yes/no checkbox; date windows → date.
 * @example shapeForRule(criterion.rule, criterion, 'criteria[0].rule').type // 'number'
 */
export function shapeForRule(rule: Rule, criterion: Pick<Criterion, 'sources' | 'rule'>, rulePath: string): PropertyShape {
  switch (rule.type) {
    case 'bands':
      return { type: 'number', fieldType: 'number', accepts: ['number'], describe: 'a number property' };
    case 'options':
      return {
        type: 'enumeration', fieldType: readsDates(criterion) ? 'radio' : 'select', accepts: ['enumeration'],
        describe: 'a single-choice enumeration (select or radio)', values: 'one', options: english(rule.options), optionsPath: `${rulePath}.options`,
      };
    case 'likert':
      return {
        type: 'enumeration', fieldType: 'radio', accepts: ['enumeration'],
        describe: 'a single-choice enumeration (radio)', values: 'one', options: english(rule.levels), optionsPath: `${rulePath}.levels`,
      };
    case 'multi':
    case 'coverage':
      return {
        type: 'enumeration', fieldType: 'checkbox', accepts: ['enumeration'],
        describe: 'a multiple-checkbox enumeration', values: 'several', options: english(rule.options), optionsPath: `${rulePath}.options`,
      };
    case 'boolean':
      return { type: 'bool', fieldType: 'booleancheckbox', accepts: ['bool'], describe: 'a yes/no (bool) property', options: BOOLEAN_OPTIONS };
    case 'date_window':
      return { type: 'date', fieldType: 'date', accepts: ['date', 'datetime'], describe: 'a date or date-time property' };
  }
}

function readsDates(criterion: Pick<Criterion, 'sources' | 'rule'>): boolean {
  return criterion.rule.type === 'date_window' || criterion.sources.some((source) => source.rule?.type === 'date_window');
}

/** HubSpot keeps one label per option: the model's English one. */
function english(options: ReadonlyArray<{ value: string; label: LocalizedText; points?: number }>): ExpectedOption[] {
  return options.map((o) => ({ value: o.value, label: resolveText(o.label, 'en'), ...(o.points === undefined ? {} : { points: o.points }) }));
}
