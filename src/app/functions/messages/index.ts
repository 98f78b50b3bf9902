/**
 * The app functions' messages in English, Finnish, Norwegian Bokmål and Arabic: one catalog file
 * per feature, each with all four languages and its own key prefix. A new feature adds its file and
 * one line to FEATURES.
 */
import { combineCatalogs, createTranslator, resolveLocale } from '../../../i18n';
import type { CombinedCatalog, Translate } from '../../../i18n';
import { cardApiMessages } from './cardApi';
import { committeeMessages } from './committee';
import { settingsApiMessages } from './settingsApi';
import { suggestionsMessages } from './suggestions';
import { trustMessages } from './trust';

const FEATURES = [
  cardApiMessages,
  suggestionsMessages,
  trustMessages,
  committeeMessages,
  settingsApiMessages,
] as const;

export type FunctionCatalog = CombinedCatalog<typeof FEATURES>;
export type FunctionTranslate = Translate<FunctionCatalog>;
export const FUNCTION_CATALOGS = combineCatalogs(FEATURES);

/**
 * The functions' messages in a user's language (a HubSpot locale or one of the app's languages;
 * English otherwise).
 * @example functionTranslator('fi')('cardApi.doingSave') // 'vastauksia tallennettaessa'
 */
export function functionTranslator(locale: string | null | undefined): FunctionTranslate {
  const { locale: language, intl } = resolveLocale(locale);
  return createTranslator(FUNCTION_CATALOGS, language, intl);
}
