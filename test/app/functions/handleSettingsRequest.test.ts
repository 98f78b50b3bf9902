import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCrmClient } from '../../../src/crm';
import { validateModel } from '../../../src/engine';
import type { ModelValidation } from '../../../src/engine';
import { ACTIVE_MODEL, BANT_DEFAULT } from '../../../src/models';
import { DEFAULT_PORTAL_TOKEN } from '../../../src/portal';
import { handleSettingsRequest } from '../../../src/app/functions/handleSettingsRequest';
import type { ContactPreview, SettingsOverview, SettingsResponse } from '../../../src/app/settings/lib/settingsApi';
import { defineBantProperties } from '../../support/bantPortal';
import { webhooksComponent } from '../../../src/sync/hubspotConfig';
import { languageModelSetting } from '../../../src/app/functions/languageModel';
import type { LanguageModelSetting } from '../../../src/app/functions/languageModel';
import { closedPortUrl, useLocalPortal } from '../../support/localPortal';

const local = useLocalPortal();
beforeEach(() => {
  // The function logs failures for HubSpot's function logs; keep the test output clean.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});
const NOW = new Date('2026-11-23T10:00:00.000Z');
const RETRY = { maxAttempts: 1, maxTotalMs: 100, baseDelayMs: 1, maxDelayMs: 1 };

function deps(options: { model?: ModelValidation; token?: string; url?: string; deployedWebhooks?: unknown; languageModel?: LanguageModelSetting } = {}) {
  return {
    crm: () => createCrmClient({ accessToken: options.token ?? DEFAULT_PORTAL_TOKEN, baseUrl: options.url ?? local.url(), retry: RETRY }),
    model: options.model ?? ACTIVE_MODEL,
    now: NOW,
    deployedWebhooks: options.deployedWebhooks ?? webhooksComponent(BANT_DEFAULT),
    ...(options.languageModel ? { languageModel: options.languageModel } : {}),
  };
}

const overview = async (options: Parameters<typeof deps>[0] = {}) =>
  (await handleSettingsRequest({ action: 'overview' }, deps(options))) as SettingsResponse<SettingsOverview>;
const preview = async (contact: string, options: Parameters<typeof deps>[0] = {}) =>
  (await handleSettingsRequest({ action: 'preview', contact }, deps(options))) as SettingsResponse<ContactPreview>;

describe('the settings function: overview', () => {
  it('answers with the deployed model and no problems once setup ran, after the same checks as bant check', async () => {
    defineBantProperties(local.portal(), BANT_DEFAULT);
    const response = await overview();
    expect(response).toEqual({
      ok: true,
      data: {
        model: BANT_DEFAULT, modelProblems: [], modelSource: { kind: 'bundled', version: null, description: 'the model bant-default@1' },
        check: { checked: true, mappings: 30, problems: [], warnings: [] }, versions: [], rescore: null,
        properties: { contact: expect.arrayContaining([expect.objectContaining({ name: 'bant_budget', type: 'number' })]), deal: expect.arrayContaining([expect.objectContaining({ name: 'amount' })]), company: expect.any(Array) },
        languageModel: { state: 'off' },
        subscriptions: {
          watched: { contact: ['bant_budget', 'bant_authority', 'bant_need', 'bant_timeline', 'bant_override', 'bant_override_reason', 'bant_override_by', 'bant_override_until'], deal: ['hs_is_closed', 'createdate', 'dealname', 'amount', 'closedate', 'dealstage', 'pipeline'], company: [] },
          missing: [],
        },
      },
    });
    expect(local.requests().filter((r) => r.includes('/properties/'))).toEqual(['GET /crm/v3/properties/contacts', 'GET /crm/v3/properties/deals', 'GET /crm/v3/properties/companies']);
  });

  it('lists the mapping problems with their fixes', async () => {
    local.portal().defineProperty('contacts', {
      name: 'bant_authority', label: 'Authority', type: 'enumeration', fieldType: 'select', groupName: 'contactinformation',
      options: ['c_level', 'director', 'manager', 'other', 'vp'].map((value) => ({ label: value, value })),
    });
    defineBantProperties(local.portal(), BANT_DEFAULT);
    const response = await overview();
    expect(response.ok && response.data.check).toEqual({
      checked: true, mappings: 30, warnings: [],
      problems: [expect.objectContaining({ code: 'unmapped_option', property: 'bant_authority', fix: expect.stringContaining('{"value": "vp", "label": "vp", "points": <points>}') })],
    });
  });

  it('still shows the model when the portal cannot be checked, saying why', async () => {
    const response = await overview({ token: 'wrong' });
    expect(response.ok && response.data.model?.id).toBe('bant-default');
    expect(response.ok && response.data.check).toEqual({ checked: false, reason: expect.stringMatching(/^HubSpot refused the app while reading the property definitions: properties.getAll: HubSpot rejected the access token \(401\)/) });
  });

  it('shows the problems of an invalid deployed model instead of the model, asking HubSpot only for the versions (to roll back)', async () => {
    const model = validateModel({ ...BANT_DEFAULT, qualification: { minScore: 120 } });
    const response = await overview({ model });
    expect(response).toEqual({
      ok: true,
      data: {
        model: null, modelProblems: [{ path: 'qualification.minScore', code: 'minScore.aboveTotal', params: { minScore: '120', total: '100' }, message: "120 is above the model's maximum score (100); no lead could qualify, lower it" }],
        modelSource: { kind: 'bundled', version: null, description: 'the bundled model, which is invalid' }, check: { checked: false, reason: 'The model is invalid, so its property mappings were not checked.' },
        properties: { contact: [], deal: [], company: [] }, versions: [], rescore: null,
        languageModel: { state: 'off' }, subscriptions: { watched: expect.any(Object), missing: [] },
      },
    });
    expect(local.requests().every((r) => r.includes('/p_bant_model_version'))).toBe(true);
  });
});

describe('the settings function: what the page says about recalculation and the language model', () => {
  it('names what the published model reads that the subscriptions deployed with the function do not send', async () => {
    defineBantProperties(local.portal(), BANT_DEFAULT);
    const deployed = webhooksComponent(BANT_DEFAULT);
    deployed.config.subscriptions.crmObjects = deployed.config.subscriptions.crmObjects.filter((s) => !('propertyName' in s) || s.propertyName !== 'amount');
    const response = await overview({ deployedWebhooks: deployed });
    expect(response.ok && response.data.subscriptions.missing).toEqual([{ objectType: 'deal', propertyName: 'amount' }]);
    expect(response.ok && response.data.subscriptions.watched.deal).not.toContain('amount');
  });

  it('says where texts go when the language model is on, never its key, and what is wrong when it is set up wrongly', async () => {
    defineBantProperties(local.portal(), BANT_DEFAULT);
    const on = await overview({ languageModel: languageModelSetting({ BANT_LLM_URL: 'https://llm.example.com/v1', BANT_LLM_KEY: 'sk-secret', BANT_LLM_MODEL: 'gpt-test' }) });
    expect(on.ok && on.data.languageModel).toEqual({ state: 'on', host: 'llm.example.com', model: 'gpt-test', timeoutMs: 5000, days: 90, limit: 50 });
    expect(JSON.stringify(on)).not.toContain('sk-secret');
    const wrong = await overview({ languageModel: languageModelSetting({ BANT_LLM_URL: 'https://llm.example.com/v1' }) });
    expect(wrong.ok && wrong.data.languageModel).toEqual({ state: 'invalid', problem: expect.stringMatching(/^BANT_LLM_KEY and BANT_LLM_MODEL are empty/) as string });
  });
});

describe('the settings function in the user\'s language', () => {
  it('answers in the language the page asks for, English otherwise', async () => {
    const finnish = await handleSettingsRequest({ action: 'preview', locale: 'fi', contact: 'Ada Lovelace' }, deps());
    expect(finnish).toMatchObject({ ok: false, error: { code: 'invalid_parameters', message: '”Ada Lovelace” ei ole kontaktin tietuetunnus (numeroita, kuten 101) eikä sähköpostiosoite.' } });
    const norwegian = await handleSettingsRequest({ action: 'try', locale: 'nb-NO', model: { id: 'x' } }, deps());
    expect(!norwegian.ok && norwegian.error.message).toMatch(/^Utkastet har \d+ problemer; rett dem først\.$/);
    const unknown = await handleSettingsRequest({ action: 'preview', locale: 'sv', contact: 'Ada Lovelace' }, deps());
    expect(!unknown.ok && unknown.error.message).toBe('“Ada Lovelace” is neither a contact record ID (digits, such as 101) nor an email address.');
    const bad = await handleSettingsRequest({ action: 'nothing', locale: 'ar' }, deps());
    expect(!bad.ok && bad.error.message).toMatch(/^أرسلت صفحة الإعدادات طلبًا/);
  });
});

describe('the settings function: preview', () => {
  it('scores a contact found by email with the model, beside what HubSpot stores', async () => {
    const portal = local.portal();
    defineBantProperties(portal, BANT_DEFAULT);
    const contact = portal.createContact({
      email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace',
      bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months', bant_score: '60', bant_grade: 'B',
    });
    portal.requests.clear();
    const response = await preview('ada@example.com');
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    expect(response.data.contact).toEqual({ id: contact.id, email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(response.data.result).toMatchObject({ score: 80, qualified: true, grade: 'A', nextAction: 'sales_now' });
    expect(response.data.stored).toEqual({ score: '60', grade: 'B', scoredAt: null, modelVersion: null });
    expect(local.requests().sort()).toEqual([
      'POST /crm/v3/objects/contacts/batch/read', 'POST /crm/v3/objects/contacts/search', 'POST /crm/v4/associations/contacts/deals/batch/read',
    ]);
  });

  it('scores a contact found by record id, reading its open deal', async () => {
    const portal = local.portal();
    defineBantProperties(portal, BANT_DEFAULT);
    const contact = portal.createContact({ bant_authority: 'director' });
    const deal = portal.createDeal({ dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-10', pipeline: 'default', dealstage: 'qualifiedtobuy' });
    portal.associate('deals', deal.id, 'contacts', contact.id);
    const response = await preview(contact.id);
    expect(response.ok && response.data.result.criteria.find((c) => c.key === 'budget')).toMatchObject({ points: 30, source: { object: 'deal', dealId: deal.id, dealName: 'Acme renewal' } });
    expect(response.ok && response.data.contact).toEqual({ id: contact.id, email: null, name: null });
  });

  it('says no contact has an unknown email address', async () => {
    defineBantProperties(local.portal(), BANT_DEFAULT);
    expect(await preview('nobody@example.com')).toEqual({
      ok: false, error: { code: 'not_found', retryable: false, message: 'No contact has the email address nobody@example.com. Check the spelling, or enter the contact\'s record ID.' },
    });
  });

  it('says a record id does not exist', async () => {
    defineBantProperties(local.portal(), BANT_DEFAULT);
    expect(await preview('999')).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Contact 999 does not exist in HubSpot (deleted or merged?). Check the ID.' } });
  });

  it('refuses input that is neither an id nor an email, asking HubSpot nothing', async () => {
    expect(await preview('Ada Lovelace')).toMatchObject({ ok: false, error: { code: 'invalid_parameters', message: '“Ada Lovelace” is neither a contact record ID (digits, such as 101) nor an email address.' } });
    expect(await handleSettingsRequest({ action: 'preview', contact: '  ' }, deps())).toMatchObject({ ok: false, error: { code: 'invalid_parameters' } });
    expect(await handleSettingsRequest({ action: 'delete' }, deps())).toMatchObject({ ok: false, error: { code: 'invalid_parameters' } });
    expect(local.requests()).toEqual([]);
  });

  it('reports an unreachable portal as retryable', async () => {
    const url = await closedPortUrl();
    const response = await preview('101', { url });
    expect(response).toMatchObject({ ok: false, error: { code: 'unreachable', retryable: true, message: expect.stringContaining('HubSpot failed while scoring the contact: contacts.batch.read: could not reach HubSpot') } });
  });
});
