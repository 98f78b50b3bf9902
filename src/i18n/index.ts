/**
 * The app in the user's language: locale resolution, message catalogs, model texts per locale and
 * `Intl` formatting. Pure: no IO, no clock. Shared by the card, the settings page and the functions.
 */
export { isLocale, LOCALES, localeOfTag, resolveLocale } from './locale';
export type { Locale, LocaleChoice } from './locale';
export { languagesOf, resolveText, textsOf } from './modelText';
export type { LocalizedText } from './modelText';
export { createTranslator, placeholdersOf } from './translate';
export type { Catalog, Catalogs, Message, Params, PluralMessage, Translate, Translation } from './translate';
export { createFormatter } from './format';
export type { Formatter } from './format';
export { combineCatalogs } from './combineCatalogs';
export type { CombinedCatalog } from './combineCatalogs';
