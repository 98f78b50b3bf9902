import { describe, expect, it } from 'vitest';
import { createFormatter, createTranslator } from '../../src/i18n';
import type { Catalogs } from '../../src/i18n';

/** Intl writes narrow no-break spaces and direction marks; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200e\u200f\u061c]/g, '');

describe('numbers and money from HubSpot\'s raw strings', () => {
  it('formats decimals exactly as stored, with no floating-point noise', () => {
    const en = createFormatter('en-US');
    expect(en.number('0.1')).toBe('0.1');
    expect(en.number('12345678901234567890.125')).toBe('12,345,678,901,234,567,890.125');
    expect(en.money('0.1', 'EUR')).toBe('€0.10');
    expect(en.money('100000', 'USD')).toBe('$100,000');
    expect(en.money('99999.999', 'USD')).toBe('$99,999.999');
  });

  it('groups digits the way each language does', () => {
    expect(plain(createFormatter('fi').money('100000.5', 'EUR'))).toBe('100 000,50 €');
    expect(plain(createFormatter('nb').money('100000', 'NOK'))).toBe('100 000 kr');
    expect(plain(createFormatter('ar-u-nu-latn').number('1234567'))).toBe('1,234,567');
  });

  it('shows a plain number without a currency, or with a code Intl does not know', () => {
    const en = createFormatter('en-US');
    expect(en.money('120000', null)).toBe('120,000');
    expect(en.money('120000', 'NOT-A-CODE')).toBe('120,000');
    expect(en.money('abc', 'EUR')).toBe('abc');
  });
});

describe('dates and times', () => {
  const scored = new Date('2026-11-20T14:03:00Z');
  const now = new Date('2026-11-23T10:00:00Z');

  it('says how long ago in words', () => {
    expect(createFormatter('en-US').relative(scored, now)).toBe('2 days ago');
    expect(createFormatter('fi').relative(new Date('2026-11-23T07:00:00Z'), now)).toBe('3 tuntia sitten');
    expect(createFormatter('nb').relative(new Date('2026-11-22T09:00:00Z'), now)).toBe('i går');
    expect(createFormatter('en-US').relative(new Date('2026-11-23T09:59:30Z'), now)).toBe('now');
  });

  it('writes the moment in the portal\'s time zone, and UTC when the zone is unknown', () => {
    expect(plain(createFormatter('en-US').dateTime(scored, 'Europe/Helsinki'))).toBe('Nov 20, 2026, 4:03 PM GMT+2');
    expect(plain(createFormatter('en-US').dateTime(scored, 'Not/AZone'))).toBe('Nov 20, 2026, 2:03 PM UTC');
  });

  it('writes a calendar date as stored, whatever the time zone', () => {
    expect(createFormatter('fi').date(new Date('2027-01-15T00:00:00Z'))).toBe('15.1.2027');
  });
});

describe('lists', () => {
  it('joins with the language\'s "and" and "or"', () => {
    expect(createFormatter('en-US').list(['Budget', 'Timeline'])).toBe('Budget and Timeline');
    expect(createFormatter('fi').list(['Johtaja', 'Esihenkilö'], 'disjunction')).toBe('Johtaja tai Esihenkilö');
  });
});

describe('the translator', () => {
  const en = { greet: 'Hello {name}', answers: { one: '{count} answer', other: '{count} answers' } } as const;
  const catalogs: Catalogs<typeof en> = {
    en,
    fi: { greet: 'Hei {name}', answers: { one: '{count} vastaus', other: '{count} vastausta' } },
    nb: { greet: 'Hei {name}', answers: { one: '{count} svar', other: '{count} svar' } },
    ar: { greet: 'مرحباً {name}', answers: { zero: 'لا إجابات', one: 'إجابة واحدة', two: 'إجابتان', few: '{count} إجابات', many: '{count} إجابة', other: '{count} إجابة' } },
  };

  it('fills placeholders and formats numbers for the language', () => {
    expect(createTranslator(catalogs, 'fi', 'fi')('answers', { count: 1200 }).replace(/\u00a0/g, ' ')).toBe('1 200 vastausta');
    expect(createTranslator(catalogs, 'en')('greet', { name: 'Ann' })).toBe('Hello Ann');
  });

  it('picks plural forms by the language\'s rules', () => {
    const ar = createTranslator(catalogs, 'ar', 'ar-u-nu-latn');
    expect([0, 1, 2, 3, 11].map((count) => ar('answers', { count }))).toEqual(['لا إجابات', 'إجابة واحدة', 'إجابتان', '3 إجابات', '11 إجابة']);
    expect(createTranslator(catalogs, 'en')('answers', { count: 1 })).toBe('1 answer');
  });
});
