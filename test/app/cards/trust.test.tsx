import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Accordion, Button, DateInput, LineChart, LoadingButton, Panel, Select, Text, TextArea } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { validateModel } from '../../../src/engine';
import type { Model, RawProperties } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { BantCard } from '../../../src/app/cards/BantCard';
import { changeText, via } from '../../../src/app/cards/components/trust/changeText';
import { OverrideSection, earliestLastDay } from '../../../src/app/cards/components/trust/OverrideSection';
import { CardLanguageProvider, createCardLanguage } from '../../../src/app/cards/hooks/useCardLanguage';
import type { CardData, CardHistory, CardResponse } from '../../../src/app/cards/lib/cardApi';
import type { ChangeSource, HistoryItem } from '../../../src/history';
import { NOW, SEED_CONTACT, cardData, failed, ok } from '../fixtures';
import { answerServerless, change, countComponents, plain, textOf } from '../support';

const DANA = '4511';
const english = createCardLanguage('en');

/** What HubSpot's history says of the seed lead: imported, answered on the card, moved by its deal, a model published. */
const HISTORY: CardHistory = {
  scores: [{ at: '2026-11-03T10:00:00.000Z', score: 55 }, { at: '2026-11-04T12:00:00.000Z', score: 80 }],
  changes: [
    { kind: 'model', at: '2026-11-05T08:00:00.000Z', from: 'bant-default@2', to: 'bant-default@3' },
    {
      kind: 'score', at: '2026-11-04T12:00:00.000Z', from: 55, to: 80, source: { via: 'recalculation' }, qualified: { from: false, to: true },
      causes: [{ kind: 'deal', dealId: '9001', dealName: 'Acme renewal', property: 'amount', from: '40000', to: '150000' }],
    },
    { kind: 'answer', at: '2026-11-03T10:00:00.000Z', criterion: 'budget', property: 'bant_budget', from: '40000', to: '150000', source: { via: 'card', userId: DANA } },
    { kind: 'answer', at: '2026-11-03T09:00:00.000Z', criterion: 'authority', property: 'bant_authority', from: null, to: 'manager', source: { via: 'import', userId: '99' } },
  ],
  older: 3,
  users: { [DANA]: 'Dana Reyes' },
};

function withHistory(data: CardData, history: CardHistory = HISTORY): CardData {
  return { ...data, history };
}

function renderCard(replies: Array<CardResponse | Error>, options: { locale?: string; timeZone?: string | undefined } = {}) {
  const serverless = answerServerless(replies);
  const renderer = createRenderer('crm.record.sidebar');
  renderer.mocks.context.user.id = Number(DANA);
  if (options.locale) renderer.mocks.context.user.locale = options.locale;
  // HubSpot's testing context says America/New_York unless a test names another zone (or none).
  if ('timeZone' in options) (renderer.mocks.context.portal as { timezone?: string | undefined }).timezone = options.timeZone;
  renderer.render(<BantCard context={renderer.mocks.context} actions={renderer.mocks.actions} now={() => NOW} />);
  return { ...renderer, serverless };
}
type Card = ReturnType<typeof renderCard>;

