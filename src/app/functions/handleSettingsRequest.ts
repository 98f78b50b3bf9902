import { z } from 'zod';
import { CrmError } from '../../crm';
import type { CrmClient, CrmObjectType } from '../../crm';
import { formatProblem, scoreLead } from '../../engine';
import type { CrmObject, Model } from '../../engine';
import { modelInUse } from '../../versions';
import type { ModelInUse, ModelSource } from '../../versions';
import { readLeads } from '../../recalc/readLeads';
import { checkMappings, objectsToCheck } from '../../setup/checkMappings';
import type { PortalProperty } from '../../setup/types';
import type { ContactPreview, MappingCheck, ModelSourceInfo, SettingsError, SettingsOverview, SettingsResponse } from '../settings/lib/settingsApi';

/** The CRM adapter calls the settings page's function makes. */
export type SettingsCrm = Pick<CrmClient, 'getProperties' | 'readContacts' | 'searchContacts' | 'contactDeals' | 'readDeals' | 'contactCompanies' | 'readCompanies' | 'readObject'>;

export interface SettingsRequestDeps {
  /** Built only once the parameters are valid: a bad request needs no token. */
  crm: () => SettingsCrm;
  /** A fixed model, or the resolver of the portal's published one (one request per call). */
  model: ModelSource;
  now: Date;
}

const OBJECT_TYPES: Record<CrmObject, CrmObjectType> = { contact: 'contacts', deal: 'deals', company: 'companies' };
const NAME_PROPERTIES = ['email', 'firstname', 'lastname'];

const parametersSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('overview') }),
  z.strictObject({ action: z.literal('preview'), contact: z.string().trim().min(1, 'enter a contact id or an email address') }),
]);

/**
 * The settings page's app function, IO passed in. `overview`: the deployed model, or its problems,
 * and the same mapping checks as `bant check` against this portal. `preview`: one contact (by id or
 * email) scored with the model, beside what HubSpot stores for it. Never throws.
 */
export async function handleSettingsRequest(parameters: unknown, deps: SettingsRequestDeps): Promise<SettingsResponse<SettingsOverview> | SettingsResponse<ContactPreview>> {
  const parsed = parametersSchema.safeParse(parameters);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'parameters'}: ${issue.message}`).join('; ');
    return failure('invalid_parameters', `The settings page sent a request the function cannot read (${details}).`);
  }
  const request = parsed.data;
  const doing = request.action === 'overview' ? 'reading the published model' : 'scoring the contact';
  let crm: SettingsCrm;
  let model: ModelInUse;
  try {
    crm = deps.crm();
    model = await modelInUse(deps.model, crm);
  } catch (error) {
    console.error(`bant_settings_api ${request.action}: could not read the published model:`, error instanceof CrmError ? error.message : error); // a CRM failure in one line; anything else with its stack
    return failure(...crmFailure(error, doing));
  }
  if (request.action === 'overview') {
    if (!model.ok) {
      return { ok: true, data: { model: null, modelProblems: model.problems, modelSource: sourceOf(model), check: { checked: false, reason: 'The model is invalid, so its mappings were not checked.' } } };
    }
    return { ok: true, data: { model: model.model, modelProblems: [], modelSource: sourceOf(model), check: await check(crm, model.model) } };
  }
  if (!model.ok) {
    return failure('model_invalid', `The model in use is invalid (first problem: ${formatProblem(model.problems[0] ?? { path: '', message: '?' })}).`);
  }
  try {
    return await preview(crm, model.model, request.contact.trim(), deps.now);
  } catch (error) {
    console.error(`bant_settings_api preview failed for "${request.contact}":`, error instanceof CrmError ? error.message : error); // a CRM failure in one line; anything else with its stack
    return failure(...crmFailure(error, 'scoring the contact'));
  }
}

/** Which model the page shows: the published version, or the bundled model and why. */
function sourceOf(model: ModelInUse): ModelSourceInfo {
  if (!model.ok) return { kind: model.source, version: null, description: model.source === 'portal' ? 'the published version, which cannot be used' : 'the bundled model, which is invalid' };
  const { resolved } = model;
  if (!resolved) return { kind: 'bundled', version: null, description: `the model ${model.model.version}` };
  return { kind: resolved.source, version: resolved.version, description: resolved.description };
}

async function check(client: SettingsCrm, model: Model): Promise<MappingCheck> {
  try {
    const portal: Partial<Record<CrmObject, PortalProperty[]>> = {};
    for (const object of objectsToCheck(model)) portal[object] = await client.getProperties(OBJECT_TYPES[object]);
    const { problems, warnings, checked } = checkMappings(model, portal);
    return { checked: true, mappings: checked, problems, warnings };
  } catch (error) {
    console.error('bant_settings_api could not check the mappings:', error instanceof CrmError ? error.message : error); // a CRM failure in one line; anything else with its stack
    return { checked: false, reason: crmFailure(error, 'reading the property definitions')[1] };
  }
}

async function preview(crm: SettingsCrm, model: Model, lookup: string, now: Date): Promise<SettingsResponse<ContactPreview>> {
  let id: string;
  if (/^\d+$/.test(lookup)) {
    id = lookup;
  } else if (/^[^\s@]+@[^\s@]+$/.test(lookup)) {
    const page = await crm.searchContacts({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: lookup }] }], properties: ['email'], limit: 1 });
    const found = page.results[0];
    if (!found) return failure('not_found', `No contact has the email address ${lookup}. Check the spelling, or enter the contact's record id.`);
    id = found.id;
  } else {
    return failure('invalid_parameters', `"${lookup}" is neither a contact record id (digits, e.g. 101) nor an email address.`);
  }

  const lead = (await readLeads(crm, model, [id], NAME_PROPERTIES)).get(id);
  if (!lead) return failure('not_found', `Contact ${id} does not exist in HubSpot (deleted or merged?). Check the id.`);
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
function crmFailure(error: unknown, doing: string): [SettingsError['code'], string, boolean] {
  if (error instanceof CrmError) {
    if (error.code === 'CONFIGURATION' || error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') {
      return ['crm', `HubSpot refused the app while ${doing}: ${error.message}`, false];
    }
    return [error.isTransport ? 'unreachable' : 'crm', `HubSpot failed while ${doing}: ${error.message}`, error.retryable];
  }
  return ['internal', `Unexpected failure while ${doing}; the app function logs of bant_settings_api have the details.`, false];
}
