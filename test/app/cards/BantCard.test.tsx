import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Accordion,
  Alert,
  Button,
  CurrencyInput,
  DateInput,
  EmptyState,
  ErrorState,
  Form,
  LoadingButton,
  LoadingSpinner,
  MultiSelect,
  NumberInput,
  Panel,
  ScoreCircle,
  Select,
  Tag,
  Text,
  Toggle,
  ToggleGroup,
  Tooltip,
} from '@hubspot/ui-extensions';
import { CrmActionButton } from '@hubspot/ui-extensions/crm';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { validateModel } from '../../../src/engine';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { BantCard } from '../../../src/app/cards/BantCard';
import type { CardResponse } from '../../../src/app/cards/lib/cardApi';
import { ACME_DEAL, NOW, SEED_CONTACT, cardData, failed, ok } from '../fixtures';
import { answerServerless, change, countComponents, plain, surfaceComponents, textOf } from '../support';

type Reply = CardResponse | { status: 'SUCCESS'; response: CardResponse } | { status: 'ERROR'; message: string } | Error | Promise<never>;

/** Renders the card with `hubspot.serverless` answering each call with the next reply. */
function renderCard(replies: Reply[], options: { locale?: string } = {}) {
  const serverless = answerServerless(replies);
  const renderer = createRenderer('crm.record.sidebar');
  if (options.locale) renderer.mocks.context.user.locale = options.locale;
  renderer.render(<BantCard context={renderer.mocks.context} actions={renderer.mocks.actions} now={() => NOW} />);
  return { ...renderer, serverless };
}

type Card = ReturnType<typeof renderCard>;

function text(card: Card, testId: string): string {
  return textOf(card.findByTestId(Text, testId));
}

async function opened(card: Card) {
  await card.waitFor(() => card.findByTestId(Text, 'bant-headline'));
}

const line = (card: Card, key: string) => card.findByTestId(Accordion, `bant-criterion-${key}`);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('opening the card', () => {
  it('shows a spinner while the function loads', async () => {
    const card = renderCard([new Promise<never>(() => {})]);
    await vi.waitFor(() => expect(card.serverless).toHaveBeenCalledTimes(1));
    expect(card.findByTestId(LoadingSpinner, 'bant-loading').props.label).toBe('Loading BANT qualification');
  });

  it('loads everything with one function call carrying the portal and the contact', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    expect(card.serverless).toHaveBeenCalledTimes(1);
    expect(card.serverless).toHaveBeenCalledWith('bant_card_api', { parameters: { action: 'load', portalId: 123, contactId: '123', locale: 'en' } });
  });

  it('reads a result wrapped as { status, response } too', async () => {
    const card = renderCard([{ status: 'SUCCESS', response: ok(cardData({ contact: SEED_CONTACT })) }]);
    await opened(card);
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(80);
  });

  it('says the function could not be reached, in words for the rep, with a retry', async () => {
    const card = renderCard([{ status: 'ERROR', message: 'Function timed out' }]);
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-load-error'));
    expect(textOf(card.findByTestId(ErrorState, 'bant-load-error'))).toBe(
      'Could not reach BANT scoring. Check your connection and try again.This is usually temporary.Try again',
    );
  });

  it('says the answer is unreadable instead of breaking', async () => {
    const card = renderCard([{ hello: 'world' } as unknown as CardResponse]);
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-load-error'));
    expect(textOf(card.findByTestId(ErrorState, 'bant-load-error'))).toContain('Something went wrong in BANT scoring.');
  });
});

