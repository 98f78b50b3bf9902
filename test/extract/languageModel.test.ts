import { describe, expect, it } from 'vitest';
import { JOB_TITLE_SOURCE, MAX_ACTIVITY_TEXT, languageModelAnswer, languageModelPrompt, suggestionKey } from '../../src/extract';
import type { ActivityText, ExtractInput } from '../../src/extract';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

const NOW = new Date('2026-03-10T09:00:00Z');
const TEXTS: ActivityText[] = [
  { id: 'c1', kind: 'call_note', date: '2026-03-02', text: 'Sara said they have about 150k approved for this. Her CFO signs off.' },
  { id: 'n2', kind: 'note', date: '2026-03-09', text: 'Go-live wanted by end of April. Reps lose deals because follow-ups fall through the cracks.' },
];
const input = (extra: Partial<ExtractInput> = {}): ExtractInput => ({ model: BANT_DEFAULT, now: NOW, texts: TEXTS, contactTitle: 'VP Operations', ...extra });

type Proposed = { criterion: string; value: string; evidence: string; confidence?: number; currency?: string | null; source: { id: string } };
const answer = (...suggestions: Proposed[]) => JSON.stringify({ suggestions: suggestions.map((s) => ({ confidence: 0.9, currency: null, ...s })) });
const budget: Proposed = { criterion: 'budget', value: '150000', evidence: 'they have about 150k approved', currency: 'USD', source: { id: 'c1' } };

describe('languageModelPrompt', () => {
  const prompt = languageModelPrompt(input(), 'gpt-test')!;
  const user = JSON.parse(prompt.request.messages[1]!.content) as {
    today: string; contactJobTitle: string; criteria: Array<{ criterion: string; values: unknown }>; activities: ActivityText[];
  };

  it('asks for the suggestions of every criterion that takes them, with a strict JSON schema naming the criteria and the sources', () => {
    expect(prompt.request).toMatchObject({ model: 'gpt-test', temperature: 0, response_format: { type: 'json_schema', json_schema: { name: 'bant_suggestions', strict: true } } });
    expect(user.criteria.map((c) => c.criterion)).toEqual(['budget', 'authority', 'need', 'timeline']);
    const item = (prompt.request.response_format.json_schema.schema as { properties: { suggestions: { items: { required: string[]; properties: Record<string, { enum?: string[]; properties?: { id: { enum: string[] } } }> } } } }).properties.suggestions.items;
    expect(item.required).toEqual(['criterion', 'value', 'evidence', 'confidence', 'currency', 'source']);
    expect(item.properties.criterion!.enum).toEqual(['budget', 'authority', 'need', 'timeline']);
    expect(item.properties.source!.properties!.id.enum).toEqual(['n2', 'c1', JOB_TITLE_SOURCE]);
  });

  it('sends the texts newest first with their dates, the job title, and the option values with what each means', () => {
    expect(prompt.sent).toEqual(['n2', 'c1']);
    expect(user.activities.map((a) => [a.id, a.kind, a.date])).toEqual([['n2', 'note', '2026-03-09'], ['c1', 'call_note', '2026-03-02']]);
    expect(user.activities[1]!.text).toBe(TEXTS[0]!.text);
    expect(user.contactJobTitle).toBe('VP Operations');
    expect(user.today).toBe('2026-03-10');
    expect(user.criteria[1]!.values).toContainEqual({ value: 'other', when: expect.stringContaining('another role') as string });
  });

  it('turns timeline windows into dates counted from now, so the model needs no calendar arithmetic', () => {
    expect(user.criteria[3]!.values).toEqual([
      { value: 'within_1_month', when: 'the purchase is planned on or before 2026-04-10' },
      { value: '1_3_months', when: 'the purchase is planned on or before 2026-06-10 (after 2026-04-10)' },
      { value: '3_6_months', when: 'the purchase is planned on or before 2026-09-10 (after 2026-06-10)' },
      { value: 'over_6_months', when: 'the purchase is planned after 2026-09-10' },
    ]);
  });

  it('bounds what is sent: a long text is cut, and a model without suggestions sends nothing', () => {
    const long = languageModelPrompt(input({ texts: [{ id: 't', kind: 'transcript', date: '2026-03-01', text: 'x'.repeat(MAX_ACTIVITY_TEXT + 500) }] }), 'm')!;
    expect((JSON.parse(long.request.messages[1]!.content) as { activities: ActivityText[] }).activities[0]!.text).toHaveLength(MAX_ACTIVITY_TEXT);
    const silent: Model = { ...structuredClone(BANT_DEFAULT), suggestions: { facts: {} } };
    silent.criteria = silent.criteria.filter((c) => c.rule.type === 'options');
    expect(languageModelPrompt(input({ model: silent }), 'm')).toBeNull();
  });
});

