import type { LocalizedText } from './types';

/**
 * The English version of a model text, for the engine's own English output (reasons, the command
 * line): the "en" entry, else the first language written. Adapters resolve texts with `@bant/i18n`.
 * @example englishText({ en: 'Budget', fi: 'Budjetti' }) // 'Budget'
 */
export function englishText(text: LocalizedText): string {
  return typeof text === 'string' ? text : text.en ?? Object.values(text)[0] ?? '';
}
