import { afterEach, describe, expect, it, vi } from 'vitest';
import { Accordion, Alert, Button, ErrorState, Flex, Link, ProgressBar, Select, Heading, Input, List, LoadingSpinner, NumberInput, Table, TableRow, Text, TextArea } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { scoreLead } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { BantSettings } from '../../../src/app/settings/BantSettings';
import type { ContactPreview, DraftTrial, MappingCheck, PublishResult, PushResult, SettingsOverview, SettingsResponse } from '../../../src/app/settings/lib/settingsApi';
import { answerServerless, change, textOf } from '../support';
import type { VersionHistoryRow } from '../../../src/modelstore';

const NOW = new Date('2026-11-23T10:00:00.000Z');
type Reply = SettingsResponse<SettingsOverview> | SettingsResponse<ContactPreview> | SettingsResponse<DraftTrial> | SettingsResponse<PublishResult> | SettingsResponse<PushResult> | SettingsResponse<PublishResult> | Error | Promise<never>;
const ADMIN = { id: 7, locale: 'en-US', permissions: ['integrations-management-write'] };
const REP = { id: 8, locale: 'en-US', permissions: [] };

/** Renders the settings page for `user` with `hubspot.serverless` answering each call with the next reply. */
function renderPageAs(user: typeof ADMIN, ...replies: Reply[]) {
  const serverless = answerServerless(replies);
  const renderer = createRenderer('settings');
  renderer.render(<BantSettings user={user} />);
  return { ...renderer, serverless };
}
const renderPage = (...replies: Reply[]) => renderPageAs(REP, ...replies);

const OK_CHECK: MappingCheck = { checked: true, mappings: 18, problems: [], warnings: [] };
const PUBLISHED = { kind: 'portal' as const, version: { number: 1, name: 'bant-default@1', checksum: 'c', publishedBy: 'ann', publishedAt: '2026-12-04T15:30:00.000Z' }, description: 'the published version bant-default@1' };
/** What the deployed webhooks send for the default model. */
const WATCHED = { contact: ['bant_budget', 'bant_authority', 'bant_need', 'bant_timeline'], deal: ['amount', 'closedate', 'dealstage', 'pipeline'], company: [] };
const OFF = { state: 'off' as const };
const overview = (check: MappingCheck = OK_CHECK, extra: Partial<SettingsOverview> = {}): SettingsResponse<SettingsOverview> => ({
  ok: true,
  data: {
    model: BANT_DEFAULT, modelProblems: [], modelSource: PUBLISHED, check, versions: [], rescore: null, properties: { contact: [], deal: [], company: [] },
    languageModel: OFF, subscriptions: { watched: WATCHED, missing: [] }, ...extra,
  },
});
const ready = (page: ReturnType<typeof renderPage>) => page.waitFor(() => page.findByTestId(Heading, 'bant-model-name'));
const rows = (page: ReturnType<typeof renderPage>, testId: string) => page.findByTestId(Table, testId).findAll(TableRow).map((row) => textOf(row));

