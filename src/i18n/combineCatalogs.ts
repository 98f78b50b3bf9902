/** One surface's catalogs (the card, the settings page, the functions) from its features' catalogs. */
import type { Catalog, Catalogs } from './translate';
import { LOCALES } from './locale';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The English catalog of several features together: every feature's keys. */
export type CombinedCatalog<F extends ReadonlyArray<Catalogs<Catalog>>> = UnionToIntersection<F[number]['en']> & Catalog;

/**
 * Every feature's messages in each language, in one catalog per language. Features keep their keys
 * apart (by a prefix such as `verdict.`): a key two features both define is a mistake, and throws.
 * @example combineCatalogs([verdictMessages, editorMessages]).fi['editor.save'] // 'Tallenna'
 */
export function combineCatalogs<const F extends ReadonlyArray<Catalogs<Catalog>>>(features: F): Catalogs<CombinedCatalog<F>> {
  const combined: Record<string, Record<string, unknown>> = {};
  for (const locale of LOCALES) {
    const messages: Record<string, unknown> = {};
    for (const feature of features) {
      for (const [key, message] of Object.entries(feature[locale])) {
        if (key in messages) throw new Error(`The message key "${key}" is defined by two features; give each feature its own prefix.`);
        messages[key] = message;
      }
    }
    combined[locale] = messages;
  }
  return combined as unknown as Catalogs<CombinedCatalog<F>>;
}
