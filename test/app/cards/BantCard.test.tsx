import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Alert,
  Button,
  CurrencyInput,
  DateInput,
  EmptyState,
  ErrorState,
  LoadingButton,
  LoadingSpinner,
  MultiSelect,
  NumberInput,
  ProgressBar,
  ScoreCircle,
  Select,
  StatusTag,
  Tag,
  Text,
  Toggle,
  ToggleGroup,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { validateModel } from '../../../src/engine';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { BantCard } from '../../../src/app/cards/BantCard';
import type { CardResponse } from '../../../src/app/cards/lib/cardApi';
import { ACME_DEAL, NOW, SEED_CONTACT, cardData, failed, ok } from '../fixtures';
import { answerServerless, change, textOf } from '../support';

type Reply = CardResponse | { status: 'SUCCESS'; response: CardResponse } | { status: 'ERROR'; message: string } | Error | Promise<never>;

/** Renders the card with `hubspot.serverless` answering each call with the next reply. */
function renderCard(...replies: Reply[]) {
  const serverless = answerServerless(replies);
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<BantCard context={renderer.mocks.context} actions={renderer.mocks.actions} now={() => NOW} />);
  return { ...renderer, serverless };
}

function text(renderer: ReturnType<typeof renderCard>, testId: string): string {
  return textOf(renderer.findByTestId(Text, testId));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('opening the card', () => {
  it('shows a spinner while the function loads', async () => {
    const card = renderCard(new Promise<never>(() => {}));
    await vi.waitFor(() => expect(card.serverless).toHaveBeenCalledTimes(1));
    expect(card.findByTestId(LoadingSpinner, 'bant-loading').props.label).toBe('Loading BANT qualification');
  });

  it('loads everything with one function call carrying the portal and the contact', async () => {
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.serverless).toHaveBeenCalledTimes(1);
    expect(card.serverless).toHaveBeenCalledWith('bant_card_api', { parameters: { action: 'load', portalId: 123, contactId: '123' } });
  });
});

describe("the function's answer, as HubSpot hands it over", () => {
  it('reads a result wrapped as { status, response } too', async () => {
    const card = renderCard({ status: 'SUCCESS', response: ok(cardData({ contact: SEED_CONTACT })) });
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(80);
  });

  it('shows a retryable error when HubSpot reports the function did not run', async () => {
    const card = renderCard({ status: 'ERROR', message: 'Function timed out' });
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-load-error'));
    expect(textOf(card.findByTestId(ErrorState, 'bant-load-error'))).toBe(
      'The BANT function did not run (Function timed out). Try again in a moment.This is usually temporary.Try again',
    );
  });

  it('says the answer is unreadable instead of breaking', async () => {
    const card = renderCard({ hello: 'world' } as unknown as CardResponse);
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-load-error'));
    expect(textOf(card.findByTestId(ErrorState, 'bant-load-error'))).toContain('The BANT function sent an answer the card cannot read.');
  });
});

