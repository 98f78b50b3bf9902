import { z } from 'zod';
import { englishText, parseMulti } from '../../engine';
import type { Criterion, Model, Rule } from '../../engine';
import { answerSource } from '../cards/lib/answerFields';
import { checkAnswer } from '../cards/lib/checkAnswer';
import type { AnswerProperty, FieldError } from '../cards/lib/cardApi';

interface AnswerSlot {
  criterion: Criterion;
  rule: Rule;
}

/**
 * The rep's answers as the model allows them: only the model's answer properties, each a raw
 * HubSpot string its rule can read (an empty string clears the answer). Issues carry the property
 * as their path and a message naming the field, the value and the fix.
 * @example answersSchema(model, now).safeParse({ bant_budget: '-5' }).success // false
 */
export function answersSchema(model: Model, now: Date) {
  const slots = new Map<string, AnswerSlot>();
  for (const criterion of model.criteria) {
    const answer = answerSource(criterion);
    if (answer) slots.set(answer.property, { criterion, rule: answer.rule });
  }
  const known = [...slots.keys()].join(', ');
  return z.record(z.string(), z.unknown()).superRefine((answers, ctx) => {
    if (Object.keys(answers).length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'No answer was sent, so there is nothing to save; change an answer first.' });
    }
    for (const [property, raw] of Object.entries(answers)) {
      const slot = slots.get(property);
      if (!slot) {
        ctx.addIssue({ code: 'custom', path: [property], input: raw, message: `"${property}" is not an answer this card writes; send one of ${known}.` });
        continue;
      }
      if (typeof raw !== 'string') {
        ctx.addIssue({ code: 'custom', path: [property], input: raw, message: `${englishText(slot.criterion.label)}: ${JSON.stringify(raw)} must be sent as text, the way HubSpot stores values (e.g. "120000").` });
        continue;
      }
      const problem = checkAnswer(englishText(slot.criterion.label), slot.rule, raw, slot.criterion.max, now);
      if (problem) ctx.addIssue({ code: 'custom', path: [property], input: raw, message: problem });
    }
  });
}

/** The answers, trimmed, or the refused ones as field errors. */
export function validateAnswers(model: Model, answers: unknown, now: Date): { ok: true; answers: Record<string, string> } | { ok: false; fields: FieldError[] } {
  const parsed = answersSchema(model, now).safeParse(answers);
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
 * options (the model gained an option and `bant setup` has not run since).
 */
export function choicesMissingInHubSpot(model: Model, answers: Record<string, string>, properties: Record<string, AnswerProperty>): FieldError[] {
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
      message: `${criterion ? englishText(criterion.label) : property}: "${missing.join(';')}" is a choice of the BANT model but not of the HubSpot property ${property}; ask your HubSpot admin to run \`bant setup\` to add it.`,
    });
  }
  return fields;
}
