import { z } from 'zod';
import { parseMulti } from '../../engine';
import type { Criterion, Model, Rule } from '../../engine';
import { resolveText } from '../../i18n';
import type { Locale } from '../../i18n';
import { answerSource } from '../cards/lib/answerFields';
import { answerProblem } from '../cards/lib/checkAnswer';
import type { AnswerProperty, FieldError } from '../cards/lib/cardApi';
import type { FunctionTranslate } from './messages';

interface AnswerSlot {
  criterion: Criterion;
  rule: Rule;
}

/** The user's language for refusals: the translator and the language model texts are read in. */
export interface Speaking {
  t: FunctionTranslate;
  locale: Locale;
}

/**
 * The rep's answers as the model allows them: only the model's answer properties, each a raw
 * HubSpot string its rule can read (an empty string clears the answer). Issues carry the property
 * as their path and a message naming the field, the value and the fix, in the rep's language.
 * @example answersSchema(model, now, english).safeParse({ bant_budget: '-5' }).success // false
 */
export function answersSchema(model: Model, now: Date, { t, locale }: Speaking) {
  const slots = new Map<string, AnswerSlot>();
  for (const criterion of model.criteria) {
    const answer = answerSource(criterion);
    if (answer) slots.set(answer.property, { criterion, rule: answer.rule });
  }
  const known = [...slots.keys()].join(', ');
  return z.record(z.string(), z.unknown()).superRefine((answers, ctx) => {
    if (Object.keys(answers).length === 0) ctx.addIssue({ code: 'custom', path: [], message: t('cardApi.nothingSent') });
    for (const [property, raw] of Object.entries(answers)) {
      const slot = slots.get(property);
      if (!slot) {
        ctx.addIssue({ code: 'custom', path: [property], input: raw, message: t('cardApi.notAnAnswer', { property, known }) });
        continue;
      }
      const label = resolveText(slot.criterion.label, locale);
      if (typeof raw !== 'string') {
        ctx.addIssue({ code: 'custom', path: [property], input: raw, message: t('cardApi.notText', { label, value: JSON.stringify(raw) ?? String(raw) }) });
        continue;
      }
      const problem = refusal(slot, raw, now, { t, locale });
      if (problem) ctx.addIssue({ code: 'custom', path: [property], input: raw, message: problem });
    }
  });
}

/** Why an answer cannot be saved, in words: the field, the value and the fix; null when it can. */
function refusal({ criterion, rule }: AnswerSlot, raw: string, now: Date, { t, locale }: Speaking): string | null {
  const problem = answerProblem(rule, raw, criterion.max, now);
  if (!problem) return null;
  const label = resolveText(criterion.label, locale);
  const value = raw.trim();
  switch (problem.code) {
    case 'number':
      return t('cardApi.answerNumber', { label, value: raw });
    case 'negative':
      return t('cardApi.answerNegative', { label, value });
    case 'option': {
      if (rule.type === 'options' || rule.type === 'likert') {
        const options = rule.type === 'options' ? rule.options : rule.levels;
        return t('cardApi.answerOption', { label, value: raw, choices: options.map((o) => resolveText(o.label, locale)).join(', ') });
      }
      const choices = rule.type === 'multi' || rule.type === 'coverage' ? rule.options : [];
      const unknown = parseMulti(value).filter((v) => !choices.some((o) => o.value === v));
      return t('cardApi.answerOptions', { label, value: unknown.join(';'), choices: choices.map((o) => resolveText(o.label, locale)).join(', ') });
    }
    case 'boolean':
      return t('cardApi.answerBoolean', { label, value: raw });
    case 'date':
      return t('cardApi.answerDate', { label, value: raw });
    case 'unscored':
      return t('cardApi.answerUnscored', { label, value });
  }
}

/** The answers, trimmed, or the refused ones as field errors. */
export function validateAnswers(model: Model, answers: unknown, now: Date, speaking: Speaking): { ok: true; answers: Record<string, string> } | { ok: false; fields: FieldError[] } {
  const parsed = answersSchema(model, now, speaking).safeParse(answers);
  if (parsed.success) {
    return { ok: true, answers: Object.fromEntries(Object.entries(parsed.data).map(([name, raw]) => [name, String(raw).trim()])) };
  }
  const criterionOf = (property: string) => model.criteria.find((c) => answerSource(c)?.property === property)?.key ?? '';
  return {
    ok: false,
    fields: parsed.error.issues.map((issue) => {
      const property = String(issue.path[0] ?? '');
      const value = property && answers && typeof answers === 'object' ? (answers as Record<string, unknown>)[property] : undefined;
      return { property, criterion: criterionOf(property), value: typeof value === 'string' ? value : JSON.stringify(value) ?? '', message: issue.message };
    }),
  };
}

/**
 * Answers the model accepts but HubSpot would refuse: a choice missing from the HubSpot property's
 * options (the model gained an option and the app's setup has not run since).
 */
export function choicesMissingInHubSpot(model: Model, answers: Record<string, string>, properties: Record<string, AnswerProperty>, { t, locale }: Speaking): FieldError[] {
  const fields: FieldError[] = [];
  for (const [property, raw] of Object.entries(answers)) {
    const options = properties[property]?.options ?? [];
    if (options.length === 0) continue;
    const missing = parseMulti(raw).filter((value) => !options.some((o) => o.value === value));
    if (missing.length === 0) continue;
    const criterion = model.criteria.find((c) => answerSource(c)?.property === property);
    fields.push({
      property,
      criterion: criterion?.key ?? '',
      value: raw,
      message: t('cardApi.choiceMissing', { label: criterion ? resolveText(criterion.label, locale) : property, value: missing.join(';'), property }),
    });
  }
  return fields;
}