describe('the verdict', () => {
  it('shows the seed example as 80 points, qualified, grade A, send to sales now', async () => {
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(80);
    expect(text(card, 'bant-total')).toBe('80 of 100 points');
    expect(card.findByTestId(StatusTag, 'bant-qualified').text).toBe('Qualified');
    expect(card.findByTestId(Tag, 'bant-grade').text).toBe('Grade A: Top score');
    expect(text(card, 'bant-next-action')).toBe('Next: Send to sales now');
    expect(card.findByTestId(ProgressBar, 'bant-completeness').props.value).toBe(100);
    expect(text(card, 'bant-scored-at')).toBe('Last scored 2026-11-20 14:03 UTC with model bant-default@1.');
    expect(card.maybeFindByTestId(Text, 'bant-failed')).toBeNull();
  });

  it('says why a lead is not qualified, criterion by criterion', async () => {
    const card = renderCard(ok(cardData({ contact: { bant_budget: '20000', bant_authority: 'director', bant_need: 'perfect' } })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.findByTestId(StatusTag, 'bant-qualified').text).toBe('Not qualified');
    expect(text(card, 'bant-failed')).toBe('Not qualified because: Budget below 50,000, Timeline unknown');
    expect(text(card, 'bant-next-action')).toBe('Next: Nurture with marketing');
    expect(card.findByTestId(ProgressBar, 'bant-completeness').props.value).toBe(75);
  });

  it('tells the rep when the contact was never scored', async () => {
    const card = renderCard(ok(cardData({ contact: { bant_budget: '120000' } })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(text(card, 'bant-scored-at')).toBe('Not scored yet: save the answers to store the score (model bant-default@1).');
  });

  it('flags a stored score that no longer matches the deal', async () => {
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT, stale: true })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(text(card, 'bant-scored-at')).toContain('The stored score is out of date; saving refreshes it.');
  });
});

describe('the breakdown', () => {
  it('shows points of max, the answer and where it came from', async () => {
    const card = renderCard(ok(cardData({ contact: { bant_authority: 'manager' }, deal: ACME_DEAL })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    const budgetBar = card.findByTestId(ProgressBar, 'bant-criterion-budget-bar');
    expect([budgetBar.props.value, budgetBar.props.maxValue, budgetBar.props.valueDescription]).toEqual([30, 30, '30 / 30']);
    expect(text(card, 'bant-criterion-budget-answer')).toBe('from deal "Acme renewal", amount 120,000');
    expect(text(card, 'bant-criterion-authority-answer')).toBe('Manager, answered by the rep');
    expect(text(card, 'bant-criterion-timeline-answer')).toBe('from deal "Acme renewal", closedate 2027-01-15');
  });

  it('makes unknown and invalid look different from a low answer', async () => {
    const card = renderCard(ok(cardData({ contact: { bant_budget: '20000', bant_authority: 'ceo' } })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    const status = (key: string) => card.findByTestId(StatusTag, `bant-criterion-${key}-status`);
    expect([status('budget').text, status('budget').props.variant]).toEqual(['Below minimum', 'warning']);
    expect([status('authority').text, status('authority').props.variant]).toEqual(['Invalid', 'danger']);
    expect([status('need').text, status('need').props.variant, status('need').props.hollow]).toEqual(['Unknown', 'default', true]);
    // A low answer has a bar; unknown and invalid have none, and say so in words.
    expect(card.findByTestId(ProgressBar, 'bant-criterion-budget-bar').props.value).toBe(0);
    expect(card.maybeFindByTestId(ProgressBar, 'bant-criterion-authority-bar')).toBeNull();
    expect(card.maybeFindByTestId(ProgressBar, 'bant-criterion-need-bar')).toBeNull();
    expect(text(card, 'bant-criterion-need-answer')).toBe('No answer yet: 0 of 25 points.');
    expect(text(card, 'bant-criterion-authority-answer')).toContain('Cannot read "ceo" (answered by the rep)');
  });
});

describe('an empty contact', () => {
  it('invites the rep to ask the first question instead of showing zeros', async () => {
    const card = renderCard(ok(cardData({ contact: {} })));
    await card.waitFor(() => card.findByTestId(EmptyState, 'bant-empty'));
    expect(textOf(card.findByTestId(EmptyState, 'bant-empty'))).toContain('Start with: “What budget have you set aside for a solution like this?”');
    expect(card.maybeFindByTestId(ScoreCircle, 'bant-score')).toBeNull();
    expect(text(card, 'bant-questions-authority')).toContain('“Who makes the final decision on this project?”');
  });
});

describe('filling answers', () => {
  it('uses the control each rule calls for', async () => {
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.findByTestId(CurrencyInput, 'bant-input-budget').props.value).toBe(100000);
    expect(card.findByTestId(Select, 'bant-input-authority').props.value).toBe('manager');
    expect(card.findByTestId(Select, 'bant-input-need').props.options.map((o) => o.value)).toEqual(['perfect', 'partial', 'low']);
    const timeline = card.findByTestId(ToggleGroup, 'bant-input-timeline');
    expect([timeline.props.toggleType, timeline.props.value]).toEqual(['radioButtonList', '3_6_months']);
  });

  it('offers number, radio, likert, multi-select, checklist, toggle and date controls for the other rule types', async () => {
    const model = everyRuleModel();
    const properties = { x_stage: { name: 'x_stage', label: 'Stage', fieldType: 'radio', options: [], exists: true, readOnly: false } };
    const card = renderCard(ok(cardData({ model, contact: { x_amount: '12', x_date: '2027-01-31' }, properties })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.findByTestId(NumberInput, 'bant-input-amount').props.value).toBe(12);
    expect(card.findByTestId(ToggleGroup, 'bant-input-stage').props.toggleType).toBe('radioButtonList');
    const likert = card.findByTestId(ToggleGroup, 'bant-input-priority');
    expect([likert.props.toggleType, likert.props.inline]).toEqual(['radioButtonList', true]);
    expect(card.findByTestId(MultiSelect, 'bant-input-products').props.options).toHaveLength(2);
    expect(card.findByTestId(ToggleGroup, 'bant-input-challenges').props.toggleType).toBe('checkboxList');
    expect(card.findByTestId(Toggle, 'bant-input-champion').props.checked).toBe(false);
    expect(card.findByTestId(DateInput, 'bant-input-decision').props.value).toEqual({ year: 2027, month: 0, date: 31 });
  });

  it('updates the score as the rep edits, before anything is saved', async () => {
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    change(card.findByTestId(ToggleGroup, 'bant-input-timeline'), '1_3_months');
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(90);
    expect(text(card, 'bant-total')).toBe('90 of 100 points');
    expect(text(card, 'bant-scored-at')).toBe('Preview of your unsaved answers: save to update the contact.');
    change(card.findByTestId(Select, 'bant-input-authority'), 'other');
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(75);
    expect(card.findByTestId(StatusTag, 'bant-qualified').text).toBe('Not qualified');
    expect(card.serverless).toHaveBeenCalledTimes(1);
  });

  it('turns the empty state into a live score with the first answer', async () => {
    const card = renderCard(ok(cardData({ contact: {} })));
    await card.waitFor(() => card.findByTestId(EmptyState, 'bant-empty'));
    change(card.findByTestId(CurrencyInput, 'bant-input-budget'), 120000);
    expect(card.maybeFindByTestId(EmptyState, 'bant-empty')).toBeNull();
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(30);
    expect(text(card, 'bant-criterion-budget-answer')).toBe('120,000, answered by the rep');
  });

  it('flags a negative amount as it is typed', async () => {
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    change(card.findByTestId(CurrencyInput, 'bant-input-budget'), -5);
    const input = card.findByTestId(CurrencyInput, 'bant-input-budget');
    expect([input.props.error, input.props.validationMessage]).toEqual([true, 'Budget: -5 is negative; enter an amount of 0 or more.']);
    expect(card.findByTestId(StatusTag, 'bant-criterion-budget-status').text).toBe('Invalid');
  });

  it("shows a deal's value with its source, and lets the rep's answer take precedence when the model says so", async () => {
    const card = renderCard(ok(cardData({ contact: {}, deal: ACME_DEAL })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.findByTestId(CurrencyInput, 'bant-input-budget').props.readOnly).toBe(false);
    expect(text(card, 'bant-fallback-budget')).toBe('Now using 120,000 from deal "Acme renewal" (amount); an answer here takes precedence.');
  });

  it("keeps a field read-only when a deal's value takes precedence over the rep's answer", async () => {
    const dealFirst = structuredClone(BANT_DEFAULT);
    dealFirst.criteria[0]!.sources.reverse();
    const card = renderCard(ok(cardData({ model: dealFirst, contact: {}, deal: ACME_DEAL })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.findByTestId(CurrencyInput, 'bant-input-budget').props.readOnly).toBe(true);
    expect(text(card, 'bant-locked-budget')).toBe('Read-only: 120,000, set by the amount of deal "Acme renewal"; change it on the deal.');
    expect(card.findByTestId(Select, 'bant-input-authority').props.readOnly).toBe(false);
  });
});

describe('saving', () => {
  it('saves the changed answers in one call, shows the new result, alerts and refreshes the record', async () => {
    const saved = cardData({ contact: { ...SEED_CONTACT, bant_timeline: '1_3_months', bant_scored_at: NOW.toISOString() } });
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })), ok(saved));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    change(card.findByTestId(ToggleGroup, 'bant-input-timeline'), '1_3_months');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => expect(card.mocks.actions.refreshObjectProperties.calls).toHaveLength(1));
    expect(card.serverless).toHaveBeenCalledTimes(2);
    expect(card.serverless).toHaveBeenLastCalledWith('bant_card_api', {
      parameters: { action: 'save', portalId: 123, contactId: '123', answers: { bant_timeline: '1_3_months' } },
    });
    expect(card.mocks.actions.addAlert.calls).toEqual([
      [{ type: 'success', title: 'BANT answers saved', message: 'Score 90 of 100, qualified. Next: Send to sales now.' }],
    ]);
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(90);
    expect(text(card, 'bant-scored-at')).toBe('Last scored 2026-11-23 10:00 UTC with model bant-default@1.');
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(true);
  });

  it('does not offer to save before anything changed', async () => {
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(true);
    change(card.findByTestId(Select, 'bant-input-authority'), 'director');
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(false);
    change(card.findByTestId(Select, 'bant-input-authority'), 'manager');
    expect(card.findByTestId(LoadingButton, 'bant-save').props.disabled).toBe(true);
  });

  it('shows a refused answer on its field and keeps every edit', async () => {
    const refusal = failed({
      code: 'invalid_answers',
      message: 'Nothing was saved: 1 answer needs fixing.',
      retryable: false,
      fields: [{ property: 'bant_budget', criterion: 'budget', value: '-5', message: 'Budget: -5 is negative; enter an amount of 0 or more.' }],
    });
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })), refusal);
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    change(card.findByTestId(CurrencyInput, 'bant-input-budget'), -5);
    change(card.findByTestId(Select, 'bant-input-authority'), 'director');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => card.findByTestId(Alert, 'bant-save-error'));
    expect(card.findByTestId(CurrencyInput, 'bant-input-budget').props.validationMessage).toBe('Budget: -5 is negative; enter an amount of 0 or more.');
    expect(card.findByTestId(Alert, 'bant-save-error').text).toBe(
      'Nothing was saved: 1 answer needs fixing. Your edits are kept; retrying will not help until this is fixed.',
    );
    expect(card.findByTestId(CurrencyInput, 'bant-input-budget').props.value).toBe(-5);
    expect(card.findByTestId(Select, 'bant-input-authority').props.value).toBe('director');
    expect(card.mocks.actions.refreshObjectProperties.calls).toHaveLength(0);
    expect(card.mocks.actions.addAlert.calls).toHaveLength(0);
  });

  it('keeps the edits when the CRM fails, says retrying can help, and saves on retry', async () => {
    const outage = failed({ code: 'crm_unavailable', message: 'HubSpot did not answer in time (503).', retryable: true });
    const saved = cardData({ contact: { ...SEED_CONTACT, bant_authority: 'director' } });
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })), outage, ok(saved));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    change(card.findByTestId(Select, 'bant-input-authority'), 'director');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => card.findByTestId(Alert, 'bant-save-error'));
    expect(card.findByTestId(Alert, 'bant-save-error').text).toBe('HubSpot did not answer in time (503). Your edits are kept: try saving again.');
    expect(card.findByTestId(Select, 'bant-input-authority').props.value).toBe('director');
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(85);
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => expect(card.mocks.actions.refreshObjectProperties.calls).toHaveLength(1));
    expect(card.serverless).toHaveBeenCalledTimes(3);
    expect(card.maybeFindByTestId(Alert, 'bant-save-error')).toBeNull();
  });

  it('says the function could not be reached when the call itself fails', async () => {
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })), new Error('Network timeout'));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    change(card.findByTestId(Select, 'bant-input-need'), 'partial');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => card.findByTestId(Alert, 'bant-save-error'));
    expect(card.findByTestId(Alert, 'bant-save-error').text).toBe(
      'Could not reach the BANT function (Network timeout). Check your connection and try again. Your edits are kept: try saving again.',
    );
  });

  it('turns read-only when HubSpot refuses the write for lack of permission', async () => {
    const forbidden = failed({ code: 'forbidden', message: 'HubSpot refused to update this contact (403): you need edit access to contacts.', retryable: false });
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })), forbidden);
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    change(card.findByTestId(Select, 'bant-input-need'), 'partial');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => card.findByTestId(Alert, 'bant-read-only'));
    expect(textOf(card.findByTestId(Alert, 'bant-read-only'))).toBe('HubSpot refused to update this contact (403): you need edit access to contacts.');
    expect(card.findByTestId(Select, 'bant-input-need').props.readOnly).toBe(true);
    expect(card.maybeFindByTestId(LoadingButton, 'bant-save')).toBeNull();
  });
});

