import { z } from 'zod';
import { addMonths, scoreValue } from '../engine';
import type { NeedLevel, RoleLevel } from '../engine';
import { JOB_TITLE_SOURCE } from './languageModelPrompt';
import { suggestionFacts } from './suggestionFacts';
import type { SuggestionTarget } from './suggestionFacts';
import { suggestionKey } from './suggestionKey';
import type { ExtractInput, Fact, Suggestion, SuggestionSource } from './types';

/** The answer a language model must give: the same suggestions `bant extract` prints, with a source id. */
const answerSchema = z.object({
  suggestions: z.array(z.object({
    criterion: z.string(),
    value: z.string(),
    evidence: z.string(),
    confidence: z.number().min(0).max(1),
    currency: z.string().nullable().optional(),
    source: z.object({ id: z.string() }),
  })),
});

/** A suggestion the answer made that is not used, and why (for the function's log). */
export interface DroppedSuggestion {
  criterion: string;
  reason: string;
}

export type LanguageModelAnswer =
  | { ok: true; suggestions: Suggestion[]; dropped: DroppedSuggestion[] }
  /** The answer as a whole cannot be used: the caller falls back to the app's own rules. */
  | { ok: false; reason: string };

/**
 * A language model's answer (the message content, JSON) read as suggestions, trusting nothing:
 * validated against the schema; each suggestion kept only when its criterion takes suggestions,
 * its source is an activity that was sent (or the job title, for a role), its evidence is an
 * exact substring of that text, and its value is one the criterion's property accepts; then, as
 * `extractSuggestions` does, at most one per criterion (the most confident) and none a rep dismissed.
 * @example languageModelAnswer('{"suggestions":[{"criterion":"budget","value":"120000","evidence":"budget ~120k approved","confidence":0.9,"currency":"USD","source":{"id":"c1"}}]}', input)
 * // { ok: true, suggestions: [{ criterion: 'budget', value: '120000', ... }], dropped: [] }
 */
export function languageModelAnswer(content: string, input: ExtractInput): LanguageModelAnswer {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return { ok: false, reason: `the answer is not JSON (${(error as Error).message})` };
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `the answer does not match the schema (${issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'unknown'})` };
  }
  const targets = new Map(suggestionFacts(input.model).map((target) => [target.criterion.key, target]));
  const activities = new Map(input.texts.map((activity) => [activity.id, activity]));
  const home = (input.homeCurrency ?? 'USD').toUpperCase();
  const dropped: DroppedSuggestion[] = [];
  const best = new Map<string, Suggestion>();
  for (const proposed of parsed.data.suggestions) {
    const drop = (reason: string) => dropped.push({ criterion: proposed.criterion, reason });
    const target = targets.get(proposed.criterion);
    if (!target) {
      drop('the model has no such criterion taking suggestions');
      continue;
    }
    const title = input.contactTitle?.trim() ?? '';
    const activity = activities.get(proposed.source.id);
    const fromTitle = proposed.source.id === JOB_TITLE_SOURCE && target.fact.fact === 'role' && title !== '';
    if (!activity && !fromTitle) {
      drop(`source ${proposed.source.id} is not an activity that was sent${proposed.source.id === JOB_TITLE_SOURCE ? ' (the job title only proves a role)' : ''}`);
      continue;
    }
    const evidence = proposed.evidence;
    const text = activity ? activity.text : title;
    if (evidence.trim() === '' || !text.includes(evidence)) {
      drop(`the evidence is not an exact quote of ${activity ? `activity ${activity.id}` : 'the job title'}`);
      continue;
    }
    const value = proposed.value.trim();
    const currency = (proposed.currency ?? '').trim().toUpperCase() || home;
    const fact = factOf(target, value, currency, evidence, input.now);
    if (!fact || !scoreValue(target.rule, value, target.criterion.max, input.now).ok) {
      drop(`"${proposed.value}" is not a value ${target.criterion.key} accepts`);
      continue;
    }
    const source: SuggestionSource = activity ? { id: activity.id, kind: activity.kind, date: activity.date } : { id: JOB_TITLE_SOURCE, kind: 'job_title' };
    if (input.dismissed?.has(suggestionKey({ criterion: target.criterion.key, source }))) continue;
    const suggestion: Suggestion = {
      criterion: target.criterion.key, property: target.source.property, value, evidence, confidence: proposed.confidence,
      ...(fact.type === 'amount' ? { currency } : {}),
      source, fact,
    };
    const kept = best.get(suggestion.criterion);
    if (!kept || suggestion.confidence > kept.confidence) best.set(suggestion.criterion, suggestion);
  }
  const order = [...targets.keys()];
  const suggestions = [...best.values()].sort((a, b) => order.indexOf(a.criterion) - order.indexOf(b.criterion));
  return { ok: true, suggestions, dropped };
}

/** The fact a value stands for under the model's mapping, or null when the mapping does not produce that value. */
function factOf(target: SuggestionTarget, value: string, currency: string, evidence: string, now: Date): Fact | null {
  const mapping = target.fact;
  switch (mapping.fact) {
    case 'amount': {
      if (!/^\d+(\.\d+)?$/.test(value) || !/^[A-Z]{3}$/.test(currency)) return null;
      return { type: 'amount', amount: Number(value), currency };
    }
    case 'role': {
      const level = (Object.keys(mapping.options) as RoleLevel[]).find((key) => mapping.options[key] === value);
      return level ? { type: 'role', level, title: evidence } : null;
    }
    case 'need': {
      const level = (Object.keys(mapping.options) as NeedLevel[]).find((key) => mapping.options[key] === value);
      return level ? { type: 'need', level } : null;
    }
    case 'timeline': {
      const today = now.toISOString().slice(0, 10);
      if (!mapping.options) return /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= today ? { type: 'timeline', date: value } : null;
      const index = mapping.options.findIndex((option) => option.value === value);
      if (index < 0) return null;
      // The latest day the option covers stands for the date (the option is what is stored); the open-ended one starts after the last window.
      const option = mapping.options[index]!;
      const last = [...mapping.options].reverse().find((o) => o.withinMonths !== undefined);
      const months = option.withinMonths ?? (last?.withinMonths ?? 0);
      const date = addMonths(now, months);
      if (option.withinMonths === undefined) date.setUTCDate(date.getUTCDate() + 1);
      return { type: 'timeline', date: date.toISOString().slice(0, 10) };
    }
  }
}