async function opened(card: Card) {
  await card.waitFor(() => card.findByTestId(Text, 'bant-headline'));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the history, folded under the criteria', () => {
  it('costs one component until opened; then the score over time with the qualifying score, and the last changes in words', async () => {
    const card = renderCard([ok(withHistory(cardData({ contact: SEED_CONTACT })))]);
    await opened(card);
    const history = card.findByTestId(Accordion, 'bant-history');
    expect([history.props.title, history.props.defaultOpen]).toEqual(['History: 7 changes', false]);
    expect(card.maybeFind(LineChart)).toBeNull();
    expect(card.findAll(Text).filter((t) => String(t.props.testId).startsWith('bant-history-change'))).toEqual([]);

    history.trigger('onClick');
    const chart = card.findByTestId(LineChart, 'bant-history-chart');
    expect(chart.props.axes).toMatchObject({ x: { field: 'date', fieldType: 'datetime' }, y: { field: 'points', fieldType: 'linear' }, options: { groupFieldByColor: 'series' } });
    expect(chart.props.data).toEqual([
      { date: Date.parse('2026-11-03T10:00:00.000Z'), points: 55, series: 'Score' },
      { date: Date.parse('2026-11-03T10:00:00.000Z'), points: 70, series: 'Qualifies from 70' },
      { date: Date.parse('2026-11-04T12:00:00.000Z'), points: 80, series: 'Score' },
      { date: Date.parse('2026-11-04T12:00:00.000Z'), points: 70, series: 'Qualifies from 70' },
    ]);
    const lines = [0, 1, 2, 3].map((i) => plain(textOf(card.findByTestId(Text, `bant-history-change-${i}`))));
    expect(lines).toEqual([
      'Model bant-default@3 published, Nov 5, 2026',
      'Score 55 → 80 after deal “Acme renewal” amount changed; now qualified, Nov 4, 2026 (recalculation)',
      'Budget 40,000 → 150,000 by Dana Reyes, Nov 3, 2026 (card)',
      // A user HubSpot did not name (no owners scope, or deactivated).
      'Authority answered Manager by a user, Nov 3, 2026 (import)',
    ]);
    expect(textOf(card.findByTestId(Text, 'bant-history-older'))).toBe("3 older changes are kept in the contact's property history.");
  });

  it('says so when nothing is recorded yet, and draws no chart from a single point', async () => {
    const card = renderCard([ok(withHistory(cardData({ contact: SEED_CONTACT }), { scores: [{ at: '2026-11-03T10:00:00.000Z', score: 80 }], changes: [], older: 0, users: {} }))]);
    await opened(card);
    const history = card.findByTestId(Accordion, 'bant-history');
    expect(history.props.title).toBe('History: no change recorded yet');
    history.trigger('onClick');
    expect(card.maybeFind(LineChart)).toBeNull();
  });

  it('speaks the rep\'s language, dates included', async () => {
    const card = renderCard([ok(withHistory(cardData({ contact: SEED_CONTACT })))], { locale: 'fi' });
    await opened(card);
    card.findByTestId(Accordion, 'bant-history').trigger('onClick');
    expect(plain(textOf(card.findByTestId(Text, 'bant-history-change-2')))).toBe('Budjetti 40 000 → 150 000, Dana Reyes, 3.11.2026 (kortti)');
  });

  it("tells each change on its day in the portal's time zone, not in UTC", async () => {
    // 12:00 UTC on 4 Nov is 01:00 on 5 Nov in Auckland; 10:00 UTC on 3 Nov is still 3 Nov there (23:00).
    const card = renderCard([ok(withHistory(cardData({ contact: SEED_CONTACT })))], { timeZone: 'Pacific/Auckland' });
    await opened(card);
    card.findByTestId(Accordion, 'bant-history').trigger('onClick');
    expect(plain(textOf(card.findByTestId(Text, 'bant-history-change-1')))).toBe('Score 55 → 80 after deal “Acme renewal” amount changed; now qualified, Nov 5, 2026 (recalculation)');
    expect(plain(textOf(card.findByTestId(Text, 'bant-history-change-2')))).toBe('Budget 40,000 → 150,000 by Dana Reyes, Nov 3, 2026 (card)');
  });

  it("takes the account's time zone when HubSpot's context names none", async () => {
    const card = renderCard([ok(withHistory({ ...cardData({ contact: SEED_CONTACT }), timeZone: 'Pacific/Auckland' }))], { timeZone: undefined });
    await opened(card);
    card.findByTestId(Accordion, 'bant-history').trigger('onClick');
    expect(plain(textOf(card.findByTestId(Text, 'bant-history-change-1')))).toContain('Nov 5, 2026 (recalculation)');
  });

  it('keeps a qualified lead within 25 components with its history and the override button', async () => {
    const card = renderCard([ok(withHistory(cardData({ contact: SEED_CONTACT })))]);
    await opened(card);
    expect(card.findByTestId(Button, 'bant-override-open').text).toBe('Set verdict by hand');
    expect(countComponents(card.getRootNode())).toBeLessThanOrEqual(25);
  });
});