/** Types into the lookup field. */
function type(page: ReturnType<typeof renderPage>, value: string): void {
  change(page.findByTestId(Input, 'bant-preview-input'), value);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('opening the settings page', () => {
  it('shows a spinner, then loads everything with one function call', async () => {
    const page = renderPage(new Promise<never>(() => {}));
    await vi.waitFor(() => expect(page.serverless).toHaveBeenCalledTimes(1));
    expect(page.serverless).toHaveBeenCalledWith('bant_settings_api', { parameters: { action: 'overview', locale: 'en' } });
    expect(page.findByTestId(LoadingSpinner, 'bant-settings-loading').props.label).toBe('Loading the BANT model');
  });

  it('offers a retry when the function cannot be reached, and loads on retry', async () => {
    const page = renderPage(new Error('network down'), overview());
    await page.waitFor(() => page.findByTestId(ErrorState, 'bant-settings-error'));
    expect(textOf(page.findByTestId(ErrorState, 'bant-settings-error'))).toContain('Could not reach the BANT settings. Try again in a moment.');
    page.findByTestId(Button, 'bant-settings-retry').trigger('onClick');
    await ready(page);
    expect(page.serverless).toHaveBeenCalledTimes(2);
  });

  it('lists the problems of an invalid deployed model instead of the model', async () => {
    const page = renderPage({ ok: true, data: { model: null, modelProblems: [{ path: 'grades', code: 'grades.noZero', params: { lowest: '70' }, message: 'no grade covers scores from 0 to 70; give the lowest grade "min": 0' }], modelSource: { kind: 'bundled', version: null, description: 'the bundled model, which is invalid' }, check: { checked: false, reason: 'invalid' }, versions: [], rescore: null, properties: { contact: [], deal: [], company: [] }, languageModel: OFF, subscriptions: { watched: WATCHED, missing: [] } } });
    await page.waitFor(() => page.findByTestId(ErrorState, 'bant-model-invalid'));
    expect(textOf(page.findByTestId(List, 'bant-model-problems'))).toBe('grades: no grade covers scores from 0 to 70; give the lowest grade "min": 0');
  });
});

describe('the active model as RevOps read it', () => {
  it('names the model, its version and when a lead is qualified', async () => {
    const page = renderPage(overview());
    await ready(page);
    expect(textOf(page.findByTestId(Heading, 'bant-model-name'))).toBe('Active model: BANT (default)');
    expect(textOf(page.findByTestId(Text, 'bant-model-version'))).toBe('bant-default@1');
    expect(textOf(page.findByTestId(Text, 'bant-model-qualified-when'))).toBe('70 of 100 points or more, and every criterion met');
  });

  it('shows the grades and the routing rules', async () => {
    const page = renderPage(overview());
    await ready(page);
    expect(rows(page, 'bant-grades')).toEqual(['GradeScoreMeaning', 'A70 to 100Top score', 'B50 to under 70Good score', 'C30 to under 50Fair score', 'D0 to under 30Low score']);
    expect(page.findByTestId(List, 'bant-routing').findAll(Text).map((t) => textOf(t))[0]).toBe('If qualified and an answer is out of date: Re-check the old answers before sales.');
  });
});

describe('the property checks', () => {
  it('says all mappings fit when bant check would find nothing', async () => {
    const page = renderPage(overview());
    await ready(page);
    expect(page.findByTestId(Alert, 'bant-check-ok').props).toMatchObject({ title: 'All 18 property mappings fit the model', variant: 'success' });
    expect(page.maybeFindByTestId(List, 'bant-problems')).toBeNull();
  });

  it('lists every problem in words with what to do, the technical detail folded for the developer', async () => {
    const problem = {
      severity: 'error' as const, code: 'unmapped_option', object: 'contact' as const, property: 'bant_authority', path: 'criteria[1].sources[0]',
      message: 'contact.bant_authority offers "vp" (VP), which criteria[1].rule.options does not score.', fix: 'Add {"value": "vp", "label": "VP", "points": <points>} to criteria[1].rule.options.',
    };
    const page = renderPage(overview({ checked: true, mappings: 18, problems: [problem], warnings: [] }));
    await ready(page);
    expect(page.findByTestId(Alert, 'bant-check-problems').props).toMatchObject({ title: '1 problem with the property mappings', variant: 'danger' });
    const [what, fix] = page.findByTestId(List, 'bant-problems').findAll(Text).map((t) => textOf(t));
    expect(what).toBe('Problem: contact property “bant_authority” offers choices that Authority does not score: a contact with one of them is scored as invalid.');
    expect(fix).toBe('Give those choices points in the Model tab (Edit as JSON), or remove them from the property in HubSpot. The details name them.');
    const details = page.findByTestId(List, 'bant-problems').find(Accordion);
    expect(details.props.title).toBe('Details for your developer');
    expect(textOf(details)).toBe(`${problem.message}${problem.fix}`);
  });

  it('says why the portal could not be checked, still showing the model', async () => {
    const page = renderPage(overview({ checked: false, reason: 'HubSpot refused the app while reading the property definitions: 403' }));
    await ready(page);
    expect(textOf(page.findByTestId(Alert, 'bant-check-unavailable'))).toBe('HubSpot refused the app while reading the property definitions: 403');
  });
});

describe('trying the model on a contact', () => {
  const result = scoreLead(BANT_DEFAULT, { contact: { bant_budget: '20000', bant_authority: 'director', bant_need: 'perfect' } }, NOW);
  const preview: SettingsResponse<ContactPreview> = {
    ok: true,
    data: { contact: { id: '101', email: 'ada@example.com', name: 'Ada Lovelace' }, result, stored: { score: '45', grade: 'C', scoredAt: null, modelVersion: 'bant-default@1' } },
  };

  it('scores the contact typed in, by email, and shows its result criterion by criterion', async () => {
    const page = renderPage(overview(), preview);
    await ready(page);
    type(page, ' ada@example.com ');
    await page.waitFor(() => expect(page.findByTestId(Input, 'bant-preview-input').props.value).toBe(' ada@example.com '));
    page.findByTestId(Button, 'bant-preview-button').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Text, 'bant-preview-summary'));
    expect(page.serverless).toHaveBeenLastCalledWith('bant_settings_api', { parameters: { action: 'preview', locale: 'en', contact: 'ada@example.com' } });
    expect(textOf(page.findByTestId(Text, 'bant-preview-summary'))).toBe('Ada Lovelace (ada@example.com): 45 of 100 points, grade C, not qualified (Budget and Timeline not met). Next: Nurture with marketing.');
    expect(textOf(page.findByTestId(Text, 'bant-preview-stored'))).toBe('HubSpot stores the same score and grade (bant-default@1).');
    expect(rows(page, 'bant-preview-criteria')[1]).toBe('Budget0/30Below minimum20,000Below the minimum: needs 15 points.');
  });

  it('says the stored score will change when the model scores differently', async () => {
    const stale: SettingsResponse<ContactPreview> = { ok: true, data: { ...preview.data, stored: { score: '80', grade: 'A', scoredAt: null, modelVersion: null } } as ContactPreview };
    const page = renderPage(overview(), stale);
    await ready(page);
    type(page, '101');
    await page.waitFor(() => expect(page.findByTestId(Input, 'bant-preview-input').props.value).toBe('101'));
    page.findByTestId(Button, 'bant-preview-button').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Text, 'bant-preview-stored'));
    expect(textOf(page.findByTestId(Text, 'bant-preview-stored'))).toBe('HubSpot stores score 80, grade A (no model version recorded); it changes at the next recalculation.');
  });

  it('shows the function\'s message when the contact is not found', async () => {
    const page = renderPage(overview(), { ok: false, error: { code: 'not_found', retryable: false, message: 'No contact has the email address nobody@example.com.' } });
    await ready(page);
    type(page, 'nobody@example.com');
    await page.waitFor(() => expect(page.findByTestId(Input, 'bant-preview-input').props.value).toBe('nobody@example.com'));
    page.findByTestId(Button, 'bant-preview-button').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'bant-preview-error'));
    expect(textOf(page.findByTestId(Alert, 'bant-preview-error'))).toBe('No contact has the email address nobody@example.com.');
  });

  it('asks for a contact before calling the function when the field is empty', async () => {
    const page = renderPage(overview());
    await ready(page);
    page.findByTestId(Button, 'bant-preview-button').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'bant-preview-error'));
    expect(textOf(page.findByTestId(Alert, 'bant-preview-error'))).toBe("Enter a contact's record ID or email address first.");
    expect(page.serverless).toHaveBeenCalledTimes(1);
  });
});

