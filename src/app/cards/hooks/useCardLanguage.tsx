/**
 * The rep's language on the card: the catalog chosen by `context.user.locale` (English when HubSpot
 * gives none or one the app does not speak), `Intl` formatting for that locale, model texts in that
 * language, and the portal's time zone. Card components read it with `useCardLanguage()`.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { createFormatter, createTranslator, resolveLocale, resolveText } from '@bant/i18n';
import type { Formatter, Locale, LocalizedText, Translate } from '@bant/i18n';
import { CARD_CATALOGS } from '../messages';
import type { CardCatalog } from '../messages';

export interface CardLanguage {
  locale: Locale;
  /** The BCP 47 tag `Intl` formats with. */
  intl: string;
  t: Translate<CardCatalog>;
  format: Formatter;
  /** A model text (a string or a per-language map) in the rep's language. */
  text: (text: LocalizedText) => string;
  /** The portal's time zone (IANA), for absolute times; null when HubSpot gives none. */
  timeZone: string | null;
}

/**
 * Everything the card needs to speak the rep's language.
 * @example createCardLanguage('fi-FI', 'Europe/Helsinki').t('editor.open') // 'Muokkaa vastauksia'
 */
export function createCardLanguage(userLocale: string | null | undefined, timeZone?: string | null): CardLanguage {
  const { locale, intl } = resolveLocale(userLocale);
  return {
    locale,
    intl,
    t: createTranslator(CARD_CATALOGS, locale, intl),
    format: createFormatter(intl),
    text: (text) => resolveText(text, locale),
    timeZone: timeZone || null,
  };
}

const CardLanguageContext = createContext<CardLanguage>(createCardLanguage('en'));

export function CardLanguageProvider({ language, children }: { language: CardLanguage; children: ReactNode }) {
  return <CardLanguageContext.Provider value={language}>{children}</CardLanguageContext.Provider>;
}

/** The rep's language, inside the card. */
export function useCardLanguage(): CardLanguage {
  return useContext(CardLanguageContext);
}