describe('the verdict: one story', () => {
  it('leads a qualified lead with its next step and why: seed example, 80 of 100', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(80);
    expect(text(card, 'bant-headline')).toBe('Send to sales now');
    expect(text(card, 'bant-why')).toBe('Qualified: every criterion meets its minimum.');
    const grade = card.findByTestId(Tag, 'bant-grade');
    expect([grade.text, grade.props.variant]).toEqual(['Grade A: Top score', 'success']);
    expect(card.maybeFindByTestId(Text, 'bant-points')).toBeNull();
  });

  it('never presents a lead with an unknown criterion as hot: finish qualifying first, score provisional', async () => {
    // 30 + 20 + 25 = 75 points, grade A, but Timeline is unknown: not qualified, routed to sales_later.
    const card = renderCard([ok(cardData({ contact: { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect' } }))]);
    await opened(card);
    expect(text(card, 'bant-headline')).toBe('Finish qualifying: ask about Timeline');
    expect(text(card, 'bant-why')).toBe('Provisional score: 1 criterion still open. Then: Send to sales, not urgent');
    const grade = card.findByTestId(Tag, 'bant-grade');
    expect([grade.text, grade.props.variant]).toEqual(['Grade A: Top score · Provisional', 'default']);
    expect(textOf(card.find(Text, { testId: 'bant-headline' }))).not.toContain('now');
  });

  it('asks about unknown criteria and corrects invalid ones in one headline', async () => {
    const card = renderCard([ok(cardData({ contact: { bant_budget: '120000', bant_authority: 'ceo' } }))]);
    await opened(card);
    expect(text(card, 'bant-headline')).toBe('Finish qualifying: ask about Need and Timeline and correct Authority');
    expect(text(card, 'bant-why')).toContain('Provisional score: 3 criteria still open.');
  });

  it('names the criteria below their minimum when every answer is known', async () => {
    const card = renderCard([ok(cardData({ contact: { bant_budget: '20000', bant_authority: 'director', bant_need: 'perfect', bant_timeline: '1_3_months' } }))]);
    await opened(card);
    expect(text(card, 'bant-headline')).toBe('Send to sales, not urgent');
    expect(text(card, 'bant-why')).toBe('Not qualified: Budget below the minimum.');
    expect(card.findByTestId(Tag, 'bant-grade').props.variant).toBe('info');
  });

  it('names the score when every criterion passes but the total is short', async () => {
    const card = renderCard([ok(cardData({ contact: { bant_budget: '50000', bant_authority: 'manager', bant_need: 'partial', bant_timeline: '3_6_months' } }))]);
    await opened(card);
    expect(text(card, 'bant-why')).toBe('Not qualified: 55 points, 70 needed.');
  });

  it('shows points as text when the model does not score out of 100', async () => {
    const card = renderCard([ok(cardData({ model: everyRuleModel(), contact: { x_amount: '12' } }))]);
    await opened(card);
    expect(card.maybeFindByTestId(ScoreCircle, 'bant-score')).toBeNull();
    expect(text(card, 'bant-points')).toBe('20 of 110 points');
  });

  it('says when the contact was scored, relative to now', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    expect(card.findByTestId(Tag, 'bant-scored-at').text).toBe('Scored 2 days ago');
  });

  it('says a never-scored contact gets its score stored at the next save', async () => {
    const card = renderCard([ok(cardData({ contact: { bant_budget: '120000' } }))]);
    await opened(card);
    expect(card.findByTestId(Tag, 'bant-scored-at').text).toBe('Not scored yet: the score is stored at the next save.');
  });

  it('says a stored score that no longer matches the deal is being caught up', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT, stale: true }))]);
    await opened(card);
    expect(card.findByTestId(Tag, 'bant-scored-at').text).toBe('Just recalculated; the contact record catches up within seconds.');
  });
});

describe('the next step you can click', () => {
  it('schedules a meeting for a lead to send to sales now', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    const button = card.findByTestId(CrmActionButton, 'bant-next-step');
    expect([button.props.actionType, button.props.actionContext, button.text]).toEqual(['SCHEDULE_MEETING', { objectTypeId: '0-1', objectId: 123 }, 'Schedule a meeting']);
  });

  it('opens the workflow enrollment for nurture and adds a task for research', async () => {
    const nurture = renderCard([ok(cardData({ contact: { bant_budget: '20000', bant_authority: 'other', bant_need: 'partial', bant_timeline: '1_3_months' } }))]);
    await opened(nurture);
    expect(nurture.findByTestId(CrmActionButton, 'bant-next-step').props.actionType).toBe('OPEN_WORKFLOW_ENROLLMENT_MODAL');
    vi.restoreAllMocks();
    const research = renderCard([ok(cardData({ contact: { bant_need: 'low' } }))]);
    await opened(research);
    const button = research.findByTestId(CrmActionButton, 'bant-next-step');
    expect([button.props.actionType, button.text]).toEqual(['ADD_TASK', 'Add a task']);
  });

  it('offers no button for an action the model turned off', async () => {
    const model = structuredClone(BANT_DEFAULT);
    delete model.actions.find((a) => a.key === 'sales_now')!.crmAction;
    const card = renderCard([ok(cardData({ model, contact: SEED_CONTACT }))]);
    await opened(card);
    expect(card.maybeFindByTestId(CrmActionButton, 'bant-next-step')).toBeNull();
  });

  it('tells the rep when HubSpot cannot open the action', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    (card.findByTestId(CrmActionButton, 'bant-next-step').trigger as (name: 'onError', errors: string[]) => void)('onError', ['Missing permission to create meetings']);
    expect(card.mocks.actions.addAlert.calls.at(-1)).toEqual([{ type: 'danger', message: 'HubSpot could not open this action: Missing permission to create meetings' }]);
  });
});