describe('the model editor', () => {
  it('offers no change to a user without the integrations-management permission', async () => {
    const page = renderPage(overview());
    await ready(page);
    expect(textOf(page.findByTestId(Alert, 'bant-edit-admins-only'))).toContain('Only super admins of this HubSpot account can change the model.');
    expect(page.findAll(Button).filter((b) => b.props.testId === 'bant-edit-save')).toHaveLength(0);
    expect(page.findByTestId(NumberInput, 'bant-edit-budget-max').props.readOnly).toBe(true);
  });

  it('checks as the admin types, shows the problem on its field, and saves a valid draft with a note', async () => {
    const page = renderPageAs(ADMIN, overview(), { ok: true, data: { state: 'pushed', number: 2, name: 'bant-default@2', diff: ['Budget ≥ 100,000 now earns 25 instead of 30'] } }, overview());
    await ready(page);
    const minimum = page.findByTestId(NumberInput, 'bant-edit-budget-minimum');
    (minimum.trigger as (name: 'onChange', value: unknown) => void)('onChange', 40);
    await page.waitFor(() => expect(page.findByTestId(NumberInput, 'bant-edit-budget-minimum').props.validationMessage).toMatch(/40/));
    expect(page.findByTestId(Button, 'bant-edit-save').props.disabled).toBe(true);
    (page.findByTestId(NumberInput, 'bant-edit-budget-minimum').trigger as (name: 'onChange', value: unknown) => void)('onChange', 15);
    (page.findByTestId(NumberInput, 'bant-edit-criteria[0].rule.bands[0].points').trigger as (name: 'onChange', value: unknown) => void)('onChange', 25);
    (page.findByTestId(NumberInput, 'bant-edit-budget-max').trigger as (name: 'onChange', value: unknown) => void)('onChange', 25);
    change(page.findByTestId(Input, 'bant-edit-note'), 'Budget worth less');
    await page.waitFor(() => expect(page.findByTestId(Button, 'bant-edit-save').props.disabled).toBe(false));
    page.findByTestId(Button, 'bant-edit-save').trigger('onClick');
    await page.waitFor(() => expect(textOf(page.findByTestId(Alert, 'bant-edit-saved'))).toContain('Saved as draft version bant-default@2.'));
    const sent = page.serverless.mock.calls[1]?.[1] as { parameters: { action: string; userId: number; note: string; basedOn: number; model: { criteria: Array<{ max: number }> } } };
    expect(sent.parameters).toMatchObject({ action: 'push', userId: 7, note: 'Budget worth less', basedOn: 1 });
    expect(sent.parameters.model.criteria[0]?.max).toBe(25);
  });

  it('tells a Finnish admin what is wrong in Finnish, on the field that is wrong, and in the list for the raw JSON', async () => {
    const page = renderPageAs({ ...ADMIN, locale: 'fi-FI' }, overview());
    await ready(page);
    (page.findByTestId(NumberInput, 'bant-edit-budget-minimum').trigger as (name: 'onChange', value: unknown) => void)('onChange', 40);
    await page.waitFor(() => expect(page.findByTestId(NumberInput, 'bant-edit-budget-minimum').props.validationMessage)
      .toBe('40 on yli kriteerin enimmäispisteiden (30); mikään vastaus ei yltäisi siihen, laske vähimmäisvaatimusta'));
    expect(page.findByTestId(NumberInput, 'bant-edit-budget-minimum').props.error).toBe(true);
    expect(page.findByTestId(NumberInput, 'bant-edit-budget-max').props.error).toBe(false);
    expect(page.findByTestId(Button, 'bant-edit-save').props.disabled).toBe(true);
    const json = JSON.parse(page.findByTestId(TextArea, 'bant-edit-json-input').props.value as string) as { criteria: Array<Record<string, unknown>> };
    json.criteria[0]!.minimum = 15;
    json.criteria[0]!.colour = 'red';
    change(page.findByTestId(TextArea, 'bant-edit-json-input'), JSON.stringify(json));
    await page.waitFor(() => expect(textOf(page.findByTestId(Alert, 'bant-edit-problems'))).toContain('criteria[0]: tuntematon kenttä "colour"; poista se tai tarkista kirjoitusasu'));
    expect(textOf(page.findByTestId(Alert, 'bant-edit-problems'))).not.toContain('unknown field');
  });
});

