import { describe, expect, it } from 'vitest';
import { LOCALES, combineCatalogs, placeholdersOf } from '../../../src/i18n';
import type { Catalog, Catalogs } from '../../../src/i18n';
import { CARD_CATALOGS } from '../../../src/app/cards/messages';
import { FUNCTION_CATALOGS } from '../../../src/app/functions/messages';
import { SETTINGS_CATALOGS } from '../../../src/app/settings/messages';

/** Every surface's combined catalogs; the settings page and the functions add theirs here. */
const SURFACES: Record<string, Catalogs<Catalog>> = {
  card: CARD_CATALOGS,
  functions: FUNCTION_CATALOGS,
  settings: SETTINGS_CATALOGS,
};

describe.each(Object.entries(SURFACES))('the %s messages', (_surface, catalogs) => {
  const english = catalogs.en;

  it.each(LOCALES.filter((l) => l !== 'en'))('has every English key in %s, and no other', (locale) => {
    expect(Object.keys(catalogs[locale]).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(LOCALES)('keeps each message filled and its placeholders in %s', (locale) => {
    for (const [key, message] of Object.entries(catalogs[locale])) {
      const texts = typeof message === 'string' ? [message] : Object.values(message);
      expect(texts.every((text) => typeof text === 'string' && text.trim().length > 0), key).toBe(true);
      expect(placeholdersOf(message), `${locale} ${key}`).toEqual(placeholdersOf(english[key]!));
      // A plural message stays a plural with an `other` form.
      if (typeof english[key] !== 'string') expect(typeof message === 'object' && 'other' in message, key).toBe(true);
    }
  });
});

describe('combining feature catalogs', () => {
  const feature = (key: string) => ({ en: { [key]: 'a' }, fi: { [key]: 'b' }, nb: { [key]: 'c' }, ar: { [key]: 'd' } }) as unknown as Catalogs<Catalog>;

  it('keeps every feature\'s keys per language', () => {
    expect(combineCatalogs([feature('x.one'), feature('y.two')]).nb).toEqual({ 'x.one': 'c', 'y.two': 'c' });
  });

  it('refuses a key two features define', () => {
    expect(() => combineCatalogs([feature('x.one'), feature('x.one')])).toThrow('The message key "x.one" is defined by two features');
  });
});