describe('money and time', () => {
  it("shows a deal's amount in the deal's own currency", async () => {
    const deal = { ...ACME_DEAL, properties: { ...ACME_DEAL.properties, deal_currency_code: 'NOK' } };
    const card = renderCard([ok(cardData({ contact: { bant_authority: 'manager' }, deal, currency: 'EUR' }))]);
    await opened(card);
    expect(plain(line(card, 'budget').props.title)).toBe('Budget: NOK 120,000 · 30/30');
    expect(card.findByTestId(CurrencyInput, 'bant-input-budget').props.currency).toBe('EUR');
    expect(plain(card.findByTestId(CurrencyInput, 'bant-input-budget').props.description ?? '')).toContain('deal “Acme renewal” gives NOK 120,000');
  });

  it("gives the exact moment of the last score in the portal's time zone on hover", async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    expect(card.findByTestId(Tag, 'bant-scored-at').text).toBe('Scored 2 days ago');
    // The testing renderer's portal is in America/New_York.
    expect(plain(textOf(card.findByTestId(Tooltip, 'bant-scored-at-exactly')))).toBe('Nov 20, 2026, 9:03 AM EST');
  });
});

describe('one line per criterion', () => {
  it('shows label, answer and points, folded when the criterion passes', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    expect(card.findAll(Accordion).map((a) => [a.props.title, a.props.defaultOpen])).toEqual([
      ['Budget: 100,000 · 30/30', false],
      ['Authority: Manager · 15/25', false],
      ['Need: Perfect match · 25/25', false],
      ['Timeline: 3–6 months · 10/20', false],
    ]);
    expect(text(card, 'bant-criterion-budget-detail')).toBe('Meets the minimum of 15 points.');
  });

  it('opens the lines that fail, with the reason and the question to ask', async () => {
    const card = renderCard([ok(cardData({ contact: { bant_budget: '20000', bant_authority: 'ceo', bant_need: 'perfect' } }))]);
    await opened(card);
    expect([line(card, 'budget').props.title, line(card, 'budget').props.defaultOpen]).toEqual(['Budget: 20,000 · 0/30', true]);
    expect(text(card, 'bant-criterion-budget-detail')).toBe('Below the minimum: needs 15 points.');
    expect(text(card, 'bant-criterion-budget-ask')).toBe('Ask: “What budget have you set aside for a solution like this?”');
    expect(line(card, 'authority').props.title).toBe('Authority: cannot be read · 0/25');
    expect(text(card, 'bant-criterion-authority-detail')).toBe('“ceo” is not one of the answers the model scores. Correct it in Edit answers.');
    expect([line(card, 'timeline').props.title, text(card, 'bant-criterion-timeline-detail')]).toEqual(['Timeline: not known yet · 0/20', 'No answer yet.']);
    expect(line(card, 'need').props.defaultOpen).toBe(false);
    expect(card.maybeFindByTestId(Text, 'bant-criterion-need-ask')).toBeNull();
  });

  it("names the source only when it is not the rep's own answer", async () => {
    const card = renderCard([ok(cardData({ contact: { bant_authority: 'manager' }, deal: ACME_DEAL }))]);
    await opened(card);
    expect(line(card, 'budget').props.title).toBe('Budget: 120,000 · 30/30');
    expect(text(card, 'bant-criterion-budget-detail')).toBe('Meets the minimum of 15 points. From deal “Acme renewal” (Deal amount).');
    expect(line(card, 'timeline').props.title).toBe('Timeline: Jan 15, 2027 · 20/20');
    expect(text(card, 'bant-criterion-authority-detail')).toBe('Meets the minimum of 15 points.');
  });

  it("writes amounts in the portal's company currency", async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT, currency: 'EUR' }))]);
    await opened(card);
    expect(line(card, 'budget').props.title).toBe('Budget: €100,000 · 30/30');
  });

  it('keeps internal names away from the rep', async () => {
    const card = renderCard([ok(cardData({ contact: { bant_authority: 'ceo' }, deal: ACME_DEAL }))]);
    await opened(card);
    const shown = [card.find(Text, { testId: 'bant-headline' }), ...card.findAll(Accordion)].map((n) => `${textOf(n)} ${'title' in n.props ? String(n.props.title) : ''}`).join(' ');
    expect(shown).not.toMatch(/bant_|closedate|hs_|bant-default|src\/|\.json/);
  });
});