describe('in the user\'s language', () => {
  it('shows the model, its grades, routing, checks and preview in Finnish for a Finnish user', async () => {
    const page = renderPageAs({ ...REP, locale: 'fi-FI' }, overview());
    await ready(page);
    expect(textOf(page.findByTestId(Heading, 'bant-model-name'))).toBe('Käytössä oleva malli: BANT (oletus)');
    expect(textOf(page.findByTestId(Text, 'bant-model-qualified-when'))).toBe('vähintään 70/100 pistettä ja jokainen kriteeri täyttyy');
    expect(rows(page, 'bant-grades')[0]).toBe('LuokkaPisteetMerkitys');
    expect(page.findByTestId(List, 'bant-routing').findAll(Text).map((t) => textOf(t))[2]).toBe('Jos luokka A tai B: Lähetä myyntiin, ei kiirettä.');
    expect(page.findByTestId(Alert, 'bant-check-ok').props.title).toBe('Kaikki 18 ominaisuuksien kytkentää sopivat malliin');
    expect(page.findByTestId(Input, 'bant-preview-input').props.label).toBe('Kontaktin tietuetunnus tai sähköpostiosoite');
    expect(page.findByTestId(NumberInput, 'bant-edit-criteria[3].sources[1].rule.windows[0].points').props.label).toBe('Pisteet: closedate 3 kuukauden sisällä');
  });

  it('names a contact\'s chosen answers in Norwegian when trying a contact', async () => {
    const result = scoreLead(BANT_DEFAULT, { contact: { bant_budget: '20000', bant_authority: 'director', bant_need: 'perfect' } }, NOW);
    const page = renderPageAs({ ...REP, locale: 'nb-NO' }, overview(), { ok: true, data: { contact: { id: '101', email: null, name: 'Ada' }, result, stored: { score: null, grade: null, scoredAt: null, modelVersion: null } } });
    await ready(page);
    type(page, '101');
    await page.waitFor(() => expect(page.findByTestId(Input, 'bant-preview-input').props.value).toBe('101'));
    page.findByTestId(Button, 'bant-preview-button').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Table, 'bant-preview-criteria'));
    const authority = BANT_DEFAULT.criteria[1]!.rule.type === 'options' ? BANT_DEFAULT.criteria[1]!.rule.options.find((o) => o.value === 'director')!.label : '';
    expect(rows(page, 'bant-preview-criteria')[2]).toBe(`Beslutningsmyndighet20/25Oppfylt${typeof authority === 'string' ? authority : authority.nb}Når minstekravet på 15 poeng.`);
    expect(textOf(page.findByTestId(Text, 'bant-preview-stored'))).toBe('HubSpot har ingen lagrede poeng for denne kontakten ennå; de lagres ved neste omberegning.');
  });

  it('writes grade ranges with the language\'s own digits grouping, never a hand-made one', async () => {
    const page = renderPageAs({ ...REP, locale: 'fi-FI' }, overview(OK_CHECK, { model: { ...BANT_DEFAULT, grades: [{ grade: 'A', min: 70_000 }, { grade: 'B', min: 0 }], criteria: BANT_DEFAULT.criteria.map((c, i) => (i === 0 ? { ...c, max: 99_930 } : c)) } }));
    await ready(page);
    expect(rows(page, 'bant-grades').slice(1)).toEqual([`A${new Intl.NumberFormat('fi').format(70_000)}–${new Intl.NumberFormat('fi').format(100_000)}`, `B0 – alle ${new Intl.NumberFormat('fi').format(70_000)}`]);
  });
});

