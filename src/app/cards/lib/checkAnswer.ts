/**
 * Whether a rep's answer can be read under its rule. The card flags answers as they are typed, in
 * the rep's language, from the problem's code; the app function refuses the same answers at save
 * (inside its zod schema) with `checkAnswer`'s English sentence naming the field, the value and the
 * fix. Pure.
 */
import { englishText, parseBoolean, parseDate, parseMulti, parseNumber, scoreValue } from '@bant/engine';
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

/**
 * The same check in English, for the function's refusal: the field, the value and the fix.
 * @example checkAnswer('Budget', budgetRule, '-5', 30, now) // 'Budget: -5 is negative; enter an amount of 0 or more.'
 */
export function checkAnswer(label: string, rule: Rule, raw: string, max: number, now: Date): string | null {
  const problem = answerProblem(rule, raw, max, now);
  if (!problem) return null;
  const value = raw.trim();
  switch (problem.code) {
    case 'number':
      return `${label}: "${raw}" is not a number; enter digits only, like 120000.`;
    case 'negative':
      return `${label}: ${value} is negative; enter an amount of 0 or more.`;
    case 'option': {
      if (rule.type === 'options' || rule.type === 'likert') {
        const options = rule.type === 'options' ? rule.options : rule.levels;
        return `${label}: "${raw}" is not one of the choices; pick one of ${options.map((o) => englishText(o.label)).join(', ')}.`;
      }
      const choices = rule.type === 'multi' || rule.type === 'coverage' ? rule.options : [];
      const unknown = parseMulti(value).filter((v) => !choices.some((o) => o.value === v));
      return `${label}: "${unknown.join(';')}" ${unknown.length > 1 ? 'are not choices' : 'is not a choice'}; pick from ${choices.map((o) => englishText(o.label)).join(', ')}.`;
    }
    case 'boolean':
      return `${label}: "${raw}" is not yes or no; send true or false.`;
    case 'date':
      return `${label}: "${raw}" is not a date; use YYYY-MM-DD, like 2027-01-31.`;
    case 'unscored':
      return `${label}: ${problem.reason ?? ''}; change the answer or ask RevOps to extend the model.`;
  }
}