describe('short by default', () => {
  it('shows a qualified lead in at most 25 components before the rep opens anything', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    expect(countComponents(card.getRootNode())).toBeLessThanOrEqual(25);
  });

  it('holds no second copy of the answers and no always-disabled button on the card', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    const surface = surfaceComponents(card.getRootNode());
    expect(surface).toContain('Accordion');
    expect(surface.filter((name) => /Input|Select|Toggle/.test(name))).toEqual([]);
    expect(card.findAll(Button).filter((b) => b.props.disabled === true)).toEqual([]);
  });
});

describe('an empty contact', () => {
  it('invites the rep to ask the first question instead of showing zeros', async () => {
    const card = renderCard([ok(cardData({ contact: {} }))]);
    await card.waitFor(() => card.findByTestId(EmptyState, 'bant-empty'));
    expect(textOf(card.findByTestId(EmptyState, 'bant-empty'))).toContain('Start with: “What budget have you set aside for a solution like this?”');
    expect(card.maybeFindByTestId(ScoreCircle, 'bant-score')).toBeNull();
    expect(card.findByTestId(Button, 'bant-edit').text).toBe('Edit answers');
  });
});

describe('editing in a panel', () => {
  it('opens a panel with one input per criterion, a question as description and the other in a tooltip', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    const panel = card.findByTestId(Panel, 'bant-editor');
    expect([panel.props.id, panel.props.title]).toEqual(['bant-edit-answers', 'BANT answers']);
    const budget = card.findByTestId(CurrencyInput, 'bant-input-budget');
    expect([budget.props.value, budget.props.description, budget.props.tooltip]).toEqual([
      100000, 'What budget have you set aside for a solution like this?', 'What did your company invest in similar projects before?',
    ]);
    expect(card.findByTestId(Select, 'bant-input-authority').props.value).toBe('manager');
    expect(card.findByTestId(Select, 'bant-input-need').props.options.map((o) => o.value)).toEqual(['perfect', 'partial', 'low']);
    // Time windows are a Select in a sidebar, not a list of radio buttons.
    expect(card.findByTestId(Select, 'bant-input-timeline').props.value).toBe('3_6_months');
    expect(card.findByTestId(Form, 'bant-form').findAll(Select)).toHaveLength(3);
  });

  it('offers number, select, multi-select, checklist, toggle and date controls for the other rule types', async () => {
    const model = everyRuleModel();
    const card = renderCard([ok(cardData({ model, contact: { x_amount: '12', x_date: '2027-01-31' } }))]);
    await opened(card);
    expect(card.findByTestId(NumberInput, 'bant-input-amount').props.value).toBe(12);
    expect(card.findByTestId(Select, 'bant-input-stage').props.options).toHaveLength(2);
    expect(card.findByTestId(Select, 'bant-input-priority').props.options.map((o) => o.label)).toEqual(['Not important', 'Very important']);
    expect(card.findByTestId(MultiSelect, 'bant-input-products').props.options).toHaveLength(2);
    expect(card.findByTestId(ToggleGroup, 'bant-input-challenges').props.toggleType).toBe('checkboxList');
    expect(card.findByTestId(Toggle, 'bant-input-champion').props.checked).toBe(false);
    const date = card.findByTestId(DateInput, 'bant-input-decision');
    expect([date.props.value, date.props.format]).toEqual([{ year: 2027, month: 0, date: 31 }, undefined]);
  });

  it('gives CurrencyInput the company currency', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT, currency: 'NOK' }))]);
    await opened(card);
    expect(card.findByTestId(CurrencyInput, 'bant-input-budget').props.currency).toBe('NOK');
  });

  it('scores live in the panel while the card keeps the stored result', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    expect(text(card, 'bant-live-score')).toBe('With these answers: 80 of 100 points, qualified.');
    change(card.findByTestId(Select, 'bant-input-timeline'), '1_3_months');
    expect(text(card, 'bant-live-score')).toBe('With these answers: 90 of 100 points, qualified.');
    change(card.findByTestId(Select, 'bant-input-authority'), 'other');
    expect(text(card, 'bant-live-score')).toBe('With these answers: 75 of 100 points, not qualified yet.');
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(80);
    expect(text(card, 'bant-headline')).toBe('Send to sales now');
    expect(card.serverless).toHaveBeenCalledTimes(1);
  });

  it('enables Save only when an answer changed', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(true);
    change(card.findByTestId(Select, 'bant-input-authority'), 'director');
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(false);
    change(card.findByTestId(Select, 'bant-input-authority'), 'manager');
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(true);
  });

  it('flags a bad amount once, on its field, and keeps Save and Enter from sending it', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    change(card.findByTestId(CurrencyInput, 'bant-input-budget'), -5);
    const input = card.findByTestId(CurrencyInput, 'bant-input-budget');
    expect([input.props.error, input.props.validationMessage]).toEqual([true, 'Enter an amount of 0 or more.']);
    expect(card.maybeFindByTestId(Alert, 'bant-save-error')).toBeNull();
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(true);
    card.findByTestId(Form, 'bant-form').trigger('onSubmit');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(card.serverless).toHaveBeenCalledTimes(1);
  });

  it('keeps a field read-only, saying where it comes from, when a deal takes precedence', async () => {
    const dealFirst = structuredClone(BANT_DEFAULT);
    dealFirst.criteria[0]!.sources.reverse();
    const card = renderCard([ok(cardData({ model: dealFirst, contact: {}, deal: ACME_DEAL }))]);
    await opened(card);
    const budget = card.findByTestId(CurrencyInput, 'bant-input-budget');
    expect([budget.props.readOnly, budget.props.description]).toEqual([true, 'Comes from deal “Acme renewal”; change it there.']);
    expect(card.findByTestId(Select, 'bant-input-authority').props.readOnly).toBe(false);
  });

  it("says what the deal gives until the rep answers, when the rep's answer takes precedence", async () => {
    const card = renderCard([ok(cardData({ contact: {}, deal: ACME_DEAL }))]);
    await opened(card);
    const budget = card.findByTestId(CurrencyInput, 'bant-input-budget');
    expect([budget.props.readOnly, budget.props.description]).toEqual([
      false, 'What budget have you set aside for a solution like this? Until you answer, deal “Acme renewal” gives 120,000.',
    ]);
  });
});

