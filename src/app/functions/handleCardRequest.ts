import { z } from 'zod';
import { CrmError } from '../../crm';
import { formatProblem, scoreLead, toDerivedProperties } from '../../engine';
import type { Model, ModelProblem } from '../../engine';
import { modelInUse } from '../../versions';
import type { ModelSource } from '../../versions';
import type { CardResponse, FieldError, LoadParameters, SaveParameters } from '../cards/lib/cardApi';
import { choicesMissingInHubSpot, validateAnswers } from './answersSchema';
import { readContact, notEditableReason, toCardData } from './readContact';
import type { CardCrm } from './readContact';
import { crmFailureToCardError, toCardError } from './toCardError';

export interface CardRequestDeps {
  /** Built only once the parameters are valid: a bad request needs no token. */
  crm: () => CardCrm;
  /** A fixed model, or the resolver of the portal's published one (one request per call). */
  model: ModelSource;
  now: Date;
}

const recordId = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+$/, 'must be a HubSpot record id (digits only, e.g. "101")'));
const common = { portalId: z.number().int().positive('must be the account id, context.portal.id'), contactId: recordId };

const parametersSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('load'), ...common }),
  z.strictObject({ action: z.literal('save'), ...common, answers: z.record(z.string(), z.unknown()) }),
]);

/**
 * The card's app function, IO passed in: `load` reads and scores one contact; `save` validates the
 * rep's answers against the model, writes them with the derived properties in ONE batch update,
 * and answers with the new result. Never throws: failures come back as `{ ok: false, error }`.
 */
export async function handleCardRequest(parameters: unknown, deps: CardRequestDeps): Promise<CardResponse> {
  const parsed = parametersSchema.safeParse(parameters);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'parameters'}: ${issue.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_parameters', retryable: false, message: `The card sent a request the function cannot read (${details}). Reload the page; if it persists, the card and the function are out of step, so deploy the project again.` } };
  }
  const request = parsed.data;
  const doing = request.action === 'load' ? 'loading this contact' : 'saving the answers';
  try {
    const crm = deps.crm();
    const model = await modelInUse(deps.model, crm);
    if (!model.ok) return modelInvalid(model.problems);
    return request.action === 'load' ? await load(crm, model.model, request, deps.now) : await save(crm, model.model, request, deps.now);
  } catch (error) {
    console.error(`bant_card_api ${request.action} failed for contact ${request.contactId}:`, error instanceof CrmError ? error.message : error); // a CRM failure in one line; anything else with its stack
    return { ok: false, error: toCardError(error, doing) };
  }
}

async function load(crm: CardCrm, model: Model, { contactId }: Pick<LoadParameters, 'contactId'>, now: Date): Promise<CardResponse> {
  const snapshot = await readContact(crm, model, contactId);
  if (!snapshot) return notFound(contactId);
  return { ok: true, data: toCardData(model, contactId, snapshot, now) };
}

async function save(crm: CardCrm, model: Model, { contactId, answers: sent }: Pick<SaveParameters, 'contactId'> & { answers: Record<string, unknown> }, now: Date): Promise<CardResponse> {
  const checked = validateAnswers(model, sent, now);
  if (!checked.ok) return refused(checked.fields);
  const snapshot = await readContact(crm, model, contactId);
  if (!snapshot) return notFound(contactId);
  const reason = notEditableReason(snapshot.properties);
  if (reason) return { ok: false, error: { code: 'forbidden', retryable: false, message: reason } };
  const unknownToHubSpot = choicesMissingInHubSpot(model, checked.answers, snapshot.properties);
  if (unknownToHubSpot.length > 0) return refused(unknownToHubSpot);

  const contact = { ...snapshot.contact, ...checked.answers };
  const result = scoreLead(model, { contact, deals: snapshot.deals, ...(snapshot.company ? { company: snapshot.company } : {}) }, now);
  const properties = { ...checked.answers, ...toDerivedProperties(model, result, now) };
  const { failed } = await crm.updateContacts([{ id: contactId, properties }]);
  const failure = failed[0];
  if (failure) return { ok: false, error: crmFailureToCardError(failure, 'saving the answers') };
  return { ok: true, data: toCardData(model, contactId, { ...snapshot, contact: { ...snapshot.contact, ...properties } }, now), written: Object.keys(properties) };
}

function modelInvalid(problems: ModelProblem[]): CardResponse {
  return {
    ok: false,
    error: { code: 'model_invalid', retryable: false, problems, message: `The active BANT model is invalid (${problems.length} problem${problems.length > 1 ? 's' : ''}, first: ${formatProblem(problems[0] ?? { path: '', message: '?' })}).` },
  };
}

function refused(fields: FieldError[]): CardResponse {
  const count = fields.length;
  return {
    ok: false,
    error: { code: 'invalid_answers', retryable: false, fields, message: `Nothing was saved: ${count} answer${count > 1 ? 's need' : ' needs'} fixing. ${fields.map((f) => f.message).join(' ')}` },
  };
}

function notFound(contactId: string): CardResponse {
  return { ok: false, error: { code: 'not_found', retryable: false, message: `Contact ${contactId} does not exist in HubSpot any more (deleted or merged). Reload the record page.` } };
}