describe('other states', () => {
  it('shows a load error with a retry that loads the card', async () => {
    const outage = failed({ code: 'rate_limited', message: 'HubSpot is rate limiting this app (429).', retryable: true });
    const card = renderCard(outage, ok(cardData({ contact: SEED_CONTACT })));
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-load-error'));
    expect(textOf(card.findByTestId(ErrorState, 'bant-load-error'))).toBe('HubSpot is rate limiting this app (429).This is usually temporary.Try again');
    card.findByTestId(Button, 'bant-retry').trigger('onClick');
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(card.serverless).toHaveBeenCalledTimes(2);
  });

  it('is read-only when the function says the rep cannot edit', async () => {
    const reason = 'The property bant_budget does not exist in this portal yet; ask your admin to run `bant setup`.';
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT, canEdit: false, readOnlyReason: reason })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(textOf(card.findByTestId(Alert, 'bant-read-only'))).toBe(reason);
    expect(card.findByTestId(CurrencyInput, 'bant-input-budget').props.readOnly).toBe(true);
    expect(card.findByTestId(ToggleGroup, 'bant-input-timeline').props.options.every((o) => o.readOnly)).toBe(true);
    expect(card.maybeFindByTestId(LoadingButton, 'bant-save')).toBeNull();
  });

  it('lists the model problems for the admin instead of a broken card', async () => {
    const broken = validateModel({ ...BANT_DEFAULT, grades: [{ grade: 'A', min: 70 }] });
    if (broken.ok) throw new Error('the fixture model should be invalid');
    const card = renderCard(failed({ code: 'model_invalid', message: 'The active model is invalid.', retryable: false, problems: broken.problems }));
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-model-invalid'));
    const panel = card.findByTestId(ErrorState, 'bant-model-invalid');
    expect(panel.props.title).toBe('The BANT model needs fixing');
    expect(textOf(panel)).toContain('grades: no grade covers scores from 0 to 70; give the lowest grade "min": 0');
    expect(card.maybeFindByTestId(ScoreCircle, 'bant-score')).toBeNull();
  });
});