describe('where a change came from, named for people', () => {
  const cases: Array<[ChangeSource, string]> = [
    [{ via: 'card', userId: DANA }, 'card'],
    [{ via: 'suggestion' }, 'suggestion from activities'],
    [{ via: 'recalculation' }, 'recalculation'],
    [{ via: 'record', userId: DANA }, 'HubSpot record'],
    [{ via: 'import', userId: null }, 'import'],
    [{ via: 'workflow', label: 'Nurture follow-up' }, 'workflow “Nurture follow-up”'],
    [{ via: 'workflow', label: null }, 'workflow'],
    [{ via: 'integration', label: 'Salesloft' }, 'Salesloft'],
    [{ via: 'integration', label: null }, 'another app'],
    [{ via: 'other', sourceType: 'FORM', userId: null }, 'form'],
    [{ via: 'other', sourceType: 'CALCULATED', userId: null }, 'other source'],
  ];
  it.each(cases)('%o reads "%s"', (source, words) => {
    expect(via(source, english)).toBe(words);
  });

  it("dates a change in a zone behind UTC on that zone's day; an unknown zone reads as UTC", () => {
    // 03:00 UTC on 4 Nov is 19:00 on 3 Nov in Los Angeles; the last day stays the calendar day it is.
    const item: HistoryItem = { kind: 'override', at: '2026-11-04T03:00:00.000Z', verdict: 'qualified', reason: 'CFO said yes', until: '2026-12-31', by: DANA, source: { via: 'card', userId: DANA } };
    const text = (zone: string | null) => plain(changeText(BANT_DEFAULT, item, { [DANA]: 'Dana Reyes' }, createCardLanguage('en', zone), null));
    expect(text('America/Los_Angeles')).toBe('Verdict set to Qualified by hand by Dana Reyes: “CFO said yes”, until Dec 31, 2026, Nov 3, 2026');
    expect(text(null)).toMatch(/, Nov 4, 2026$/);
    expect(text('Mars/Olympus_Mons')).toMatch(/, Nov 4, 2026$/);
  });

  it('words every kind of change: set, cleared, confirmed, first score, override set and removed', () => {
    const text = (item: HistoryItem) => plain(changeText(BANT_DEFAULT, item, { [DANA]: 'Dana Reyes' }, english, 'EUR'));
    const at = '2026-11-03T10:00:00.000Z';
    expect(text({ kind: 'answer', at, criterion: 'budget', property: 'bant_budget', from: null, to: '150000', source: { via: 'record', userId: DANA } })).toBe('Budget answered €150,000 by Dana Reyes, Nov 3, 2026 (HubSpot record)');
    expect(text({ kind: 'answer', at, criterion: 'need', property: 'bant_need', from: 'perfect', to: null, source: { via: 'workflow', label: null } })).toBe('Need cleared (was Perfect match), Nov 3, 2026 (workflow)');
    expect(text({ kind: 'confirmed', at, criterion: 'timeline', value: '1_3_months', source: { via: 'card', userId: DANA } })).toBe('Timeline confirmed still true by Dana Reyes, Nov 3, 2026 (card)');
    expect(text({ kind: 'score', at, from: null, to: 50, source: { via: 'card', userId: DANA }, causes: [{ kind: 'answer', criterion: 'need' }], qualified: { from: null, to: false } }))
      .toBe('First score 50 after Need changed, Nov 3, 2026 (card)');
    expect(text({ kind: 'score', at, from: 80, to: 60, source: { via: 'recalculation' }, causes: [{ kind: 'unrecorded' }], qualified: { from: true, to: false } }))
      .toBe('Score 80 → 60 after time passing, or a deal linked or unlinked; no longer qualified, Nov 3, 2026 (recalculation)');
    expect(text({ kind: 'score', at, from: 60, to: 80, source: { via: 'recalculation' }, causes: [{ kind: 'deal', dealId: '1', dealName: null, property: 'hs_is_closed', from: 'false', to: 'true' }, { kind: 'model', version: 'bant-default@2' }] }))
      .toBe('Score 60 → 80 after a deal was closed and model bant-default@2, Nov 3, 2026 (recalculation)');
    expect(text({ kind: 'override', at, verdict: 'qualified', reason: 'Budget approved on the call', until: '2026-12-31', by: DANA, source: { via: 'card', userId: DANA } }))
      .toBe('Verdict set to Qualified by hand by Dana Reyes: “Budget approved on the call”, until Dec 31, 2026, Nov 3, 2026');
    expect(text({ kind: 'override', at, verdict: null, reason: null, until: null, by: '77', source: { via: 'card', userId: '77' } })).toBe('Verdict set by hand removed by a user, Nov 3, 2026');
  });
});