describe('suggested answers from conversations', () => {
  it('says the language model is off and nothing leaves HubSpot', async () => {
    const page = renderPage(overview());
    await ready(page);
    expect(textOf(page.findByTestId(Text, 'bant-llm-state'))).toBe("Off: suggested answers come from the app's own rules, which run inside HubSpot. No text leaves HubSpot.");
  });

  it('says exactly which texts leave HubSpot when a language model is on, that nothing is stored outside, and when the rules answer', async () => {
    const on = { state: 'on' as const, host: 'llm.example.com', model: 'gpt-test', timeoutMs: 5000, days: 90, limit: 50 };
    const autofill = { ...BANT_DEFAULT, suggestions: { ...BANT_DEFAULT.suggestions, autofill: { enabled: true, minConfidence: 0.9 } } };
    const page = renderPage(overview(OK_CHECK, { languageModel: on, model: autofill }));
    await ready(page);
    const texts = page.findByTestId(Accordion, 'bant-llm').findAll(Text).map((t) => textOf(t));
    expect(texts[0]).toBe('On: a language model (gpt-test at llm.example.com) proposes the suggested answers.');
    expect(texts[1]).toContain("these texts leave HubSpot for llm.example.com: the title and body of the contact's calls, the title, body and internal notes of its meetings, the body of its notes, and the subject and text of its emails, from the last 90 days and at most the newest 50");
    expect(texts[1]).toContain("Nothing else is sent: not the contact's own name or email address, its deals or its scores.");
    expect(texts[2]).toContain('The app stores nothing outside HubSpot');
    expect(texts[3]).toBe("If llm.example.com fails or takes longer than 5 seconds, the app's own rules answer instead.");
    expect(textOf(page.findByTestId(Text, 'bant-llm-autofill'))).toContain('fill empty answers without a rep');
  });

  it('names what is wrong with the secrets', async () => {
    const page = renderPage(overview(OK_CHECK, { languageModel: { state: 'invalid', problem: 'BANT_LLM_MODEL is empty' } }));
    await ready(page);
    expect(textOf(page.findByTestId(Text, 'bant-llm-state'))).toBe("Set up wrongly, so the app's own rules answer: BANT_LLM_MODEL is empty");
  });
});