describe('saving', () => {
  it('saves the changed answers in one call, closes the panel and shows the stored result', async () => {
    const saved = cardData({ contact: { ...SEED_CONTACT, bant_timeline: '1_3_months', bant_scored_at: NOW.toISOString() } });
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT })), ok(saved)]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-input-timeline'), '1_3_months');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => expect(card.mocks.actions.refreshObjectProperties.calls).toHaveLength(1));
    expect(card.serverless).toHaveBeenCalledTimes(2);
    expect(card.serverless).toHaveBeenLastCalledWith('bant_card_api', {
      // The rep's HubSpot user id (context.user.id) rides along: the function credits the answers to them.
      parameters: { action: 'save', portalId: 123, contactId: '123', locale: 'en', answers: { bant_timeline: '1_3_months' }, userId: '1' },
    });
    expect(card.mocks.actions.closeOverlay.calls).toEqual([['bant-edit-answers']]);
    expect(card.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', title: 'BANT answers saved', message: '90 of 100 points. Next: Send to sales now.' }]]);
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(90);
    expect(card.findByTestId(Tag, 'bant-scored-at').text).toBe('Scored now');
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(true);
  });

  it('saves when the rep presses Enter in the form', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT })), ok(cardData({ contact: { ...SEED_CONTACT, bant_need: 'partial' } }))]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-input-need'), 'partial');
    card.findByTestId(Form, 'bant-form').trigger('onSubmit');
    await card.waitFor(() => expect(card.serverless).toHaveBeenCalledTimes(2));
    expect(card.serverless).toHaveBeenLastCalledWith('bant_card_api', {
      parameters: { action: 'save', portalId: 123, contactId: '123', locale: 'en', answers: { bant_need: 'partial' }, userId: '1' },
    });
  });

  it('shows a refused answer on its field only and keeps every edit', async () => {
    const refusal = failed({
      code: 'invalid_answers',
      message: 'Nothing was saved: 1 answer needs fixing.',
      retryable: false,
      fields: [{ property: 'bant_authority', criterion: 'authority', value: 'director', message: 'Authority: "director" is not an option of the HubSpot property.' }],
    });
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT })), refusal]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-input-authority'), 'director');
    change(card.findByTestId(Select, 'bant-input-need'), 'partial');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => expect(card.findByTestId(Select, 'bant-input-authority').props.error).toBe(true));
    expect(card.findByTestId(Select, 'bant-input-authority').props.validationMessage).toBe('Authority: "director" is not an option of the HubSpot property.');
    expect(card.maybeFindByTestId(Alert, 'bant-save-error')).toBeNull();
    expect(card.findByTestId(Select, 'bant-input-need').props.value).toBe('partial');
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(true);
    expect(card.mocks.actions.refreshObjectProperties.calls).toHaveLength(0);
    // Changing the refused answer clears its error.
    change(card.findByTestId(Select, 'bant-input-authority'), 'c_level');
    expect(card.findByTestId(Select, 'bant-input-authority').props.error).toBe(false);
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(false);
  });

  it('keeps the edits when HubSpot fails, says retrying can help, and saves on retry', async () => {
    const outage = failed({ code: 'crm_unavailable', message: 'HubSpot did not answer in time (503).', retryable: true });
    const saved = cardData({ contact: { ...SEED_CONTACT, bant_authority: 'director' } });
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT })), outage, ok(saved)]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-input-authority'), 'director');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => card.findByTestId(Alert, 'bant-save-error'));
    expect(card.findByTestId(Alert, 'bant-save-error').text).toBe('HubSpot did not answer in time. Your changes are kept: try saving again.');
    expect(card.findByTestId(Select, 'bant-input-authority').props.value).toBe('director');
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(80);
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => expect(card.mocks.actions.refreshObjectProperties.calls).toHaveLength(1));
    expect(card.serverless).toHaveBeenCalledTimes(3);
    expect(card.maybeFindByTestId(Alert, 'bant-save-error')).toBeNull();
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(85);
  });

  it('says the function could not be reached when the call itself fails', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT })), new Error('Network timeout')]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-input-need'), 'partial');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => card.findByTestId(Alert, 'bant-save-error'));
    expect(card.findByTestId(Alert, 'bant-save-error').text).toBe('Could not reach BANT scoring. Check your connection and try again. Your changes are kept: try saving again.');
  });

  it('discards the edits and closes the panel', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-input-need'), 'low');
    card.findByTestId(Button, 'bant-discard').trigger('onClick');
    expect(card.findByTestId(Select, 'bant-input-need').props.value).toBe('perfect');
    expect(card.mocks.actions.closeOverlay.calls).toEqual([['bant-edit-answers']]);
  });
});