describe('the verdict set by hand, beside the model\'s', () => {
  const overridden = (extra: RawProperties, model: Model = BANT_DEFAULT) =>
    withHistory(cardData({ model, contact: { ...SEED_CONTACT, bant_need: 'low', bant_override: 'qualified', bant_override_reason: 'Budget approved on the call', bant_override_by: DANA, ...extra } }));

  it('says which verdict counts and which one the next step follows', async () => {
    const card = renderCard([ok(overridden({ bant_override_until: '2026-12-31' }))]);
    await opened(card);
    expect(plain(textOf(card.findByTestId(Text, 'bant-override-status')))).toBe(
      'Set by hand: Qualified by Dana Reyes, until Dec 31, 2026. “Budget approved on the call” The model says Not qualified; the next step follows the verdict set by hand.',
    );
    expect(card.findByTestId(Button, 'bant-override-open').text).toBe('Change verdict set by hand');
    // The headline follows the verdict that counts, and says the model's beside it.
    expect(textOf(card.findByTestId(Text, 'bant-headline'))).toBe('Send to sales now');
    expect(textOf(card.findByTestId(Text, 'bant-why'))).toBe('Qualified by hand; the model says: Not qualified: Need below the minimum.');
  });

  it('says when routing follows the model instead', async () => {
    const model = structuredClone(BANT_DEFAULT) as Model;
    model.overrides = { who: 'editors', routing: 'computed' };
    const checked = validateModel(model);
    if (!checked.ok) throw new Error('invalid');
    const card = renderCard([ok(overridden({}, checked.model))]);
    await opened(card);
    expect(textOf(card.findByTestId(Text, 'bant-override-status'))).toContain("The model says Not qualified; the next step follows the model's verdict.");
  });

  it('says an override ended, and that one the model does not allow does not count, without a button', async () => {
    const expired = renderCard([ok(overridden({ bant_override_until: '2026-11-22' }))]);
    await opened(expired);
    expect(plain(textOf(expired.findByTestId(Text, 'bant-override-status')))).toBe("The verdict set by hand (Qualified) ended on Nov 22, 2026; the model's verdict counts again.");
    vi.restoreAllMocks();

    const model = structuredClone(BANT_DEFAULT) as Model;
    model.overrides = { who: 'nobody', routing: 'override' };
    const checked = validateModel(model);
    if (!checked.ok) throw new Error('invalid');
    const nobody = renderCard([ok(overridden({}, checked.model))]);
    await opened(nobody);
    expect(textOf(nobody.findByTestId(Text, 'bant-override-status'))).toBe("A verdict set by hand (Qualified) is stored, but this model lets nobody set one: the model's verdict counts.");
    expect(nobody.maybeFindByTestId(Button, 'bant-override-open')).toBeNull();
  });

  it('offers no form on a read-only card', async () => {
    const card = renderCard([ok(cardData({ contact: SEED_CONTACT, canEdit: false, readOnlyReason: 'setup' }))]);
    await opened(card);
    expect(card.maybeFindByTestId(Button, 'bant-override-open')).toBeNull();
  });
});

