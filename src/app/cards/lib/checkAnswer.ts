/**
 * Whether a rep's answer can be read under its rule. The card flags answers as they are typed and
 * the app function refuses the same answers at save (inside its zod schema), each wording the
 * problem's code in the rep's language. Pure.
 */
import { parseBoolean, parseDate, parseMulti, parseNumber, scoreValue } from '@bant/engine';
import type { Rule } from '@bant/engine';

export type AnswerProblemCode = 'number' | 'negative' | 'option' | 'date' | 'boolean' | 'unscored';

export interface AnswerProblem {
  code: AnswerProblemCode;
  /** The engine's English reason when the model cannot score the value (code `unscored`). */
  reason?: string;
}

/**
 * Null when the answer is fine (an empty answer clears the property and is fine too).
 * @example answerProblem({ type: 'bands', bands: [{ from: 0, points: 0 }] }, '-5', 30, now) // { code: 'negative' }
 */
export function answerProblem(rule: Rule, raw: string, max: number, now: Date): AnswerProblem | null {
  const value = raw.trim();
  if (value === '') return null;
  switch (rule.type) {
    case 'bands': {
      const parsed = parseNumber(value);
      if (!parsed.ok) return { code: 'number' };
      const lowest = Math.min(...rule.bands.map((b) => b.from));
      if (parsed.value < 0 && lowest >= 0) return { code: 'negative' };
      break;
    }
    case 'options':
    case 'likert': {
      const options = rule.type === 'options' ? rule.options : rule.levels;
      if (!options.some((o) => o.value === value)) return { code: 'option' };
      break;
    }
    case 'multi':
    case 'coverage':
      if (parseMulti(value).some((v) => !rule.options.some((o) => o.value === v))) return { code: 'option' };
      break;
    case 'boolean':
      if (!parseBoolean(value).ok) return { code: 'boolean' };
      break;
    case 'date_window':
      if (!parseDate(value).ok) return { code: 'date' };
      break;
  }
  const scored = scoreValue(rule, value, max, now);
  return scored.ok ? null : { code: 'unscored', reason: scored.reason };
}
