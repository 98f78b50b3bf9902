import { z } from 'zod';
import { CrmError } from '../../crm';
import { formatProblem, scoreLead, toDerivedProperties } from '../../engine';
import type { Model, ModelProblem } from '../../engine';
import { resolveLocale } from '../../i18n';
import { modelInUse } from '../../versions';
import type { ModelSource } from '../../versions';
import { DISMISSED_PROPERTY, suggestionKey, withDismissal } from '../../extract';
import type { CardResponse, DismissParameters, FieldError, LoadParameters, SaveParameters } from '../cards/lib/cardApi';
import { choicesMissingInHubSpot, validateAnswers } from './answersSchema';
import { loadSuggestions } from './loadSuggestions';
import type { OpenedTranscript } from './loadSuggestions';
import { openTranscript } from './openTranscript';
import { readContactLead } from './readContactLead';
import type { LeadStageCache } from './readContactLead';
import { readContact, notEditableReason, toCardData } from './readContact';
import type { CardCrm } from './readContact';
import { crmFailureToCardError, toCardError } from './toCardError';
import { functionTranslator } from './messages';
import type { Speaking } from './answersSchema';
import { accountDetails } from './accountDetails';
import { confirmAnswers, overrideVerdict, saveStamps, trustParameters, userIdSchema } from './trustActions';
import type { HistoryFor } from './trustActions';
import type { AccountCache } from './accountDetails';
import { CARD_REQUEST_BUDGET, cardHistoryFor } from './cardHistory';
import type { UserNamesCache } from './cardHistory';

export interface CardRequestDeps {
  /** Built only once the parameters are valid: a bad request needs no token. */
  crm: () => CardCrm;
  /** A fixed model, or the resolver of the portal's published one (one request per call). */
  model: ModelSource;
  now: Date;
  /** Keeps the account's currency and time zone between calls; without it they are not read. */
  account?: AccountCache;
  /** Keeps the names of the account's users between calls, for the history. */
  names?: UserNamesCache;
  /** Keeps the labels of a portal's custom lead stages between calls. */
  leadStages?: LeadStageCache;
}

const recordId = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+$/, 'must be a HubSpot record id (digits only, e.g. "101")'));
const common = {
  portalId: z.number().int().positive('must be the account id, context.portal.id'),
  contactId: recordId,
  /** The rep's language (`context.user.locale`): the function's messages are written in it. */
  locale: z.string().max(35).optional(),
};

const parametersSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('load'), ...common }),
  z.strictObject({ action: z.literal('save'), ...common, answers: z.record(z.string(), z.unknown()), userId: userIdSchema.optional() }),
  z.strictObject({
    action: z.literal('dismiss'), ...common,
    criterion: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a criterion key such as "budget"'),
    sourceId: z.string().regex(/^[^;:\s]+$/, 'must be the id of the activity the suggestion came from'),
  }),
  ...trustParameters(common),
  z.strictObject({
    action: z.literal('transcript'), ...common, callId: recordId,
    transcriptId: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be the id of the call\'s transcript'),
  }),
]);

/**
 * The card's app function, IO passed in: `load` reads and scores one contact, with its history;
 * `save` validates the rep's answers against the model, writes them with who answered and when and
 * the derived properties in ONE batch update, and answers with the new result; `dismiss` hides a
 * suggestion; `confirm` and `override` are the trust actions (./trustActions.ts). Never throws:
 * failures come back as `{ ok: false, error }`.
 */