describe('setting the verdict by hand in a panel', () => {
  const lead = () => withHistory(cardData({ contact: { ...SEED_CONTACT, bant_need: 'low' } }));
  // The panel counts the earliest last day from the clock: pin it to the fixtures' day.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('needs a verdict and a reason, on their fields, before calling anything', async () => {
    const card = renderCard([ok(lead())]);
    await opened(card);
    const panel = card.findByTestId(Panel, 'bant-override-panel');
    expect(panel.props.title).toBe('Set the verdict by hand');
    expect(plain(textOf(card.findByTestId(Text, 'bant-override-intro')))).toContain('The model says Not qualified.');
    card.findByTestId(LoadingButton, 'bant-override-save').trigger('onClick');
    expect(card.findByTestId(Select, 'bant-override-verdict').props.validationMessage).toBe('Pick Qualified or Not qualified.');
    expect(card.findByTestId(TextArea, 'bant-override-reason').props.validationMessage).toBe('Say why you set the verdict by hand.');
    expect(card.serverless).toHaveBeenCalledTimes(1);
  });

  it('sends the verdict, the reason and the last day with the rep\'s id in one call, then closes and confirms', async () => {
    const saved = withHistory(cardData({ contact: { ...SEED_CONTACT, bant_need: 'low', bant_override: 'qualified', bant_override_reason: 'Budget approved', bant_override_by: DANA, bant_override_until: '2026-12-31' } }));
    const card = renderCard([ok(lead()), ok(saved)]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-override-verdict'), 'qualified');
    change(card.findByTestId(TextArea, 'bant-override-reason'), 'Budget approved');
    change(card.findByTestId(DateInput, 'bant-override-until'), { year: 2026, month: 11, date: 31 });
    card.findByTestId(LoadingButton, 'bant-override-save').trigger('onClick');
    await card.waitFor(() => expect(card.mocks.actions.closeOverlay.calls).toEqual([['bant-override']]));
    expect(card.serverless).toHaveBeenLastCalledWith('bant_card_api', {
      parameters: { action: 'override', portalId: 123, contactId: '123', locale: 'en', userId: DANA, verdict: 'qualified', reason: 'Budget approved', until: '2026-12-31' },
    });
    expect(card.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'Verdict set by hand: Qualified.' }]]);
    expect(textOf(card.findByTestId(Text, 'bant-override-status'))).toContain('Set by hand: Qualified by Dana Reyes');
  });

  it('offers no day before today, and says so on the field without calling anything when one is typed', async () => {
    const card = renderCard([ok(lead())]);
    await opened(card);
    const until = card.findByTestId(DateInput, 'bant-override-until');
    expect([until.props.min, until.props.timezone]).toEqual([{ year: 2026, month: 10, date: 23 }, 'portalTz']);
    expect(until.props.minValidationMessage).toBe('The last day can be Nov 23, 2026 at the earliest. Pick that day or a later one, or leave it empty for no end.');
    change(card.findByTestId(Select, 'bant-override-verdict'), 'qualified');
    change(card.findByTestId(TextArea, 'bant-override-reason'), 'Budget approved');
    change(until, { year: 2026, month: 10, date: 22 });
    card.findByTestId(LoadingButton, 'bant-override-save').trigger('onClick');
    expect(card.findByTestId(DateInput, 'bant-override-until').props.validationMessage)
      .toBe('The last day can be Nov 23, 2026 at the earliest. Pick that day or a later one, or leave it empty for no end.');
    expect(card.findByTestId(Select, 'bant-override-verdict').props.validationMessage).toBeUndefined();
    expect(card.serverless).toHaveBeenCalledTimes(1);

    // Today itself is a last day that still counts: sent as it is.
    change(card.findByTestId(DateInput, 'bant-override-until'), { year: 2026, month: 10, date: 23 });
    card.findByTestId(LoadingButton, 'bant-override-save').trigger('onClick');
    await card.waitFor(() => expect(card.serverless).toHaveBeenCalledTimes(2));
    expect(card.serverless).toHaveBeenLastCalledWith('bant_card_api', {
      parameters: { action: 'override', portalId: 123, contactId: '123', locale: 'en', userId: DANA, verdict: 'qualified', reason: 'Budget approved', until: '2026-11-23' },
    });
  });

  it('shows what the function refused on its field and keeps the form', async () => {
    // The card was left open over midnight: a day that was today when it opened has passed for the function.
    const refusal = failed({
      code: 'invalid_answers', retryable: false, message: 'The verdict was not set: Until: 2026-11-23 has already passed.',
      fields: [{ property: 'bant_override_until', criterion: '', value: '2026-11-23', message: 'Until: 2026-11-23 has already passed; pick today or a later day, or leave it empty for no end.' }],
    });
    const card = renderCard([ok(lead()), refusal]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-override-verdict'), 'qualified');
    change(card.findByTestId(TextArea, 'bant-override-reason'), 'Budget approved');
    change(card.findByTestId(DateInput, 'bant-override-until'), { year: 2026, month: 10, date: 23 });
    card.findByTestId(LoadingButton, 'bant-override-save').trigger('onClick');
    await card.waitFor(() => expect(card.findByTestId(DateInput, 'bant-override-until').props.validationMessage).toBe('Until: 2026-11-23 has already passed; pick today or a later day, or leave it empty for no end.'));
    expect(card.mocks.actions.closeOverlay.calls).toEqual([]);
    expect(card.findByTestId(TextArea, 'bant-override-reason').props.value).toBe('Budget approved');
  });

  it('says so in the panel when the model lets nobody override', async () => {
    const card = renderCard([ok(lead()), failed({ code: 'not_allowed', retryable: false, message: 'Nobody can set the verdict by hand with this scoring model: it decides on its own.' })]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-override-verdict'), 'not_qualified');
    change(card.findByTestId(TextArea, 'bant-override-reason'), 'Hiring freeze');
    card.findByTestId(LoadingButton, 'bant-override-save').trigger('onClick');
    await card.waitFor(() => expect(textOf(card.findByTestId(Panel, 'bant-override-panel'))).toContain('Nobody can set the verdict by hand with this scoring model; it decides on its own.'));
  });

  it('removes a verdict set by hand', async () => {
    const withOverride = withHistory(cardData({ contact: { ...SEED_CONTACT, bant_override: 'not_qualified', bant_override_reason: 'Hiring freeze', bant_override_by: DANA } }));
    const card = renderCard([ok(withOverride), ok(withHistory(cardData({ contact: SEED_CONTACT })))]);
    await opened(card);
    expect(card.findByTestId(TextArea, 'bant-override-reason').props.value).toBe('Hiring freeze');
    card.findByTestId(Button, 'bant-override-remove').trigger('onClick');
    await card.waitFor(() => expect(card.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: "Verdict set by hand removed: the model's verdict counts again." }]]));
    expect(card.serverless).toHaveBeenLastCalledWith('bant_card_api', { parameters: { action: 'override', portalId: 123, contactId: '123', locale: 'en', userId: DANA, verdict: null } });
    expect(card.maybeFindByTestId(Text, 'bant-override-status')).toBeNull();
  });

  it('closes on Cancel without calling anything', async () => {
    const card = renderCard([ok(lead())]);
    await opened(card);
    card.findByTestId(Button, 'bant-override-cancel').trigger('onClick');
    expect(card.mocks.actions.closeOverlay.calls).toEqual([['bant-override']]);
    expect(card.serverless).toHaveBeenCalledTimes(1);
  });
});

