import { afterEach, describe, expect, it, vi } from 'vitest';
import { Alert, Button, ErrorState, Heading, Input, List, LoadingSpinner, NumberInput, Table, TableRow, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { scoreLead } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { BantSettings } from '../../../src/app/settings/BantSettings';
import type { ContactPreview, MappingCheck, PublishResult, PushResult, SettingsOverview, SettingsResponse } from '../../../src/app/settings/lib/settingsApi';
import { answerServerless, change, textOf } from '../support';

const NOW = new Date('2026-11-23T10:00:00.000Z');
type Reply = SettingsResponse<SettingsOverview> | SettingsResponse<ContactPreview> | SettingsResponse<PushResult> | SettingsResponse<PublishResult> | Error | Promise<never>;
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
const overview = (check: MappingCheck = OK_CHECK): SettingsResponse<SettingsOverview> => ({ ok: true, data: { model: BANT_DEFAULT, modelProblems: [], modelSource: PUBLISHED, check, versions: [], rescore: null, properties: { contact: [], deal: [], company: [] } } });
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
    expect(page.serverless).toHaveBeenCalledWith('bant_settings_api', { parameters: { action: 'overview' } });
    expect(page.findByTestId(LoadingSpinner, 'bant-settings-loading').props.label).toBe('Loading the BANT model');
  });

  it('offers a retry when the function cannot be reached, and loads on retry', async () => {
    const page = renderPage(new Error('network down'), overview());
    await page.waitFor(() => page.findByTestId(ErrorState, 'bant-settings-error'));
    expect(textOf(page.findByTestId(ErrorState, 'bant-settings-error'))).toContain('Could not reach the BANT settings function (network down). Try again in a moment.');
    page.findByTestId(Button, 'bant-settings-retry').trigger('onClick');
    await ready(page);
    expect(page.serverless).toHaveBeenCalledTimes(2);
  });

  it('lists the problems of an invalid deployed model instead of the model', async () => {
    const page = renderPage({ ok: true, data: { model: null, modelProblems: [{ path: 'grades', message: 'no grade covers scores from 0 to 70' }], modelSource: { kind: 'bundled', version: null, description: 'the bundled model, which is invalid' }, check: { checked: false, reason: 'invalid' }, versions: [], rescore: null, properties: { contact: [], deal: [], company: [] } } });
    await page.waitFor(() => page.findByTestId(ErrorState, 'bant-model-invalid'));
    expect(textOf(page.findByTestId(List, 'bant-model-problems'))).toBe('grades: no grade covers scores from 0 to 70');
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
    expect(page.findByTestId(List, 'bant-routing').findAll(Text).map((t) => textOf(t))[0]).toBe('If qualified and an answer is stale: Re-check the old answers before sales.');
  });
});

describe('the property checks', () => {
  it('says all mappings fit when bant check would find nothing', async () => {
    const page = renderPage(overview());
    await ready(page);
    expect(page.findByTestId(Alert, 'bant-check-ok').props).toMatchObject({ title: 'All 18 property mappings fit the model', variant: 'success' });
    expect(page.maybeFindByTestId(List, 'bant-problems')).toBeNull();
  });

  it('lists every problem with its fix', async () => {
    const problem = {
      severity: 'error' as const, code: 'unmapped_option', object: 'contact' as const, property: 'bant_authority', path: 'criteria[1].sources[0]',
      message: 'contact.bant_authority offers "vp" (VP), which criteria[1].rule.options does not score.', fix: 'Add {"value": "vp", "label": "VP", "points": <points>} to criteria[1].rule.options.',
    };
    const page = renderPage(overview({ checked: true, mappings: 18, problems: [problem], warnings: [] }));
    await ready(page);
    expect(page.findByTestId(Alert, 'bant-check-problems').props).toMatchObject({ title: '1 problem with the property mappings', variant: 'danger' });
    expect(textOf(page.findByTestId(List, 'bant-problems'))).toBe(
      'Problem: contact.bant_authority (criteria[1].sources[0])contact.bant_authority offers "vp" (VP), which criteria[1].rule.options does not score.Fix: Add {"value": "vp", "label": "VP", "points": <points>} to criteria[1].rule.options.',
    );
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
    expect(page.serverless).toHaveBeenLastCalledWith('bant_settings_api', { parameters: { action: 'preview', contact: 'ada@example.com' } });
    expect(textOf(page.findByTestId(Text, 'bant-preview-summary'))).toBe('Ada Lovelace (ada@example.com): 45 of 100 points, grade C, not qualified (Budget, Timeline not met). Next: Nurture with marketing.');
    expect(textOf(page.findByTestId(Text, 'bant-preview-stored'))).toBe('HubSpot stores score 45, grade C (model bant-default@1).');
    expect(rows(page, 'bant-preview-criteria')[1]).toBe('Budget0/30Below minimum20,00020,000 is in the band 0 to under 50,000: 0 points, below the minimum of 15 (from contact bant_budget)');
  });

  it('says the stored score will change when the model scores differently', async () => {
    const stale: SettingsResponse<ContactPreview> = { ok: true, data: { ...preview.data, stored: { score: '80', grade: 'A', scoredAt: null, modelVersion: null } } as ContactPreview };
    const page = renderPage(overview(), stale);
    await ready(page);
    type(page, '101');
    await page.waitFor(() => expect(page.findByTestId(Input, 'bant-preview-input').props.value).toBe('101'));
    page.findByTestId(Button, 'bant-preview-button').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Text, 'bant-preview-stored'));
    expect(textOf(page.findByTestId(Text, 'bant-preview-stored'))).toBe('HubSpot stores score 80, grade A; it will change at the next recalculation.');
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
    expect(textOf(page.findByTestId(Alert, 'bant-preview-error'))).toBe("Enter a contact's record id or email address first.");
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
});