describe('languageModelAnswer', () => {
  it('reads a valid answer as the same suggestions the rules give: raw value, exact evidence, confidence, currency, the activity', () => {
    const read = languageModelAnswer(answer(budget, { criterion: 'timeline', value: '1_3_months', evidence: 'Go-live wanted by end of April.', confidence: 0.8, source: { id: 'n2' } }), input());
    expect(read).toEqual({
      ok: true,
      dropped: [],
      suggestions: [
        {
          criterion: 'budget', property: 'bant_budget', value: '150000', evidence: 'they have about 150k approved', confidence: 0.9, currency: 'USD',
          source: { id: 'c1', kind: 'call_note', date: '2026-03-02' }, fact: { type: 'amount', amount: 150000, currency: 'USD' },
        },
        {
          criterion: 'timeline', property: 'bant_timeline', value: '1_3_months', evidence: 'Go-live wanted by end of April.', confidence: 0.8,
          source: { id: 'n2', kind: 'note', date: '2026-03-09' }, fact: { type: 'timeline', date: '2026-06-10' },
        },
      ],
    });
  });

  it.each<[string, Proposed, string]>([
    ['a paraphrase instead of a quote', { ...budget, evidence: 'about 150k is approved' }, 'the evidence is not an exact quote of activity c1'],
    ['a quote from another activity', { ...budget, source: { id: 'n2' } }, 'the evidence is not an exact quote of activity n2'],
    ['an activity that was not sent', { ...budget, source: { id: 'x9' } }, 'source x9 is not an activity that was sent'],
    ['the job title for a budget', { ...budget, evidence: 'VP Operations', source: { id: JOB_TITLE_SOURCE } }, 'source jobtitle is not an activity that was sent (the job title only proves a role)'],
    ['an empty quote', { ...budget, evidence: '' }, 'the evidence is not an exact quote of activity c1'],
    ['an option the property does not have', { criterion: 'authority', value: 'ceo', evidence: 'Her CFO signs off.', source: { id: 'c1' } }, '"ceo" is not a value authority accepts'],
    ['an amount that is not a number', { ...budget, value: '150k' }, '"150k" is not a value budget accepts'],
    ['a criterion the model does not have', { ...budget, criterion: 'champion' }, 'the model has no such criterion taking suggestions'],
  ])('drops %s', (_, proposed, reason) => {
    const read = languageModelAnswer(answer(proposed), input());
    expect(read).toEqual({ ok: true, suggestions: [], dropped: [{ criterion: proposed.criterion, reason }] });
  });

  it('takes the role from the job title when the model names it as the source', () => {
    const read = languageModelAnswer(answer({ criterion: 'authority', value: 'director', evidence: 'VP Operations', source: { id: JOB_TITLE_SOURCE } }), input());
    expect(read.ok && read.suggestions[0]).toMatchObject({ criterion: 'authority', value: 'director', source: { id: 'jobtitle', kind: 'job_title' }, fact: { type: 'role', level: 'director' } });
  });

  it('keeps the most confident suggestion per criterion, leaves out a dismissed one, and reads a missing currency as the portal\'s', () => {
    const twice = languageModelAnswer(answer({ ...budget, confidence: 0.6 }, { ...budget, value: '120000', confidence: 0.95, currency: null }), input({ homeCurrency: 'eur' }));
    expect(twice.ok && twice.suggestions.map((s) => [s.value, s.currency])).toEqual([['120000', 'EUR']]);
    const dismissed = languageModelAnswer(answer(budget), input({ dismissed: new Set([suggestionKey({ criterion: 'budget', source: { id: 'c1' } })]) }));
    expect(dismissed).toEqual({ ok: true, suggestions: [], dropped: [] });
  });

  it.each([
    ['not JSON', 'Sure! Here are the suggestions: budget 150k', /^the answer is not JSON/],
    ['the wrong shape', JSON.stringify({ budget: '150000' }), /^the answer does not match the schema \(suggestions: /],
    ['a confidence above 1', answer({ ...budget, confidence: 7 }), /^the answer does not match the schema \(suggestions\.0\.confidence: /],
  ])('refuses an answer that is %s, so the caller falls back to the rules', (_, content, reason) => {
    const read = languageModelAnswer(content, input());
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(reason);
  });
});
