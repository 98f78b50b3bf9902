/**
 * Message catalogs and the translator that reads them. A message is a text with `{name}`
 * placeholders, or a plural message chosen by `Intl.PluralRules` on the `count` parameter.
 */
import type { Locale } from './locale';

/** One form per plural category the language uses; `other` is always required. */
export type PluralMessage = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;
export type Message = string | PluralMessage;

/** A catalog in the source language: keys to messages. */
export type Catalog = Readonly<Record<string, Message>>;

/** The same keys as the English catalog, each translated (a plural stays a plural). */
export type Translation<C extends Catalog> = { readonly [K in keyof C]: C[K] extends string ? string : PluralMessage };

/** Every language's catalog for one surface (the card, the settings page, the functions). */
export type Catalogs<C extends Catalog> = { readonly en: C } & { readonly [L in Exclude<Locale, 'en'>]: Translation<C> };

export type Params = Readonly<Record<string, string | number>>;
export type Translate<C extends Catalog> = (key: keyof C & string, params?: Params) => string;

/**
 * A translator for one language; numbers in parameters are formatted for `intl`, and plural
 * messages pick their form by `params.count`. A key the catalog lacks falls back to English.
 * @example createTranslator(cardCatalogs, 'fi', 'fi')('card.editAnswers') // 'Muokkaa vastauksia'
 */
export function createTranslator<C extends Catalog>(catalogs: Catalogs<C>, locale: Locale, intl: string = locale): Translate<C> {
  const messages = catalogs[locale] as Catalog;
  const numbers = new Intl.NumberFormat(intl, { maximumFractionDigits: 20 });
  const plurals = new Intl.PluralRules(intl);
  return (key, params = {}) => {
    const message = messages[key] ?? (catalogs.en as Catalog)[key] ?? key;
    const text = typeof message === 'string' ? message : pluralForm(message, plurals, params.count);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}

function pluralForm(message: PluralMessage, rules: Intl.PluralRules, count: string | number | undefined): string {
  const n = typeof count === 'number' ? count : Number(count);
  if (!Number.isFinite(n)) return message.other;
  if (n === 0 && message.zero !== undefined) return message.zero;
  return message[rules.select(n)] ?? message.other;
}

/**
 * The `{name}` placeholders of a message, all plural forms together, sorted: translations must keep them.
 * @example placeholdersOf('Score {score} of {max}') // ['max', 'score']
 */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)))].sort();
}