describe('read-only, refused, unavailable', () => {
  it('says first, before anything else, when the rep cannot save, and offers no editor', async () => {
    const reason = 'The property bant_budget does not exist in this portal yet; ask your admin to run `bant setup`.';
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT, canEdit: false, readOnlyReason: reason }))]);
    await opened(card);
    expect(surfaceComponents(card.getRootNode()).slice(0, 2)).toEqual(['Flex', 'Alert']);
    expect(textOf(card.findByTestId(Alert, 'bant-read-only'))).toBe(
      "Answers cannot be saved until the app's setup is finished in this HubSpot account. Your HubSpot admin can finish it in the app's settings.",
    );
    expect(card.maybeFindByTestId(Button, 'bant-edit')).toBeNull();
    expect(card.maybeFindByTestId(Panel, 'bant-editor')).toBeNull();
  });

  it('drops the edits when HubSpot refuses the save (403) and shows the stored result again', async () => {
    const forbidden = failed({ code: 'forbidden', message: 'HubSpot refused saving the answers (403).', retryable: false });
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT })), forbidden]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-input-timeline'), '1_3_months');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => card.findByTestId(Alert, 'bant-read-only'));
    expect(textOf(card.findByTestId(Alert, 'bant-read-only'))).toContain('HubSpot did not let you change this contact, so your changes were not saved.');
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(80);
    expect(card.maybeFindByTestId(Panel, 'bant-editor')).toBeNull();
    expect(card.mocks.actions.closeOverlay.calls).toEqual([['bant-edit-answers']]);
    expect(card.mocks.actions.addAlert.calls).toHaveLength(0);
  });

  it('tells reps scoring is unavailable when the model is invalid, and nothing about files', async () => {
    const broken = validateModel({ ...BANT_DEFAULT, grades: [{ grade: 'A', min: 70 }] });
    if (broken.ok) throw new Error('the fixture model should be invalid');
    const card = renderCard([failed({ code: 'model_invalid', message: 'The active model is invalid.', retryable: false, problems: broken.problems })]);
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-model-invalid'));
    const state = card.findByTestId(ErrorState, 'bant-model-invalid');
    expect(textOf(state)).toBe("BANT scoring is unavailable; your HubSpot admin can fix it in the app's settings.");
    expect(textOf(state)).not.toMatch(/grades|\.json|src\//);
  });

  it('shows a load error with a retry that loads the card', async () => {
    const outage = failed({ code: 'rate_limited', message: 'HubSpot is rate limiting this app (429).', retryable: true });
    const card = renderCard([outage, ok(cardData({ contact: SEED_CONTACT }))]);
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-load-error'));
    expect(textOf(card.findByTestId(ErrorState, 'bant-load-error'))).toBe('HubSpot is busy right now. Wait a few seconds and try again.This is usually temporary.Try again');
    card.findByTestId(Button, 'bant-retry').trigger('onClick');
    await opened(card);
    expect(card.serverless).toHaveBeenCalledTimes(2);
  });
});