describe('webhook subscriptions, which change only with an upload', () => {
  it('warns when the published model reads values the deployed subscriptions do not send', async () => {
    const page = renderPage(overview(OK_CHECK, { subscriptions: { watched: WATCHED, missing: [{ objectType: 'deal', propertyName: 'hs_forecast_amount' }, { objectType: 'company', propertyName: null }] } }));
    await ready(page);
    expect(textOf(page.findByTestId(Alert, 'bant-check-coverage'))).toContain('changes to the deal property “hs_forecast_amount” and company association changes. Cards, rescoring and backtests use them already;');
    expect(textOf(page.findByTestId(Alert, 'bant-check-coverage'))).toContain('(bant model pull, then npm run build and hs project upload)');
  });

  it('says on the source field that a property the subscriptions do not send needs the app rebuilt and uploaded', async () => {
    const properties = { contact: [], deal: [{ name: 'amount', label: 'Amount', type: 'number' }, { name: 'hs_forecast_amount', label: 'Forecast amount', type: 'number' }], company: [] };
    const page = renderPageAs(ADMIN, overview(OK_CHECK, { properties }));
    await ready(page);
    expect(page.findByTestId(Select, 'bant-edit-budget-source-1').props.description).toBeUndefined();
    (page.findByTestId(Select, 'bant-edit-budget-source-1').trigger as (name: 'onChange', value: unknown) => void)('onChange', 'hs_forecast_amount');
    await page.waitFor(() => expect(page.findByTestId(Select, 'bant-edit-budget-source-1').props.value).toBe('hs_forecast_amount'));
    expect(page.findByTestId(Select, 'bant-edit-budget-source-1').props.description).toBe('Automatic recalculation does not follow changes to this property yet: the app must be rebuilt from the published model and uploaded again: your developer copies the published model into the project (bant model pull), then runs npm run build and hs project upload. Cards, rescoring and backtests use it at once.');
  });
});