describe("the earliest last day, in the portal's time zone", () => {
  function renderSection(timeZone: string, now: Date, locale = 'en') {
    const renderer = createRenderer('crm.record.sidebar');
    const onOverride = vi.fn(async (): Promise<CardResponse> => ok(cardData({ contact: SEED_CONTACT })));
    renderer.render(
      <CardLanguageProvider language={createCardLanguage(locale, timeZone)}>
        <OverrideSection data={cardData({ contact: { ...SEED_CONTACT, bant_need: 'low' } })} canEdit onOverride={onOverride} onClose={() => undefined} now={() => now} />
      </CardLanguageProvider>,
    );
    return { ...renderer, onOverride };
  }

  it('is already tomorrow (UTC) in a zone ahead of UTC: the picker starts there, and the day before is refused on the field', () => {
    // 20:00 UTC on 23 Nov is 09:00 on 24 Nov in Auckland.
    const section = renderSection('Pacific/Auckland', new Date('2026-11-23T20:00:00.000Z'));
    expect(section.findByTestId(DateInput, 'bant-override-until').props.min).toEqual({ year: 2026, month: 10, date: 24 });
    change(section.findByTestId(Select, 'bant-override-verdict'), 'qualified');
    change(section.findByTestId(TextArea, 'bant-override-reason'), 'Signed in Auckland this morning');
    change(section.findByTestId(DateInput, 'bant-override-until'), { year: 2026, month: 10, date: 23 });
    section.findByTestId(LoadingButton, 'bant-override-save').trigger('onClick');
    expect(section.findByTestId(DateInput, 'bant-override-until').props.validationMessage).toContain('Nov 24, 2026');
    expect(section.onOverride).not.toHaveBeenCalled();
  });

  it('speaks the rep\'s language in the field error', () => {
    const section = renderSection('Europe/Helsinki', new Date('2026-11-23T10:00:00.000Z'), 'fi');
    expect(section.findByTestId(DateInput, 'bant-override-until').props.minValidationMessage)
      .toBe('Viimeinen päivä voi olla aikaisintaan 23.11.2026. Valitse se tai myöhempi päivä, tai jätä tyhjäksi, jos voimassaolo ei pääty.');
  });

  it('is the day the function accepts: the portal\'s today, or UTC\'s when a zone behind UTC is still on the day before', () => {
    expect(earliestLastDay(new Date('2026-11-23T20:00:00.000Z'), 'Pacific/Auckland')).toBe('2026-11-24');
    expect(earliestLastDay(new Date('2026-11-23T10:00:00.000Z'), 'Pacific/Auckland')).toBe('2026-11-23');
    // 19:00 on 23 Nov in Los Angeles: that day has ended in UTC, where a last day counts to its end.
    expect(earliestLastDay(new Date('2026-11-24T03:00:00.000Z'), 'America/Los_Angeles')).toBe('2026-11-24');
    expect(earliestLastDay(new Date('2026-11-24T03:00:00.000Z'), null)).toBe('2026-11-24');
    expect(earliestLastDay(new Date('2026-11-24T03:00:00.000Z'), 'Not/A_Zone')).toBe('2026-11-24');
  });
});

