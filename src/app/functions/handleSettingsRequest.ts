import { z } from 'zod';
import { CrmError } from '../../crm';
import type { CrmClient, CrmObjectType } from '../../crm';
import { formatProblem, propertiesRead, scoreLead, validateModel } from '../../engine';
import type { CrmObject, LeadRecord, Model } from '../../engine';
import { diffModels, previewImpact, versionHistory } from '../../modelstore';
import type { BackgroundRescore, VersionHistoryRow } from '../../modelstore';
import { readPortalLeads } from '../../backtest/readPortalLeads';
import { runBacktest } from '../../backtest/runBacktest';
import { createVersionStore, modelInUse } from '../../versions';
import type { ModelInUse, ModelSource } from '../../versions';
import { readLeads } from '../../recalc/readLeads';
import { checkMappings, objectsToCheck } from '../../setup/checkMappings';
import type { PortalProperty } from '../../setup/types';
import { missingSubscriptions } from '../../sync/missingSubscriptions';
import type { LanguageModelSetting } from './languageModel';
import { ACTIVITY_DAYS, ACTIVITY_LIMIT } from './readActivities';
import { functionTranslator } from './messages';
import type { FunctionTranslate } from './messages';
import type {
  ContactPreview, DraftTrial, LanguageModelStatus, MappingCheck, SubscriptionCoverage, WatchedObject, ModelSourceInfo, PublishResult, PushResult, SettingsError, SettingsOverview, SettingsResponse, VerdictMetrics,
} from '../settings/lib/settingsApi';

/** The CRM adapter calls the settings page's function makes. */
export type SettingsCrm = Pick<
  CrmClient,
  'getProperties' | 'readContacts' | 'searchContacts' | 'listContacts' | 'contactDeals' | 'readDeals' | 'contactCompanies' | 'readCompanies'
  | 'readObject' | 'readObjects' | 'listObjects' | 'createObject' | 'updateObject' | 'getUser'
>;

/** Contacts scored for a draft's impact preview: one page, so a function call stays inside HubSpot's 15 s. */
export const IMPACT_SAMPLE = 100;
/** Contacts read for the draft's backtest; those with a closed deal are the sample. */
export const BACKTEST_SAMPLE = 500;

export interface SettingsRequestDeps {
  /** Built only once the parameters are valid: a bad request needs no token. */
  crm: () => SettingsCrm;
  /** A fixed model, or the resolver of the portal's published one (one request per call). */
  model: ModelSource;
  now: Date;
  /** The webhooks component deployed with this function (the same upload): what recalculation listens to. */
  deployedWebhooks?: unknown;
  /** The language model of suggested answers, read from the function's secrets (default: off). */
  languageModel?: LanguageModelSetting;
}

const OBJECT_TYPES: Record<CrmObject, CrmObjectType> = { contact: 'contacts', deal: 'deals', company: 'companies' };
const NAME_PROPERTIES = ['email', 'firstname', 'lastname'];

const userId = z.number().int().positive('must be the user id of the page, context.user.id');
const model = z.record(z.string(), z.unknown());
/** The user's language (`context.user.locale`): the function's messages are written in it. */
const locale = z.string().max(35).optional();
const parametersSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('overview'), locale }),
  z.strictObject({ action: z.literal('preview'), locale, contact: z.string().trim().min(1, 'enter a contact id or an email address') }),
  z.strictObject({ action: z.literal('try'), locale, model }),
  z.strictObject({ action: z.literal('push'), locale, userId, model, note: z.string(), basedOn: z.number().int().positive().nullable() }),
  z.strictObject({ action: z.literal('publish'), locale, userId, number: z.number().int().positive(), note: z.string(), expected: z.number().int().positive().nullable() }),
]);

export type AnySettingsResponse = SettingsResponse<SettingsOverview> | SettingsResponse<ContactPreview> | SettingsResponse<DraftTrial> | SettingsResponse<PushResult> | SettingsResponse<PublishResult>;

/**
 * The settings page's app function, IO passed in. `overview`: the deployed model, or its problems,
 * and the same mapping checks as `bant check` against this portal. `preview`: one contact (by id or
 * email) scored with the model, beside what HubSpot stores for it. Never throws.
 */