/** A valid model with one criterion per rule type the card has a control for. */
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
  function subscription(card: ReturnType<typeof renderCard>) {
    const [properties, callback] = card.mocks.actions.onCrmPropertiesUpdate.calls[0] as unknown as [string[], (values: Record<string, string>) => void];
    return { properties, callback };
  }

  it('follows the answers and the derived properties bant sync generated from the model', async () => {
    const card = renderCard(ok(cardData({ contact: SEED_CONTACT })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    expect(subscription(card).properties).toEqual([
      'bant_budget', 'bant_authority', 'bant_need', 'bant_timeline',
      'bant_score', 'bant_budget_points', 'bant_authority_points', 'bant_need_points', 'bant_timeline_points',
      'bant_qualified', 'bant_grade', 'bant_next_action', 'bant_failed_criteria', 'bant_completeness', 'bant_scored_at', 'bant_model_version',
    ]);
  });

  it('reloads when a recalculation elsewhere changes the stored result', async () => {
    const before = { ...SEED_CONTACT, bant_score: '80', bant_grade: 'A' };
    const after = { ...SEED_CONTACT, bant_budget: '20000', bant_score: '50', bant_grade: 'B' };
    const card = renderCard(ok(cardData({ contact: before })), ok(cardData({ contact: after })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    subscription(card).callback({ bant_budget: '20000', bant_score: '50', bant_grade: 'B' });
    await card.waitFor(() => expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(50));
    expect(card.serverless).toHaveBeenCalledTimes(2);
  });

  it('makes no call when the values are the ones it already shows, as after its own save', async () => {
    const shown = { ...SEED_CONTACT, bant_score: '80', bant_grade: 'A', bant_scored_at: NOW.toISOString() };
    const card = renderCard(ok(cardData({ contact: shown })));
    await card.waitFor(() => card.findByTestId(ScoreCircle, 'bant-score'));
    subscription(card).callback({ bant_score: '80.0', bant_grade: 'A', bant_scored_at: '1700000000000', bant_budget: '100000' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(card.serverless).toHaveBeenCalledTimes(1);
  });
});