describe('answers to re-check', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const stale = (days: number) => withHistory(cardData({ contact: { ...SEED_CONTACT, bant_timeline_answered_at: new Date(NOW.getTime() - days * DAY).toISOString() } }), {
    ...HISTORY,
    changes: [{ kind: 'answer', at: new Date(NOW.getTime() - days * DAY).toISOString(), criterion: 'timeline', property: 'bant_timeline', from: null, to: '3_6_months', source: { via: 'card', userId: DANA } }],
  });

  it('flags a stale answer on its line, says when and by whom it was answered, and offers "Still true"', async () => {
    const card = renderCard([ok(stale(91))]);
    await opened(card);
    const timeline = card.findByTestId(Accordion, 'bant-criterion-timeline');
    expect(timeline.props.title).toBe('Timeline: 3–6 months · 10/20 · re-check');
    expect(timeline.props.defaultOpen).toBe(true);
    expect(plain(textOf(card.findByTestId(Text, 'bant-stale-timeline')))).toBe('Answered Aug 24, 2026 by Dana Reyes: older than 90 days. Is it still true?');
    expect(card.findByTestId(Button, 'bant-still-true-timeline').text).toBe('Still true');
  });

  it("says the day it was answered in the portal's time zone", async () => {
    // 91.5 days before NOW is 22:00 UTC on 23 Aug: still the 23rd in New York, already the 24th in Auckland.
    const newYork = renderCard([ok(stale(91.5))]);
    await opened(newYork);
    expect(plain(textOf(newYork.findByTestId(Text, 'bant-stale-timeline')))).toMatch(/^Answered Aug 23, 2026 by Dana Reyes/);
    vi.restoreAllMocks();
    const auckland = renderCard([ok(stale(91.5))], { timeZone: 'Pacific/Auckland' });
    await opened(auckland);
    expect(plain(textOf(auckland.findByTestId(Text, 'bant-stale-timeline')))).toMatch(/^Answered Aug 24, 2026 by Dana Reyes/);
  });

  it('keeps a qualified lead with a stale answer, its history and an override button within 25 components', async () => {
    const card = renderCard([ok(stale(120))]);
    await opened(card);
    expect(card.findByTestId(Button, 'bant-still-true-timeline')).toBeDefined();
    expect(countComponents(card.getRootNode())).toBeLessThanOrEqual(25);
  });

  it('offers no "Still true" for an answer the card does not edit (written elsewhere): only the flag and its age', async () => {
    const model = structuredClone(BANT_DEFAULT) as Model;
    delete model.criteria[3]!.sources[0]!.managed;
    const checked = validateModel(model);
    if (!checked.ok) throw new Error('invalid');
    const data = stale(120);
    const card = renderCard([ok({ ...data, model: checked.model })]);
    await opened(card);
    expect(card.findByTestId(Accordion, 'bant-criterion-timeline').props.title).toContain('re-check');
    expect(card.maybeFindByTestId(Button, 'bant-still-true-timeline')).toBeNull();
  });

  it('is not stale at exactly its maximum age', async () => {
    const card = renderCard([ok(stale(90))]);
    await opened(card);
    expect(card.findByTestId(Accordion, 'bant-criterion-timeline').props.title).toBe('Timeline: 3–6 months · 10/20');
    expect(card.maybeFindByTestId(Button, 'bant-still-true-timeline')).toBeNull();
  });

  it('confirms it in one call with the rep\'s id and shows what the function stored', async () => {
    const confirmed = withHistory(cardData({ contact: { ...SEED_CONTACT, bant_timeline_answered_at: NOW.toISOString() } }));
    const card = renderCard([ok(stale(120)), ok(confirmed)]);
    await opened(card);
    card.findByTestId(Button, 'bant-still-true-timeline').trigger('onClick');
    await card.waitFor(() => expect(card.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'Timeline confirmed still true.' }]]));
    expect(card.serverless).toHaveBeenLastCalledWith('bant_card_api', { parameters: { action: 'confirm', portalId: 123, contactId: '123', locale: 'en', userId: DANA, criteria: ['timeline'] } });
    expect(card.findByTestId(Accordion, 'bant-criterion-timeline').props.title).toBe('Timeline: 3–6 months · 10/20');
    expect(card.mocks.actions.refreshObjectProperties.calls).toHaveLength(1);
  });

  it('says why when the function refuses, and keeps the card', async () => {
    const card = renderCard([ok(stale(120)), failed({ code: 'crm_unavailable', retryable: true, message: 'HubSpot did not answer while confirming the answers. This is usually temporary.' })]);
    await opened(card);
    card.findByTestId(Button, 'bant-still-true-timeline').trigger('onClick');
    // A refusal changes nothing on the card, so nothing renders again: wait on the alert itself.
    await vi.waitFor(() => expect(card.mocks.actions.addAlert.calls).toEqual([[{ type: 'danger', message: 'HubSpot did not answer while confirming the answers. This is usually temporary.' }]]));
    expect(card.findByTestId(Accordion, 'bant-criterion-timeline').props.title).toContain('re-check');
  });
});