describe('the background rescore after a publish', () => {
  const base = { name: 'bant-default@2', checksum: 'c', startedAt: '2026-12-04T15:30:00.000Z', updatedAt: '2026-12-04T15:31:00.000Z', written: 10, errors: 0 };

  it('shows the contacts done of total with a progress bar while they run', async () => {
    const page = renderPage(overview(OK_CHECK, { rescore: { ...base, state: 'running', done: 1_000, total: 4_000 } }));
    await ready(page);
    expect(textOf(page.findByTestId(Text, 'bant-rescore-contacts'))).toBe('Bringing stored scores to bant-default@2: 1,000 of 4,000 contacts, 0 errors.');
    expect(page.findByTestId(ProgressBar, 'bant-rescore-bar').props).toMatchObject({ value: 1_000, maxValue: 4_000 });
  });

  it('then the buying committees of deals and companies, each with its progress, and why one stopped', async () => {
    const parts = [
      { object: 'deals' as const, state: 'running' as const, done: 200, total: 800, written: 150, errors: 2 },
      { object: 'companies' as const, state: 'waiting' as const, done: 0, total: null, written: 0, errors: 0 },
    ];
    const page = renderPage(overview(OK_CHECK, { rescore: { ...base, state: 'running', done: 4_000, total: 4_000, parts } }));
    await ready(page);
    expect(textOf(page.findByTestId(Text, 'bant-rescore-contacts'))).toBe('Every contact carries bant-default@2 (4,000 contacts, 0 errors).');
    expect(textOf(page.findByTestId(Text, 'bant-rescore-deals'))).toBe('Buying committees of deals: 200 of 800, 2 errors.');
    expect(textOf(page.findByTestId(Text, 'bant-rescore-companies'))).toBe('Buying committees of companies: waiting for the contacts.');
    expect(page.findByTestId(ProgressBar, 'bant-rescore-part-bar').props).toMatchObject({ value: 200, maxValue: 800 });
    expect(page.maybeFindByTestId(ProgressBar, 'bant-rescore-bar')).toBeNull();

    const stopped = renderPage(overview(OK_CHECK, { rescore: { ...base, state: 'stopped', done: 4_000, total: 4_000, message: 'x', parts: [{ ...parts[0]!, state: 'stopped', message: 'HubSpot failed (500)' }, parts[1]!] } }));
    await ready(stopped);
    expect(textOf(stopped.findByTestId(Text, 'bant-rescore-deals'))).toBe('Buying committees of deals: stopped after 200: HubSpot failed (500)');
  });
});

describe('trying a draft before publishing', () => {
  it('shows the change in words, the impact with examples that open the contact in a new tab, and the sample backtest', async () => {
    const trial: SettingsResponse<DraftTrial> = {
      ok: true,
      data: {
        diff: ['Budget ≥ 100,000 now earns 25 instead of 30'],
        impact: { sample: 100, gradeChanged: 3, scoreChanged: 12, gainedQualified: 0, lostQualified: 2, examples: [{ id: '101', name: 'Ada Lovelace', before: { score: 75, grade: 'A', qualified: true }, after: { score: 70, grade: 'A', qualified: false } }] },
        backtest: { contactsRead: 500, published: { leads: 40, won: 12, precision: 0.5, recall: 0.75, f1: 0.6 }, draft: { leads: 40, won: 12, precision: 0.6, recall: 0.5, f1: 0.55 } },
      } as DraftTrial,
    };
    const serverless = answerServerless([overview(), trial]);
    const page = createRenderer('settings');
    page.render(<BantSettings user={ADMIN} portal={{ id: 123 }} />);
    await ready(page as unknown as ReturnType<typeof renderPage>);
    page.findByTestId(Button, 'bant-trial-run').trigger('onClick');
    await page.waitFor(() => page.findByTestId(List, 'bant-trial-diff'));
    expect(serverless).toHaveBeenLastCalledWith('bant_settings_api', { parameters: { action: 'try', locale: 'en', model: expect.objectContaining({ id: 'bant-default' }) } });
    expect(textOf(page.findByTestId(List, 'bant-trial-diff'))).toBe('Budget ≥ 100,000 now earns 25 instead of 30');
    expect(textOf(page.findByTestId(Text, 'bant-trial-impact'))).toBe('On the first 100 contacts: 3 change grade, 0 would become qualified, 2 would stop being qualified.');
    const example = page.findByTestId(Link, 'bant-trial-example-101');
    expect(example.props.href).toEqual({ url: 'https://app.hubspot.com/contacts/123/record/0-1/101', external: true });
    expect(textOf(example)).toBe('Ada Lovelace: 75 → 70 points, grade A → A');
    expect(textOf(page.findByTestId(Text, 'bant-trial-backtest'))).toBe('Closed deals among the first 500 contacts: 40 leads, 12 won.');
  });
});

