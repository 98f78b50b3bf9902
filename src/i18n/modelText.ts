/**
 * Texts in a model file (criterion labels, options, questions, grades, actions, descriptions) are a
 * plain string or a map from language code to text: `"Budget"` or `{"en": "Budget", "fi": "Budjetti"}`.
 */
import type { Locale } from './locale';
import { localeOfTag } from './locale';

export type LocalizedText = string | Readonly<Record<string, string>>;

/**
 * The text for a language: its own entry (any tag of that language: "no" and "nn" serve Bokmål),
 * else English, else the first one written.
 * @example resolveText({ en: 'Budget', fi: 'Budjetti' }, 'fi') // 'Budjetti'
 */
export function resolveText(text: LocalizedText, locale: Locale): string {
  if (typeof text === 'string') return text;
  const own = text[locale] ?? Object.entries(text).find(([tag]) => localeOfTag(tag) === locale)?.[1];
  return own ?? text.en ?? Object.values(text)[0] ?? '';
}

/**
 * Every language's version of a text, e.g. to recognise a column header written in any of them.
 * @example textsOf({ en: 'Budget', fi: 'Budjetti' }) // ['Budget', 'Budjetti']
 */
export function textsOf(text: LocalizedText): string[] {
  return typeof text === 'string' ? [text] : Object.values(text);
}

/**
 * The languages a text is written in; a plain string counts as every language.
 * @example languagesOf({ en: 'Budget' }) // ['en']
 */
export function languagesOf(text: LocalizedText): string[] | 'all' {
  return typeof text === 'string' ? 'all' : Object.keys(text);
}
