import type { CardData } from './cardApi';

/**
 * The card's data after a save, a confirmation or an override, whose answers come without the
 * suggestions (they are read on open): the suggestions and transcripts shown before are kept, less
 * those the stored answers now equal (the rep used them), so Use and Save on one criterion leaves
 * the others in place. Data that has its own suggestions is taken as it is.
 */
export function keepSuggestions(before: CardData | null, next: CardData): CardData {
  if (!before || next.suggestions !== undefined) return next;
  const suggestions = before.suggestions?.filter((s) => (next.contact[s.property] ?? '').trim() !== s.value);
  return {
    ...next,
    ...(suggestions ? { suggestions } : {}),
    ...(before.transcripts && next.transcripts === undefined ? { transcripts: before.transcripts } : {}),
  };
}
