/** A model problem in the admin's language, by its code: what `bant check --offline` says, translated. */
import type { ModelProblem } from '@bant/engine';
import { SETTINGS_CATALOGS } from '../messages';
import type { SettingsCatalog } from '../messages';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';

/** Parameters that name a catalog word rather than a value: the kind of value expected, a text's form, a CRM object. */
const WORDS: Readonly<Record<string, (value: string) => string>> = {
  expected: (type) => `problemWord.type.${type}`,
  form: (form) => `problemWord.form.${form}`,
  object: (object) => `object.${object}`,
};

/**
 * The problem's sentence from the settings catalogs (`problem.<code>`), its values filled in and
 * its type or form said in words; the English sentence `bant check` prints when the language's
 * catalog has no message for the code or for a word it names.
 * @example problemWords({ path: 'grades', code: 'grades.noZero', params: { lowest: '70' }, message: '…' }, settingsLanguage('fi'))
 * // 'mikään luokka ei kata pisteitä 0–70; anna alimmalle luokalle "min": 0'
 */
export function problemWords(problem: ModelProblem, language: Pick<SettingsLanguage, 'locale' | 't'>): string {
  const messages = SETTINGS_CATALOGS[language.locale as keyof typeof SETTINGS_CATALOGS] as Readonly<Record<string, unknown>> | undefined;
  const has = (key: string) => messages !== undefined && Object.hasOwn(messages, key);
  const key = `problem.${problem.code}`;
  if (!problem.code || !has(key)) return problem.message;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(problem.params ?? {})) {
    const word = WORDS[name]?.(String(value));
    if (word === undefined) {
      params[name] = value;
      continue;
    }
    if (!has(word)) return problem.message;
    params[name] = language.t(word as keyof SettingsCatalog & string);
  }
  return language.t(key as keyof SettingsCatalog & string, params);
}