export async function handleCardRequest(parameters: unknown, deps: CardRequestDeps): Promise<CardResponse> {
  const parsed = parametersSchema.safeParse(parameters);
  const locale = parameters && typeof parameters === 'object' && 'locale' in parameters && typeof parameters.locale === 'string' ? parameters.locale : null;
  const speaking: Speaking = { t: functionTranslator(locale), locale: resolveLocale(locale).locale };
  const { t } = speaking;
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'parameters'}: ${issue.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_parameters', retryable: false, message: t('cardApi.badRequest', { details }) } };
  }
  const request = parsed.data;
  const doing = t(request.action === 'load' ? 'cardApi.doingLoad' : request.action === 'dismiss' ? 'suggestions.doingDismiss'
    : request.action === 'confirm' ? 'trust.doingConfirm' : request.action === 'override' ? 'trust.doingOverride'
      : request.action === 'transcript' ? 'suggestions.doingTranscript' : 'cardApi.doingSave');
  try {
    const crm = deps.crm();
    const spentBefore = crm.stats().totalCalls;
    const lead: LeadRead = { portalId: request.portalId, requestsLeft: () => CARD_REQUEST_BUDGET - (crm.stats().totalCalls - spentBefore), ...(deps.leadStages ? { stages: deps.leadStages } : {}) };
    const model = await modelInUse(deps.model, crm);
    if (!model.ok) return modelInvalid(model.problems, t);
    const { account } = deps;
    const details = account ? () => accountDetails(crm, account, request.portalId, deps.now) : undefined;
    // Who changed what, from the history riding on the card's reads (src/history); names from one cached owners read.
    const history: HistoryFor = (snapshot, written) => cardHistoryFor(crm, model.model, snapshot, written, deps.now, { cache: deps.names, portalId: request.portalId, spent: () => crm.stats().totalCalls - spentBefore });
    if (request.action === 'dismiss') return await dismiss(crm, model.model, request, deps.now, speaking, details, history);
    if (request.action === 'transcript') return await openTranscript(crm, request, t, (opened) => load(crm, model.model, request, deps.now, speaking, details, history, opened, lead));
    if (request.action === 'confirm') return await confirmAnswers(crm, model.model, request, deps.now, speaking, details, history);
    if (request.action === 'override') return await overrideVerdict(crm, model.model, request, deps.now, speaking, details, history);
    return request.action === 'load'
      ? await load(crm, model.model, request, deps.now, speaking, details, history, undefined, lead)
      : await save(crm, model.model, request, deps.now, speaking, details, history);
  } catch (error) {
    console.error(`bant_card_api ${request.action} failed for contact ${request.contactId}:`, error instanceof CrmError ? error.message : error); // a CRM failure in one line; anything else with its stack
    return { ok: false, error: toCardError(error, doing, t) };
  }
}

type ReadAccount = Parameters<typeof readContact>[3];

/** How a load reads the contact's lead: within what is left of the request budget. */
interface LeadRead {
  portalId: number;
  requestsLeft: () => number;
  stages?: LeadStageCache;
}

async function load(crm: CardCrm, model: Model, { contactId }: Pick<LoadParameters, 'contactId'>, now: Date, { t }: Speaking, account: ReadAccount, history: HistoryFor, opened?: OpenedTranscript, leadRead?: LeadRead): Promise<CardResponse> {
  const snapshot = await readContact(crm, model, contactId, account);
  if (!snapshot) return notFound(contactId, t);
  const found = await loadSuggestions(crm, model, snapshot, now, snapshot.account?.currency ?? undefined, opened, leadRead?.requestsLeft()).catch((error: unknown) => {
    // Suggestions are a help, not the card: without them (a scope refused, HubSpot busy) the card still works.
    console.error(`bant_card_api suggestions skipped for contact ${contactId}:`, error instanceof CrmError ? error.message : error);
    return null;
  });
  let contact = snapshot.contact;
  let autofilled: string[] = [];
  if (found?.autofill && notEditableReason(snapshot.properties, t) === null) {
    const { failed } = await crm.updateContacts([{ id: contactId, properties: found.autofill.properties }]);
    if (failed.length === 0) {
      contact = { ...contact, ...found.autofill.properties };
      autofilled = found.autofill.criteria;
    }
  }
  // The contact's lead and its stage (HubSpot Leads), when the portal has them and the budget allows.
  const lead = leadRead ? await readContactLead(crm, model, snapshot.record, { portalId: leadRead.portalId, requestsLeft: leadRead.requestsLeft(), ...(leadRead.stages ? { stages: leadRead.stages } : {}) }) : null;
  const data = toCardData(model, contactId, { ...snapshot, contact }, now, t);
  const shown = await history(snapshot, autofilled.length > 0 && found?.autofill ? found.autofill.properties : {});
  return {
    ok: true,
    data: {
      ...data, ...(found ? { suggestions: found.suggestions } : {}), ...(found && found.transcripts.length > 0 ? { transcripts: found.transcripts } : {}),
      ...(autofilled.length > 0 ? { autofilled } : {}), history: shown, ...(lead ? { lead } : {}),
    },
  };
}

