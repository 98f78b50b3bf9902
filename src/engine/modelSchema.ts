import { z } from 'zod';
import type { Band, CommitteeOptions, Criterion, LeadOptions, LifecycleOptions, LocalizedText, Model, OptionPoints, OverrideOptions, Rollup, Rule, Source, SuggestionFact, SuggestionOptions } from './types';

/**
 * The forms a model value must take, by a stable key: the schema's own words for a value of the
 * wrong form, which `validateModel` turns back into the key so the settings page can say them in
 * the user's language.
 */
export const MODEL_FORMS = {
  propertyName: 'a HubSpot internal name (lowercase letters, digits, underscores)',
  key: 'a key in snake_case (lowercase letters, digits, underscores)',
  languageCode: 'a language code such as "en", "fi", "nb" or "ar"',
  oneLanguage: 'needs at least one language, e.g. {"en": "Budget"}',
  text: 'a text, or a map of language codes to texts such as {"en": "Budget", "fi": "Budjetti"}',
  stageId: 'a HubSpot internal stage id (no spaces), e.g. qualified-stage-id',
  gradeName: 'a short grade name (letters, digits, underscores)',
} as const;
export type ModelForm = keyof typeof MODEL_FORMS;

/** HubSpot internal names: lowercase letters, digits and underscores, starting with a letter. */
const propertyName = z.string().regex(/^[a-z][a-z0-9_]*$/, MODEL_FORMS.propertyName);
const key = z.string().regex(/^[a-z][a-z0-9_]*$/, MODEL_FORMS.key);
const points = z.number().min(0).finite();
const label = z.string().min(1);
const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, MODEL_FORMS.languageCode);
/** A text, or a map of language codes to texts: `"Budget"` or `{"en": "Budget", "fi": "Budjetti"}`. */
const text: z.ZodType<LocalizedText> = z.union([
  label,
  z.record(languageCode, label).refine((texts) => Object.keys(texts).length > 0, MODEL_FORMS.oneLanguage),
], { error: MODEL_FORMS.text });

const optionPoints: z.ZodType<OptionPoints> = z.strictObject({ value: z.string().min(1), label: text, points });
const band: z.ZodType<Band> = z.strictObject({ from: z.number().finite(), to: z.number().finite().optional(), points });

export const ruleSchema: z.ZodType<Rule> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('bands'), unit: z.enum(['currency', 'number', 'percent']).optional(), bands: z.array(band).min(1) }),
  z.strictObject({ type: z.literal('options'), options: z.array(optionPoints).min(1) }),
  z.strictObject({ type: z.literal('likert'), levels: z.array(optionPoints).min(2) }),
  z.strictObject({ type: z.literal('multi'), mode: z.enum(['sum', 'max']), options: z.array(optionPoints).min(1) }),
  z.strictObject({
    type: z.literal('coverage'),
    options: z.array(z.strictObject({ value: z.string().min(1), label: text })).min(1),
    bands: z.array(band).min(1),
  }),
  z.strictObject({
    type: z.literal('date_window'),
    windows: z.array(z.strictObject({ withinMonths: z.number().int().positive(), points })).min(1),
    later: points,
  }),
  z.strictObject({ type: z.literal('boolean'), whenTrue: points, whenFalse: points }),
]);

const sourceSchema: z.ZodType<Source> = z.strictObject({
  object: z.enum(['contact', 'deal', 'company']),
  property: propertyName,
  label: text.optional(),
  rule: ruleSchema.optional(),
  managed: z.boolean().optional(),
});

const rollupSchema: z.ZodType<Rollup> = z.strictObject({
  prefer: z.enum(['records', 'contacts']),
  pick: z.enum(['highest', 'soonest']),
  minimum: points.optional(),
});

const committeeSchema: z.ZodType<CommitteeOptions> = z.strictObject({ deals: z.boolean(), companies: z.boolean(), roleCriterion: key.optional() });
const stageId = z.string().min(1).regex(/^\S+$/, MODEL_FORMS.stageId);
const leadsSchema: z.ZodType<LeadOptions> = z.strictObject({ qualify: z.boolean(), unqualify: z.boolean(), qualifiedStage: stageId, unqualifiedStage: stageId });
const lifecycleSchema: z.ZodType<LifecycleOptions> = z.strictObject({ advance: z.boolean(), stage: stageId });

const optionValue = z.string().min(1);
const suggestionFactSchema: z.ZodType<SuggestionFact> = z.discriminatedUnion('fact', [
  z.strictObject({ fact: z.literal('amount') }),
  z.strictObject({ fact: z.literal('role'), options: z.strictObject({ c_level: optionValue.optional(), director: optionValue.optional(), manager: optionValue.optional(), staff: optionValue.optional() }) }),
  z.strictObject({ fact: z.literal('need'), options: z.strictObject({ strong: optionValue.optional(), partial: optionValue.optional(), nice_to_have: optionValue.optional(), none: optionValue.optional() }) }),
  z.strictObject({ fact: z.literal('timeline'), options: z.array(z.strictObject({ value: optionValue, withinMonths: z.number().int().positive().optional() })).min(1).optional() }),
]);
const suggestionsSchema: z.ZodType<SuggestionOptions> = z.strictObject({
  facts: z.record(key, suggestionFactSchema).optional(),
  autofill: z.strictObject({ enabled: z.boolean(), minConfidence: z.number().min(0).max(1) }).optional(),
});

const criterionSchema: z.ZodType<Criterion> = z.strictObject({
  key,
  label: text,
  max: z.number().positive().finite(),
  minimum: points,
  sources: z.array(sourceSchema).min(1),
  rule: ruleSchema,
  questions: z.array(text).optional(),
  description: text.optional(),
  rollup: rollupSchema.optional(),
  maxAgeDays: z.number().int().positive().optional(),
});

const overridesSchema: z.ZodType<OverrideOptions> = z.strictObject({ who: z.enum(['editors', 'nobody']), routing: z.enum(['override', 'computed']) });

/** The structural shape of a model file; `validateModel` adds the checks between fields. */
export const modelSchema: z.ZodType<Model> = z.strictObject({
  id: z.string().min(1),
  version: z.string().min(1),
  name: text,
  framework: label,
  description: text.optional(),
  propertyGroup: z.strictObject({ name: propertyName, label }),
  dealSelection: z.strictObject({ policy: z.enum(['newest_open', 'largest_open', 'soonest_closing_open']) }),
  criteria: z.array(criterionSchema).min(1),
  qualification: z.strictObject({ minScore: points }),
  grades: z.array(z.strictObject({ grade: z.string().regex(/^[A-Za-z0-9_]+$/, MODEL_FORMS.gradeName), min: points, label: text.optional() })).min(1),
  actions: z.array(z.strictObject({ key, label: text, crmAction: z.enum(['add_task', 'schedule_meeting', 'send_email', 'enroll_in_workflow']).optional() })).min(1),
  routing: z
    .array(z.strictObject({
      when: z.strictObject({ qualified: z.boolean().optional(), grades: z.array(z.string()).min(1).optional(), failing: z.array(z.string()).min(1).optional(), stale: z.boolean().optional() }).optional(),
      action: z.string(),
    }))
    .min(1),
  committee: committeeSchema.optional(),
  leads: leadsSchema.optional(),
  lifecycle: lifecycleSchema.optional(),
  suggestions: suggestionsSchema.optional(),
  overrides: overridesSchema.optional(),
});
