/** The languages the app speaks, and how a HubSpot user's locale maps onto them. */

export const LOCALES = ['en', 'fi', 'nb', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** A user's language: the catalog to read, and the tag `Intl` formats with. */
export interface LocaleChoice {
  locale: Locale;
  /** A BCP 47 tag for `Intl`: the user's own region when it fits the catalog ("en-GB", "fi-FI"). */
  intl: string;
}

/** Norwegian in all its tags is read from the Bokmål catalog. */
const LANGUAGE_TO_LOCALE: Record<string, Locale> = { en: 'en', fi: 'fi', nb: 'nb', no: 'nb', nn: 'nb', ar: 'ar' };

/**
 * Picks the catalog for a HubSpot user's locale (`context.user.locale`, e.g. "fi", "en-gb", "nb-no"),
 * falling back to English. Arabic formats with Latin digits, as HubSpot's own components show them.
 * @example resolveLocale('nn-NO') // { locale: 'nb', intl: 'nn-NO' }
 */
export function resolveLocale(tag: string | null | undefined): LocaleChoice {
  const canonical = canonicalTag(tag);
  const locale = canonical ? localeOfTag(canonical) : null;
  if (!locale || !canonical) return { locale: 'en', intl: 'en-US' };
  return { locale, intl: locale === 'ar' && !canonical.includes('-u-') ? `${canonical}-u-nu-latn` : canonical };
}

/**
 * The app's language a tag belongs to, or null when the app does not speak it.
 * @example localeOfTag('no') // 'nb'
 */
export function localeOfTag(tag: string): Locale | null {
  return LANGUAGE_TO_LOCALE[tag.split(/[-_]/)[0]?.toLowerCase() ?? ''] ?? null;
}

function canonicalTag(tag: string | null | undefined): string | null {
  if (!tag || typeof tag !== 'string') return null;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

/** Whether a string names one of the app's languages (or a tag that maps onto one). */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