describe('versions and publishing', () => {
  const row = (number: number, status: VersionHistoryRow['status'], note: string): VersionHistoryRow => ({
    recordId: String(100 + number), number, name: `bant-default@${number}`, modelId: 'bant-default', checksum: `c${number}`, createdBy: 'ann@example.com (HubSpot user 7)',
    createdAt: '2026-12-01T10:00:00.000Z', note, basedOn: number > 1 ? number - 1 : null,
    status, lastPublished: status === 'draft' ? null : { number, name: `bant-default@${number}`, checksum: `c${number}`, by: 'ann@example.com (HubSpot user 7)', at: '2026-12-02T10:00:00.000Z', note: `go ${number}` },
  });
  const versions = [row(3, 'draft', 'budget worth less'), row(2, 'published', 'second'), row(1, 'previously published', 'first')];
  const withVersions = () => overview(OK_CHECK, { versions, modelSource: { ...PUBLISHED, version: { ...PUBLISHED.version, number: 2, name: 'bant-default@2' } } });

  it('lists every version with its status, who and why, and offers nothing to change to a user without the permission', async () => {
    const page = renderPage(withVersions());
    await ready(page);
    expect(textOf(page.findByTestId(Flex, 'bant-version-3'))).toBe('bant-default@3: draft, by ann@example.com (HubSpot user 7). budget worth less');
    expect(textOf(page.findByTestId(Flex, 'bant-version-2'))).toBe('bant-default@2: published, by ann@example.com (HubSpot user 7). go 2');
    expect(page.maybeFindByTestId(Button, 'bant-version-3-publish')).toBeNull();
    expect(page.maybeFindByTestId(Button, 'bant-versions-rollback')).toBeNull();
  });

  it('publishes a draft only with a note, expecting the version the page showed', async () => {
    const page = renderPageAs(ADMIN, withVersions(), { ok: true, data: { number: 3, name: 'bant-default@3', rollback: false } }, withVersions());
    await ready(page);
    expect(page.findByTestId(Button, 'bant-version-3-publish').props.disabled).toBe(true);
    change(page.findByTestId(Input, 'bant-versions-note'), 'Friday: budget worth less');
    await page.waitFor(() => expect(page.findByTestId(Button, 'bant-version-3-publish').props.disabled).toBe(false));
    page.findByTestId(Button, 'bant-version-3-publish').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'bant-versions-result'));
    expect(page.serverless.mock.calls[1]?.[1]).toEqual({ parameters: { action: 'publish', locale: 'en', userId: 7, number: 3, note: 'Friday: budget worth less', expected: 2 } });
    expect(textOf(page.findByTestId(Alert, 'bant-versions-result'))).toBe('bant-default@3 is published. Cards score with it at once; stored scores catch up in the background.');
  });

  it('rolls back with one click to the version published before, and shows a refusal in the function\'s words', async () => {
    const refusal = { ok: false as const, error: { code: 'refused' as const, retryable: false, message: 'Someone published another version since this page loaded (when you looked, version 2 was published). Reload the page, look at what changed, then publish again. Nothing was published.' } };
    const page = renderPageAs(ADMIN, withVersions(), refusal);
    await ready(page);
    expect(textOf(page.findByTestId(Button, 'bant-versions-rollback'))).toBe('Roll back to bant-default@1');
    page.findByTestId(Button, 'bant-versions-rollback').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'bant-versions-result'));
    expect(page.serverless.mock.calls[1]?.[1]).toMatchObject({ parameters: { action: 'publish', number: 1, note: 'Rolled back to bant-default@1 from the settings page', expected: 2 } });
    expect(page.findByTestId(Alert, 'bant-versions-result').props.variant).toBe('danger');
    expect(textOf(page.findByTestId(Alert, 'bant-versions-result'))).toBe(refusal.error.message);
  });
});