describe("in the rep's language", () => {
  it('speaks Finnish to a Finnish user, numbers included', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT, currency: 'EUR' }))], { locale: 'fi-FI' });
    await opened(card);
    expect(text(card, 'bant-headline')).toBe('Lähetä myyntiin nyt');
    expect(plain(line(card, 'budget').props.title)).toBe('Budjetti: 100 000 € · 30/30');
    expect(card.findByTestId(Button, 'bant-edit').text).toBe('Muokkaa vastauksia');
    expect(card.findByTestId(Tag, 'bant-scored-at').text).toBe('Pisteytetty toissa päivänä');
  });

  it('reads every Norwegian tag from the Bokmål catalog', async () => {
    for (const locale of ['nb', 'no', 'nn-NO']) {
      const card = renderCard([ok(cardData({ contact: { bant_budget: '120000' } }))], { locale });
      await opened(card);
      expect(text(card, 'bant-headline')).toBe('Fullfør kvalifiseringen: spør om Beslutningsmyndighet, Behov og Tidslinje');
      vi.restoreAllMocks();
    }
  });

  it('speaks Arabic with plural forms', async () => {
    const card = renderCard([ok(cardData({ contact: { bant_budget: '120000', bant_authority: 'director' } }))], { locale: 'ar' });
    await opened(card);
    expect(text(card, 'bant-why')).toContain('ما زال معياران مفتوحين');
  });

  it('falls back to English for a language the app does not speak', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))], { locale: 'de-DE' });
    await opened(card);
    expect(text(card, 'bant-headline')).toBe('Send to sales now');
  });
});

