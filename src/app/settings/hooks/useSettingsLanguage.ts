/** The settings page in the user's language: the catalog chosen by `context.user.locale`, English otherwise. */
import { createFormatter, createTranslator, resolveLocale, resolveText } from '@bant/i18n';
import type { Formatter, LocalizedText, Translate } from '@bant/i18n';
import { SETTINGS_CATALOGS } from '../messages';
import type { SettingsCatalog } from '../messages';

export interface SettingsLanguage {
  /** The app's language for this user (en, fi, nb or ar): the settings function answers in it too. */
  locale: string;
  t: Translate<SettingsCatalog>;
  format: Formatter;
  text: (text: LocalizedText) => string;
}

export function settingsLanguage(userLocale: string | null | undefined): SettingsLanguage {
  const { locale, intl } = resolveLocale(userLocale);
  return { locale, t: createTranslator(SETTINGS_CATALOGS, locale, intl), format: createFormatter(intl), text: (text) => resolveText(text, locale) };
}
