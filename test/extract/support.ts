import { extractSuggestions } from '../../src/extract';
import type { ActivityKind, Suggestion } from '../../src/extract';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

export const NOW = '2026-03-10';

/** Suggestions for one text of the default model, read on its own date. */
export function suggestFrom(text: string, options: { kind?: ActivityKind; title?: string; date?: string; model?: Model; now?: string } = {}): Suggestion[] {
  const date = options.date ?? NOW;
  return extractSuggestions({
    model: options.model ?? BANT_DEFAULT,
    texts: [{ id: 'a1', kind: options.kind ?? 'call_note', date, text }],
    contactTitle: options.title ?? null,
    now: new Date(options.now ?? date),
  });
}

export function valueOf(suggestions: Suggestion[], criterion: string): string | null {
  return suggestions.find((s) => s.criterion === criterion)?.value ?? null;
}