export async function handleSettingsRequest(parameters: unknown, deps: SettingsRequestDeps): Promise<AnySettingsResponse> {
  const asked = parameters && typeof parameters === 'object' && 'locale' in parameters && typeof parameters.locale === 'string' ? parameters.locale : null;
  const t = functionTranslator(asked);
  const parsed = parametersSchema.safeParse(parameters);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'parameters'}: ${issue.message}`).join('; ');
    return failure('invalid_parameters', t('settingsApi.badRequest', { details }));
  }
  const request = parsed.data;
  if (request.action === 'push' || request.action === 'publish') {
    try {
      return await change(deps.crm(), request, deps.now, t);
    } catch (error) {
      console.error(`bant_settings_api ${request.action} failed:`, error instanceof CrmError ? error.message : error); // a CRM failure in one line; anything else with its stack
      return failure(...crmFailure(error, t(request.action === 'push' ? 'settingsApi.doingSave' : 'settingsApi.doingPublish'), t));
    }
  }
  const doing = t(request.action === 'overview' ? 'settingsApi.doingModel' : request.action === 'try' ? 'settingsApi.doingTry' : 'settingsApi.doingPreview');
  let crm: SettingsCrm;
  let model: ModelInUse;
  try {
    crm = deps.crm();
    model = await modelInUse(deps.model, crm);
  } catch (error) {
    console.error(`bant_settings_api ${request.action}: could not read the published model:`, error instanceof CrmError ? error.message : error); // a CRM failure in one line; anything else with its stack
    return failure(...crmFailure(error, doing, t));
  }
  if (request.action === 'overview') {
    if (!model.ok) {
      return {
        ok: true,
        data: {
          model: null, modelProblems: model.problems, modelSource: sourceOf(model), check: { checked: false, reason: t('settingsApi.notChecked') },
          properties: { contact: [], deal: [], company: [] }, ...await versionsOf(crm),
          languageModel: languageModelStatus(deps.languageModel), subscriptions: { watched: watchedBy(deps.deployedWebhooks), missing: [] },
        },
      };
    }
    const [checked, versions] = await Promise.all([check(crm, model.model, t), versionsOf(crm)]);
    return {
      ok: true,
      data: {
        model: model.model, modelProblems: [], modelSource: sourceOf(model), check: checked.check, properties: checked.properties, ...versions,
        languageModel: languageModelStatus(deps.languageModel),
        subscriptions: { watched: watchedBy(deps.deployedWebhooks), missing: missingSubscriptions(model.model, deps.deployedWebhooks) },
      },
    };
  }
  if (!model.ok) {
    return failure('model_invalid', t('settingsApi.modelInvalid', { problem: formatProblem(model.problems[0] ?? { path: '', message: '?' }) }));
  }
  try {
    if (request.action === 'try') return await tryDraft(crm, model.model, request.model, deps.now, t);
    return await preview(crm, model.model, request.contact.trim(), deps.now, t);
  } catch (error) {
    console.error(`bant_settings_api ${request.action} failed:`, error instanceof CrmError ? error.message : error); // a CRM failure in one line; anything else with its stack
    return failure(...crmFailure(error, doing, t));
  }
}

/** What the page may say about the language model: where texts go, never the key. */
function languageModelStatus(setting: LanguageModelSetting | undefined): LanguageModelStatus {
  if (!setting || setting.state === 'off') return { state: 'off' };
  if (setting.state === 'invalid') return { state: 'invalid', problem: setting.problem };
  return { state: 'on', host: new URL(setting.config.url).host, model: setting.config.model, timeoutMs: setting.config.timeoutMs, days: ACTIVITY_DAYS, limit: ACTIVITY_LIMIT };
}

/** The properties whose changes the deployed webhook subscriptions send, by object. */
function watchedBy(deployed: unknown): SubscriptionCoverage['watched'] {
  const watched: Record<WatchedObject, string[]> = { contact: [], deal: [], company: [] };
  const list = (deployed as { config?: { subscriptions?: { crmObjects?: unknown } } } | null | undefined)?.config?.subscriptions?.crmObjects;
  for (const entry of Array.isArray(list) ? list as Array<Record<string, unknown>> : []) {
    const object = entry.objectType;
    if (entry.active === false || entry.subscriptionType !== 'object.propertyChange' || typeof entry.propertyName !== 'string') continue;
    if (object === 'contact' || object === 'deal' || object === 'company') watched[object].push(entry.propertyName);
  }
  return watched;
}

/** Every version and the background rescore's progress; none of either in a portal without the custom object. */
async function versionsOf(crm: SettingsCrm): Promise<{ versions: VersionHistoryRow[]; rescore: BackgroundRescore | null }> {
  const store = createVersionStore(crm);
  try {
    const [versions, pointer, rescore] = await Promise.all([store.listVersions(), store.readPointer(), store.readRescoreProgress()]);
    return { versions: versionHistory(versions, pointer.state === 'published' ? pointer.pointer : null), rescore };
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    // The page still shows the model and its checks; the versions tab says there are none to show.
    if (!isMissingObject(error)) console.error('bant_settings_api could not list the model versions:', error.message);
    return { versions: [], rescore: null };
  }
}

function isMissingObject(error: unknown): boolean {
  return error instanceof CrmError && error.code === 'VALIDATION' && /object type/i.test(error.message);
}

/**
 * A draft against the model in use: the diff in words, the impact on the first contacts of the
 * portal (IMPACT_SAMPLE), and both models backtested on the closed leads among the first
 * BACKTEST_SAMPLE contacts (the page says how many). Nothing is written.
 */
async function tryDraft(crm: SettingsCrm, published: Model, input: unknown, now: Date, t: FunctionTranslate): Promise<SettingsResponse<DraftTrial>> {
  const checked = validateModel(input);
  if (!checked.ok) return { ok: false, error: { code: 'model_invalid', retryable: false, problems: checked.problems, message: t('settingsApi.draftInvalid', { count: checked.problems.length }) } };
  const draft = checked.model;
  const page = await crm.listContacts({ limit: IMPACT_SAMPLE, properties: NAME_PROPERTIES });
  const ids = page.results.map((contact) => contact.id);
  const leadsFor = (model: Model) => readLeads(crm, model, ids, NAME_PROPERTIES);
  const samePropertiesRead = JSON.stringify(propertiesRead(published)) === JSON.stringify(propertiesRead(draft));
  const [before, after] = samePropertiesRead ? await leadsFor(draft).then((leads) => [leads, leads] as const) : await Promise.all([leadsFor(published), leadsFor(draft)]);
  const sample: Array<{ id: string; name: string | null; lead: LeadRecord }> = [];
  for (const id of ids) {
    const a = before.get(id);
    const b = after.get(id);
    if (!a || !b) continue;
    const name = [a.contact.firstname, a.contact.lastname].filter((part) => part && part.trim()).join(' ') || a.contact.email || null;
    // Each model reads its own properties: the lead is merged so either finds what it reads.
    sample.push({ id, name, lead: { contact: { ...a.contact, ...b.contact }, deals: mergeDeals(a.deals ?? [], b.deals ?? []), ...(b.company || a.company ? { company: { ...a.company, ...b.company } } : {}) } });
  }
  let contactsRead = 0;
  const closed = await readPortalLeads(crm as CrmClient, [published, draft], 'sample', { maxContacts: BACKTEST_SAMPLE, onPage: (read) => (contactsRead = read) });
  const report = runBacktest(closed, [published, draft], now, 0.5);
  const metrics = (index: number): VerdictMetrics => {
    const m = report.models[index];
    return { leads: m?.leads ?? 0, won: m?.won ?? 0, precision: m?.verdict.precision ?? null, recall: m?.verdict.recall ?? null, f1: m?.verdict.f1 ?? null };
  };
  return {
    ok: true,
    data: { diff: diffModels(published, draft), impact: previewImpact(published, draft, sample, now), backtest: { contactsRead, published: metrics(0), draft: metrics(1) } },
  };
}

function mergeDeals(a: LeadRecord['deals'] & object, b: LeadRecord['deals'] & object): NonNullable<LeadRecord['deals']> {
  const byId = new Map(a.map((deal) => [deal.id, { ...deal.properties }]));
  for (const deal of b) byId.set(deal.id, { ...byId.get(deal.id), ...deal.properties });
  return [...byId].map(([id, properties]) => ({ id, properties }));
}

/**
 * Saving a draft or publishing: only a super admin of the account may, checked against HubSpot's
 * users API (the page's user id is not verified by HubSpot, so the page's own check is only a hint).
 * The user is recorded as who created or published the version.
 */
async function change(
  crm: SettingsCrm,
  request: { action: 'push'; userId: number; model: unknown; note: string; basedOn: number | null } | { action: 'publish'; userId: number; number: number; note: string; expected: number | null },
  now: Date,
  t: FunctionTranslate,
): Promise<SettingsResponse<PushResult> | SettingsResponse<PublishResult>> {
  const user = await crm.getUser(String(request.userId));
  if (!user?.superAdmin) {
    return failure('forbidden', user ? t('settingsApi.notSuperAdmin', { email: user.email }) : t('settingsApi.noUser', { id: String(request.userId) }));
  }
  const by = `${user.email} (HubSpot user ${user.id})`;
  const store = createVersionStore(crm);
  try {
    if (request.action === 'push') {
      const pushed = await store.push(request.model, { by, note: request.note, basedOn: request.basedOn });
      if (pushed.state === 'invalid') {
        return { ok: false, error: { code: 'model_invalid', retryable: false, problems: pushed.problems, message: t('settingsApi.notSaved', { count: pushed.problems.length }) } };
      }
      const pointer = await store.readPointer();
      const published = pointer.state === 'published' ? validateModel(JSON.parse(pointer.pointer.json)) : null;
      const model = pushed.state === 'pushed' ? pushed.model : null;
      const diff = published?.ok && model ? diffModels(published.model, model) : [];
      return { ok: true, data: { state: pushed.state, number: pushed.version.number, name: pushed.version.name, diff } };
    }
    const published = await store.publish(request.number, { by, note: request.note, at: now.toISOString(), expected: request.expected });
    if (published.state === 'refused') {
      const number = request.number;
      const words = {
        not_found: () => t('settingsApi.noVersion', { number }),
        note_missing: () => t('settingsApi.publishNote', { number }),
        stale: () => t('settingsApi.publishStale', { detail: published.message.replace(/\. Review it, then publish again \(nothing was published\)$/, '') }),
        already_published: () => t('settingsApi.alreadyPublished', { number }),
        stored_model_invalid: () => t('settingsApi.storedInvalid', { number, reason: published.message }),
      }[published.code];
      return failure(published.code === 'not_found' ? 'not_found' : 'refused', words());
    }
    return { ok: true, data: { number: published.plan.pointer.number, name: published.plan.pointer.name, rollback: published.plan.rollback } };
  } catch (error) {
    if (isMissingObject(error)) return failure('no_versions', t('settingsApi.noVersions'));
    throw error;
  }
}

/** Which model the page shows: the published version, or the bundled model and why. */
function sourceOf(model: ModelInUse): ModelSourceInfo {
  if (!model.ok) return { kind: model.source, version: null, description: model.source === 'portal' ? 'the published version, which cannot be used' : 'the bundled model, which is invalid' };
  const { resolved } = model;
  if (!resolved) return { kind: 'bundled', version: null, description: `the model ${model.model.version}` };
  return { kind: resolved.source, version: resolved.version, description: resolved.description };
}

async function check(client: SettingsCrm, model: Model, t: FunctionTranslate): Promise<{ check: MappingCheck; properties: SettingsOverview['properties'] }> {
  const properties: SettingsOverview['properties'] = { contact: [], deal: [], company: [] };
  try {
    const portal: Partial<Record<CrmObject, PortalProperty[]>> = {};
    for (const object of objectsToCheck(model)) portal[object] = await client.getProperties(OBJECT_TYPES[object]);
    for (const object of ['contact', 'deal', 'company'] as const) {
      // The source picker lists every object's properties; companies need an optional scope, so they may be missing.
      portal[object] ??= await client.getProperties(OBJECT_TYPES[object]).catch(() => []);
      properties[object] = (portal[object] ?? []).map((p) => ({ name: p.name, label: p.label, type: p.type }));
    }
    const { problems, warnings, checked } = checkMappings(model, portal);
    return { check: { checked: true, mappings: checked, problems, warnings }, properties };
  } catch (error) {
    console.error('bant_settings_api could not check the mappings:', error instanceof CrmError ? error.message : error); // a CRM failure in one line; anything else with its stack
    return { check: { checked: false, reason: crmFailure(error, t('settingsApi.doingProperties'), t)[1] }, properties };
  }
}

async function preview(crm: SettingsCrm, model: Model, lookup: string, now: Date, t: FunctionTranslate): Promise<SettingsResponse<ContactPreview>> {
  let id: string;
  if (/^\d+$/.test(lookup)) {
    id = lookup;
  } else if (/^[^\s@]+@[^\s@]+$/.test(lookup)) {
    const page = await crm.searchContacts({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: lookup }] }], properties: ['email'], limit: 1 });
    const found = page.results[0];
    if (!found) return failure('not_found', t('settingsApi.noEmail', { email: lookup }));
    id = found.id;
  } else {
    return failure('invalid_parameters', t('settingsApi.notALookup', { lookup }));
  }

  const lead = (await readLeads(crm, model, [id], NAME_PROPERTIES)).get(id);
  if (!lead) return failure('not_found', t('settingsApi.contactGone', { id }));
  const { contact } = lead;
  const result = scoreLead(model, lead, now);
  const name = [contact.firstname, contact.lastname].filter((part) => part && part.trim()).join(' ');
  return {
    ok: true,
    data: {
      contact: { id, email: contact.email || null, name: name || null },
      result,
      stored: {
        score: contact.bant_score || null, grade: contact.bant_grade || null,
        scoredAt: contact.bant_scored_at || null, modelVersion: contact.bant_model_version || null,
      },
    },
  };
}

function failure(code: SettingsError['code'], message: string, retryable = false): { ok: false; error: SettingsError } {
  return { ok: false, error: { code, message, retryable } };
}

/** A CRM failure as the page shows it: what went wrong while doing what, and what to do. */
function crmFailure(error: unknown, doing: string, t: FunctionTranslate): [SettingsError['code'], string, boolean] {
  if (error instanceof CrmError) {
    if (error.code === 'CONFIGURATION' || error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') {
      return ['crm', t('settingsApi.refused', { doing, detail: error.message }), false];
    }
    return [error.isTransport ? 'unreachable' : 'crm', t('settingsApi.failed', { doing, detail: error.message }), error.retryable];
  }
  return ['internal', t('settingsApi.unexpected', { doing }), false];
}
