/** A sentence of a text and where it starts. */
export interface Segment {
  text: string;
  start: number;
  /** The question just before this sentence, when there is one ("Rep: What budget do you have?"). */
  question?: string;
}

// Abbreviations whose dot does not end a sentence.
const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|approx|vs|Mr|Mrs|Ms|Dr|Inc|Ltd|Co|Corp|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|est|ca|appr|min|max)|\b[A-Z])$/;

/**
 * Splits a text into sentences with their offsets: at line breaks, bullets, and at `.`, `!`, `?`
 * followed by a space (not after an abbreviation or inside a number such as 1.2M). Each segment's
 * text is an exact substring of the input, trimmed.
 * @example segments('Budget is 120k. Timeline Q2.').map((s) => s.text) // ['Budget is 120k.', 'Timeline Q2.']
 */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let begin = 0;
  const push = (end: number) => {
    const raw = text.slice(begin, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) out.push({ text: trimmed, start: begin + lead });
    begin = end;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') {
      push(i);
      begin = i + 1;
    } else if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[i + 1] ?? ' ')) {
      if (ch === '.' && ABBREVIATIONS.test(text.slice(Math.max(begin, i - 8), i))) continue;
      push(i + 1);
    }
  }
  push(text.length);
  return out;
}

/**
 * The sentences that state something, each with the question asked just before it: a question
 * states no fact ("Is this urgent?"), but it tells what the answer after it is about ("Budget?" →
 * "We were given 50k.").
 * @example statements(segments('Rep: Budget?\nAna: About 50k.'))[0] // { text: 'Ana: About 50k.', start: 13, question: 'Rep: Budget?' }
 */
export function statements(all: Segment[]): Segment[] {
  const out: Segment[] = [];
  all.forEach((segment, i) => {
    if (segment.text.endsWith('?')) return;
    const previous = all[i - 1];
    out.push(previous?.text.endsWith('?') ? { ...segment, question: previous.text } : segment);
  });
  return out;
}
