import { afterEach, describe, expect, it, vi } from 'vitest';
import { Accordion, Button, CurrencyInput, LoadingButton, Select, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { BantCard } from '../../../src/app/cards/BantCard';
import type { CardData, CardResponse, CardSuggestion } from '../../../src/app/cards/lib/cardApi';
import { NOW, SEED_CONTACT, cardData, ok } from '../fixtures';
import { answerServerless, countComponents, plain, textOf } from '../support';

afterEach(() => {
  vi.restoreAllMocks();
});

function renderCard(replies: CardResponse[], options: { locale?: string } = {}) {
  const serverless = answerServerless(replies);
  const renderer = createRenderer('crm.record.sidebar');
  if (options.locale) renderer.mocks.context.user.locale = options.locale;
  renderer.render(<BantCard context={renderer.mocks.context} actions={renderer.mocks.actions} now={() => NOW} />);
  return { ...renderer, serverless };
}

type Card = ReturnType<typeof renderCard>;

const CALL = { id: '501', kind: 'call_note' as const, date: '2026-11-03T15:00:00.000Z' };

function suggestion(criterion: string, property: string, value: string, evidence: string, extra: Partial<CardSuggestion> = {}): CardSuggestion {
  return { criterion, property, value, evidence, confidence: 0.9, source: CALL, ...extra };
}

const BUDGET = suggestion('budget', 'bant_budget', '150000', 'we have about 150k approved', { currency: 'USD' });
const TIMELINE = suggestion('timeline', 'bant_timeline', '1_3_months', 'decision by end of January');

function withSuggestions(data: CardData, suggestions: CardSuggestion[], more: Partial<CardData> = {}): CardData {
  return { ...data, suggestions, ...more };
}

async function opened(card: Card) {
  await card.waitFor(() => card.findByTestId(Text, 'bant-headline'));
}

const sentence = (card: Card, key: string) => plain(textOf(card.findByTestId(Text, `bant-suggestion-${key}`)));
const line = (card: Card, key: string) => card.findByTestId(Accordion, `bant-criterion-${key}`);

describe('a suggestion beside its criterion', () => {
  it('beside an unknown answer: the source, its date, the quote and what it suggests, with Use and Dismiss', async () => {
    const data = withSuggestions(cardData({ contact: { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect' }, currency: 'USD' }), [TIMELINE]);
    const card = renderCard([ok(data)]);
    await opened(card);
    expect(sentence(card, 'timeline')).toBe('Call on Nov 3, 2026: “decision by end of January” suggests Timeline 1–3 months.');
    expect(line(card, 'timeline').props.title).toContain('suggested: 1–3 months');
    expect(card.findByTestId(Button, 'bant-suggestion-timeline-use').text).toBe('Use');
    expect(card.findByTestId(Button, 'bant-suggestion-timeline-dismiss').text).toBe('Dismiss');
  });

  it('beside a stored answer it contradicts, naming both', async () => {
    const data = withSuggestions(cardData({ contact: { ...SEED_CONTACT, bant_budget: '40000' }, currency: 'USD' }), [BUDGET]);
    const card = renderCard([ok(data)]);
    await opened(card);
    expect(sentence(card, 'budget')).toBe('Call on Nov 3, 2026: “we have about 150k approved” suggests Budget $150,000; the stored answer is $40,000.');
  });

  it('on a passing line, folded: the line says it, the detail appears when the rep opens the line', async () => {
    const data = withSuggestions(cardData({ contact: SEED_CONTACT, currency: 'USD' }), [suggestion('authority', 'bant_authority', 'director', 'I run operations as director')]);
    const card = renderCard([ok(data)]);
    await opened(card);
    expect(line(card, 'authority').props.title).toBe('Authority: Manager · 15/25 · suggested: Director');
    expect(card.maybeFindByTestId(Text, 'bant-suggestion-authority')).toBeNull();
    line(card, 'authority').trigger('onClick');
    expect(sentence(card, 'authority')).toBe('Call on Nov 3, 2026: “I run operations as director” suggests Authority Director; the stored answer is Manager.');
  });

  it('"Use" puts the value in Edit answers and opens the panel; nothing is saved until the rep saves', async () => {
    const data = withSuggestions(cardData({ contact: { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect' }, currency: 'USD' }), [TIMELINE]);
    const saved = withSuggestions(cardData({ contact: { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect', bant_timeline: '1_3_months' }, currency: 'USD' }), []);
    const card = renderCard([ok(data), ok(saved)]);
    await opened(card);
    const openPanel = vi.fn();
    const use = card.findByTestId(Button, 'bant-suggestion-timeline-use');
    (use.props.onClick as (event: unknown, reactions: unknown) => void)({}, { openPanel, closePanel: vi.fn(), openModal: vi.fn(), closeModal: vi.fn() });
    await card.waitFor(() => expect(sentence(card, 'timeline')).toContain('Added to Edit answers: check it there and save.'));
    expect(openPanel).toHaveBeenCalledWith('bant-edit-answers');
    expect(card.findByTestId(Select, 'bant-input-timeline').props.value).toBe('1_3_months');
    expect(card.maybeFindByTestId(Button, 'bant-suggestion-timeline-use')).toBeNull();
    expect(card.serverless).toHaveBeenCalledTimes(1);
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await vi.waitFor(() => expect(card.serverless).toHaveBeenCalledTimes(2));
    expect(card.serverless.mock.calls[1]?.[1]).toEqual({ parameters: { action: 'save', portalId: 123, contactId: '123', locale: 'en', userId: '1', answers: { bant_timeline: '1_3_months' } } });
  });

  it('after a save, keeps the suggestions still worth showing: the one used is gone, the others stay', async () => {
    const answers = { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect' };
    const authority = suggestion('authority', 'bant_authority', 'c_level', 'I am the CEO');
    const data = withSuggestions(cardData({ contact: answers, currency: 'USD' }), [authority, TIMELINE]);
    // The save answers with the stored result and no suggestions (they are read on open).
    const saved = cardData({ contact: { ...answers, bant_timeline: '1_3_months' }, currency: 'USD' });
    const card = renderCard([ok(data), ok(saved)]);
    await opened(card);
    (card.findByTestId(Button, 'bant-suggestion-timeline-use').props.onClick as (event: unknown, reactions: unknown) => void)({}, undefined);
    await card.waitFor(() => expect(sentence(card, 'timeline')).toContain('Added to Edit answers'));
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => expect(card.maybeFindByTestId(Text, 'bant-suggestion-timeline')).toBeNull());
    expect(line(card, 'authority').props.title).toContain('suggested: C-level');
  });

  it('"Dismiss" calls the function once with the criterion and the activity, and shows the card it answers with', async () => {
    const data = withSuggestions(cardData({ contact: { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect' } }), [TIMELINE]);
    const card = renderCard([ok(data), ok(withSuggestions(data, []))]);
    await opened(card);
    card.findByTestId(Button, 'bant-suggestion-timeline-dismiss').trigger('onClick');
    await card.waitFor(() => expect(card.maybeFindByTestId(Text, 'bant-suggestion-timeline')).toBeNull());
    expect(card.serverless.mock.calls[1]?.[1]).toEqual({ parameters: { action: 'dismiss', portalId: 123, contactId: '123', locale: 'en', criterion: 'timeline', sourceId: '501' } });
    expect(line(card, 'timeline').props.title).not.toContain('suggested');
  });

  it('says why a dismissal failed and keeps the suggestion', async () => {
    const data = withSuggestions(cardData({ contact: { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect' } }), [TIMELINE]);
    const card = renderCard([ok(data), { ok: false, error: { code: 'rate_limited', message: 'HubSpot is busy; try again in a minute.', retryable: true } }]);
    await opened(card);
    card.findByTestId(Button, 'bant-suggestion-timeline-dismiss').trigger('onClick');
    await vi.waitFor(() => expect(card.mocks.actions.addAlert.calls).toEqual([[{ type: 'danger', message: 'HubSpot is busy; try again in a minute.' }]]));
    expect(card.findByTestId(Text, 'bant-suggestion-timeline')).toBeTruthy();
  });

  it('shows an amount in another currency than the portal\'s in its own, names both, and offers no "Use"', async () => {
    const data = withSuggestions(cardData({ contact: { bant_authority: 'director', bant_need: 'perfect', bant_timeline: '1_3_months' }, currency: 'EUR' }), [BUDGET]);
    const card = renderCard([ok(data)]);
    await opened(card);
    expect(sentence(card, 'budget')).toBe(
      'Call on Nov 3, 2026: “we have about 150k approved” suggests Budget $150,000. That amount is in USD, and answers here are kept in EUR: convert it before you enter it.',
    );
    expect(card.maybeFindByTestId(Button, 'bant-suggestion-budget-use')).toBeNull();
    expect(card.findByTestId(Button, 'bant-suggestion-budget-dismiss')).toBeTruthy();
    expect(card.findByTestId(CurrencyInput, 'bant-input-budget').props.value).toBeUndefined();
  });

  it('says which answers the app filled in itself (auto-fill), with their source and no buttons', async () => {
    const contact = { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect', bant_timeline: '1_3_months', bant_answered_by: 'app' };
    const data = withSuggestions(cardData({ contact }), [TIMELINE], { autofilled: ['timeline'] });
    const card = renderCard([ok(data)]);
    await opened(card);
    expect(line(card, 'timeline').props.title).toBe('Timeline: 1–3 months · 20/20 · filled in by the app');
    line(card, 'timeline').trigger('onClick');
    expect(sentence(card, 'timeline')).toBe('Call on Nov 3, 2026: “decision by end of January” gave Timeline 1–3 months. The app filled it in because it was empty; correct it in Edit answers if it is wrong.');
    expect(card.maybeFindByTestId(Button, 'bant-suggestion-timeline-dismiss')).toBeNull();
  });

  it('offers no "Use" to a rep who cannot save, but lets them dismiss', async () => {
    const data = withSuggestions(cardData({ contact: { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect' }, canEdit: false, readOnlyReason: 'No.' }), [TIMELINE]);
    const card = renderCard([ok(data)]);
    await opened(card);
    expect(card.maybeFindByTestId(Button, 'bant-suggestion-timeline-use')).toBeNull();
    expect(card.findByTestId(Button, 'bant-suggestion-timeline-dismiss')).toBeTruthy();
  });

  it('shows a new contact\'s suggestions beside the criteria instead of the empty state', async () => {
    const title = suggestion('authority', 'bant_authority', 'director', 'VP Operations', { source: { id: 'jobtitle', kind: 'job_title' } });
    const card = renderCard([ok(withSuggestions(cardData({ contact: {} }), [title, TIMELINE]))]);
    await opened(card);
    expect(sentence(card, 'authority')).toBe('Job title: “VP Operations” suggests Authority Director.');
    expect(sentence(card, 'timeline')).toContain('suggests Timeline 1–3 months.');
  });

  it('keeps a qualified lead within 25 components with a suggestion on every criterion', async () => {
    const data = withSuggestions(cardData({ contact: SEED_CONTACT, currency: 'USD' }), [
      BUDGET,
      suggestion('authority', 'bant_authority', 'director', 'I run operations as director'),
      suggestion('need', 'bant_need', 'some', 'it would be nice to have'),
      TIMELINE,
    ]);
    const card = renderCard([ok(data)]);
    await opened(card);
    expect(countComponents(card.getRootNode())).toBeLessThanOrEqual(25);
  });

  it('speaks the rep\'s language', async () => {
    const data = withSuggestions(cardData({ contact: { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect' }, currency: 'EUR' }), [TIMELINE]);
    const card = renderCard([ok(data)], { locale: 'fi-FI' });
    await opened(card);
    expect(sentence(card, 'timeline')).toMatch(/^Puhelu 3\.11\.2026: ”decision by end of January” – ehdotus: .+\.$/);
    expect(card.findByTestId(Button, 'bant-suggestion-timeline-use').text).toBe('Käytä');
  });
});

describe('call transcripts', () => {
  const transcripts = [{ callId: '501', transcriptId: '7000001', date: '2026-11-03T15:00:00.000Z' }];

  it('folds the calls with a transcript in one line; opening one reads it with one function call and shows what it suggests', async () => {
    const data = { ...cardData({ contact: SEED_CONTACT, currency: 'USD' }), suggestions: [], transcripts };
    const read = { ...data, suggestions: [suggestion('budget', 'bant_budget', '150000', 'Sara: we have about 150k approved', { currency: 'USD', source: { id: '501-transcript', kind: 'transcript', date: CALL.date } })], transcripts: [{ ...transcripts[0]!, read: true }] };
    const card = renderCard([ok(data), ok(read)]);
    await opened(card);
    const section = card.findByTestId(Accordion, 'bant-transcripts');
    expect(section.props.title).toBe('Call transcripts: 1');
    expect(card.maybeFindByTestId(Button, 'bant-transcript-501')).toBeNull();
    section.trigger('onClick');
    const button = card.findByTestId(Button, 'bant-transcript-501');
    expect(button.text).toBe('Look for answers in the call of Nov 3, 2026');
    button.trigger('onClick');
    await card.waitFor(() => expect(card.findByTestId(Text, 'bant-transcript-501').text).toBe('Call of Nov 3, 2026: read. What it suggests is shown beside the criteria.'));
    expect(card.serverless.mock.calls[1]?.[1]).toEqual({ parameters: { action: 'transcript', portalId: 123, contactId: '123', locale: 'en', callId: '501', transcriptId: '7000001' } });
    expect(line(card, 'budget').props.title).toContain('suggested: $150,000');
    line(card, 'budget').trigger('onClick');
    expect(sentence(card, 'budget')).toBe('Call transcript on Nov 3, 2026: “Sara: we have about 150k approved” suggests Budget $150,000; the stored answer is $100,000.');
  });

  it('shows nothing when no call has a transcript, and keeps a qualified lead within 25 components when some do', async () => {
    const none = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(none);
    expect(none.maybeFindByTestId(Accordion, 'bant-transcripts')).toBeNull();
    const some = renderCard([ok({ ...cardData({ contact: SEED_CONTACT }), transcripts: [...transcripts, { callId: '502', transcriptId: '7000002' }] })]);
    await opened(some);
    expect(countComponents(some.getRootNode())).toBeLessThanOrEqual(25);
  });
});

