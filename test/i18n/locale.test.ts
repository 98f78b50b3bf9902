import { describe, expect, it } from 'vitest';
import { resolveLocale, resolveText, textsOf } from '../../src/i18n';

describe('choosing the language from HubSpot\'s user locale', () => {
  it.each([
    ['en', 'en', 'en'], ['en-gb', 'en', 'en-GB'], ['fi', 'fi', 'fi'], ['fi-FI', 'fi', 'fi-FI'],
    ['nb', 'nb', 'nb'], ['no', 'nb', 'no'], ['nn', 'nb', 'nn'], ['nb-NO', 'nb', 'nb-NO'], ['nn_NO', 'nb', 'nn-NO'],
    ['ar', 'ar', 'ar-u-nu-latn'], ['ar-SA', 'ar', 'ar-SA-u-nu-latn'],
  ])('reads %s from the %s catalog and formats as %s', (tag, locale, intl) => {
    expect(resolveLocale(tag)).toEqual({ locale, intl });
  });

  it.each([[undefined], [null], [''], ['de-DE'], ['sv'], ['not a locale!']])('falls back to English for %s', (tag) => {
    expect(resolveLocale(tag)).toEqual({ locale: 'en', intl: 'en-US' });
  });
});

describe('model texts', () => {
  const budget = { en: 'Budget', fi: 'Budjetti', no: 'Budsjett' };

  it('picks the language, any Norwegian tag serving Bokmål', () => {
    expect([resolveText(budget, 'fi'), resolveText(budget, 'nb'), resolveText(budget, 'en')]).toEqual(['Budjetti', 'Budsjett', 'Budget']);
  });

  it('falls back to English, then to the first language written; a plain string serves every language', () => {
    expect(resolveText(budget, 'ar')).toBe('Budget');
    expect(resolveText({ fi: 'Budjetti', sv: 'Budget (sv)' }, 'en')).toBe('Budjetti');
    expect(resolveText('Budget', 'ar')).toBe('Budget');
  });

  it('lists every language\'s version', () => {
    expect(textsOf(budget)).toEqual(['Budget', 'Budjetti', 'Budsjett']);
    expect(textsOf('Budget')).toEqual(['Budget']);
  });
});
