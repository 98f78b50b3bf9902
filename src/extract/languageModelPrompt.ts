import { addMonths, englishText } from '../engine';
import { suggestionFacts } from './suggestionFacts';
import type { SuggestionTarget } from './suggestionFacts';
import type { ActivityText, ExtractInput } from './types';

/** The source id a suggestion names when its evidence is the contact's job title. */
export const JOB_TITLE_SOURCE = 'jobtitle';
/** At most this many characters of activity text go into one request (the newest activities first). */
export const MAX_PROMPT_TEXT = 40_000;
/** One activity's text is cut after this many characters: the rest of a very long transcript is left out. */
export const MAX_ACTIVITY_TEXT = 8_000;

/** An OpenAI-compatible chat completion request (`POST …/chat/completions`). */
export interface ChatRequest {
  model: string;
  temperature: 0;
  messages: Array<{ role: 'system' | 'user'; content: string }>;
  response_format: { type: 'json_schema'; json_schema: { name: string; strict: true; schema: Record<string, unknown> } };
}

export interface LanguageModelPrompt {
  request: ChatRequest;
  /** The activities whose text the request carries, in the order sent (newest first). */
  sent: string[];
}

const LEVELS: Record<string, Record<string, string>> = {
  role: {
    c_level: 'the contact is C-level or owner (CEO, CFO, COO, CTO, founder, president, managing director)',
    director: 'the contact is a director, head of or vice president',
    manager: 'the contact is a manager or team lead',
    staff: 'the contact has another role (specialist, analyst, assistant, intern)',
  },
  need: {
    strong: 'the buyer states an explicit pain or a clear fit with what we sell',
    partial: 'the buyer needs part of what we sell',
    nice_to_have: 'the buyer calls it nice to have',
    none: 'the buyer is just browsing, with no need',
  },
};

const SYSTEM = [
  'You read the CRM activities (call notes, meeting notes, notes, emails, transcripts) of ONE contact and suggest answers to sales qualification questions.',
  'Reply with JSON only, matching the schema. At most one suggestion per criterion; leave a criterion out when the texts do not say it clearly: a wrong suggestion costs more than none.',
  'evidence: copy the shortest phrase that proves the answer EXACTLY, character for character, from the text of the activity you name in source.id (or the job title, with source.id "jobtitle"). A suggestion whose evidence is not found word for word in that text is thrown away.',
  "Budget: the buyer's own budget or what they will spend on this purchase (a range: its lower bound; several years: the total). Never company revenue, headcount, a competitor's price, past spend, or an amount said to be impossible or hypothetical.",
  "Authority: the contact's OWN role, never someone they mention (\"my CFO signs off\" does not make the contact C-level).",
  'Timeline: when they intend to buy or go live, resolved against the date of the activity that says it; dates that are not purchase dates (events, conferences) do not count.',
  'value: exactly one of the values listed for the criterion. confidence: 0 to 1, how sure the texts make you. currency: the ISO 4217 code for an amount, null otherwise.',
].join('\n');

/**
 * The chat request that asks an OpenAI-compatible language model for the same suggestions as
 * `extractSuggestions` (criterion, raw value, exact evidence, confidence, currency, source), with
 * a JSON schema for the answer: the model's criteria that take suggestions with the values each
 * allows (timeline windows as dates counted from `now`), the job title, and the activity texts,
 * newest first, bounded (MAX_PROMPT_TEXT, MAX_ACTIVITY_TEXT). Pure. Null when no criterion takes suggestions.
 * @example languageModelPrompt(input, 'gpt-4o-mini')?.request.response_format.json_schema.name // 'bant_suggestions'
 */
export function languageModelPrompt(input: ExtractInput, languageModel: string): LanguageModelPrompt | null {
  const targets = suggestionFacts(input.model);
  if (targets.length === 0) return null;
  const home = input.homeCurrency ?? 'USD';
  const activities: Array<{ id: string; kind: string; date: string; text: string }> = [];
  let room = MAX_PROMPT_TEXT;
  for (const activity of newestFirst(input.texts)) {
    const text = activity.text.trim();
    if (text === '' || room <= 0) continue;
    const cut = text.slice(0, Math.min(MAX_ACTIVITY_TEXT, room));
    room -= cut.length;
    activities.push({ id: activity.id, kind: activity.kind, date: activity.date, text: cut });
  }
  const title = input.contactTitle?.trim() || null;
  const user = {
    today: input.now.toISOString().slice(0, 10),
    criteria: targets.map((target) => ({ criterion: target.criterion.key, label: englishText(target.criterion.label), values: allowedValues(target, input.now, home) })),
    contactJobTitle: title,
    activities,
  };
  const ids = [...activities.map((a) => a.id), ...(title ? [JOB_TITLE_SOURCE] : [])];
  return {
    sent: activities.map((a) => a.id),
    request: {
      model: languageModel,
      temperature: 0,
      messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: JSON.stringify(user) }],
      response_format: { type: 'json_schema', json_schema: { name: 'bant_suggestions', strict: true, schema: answerSchema(targets.map((t) => t.criterion.key), ids) } },
    },
  };
}

/** What `value` may be for one criterion, in words a language model follows. */
function allowedValues(target: SuggestionTarget, now: Date, home: string): string | Array<{ value: string; when: string }> {
  const { fact } = target;
  if (fact.fact === 'amount') return `the amount as digits only, e.g. "120000" (amounts written without a currency are in ${home})`;
  if (fact.fact === 'role' || fact.fact === 'need') {
    return Object.entries(fact.options).map(([level, value]) => ({ value: value as string, when: LEVELS[fact.fact]?.[level] ?? level }));
  }
  if (!fact.options) return `the planned purchase date as YYYY-MM-DD, today or later (today is ${day(now)})`;
  let previous: string | null = null;
  return fact.options.map((option) => {
    const until = option.withinMonths === undefined ? null : day(addMonths(now, option.withinMonths));
    const when = until === null ? `the purchase is planned after ${previous ?? day(now)}` : `the purchase is planned on or before ${until}${previous ? ` (after ${previous})` : ''}`;
    previous = until ?? previous;
    return { value: option.value, when };
  });
}

/** The JSON schema of the answer (OpenAI's strict structured outputs: every field required, null for none). */
function answerSchema(criteria: string[], sources: string[]): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['suggestions'],
    properties: {
      suggestions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['criterion', 'value', 'evidence', 'confidence', 'currency', 'source'],
          properties: {
            criterion: { type: 'string', enum: criteria },
            value: { type: 'string' },
            evidence: { type: 'string' },
            confidence: { type: 'number', minimum: 0, maximum: 1 },
            currency: { type: ['string', 'null'] },
            source: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', enum: sources } } },
          },
        },
      },
    },
  };
}

function newestFirst(texts: ActivityText[]): ActivityText[] {
  return [...texts].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
