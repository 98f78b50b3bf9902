import type { Model } from '@bant/engine';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';
import type { SettingsCatalog } from '../messages';
import type { MappingIssue } from './settingsApi';

/**
 * One problem of the property checks in the user's language: what is wrong and what to do, naming
 * the property and the criterion that reads it (never a model path). The technical wording of
 * `bant check` stays beside it for the developer.
 * @example issueWords(missingBudgetIssue, model, language) // { what: 'contact property “bant_budget” does not exist in HubSpot.', fix: "The app's setup creates it: …" }
 */
export function issueWords(issue: MappingIssue, model: Model, language: SettingsLanguage): { what: string; fix: string } {
  const { t, text } = language;
  const at = /^criteria\[(\d+)\](?:\.sources\[(\d+)\])?/.exec(issue.path);
  const criterion = at ? model.criteria[Number(at[1])] : undefined;
  const source = at?.[2] === undefined ? undefined : criterion?.sources[Number(at[2])];
  const object = t(`object.${issue.object}`);
  const values = {
    what: t('checks.property', { object, property: issue.property }),
    criterion: criterion ? text(criterion.label) : t('checks.results'),
    object,
  };
  // Properties the app creates are fixed by its setup; those RevOps chose, by choosing again.
  const byApp = !criterion || source?.managed === true;
  switch (issue.code) {
    case 'missing_property':
      return { what: t('checks.missing_property', values), fix: t(byApp ? 'checks.missing_property.app' : 'checks.missing_property.source', values) };
    case 'wrong_object':
      return { what: t('checks.wrong_object', values), fix: t('checks.wrong_object.fix', values) };
    case 'incompatible_type':
      return { what: t('checks.incompatible_type', values), fix: t(byApp ? 'checks.incompatible_type.app' : 'checks.incompatible_type.source', values) };
    default: {
      const [what, fix] = PLAIN[issue.code] ?? ['checks.other', 'checks.other.fix'];
      return { what: t(what, values), fix: t(fix, values) };
    }
  }
}

/** Issues said the same way whoever owns the property. */
const PLAIN: Record<string, readonly [keyof SettingsCatalog & string, keyof SettingsCatalog & string] | undefined> = {
  unmapped_option: ['checks.unmapped_option', 'checks.unmapped_option.fix'],
  missing_option: ['checks.missing_option', 'checks.missing_option.fix'],
  single_select: ['checks.single_select', 'checks.single_select.fix'],
  option_label: ['checks.option_label', 'checks.option_label.fix'],
  multi_currency: ['checks.multi_currency', 'checks.multi_currency.fix'],
  missing_stage: ['checks.missing_stage', 'checks.missing_stage.fix'],
  no_leads: ['checks.no_leads', 'checks.no_leads.fix'],
};