/** Keeps the dismissal on the contact (every rep sees the same), then answers like a load. */
async function dismiss(crm: CardCrm, model: Model, { contactId, criterion, sourceId }: DismissParameters, now: Date, speaking: Speaking, account: ReadAccount, history: HistoryFor): Promise<CardResponse> {
  const { t } = speaking;
  const contact = await crm.readObject('contacts', contactId, [DISMISSED_PROPERTY]);
  if (!contact) return notFound(contactId, t);
  const value = withDismissal(contact.properties[DISMISSED_PROPERTY], suggestionKey({ criterion, source: { id: sourceId } }));
  const { failed } = await crm.updateContacts([{ id: contactId, properties: { [DISMISSED_PROPERTY]: value } }]);
  const failure = failed[0];
  if (failure) return { ok: false, error: crmFailureToCardError(failure, t('suggestions.doingDismiss'), t) };
  return load(crm, model, { contactId }, now, speaking, account, history);
}

async function save(crm: CardCrm, model: Model, { contactId, answers: sent, userId }: Pick<SaveParameters, 'contactId' | 'userId'> & { answers: Record<string, unknown> }, now: Date, speaking: Speaking, account: ReadAccount, history: HistoryFor): Promise<CardResponse> {
  const { t } = speaking;
  const checked = validateAnswers(model, sent, now, speaking);
  if (!checked.ok) return refused(checked.fields, t);
  const snapshot = await readContact(crm, model, contactId, account);
  if (!snapshot) return notFound(contactId, t);
  // The portal lacks the app's setup: the admin must act, the rep cannot (the card was read-only already).
  const reason = notEditableReason(snapshot.properties, t);
  if (reason) return { ok: false, error: { code: 'configuration', retryable: false, message: reason } };
  const unknownToHubSpot = choicesMissingInHubSpot(model, checked.answers, snapshot.properties, speaking);
  if (unknownToHubSpot.length > 0) return refused(unknownToHubSpot, t);

  // Who answered and when, for each answer sent (issue 13): the ages of stale answers start again.
  const stamps = saveStamps(model, checked.answers, userId, now);
  const contact = { ...snapshot.contact, ...checked.answers, ...stamps };
  const result = scoreLead(model, { contact, deals: snapshot.deals, ...(snapshot.company ? { company: snapshot.company } : {}) }, now);
  const properties = { ...checked.answers, ...stamps, ...toDerivedProperties(model, result, now) };
  const { failed } = await crm.updateContacts([{ id: contactId, properties }]);
  const failure = failed[0];
  if (failure) return { ok: false, error: crmFailureToCardError(failure, t('cardApi.doingSave'), t) };
  const data = toCardData(model, contactId, { ...snapshot, contact: { ...snapshot.contact, ...properties } }, now, t);
  return { ok: true, data: { ...data, history: await history(snapshot, properties) }, written: Object.keys(properties) };
}

function modelInvalid(problems: ModelProblem[], t: Speaking['t']): CardResponse {
  return {
    ok: false,
    error: { code: 'model_invalid', retryable: false, problems, message: t('cardApi.modelInvalid', { count: problems.length, first: formatProblem(problems[0] ?? { path: '', message: '?' }) }) },
  };
}

function refused(fields: FieldError[], t: Speaking['t']): CardResponse {
  return {
    ok: false,
    error: { code: 'invalid_answers', retryable: false, fields, message: t('cardApi.nothingSaved', { count: fields.length, details: fields.map((f) => f.message).join(' ') }) },
  };
}

function notFound(contactId: string, t: Speaking['t']): CardResponse {
  return { ok: false, error: { code: 'not_found', retryable: false, message: t('cardApi.notFound', { contact: contactId }) } };
}
