import type { Segment } from './segments';

// Where one statement ends and another begins inside a sentence: "revenue is 40M, but the budget is 90k".
const CLAUSE_BREAK = /\s*(?:;|:(?=\s+[A-Z])|,?\s+(?:but|whereas|while|although|though|however|which|so|and then|because|since)\b|,\s+and\b|,?\s+of which\b|\s[-–—/]\s|\(|\))\s*/gi;

/**
 * Splits a sentence into clauses (at ";", "but", "whereas", ", which", ", and", dashes and
 * brackets), each with its offset in the sentence, so a cue and a distractor are judged only
 * when they speak about the same thing.
 * @example clauses({ text: 'Revenue 40M, but budget 90k', start: 0 }).map((c) => c.text) // ['Revenue 40M', 'budget 90k']
 */
export function clauses(sentence: Segment): Segment[] {
  const out: Segment[] = [];
  let begin = 0;
  for (const match of sentence.text.matchAll(CLAUSE_BREAK)) {
    if (match.index > begin) out.push({ text: sentence.text.slice(begin, match.index), start: sentence.start + begin });
    begin = match.index + match[0].length;
  }
  if (begin < sentence.text.length) out.push({ text: sentence.text.slice(begin), start: sentence.start + begin });
  return out.filter((c) => c.text.trim() !== '');
}