/** A valid model with one criterion per rule type the card has a control for (110 points in all). */
function everyRuleModel(): Model {
  const contact = (property: string) => [{ object: 'contact' as const, property, managed: true }];
  const model: Model = {
    ...BANT_DEFAULT,
    id: 'every-rule',
    version: 'every-rule@1',
    committee: undefined,
    criteria: [
      { key: 'amount', label: 'Seats', max: 20, minimum: 0, sources: contact('x_amount'), rule: { type: 'bands', unit: 'number', bands: [{ from: 0, to: 10, points: 5 }, { from: 10, points: 20 }] } },
      { key: 'stage', label: 'Stage', max: 10, minimum: 0, sources: contact('x_stage'), rule: { type: 'options', options: [{ value: 'early', label: 'Early', points: 0 }, { value: 'late', label: 'Late', points: 10 }] } },
      { key: 'priority', label: 'Priority', max: 20, minimum: 0, sources: contact('x_priority'), rule: { type: 'likert', levels: [{ value: 'low', label: 'Not important', points: 0 }, { value: 'high', label: 'Very important', points: 20 }] } },
      { key: 'products', label: 'Products', max: 20, minimum: 0, sources: contact('x_products'), rule: { type: 'multi', mode: 'sum', options: [{ value: 'a', label: 'A', points: 10 }, { value: 'b', label: 'B', points: 10 }] } },
      { key: 'challenges', label: 'Challenges', max: 20, minimum: 0, sources: contact('x_challenges'), rule: { type: 'coverage', options: [{ value: 'c1', label: 'Churn' }, { value: 'c2', label: 'Cost' }], bands: [{ from: 0, to: 50, points: 0 }, { from: 50, points: 20 }] } },
      { key: 'champion', label: 'Champion', max: 10, minimum: 0, sources: contact('x_champion'), rule: { type: 'boolean', whenTrue: 10, whenFalse: 0 } },
      { key: 'decision', label: 'Decision date', max: 10, minimum: 0, sources: contact('x_date'), rule: { type: 'date_window', windows: [{ withinMonths: 3, points: 10 }], later: 0 } },
    ],
    grades: [{ grade: 'A', min: 70 }, { grade: 'D', min: 0 }],
    routing: [{ when: { qualified: true }, action: 'sales_now' }, { action: 'research' }],
  };
  const checked = validateModel(model);
  if (!checked.ok) throw new Error(checked.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return checked.model;
}

describe('while the card is open', () => {
  /** The callback the card gave HubSpot's onCrmPropertiesUpdate, and the properties it follows. */
  function subscription(card: Card) {
    const [properties, callback] = card.mocks.actions.onCrmPropertiesUpdate.calls[0] as unknown as [string[], (values: Record<string, string>) => void];
    return { properties, callback };
  }

  it('follows the answers and the derived properties bant sync generated from the model', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT }))]);
    await opened(card);
    expect(subscription(card).properties).toEqual(expect.arrayContaining([
      'bant_budget', 'bant_authority', 'bant_need', 'bant_timeline',
      'bant_score', 'bant_qualified', 'bant_grade', 'bant_next_action', 'bant_scored_at',
    ]));
  });

  it('reloads when a recalculation elsewhere changes the stored result', async () => {
    const before = { ...SEED_CONTACT, bant_score: '80', bant_grade: 'A' };
    const after = { ...SEED_CONTACT, bant_budget: '20000', bant_score: '50', bant_grade: 'B' };
    const card = renderCard([ok(cardData({ contact: before })), ok(cardData({ contact: after }))]);
    await opened(card);
    subscription(card).callback({ bant_budget: '20000', bant_score: '50', bant_grade: 'B' });
    await card.waitFor(() => expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(50));
    expect(card.serverless).toHaveBeenCalledTimes(2);
  });

  it('makes no call when the values are the ones it already shows, as after its own save', async () => {
    const shown = { ...SEED_CONTACT, bant_score: '80', bant_grade: 'A', bant_scored_at: NOW.toISOString() };
    const card = renderCard([ok(cardData({ contact: shown }))]);
    await opened(card);
    subscription(card).callback({ bant_score: '80.0', bant_grade: 'A', bant_scored_at: '1700000000000', bant_budget: '100000' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(card.serverless).toHaveBeenCalledTimes(1);
  });
});
