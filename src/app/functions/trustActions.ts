/**
 * The card function's trust actions (issue 13): who answered and when on every save, "still true"
 * re-confirmations, and the verdict set by hand with a reason. Each writes the rep's part and the
 * derived properties it changes in ONE batch update and answers like a load.
 */
import { z } from 'zod';
import { ANSWERED_BY, answeredAt, OVERRIDE, OVERRIDE_BY, OVERRIDE_REASON, OVERRIDE_UNTIL, readDate, scoreLead, toDerivedProperties } from '../../engine';
import type { Model, RawProperties } from '../../engine';
import { resolveText } from '../../i18n';
import { answerSource } from '../cards/lib/answerFields';
import type { CardHistory, CardResponse, FieldError } from '../cards/lib/cardApi';
import type { Speaking } from './answersSchema';
import { notEditableReason, readContact, toCardData } from './readContact';
import type { CardCrm, ContactSnapshot } from './readContact';
import { crmFailureToCardError } from './toCardError';

/** The longest reason kept: a few sentences a manager reads on the card, well inside HubSpot's 65,536 characters. */
export const MAX_REASON_LENGTH = 1_000;

/** The rep's HubSpot user id, as the card reads it from `context.user.id`. */
export const userIdSchema = z.union([z.string(), z.number()]).transform(String)
  .pipe(z.string().regex(/^\d+$/, 'must be the HubSpot user id of the rep (context.user.id), digits only, e.g. "4511"'));

/**
 * The trust actions' parameters beside the card's common ones (portal, contact, locale):
 * `confirm` re-stamps criteria without changing their answers; `override` sets the verdict by hand
 * (`verdict: null` clears it). Shapes only: the reason and the last day are checked in the rep's
 * words by `override`.
 */
export function trustParameters<Common extends z.ZodRawShape>(common: Common) {
  return [
    z.strictObject({
      action: z.literal('confirm'), ...common, userId: userIdSchema,
      criteria: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a criterion key such as "budget"')).min(1, 'name at least one criterion to confirm, e.g. ["budget"]').max(50),
    }),
    z.strictObject({
      action: z.literal('override'), ...common, userId: userIdSchema,
      verdict: z.enum(['qualified', 'not_qualified']).nullable(),
      reason: z.string().optional(),
      until: z.string().optional(),
    }),
  ] as const;
}

export interface ConfirmRequest {
  contactId: string;
  userId: string;
  criteria: string[];
}

export interface OverrideRequest {
  contactId: string;
  userId: string;
  verdict: 'qualified' | 'not_qualified' | null;
  reason?: string | undefined;
  until?: string | undefined;
}

type Account = Parameters<typeof readContact>[3];

/** The history section for a snapshot and the properties just written from it. */
export type HistoryFor = (snapshot: ContactSnapshot, written: Record<string, string>) => Promise<CardHistory>;

/**
 * The stamps of a save: `bant_<key>_answered_at` = now for every criterion whose answer the rep
 * sent (an answer cleared clears its stamp: no answer, no age), and `bant_answered_by` = the rep.
 * Without a user id (a card older than the function) the stamps are written and nobody is credited.
 * @example saveStamps(bantDefault, { bant_budget: '150000' }, '4511', now) // { bant_budget_answered_at: now.toISOString(), bant_answered_by: '4511' }
 */
export function saveStamps(model: Model, answers: Record<string, string>, userId: string | undefined, now: Date): Record<string, string> {
  const stamps: Record<string, string> = {};
  for (const criterion of model.criteria) {
    const property = answerSource(criterion)?.property;
    if (property === undefined || !(property in answers)) continue;
    stamps[answeredAt(criterion)] = answers[property] === '' ? '' : now.toISOString();
  }
  if (Object.keys(stamps).length > 0) stamps[ANSWERED_BY] = userId ?? '';
  return stamps;
}

/**
 * "Still true": stamps the criteria's answers as confirmed now by the rep, values unchanged, with
 * the derived properties the new ages change (a stale answer stops being stale), in one write.
 * Refused, naming the criterion, when one has no answer of the rep's own to confirm.
 */
export async function confirmAnswers(crm: CardCrm, model: Model, request: ConfirmRequest, now: Date, speaking: Speaking, account: Account, history?: HistoryFor): Promise<CardResponse> {
  const { t, locale } = speaking;
  const known = model.criteria.map((c) => c.key);
  const unknownKeys = request.criteria.filter((key) => !known.includes(key));
  if (unknownKeys.length > 0) {
    const fields = unknownKeys.map((key): FieldError => ({ property: '', criterion: key, value: key, message: t('trust.notACriterion', { criterion: key, known: known.join(', ') }) }));
    return refused(fields, 'trust.nothingConfirmed', speaking);
  }
  const snapshot = await readContact(crm, model, request.contactId, account);
  if (!snapshot) return notFound(request.contactId, speaking);
  const blocked = notEditableReason(snapshot.properties, t);
  if (blocked) return { ok: false, error: { code: 'configuration', retryable: false, message: blocked } };

  const current = scoreLead(model, lead(snapshot, snapshot.contact), now);
  const stamps: Record<string, string> = {};
  const fields: FieldError[] = [];
  for (const key of new Set(request.criteria)) {
    const criterion = model.criteria.find((c) => c.key === key);
    const result = current.criteria.find((c) => c.key === key);
    if (!criterion || !result) continue;
    const property = answerSource(criterion)?.property ?? '';
    // Only the rep's own answer has an age: a value read from a deal is dated by the deal.
    if (result.status === 'unknown' || result.source?.object !== 'contact' || result.source.property !== property) {
      fields.push({ property, criterion: key, value: '', message: t('trust.nothingToConfirm', { label: resolveText(criterion.label, locale) }) });
      continue;
    }
    stamps[answeredAt(criterion)] = now.toISOString();
  }
  if (fields.length > 0) return refused(fields, 'trust.nothingConfirmed', speaking);
  stamps[ANSWERED_BY] = request.userId;
  return write(crm, model, snapshot, request.contactId, stamps, now, t('trust.doingConfirm'), speaking, history);
}

/**
 * Sets the verdict by hand, or clears it (`verdict: null`): allowed when the model lets editors
 * override and the rep can edit; a reason is required, the last day is optional and not past.
 * Writes `bant_override`, `_reason`, `_by`, `_until` and the derived properties (`bant_verdict`,
 * and `bant_next_action` when routing follows the override) in one batch update.
 */
export async function overrideVerdict(crm: CardCrm, model: Model, request: OverrideRequest, now: Date, speaking: Speaking, account: Account, history?: HistoryFor): Promise<CardResponse> {
  const { t } = speaking;
  if (model.overrides?.who !== 'editors') return { ok: false, error: { code: 'not_allowed', retryable: false, message: t('trust.overrideNotAllowed') } };
  const checked = checkOverride(request, now, speaking);
  if (!checked.ok) return refused(checked.fields, 'trust.overrideRefused', speaking);
  const snapshot = await readContact(crm, model, request.contactId, account);
  if (!snapshot) return notFound(request.contactId, speaking);
  const blocked = notEditableReason(snapshot.properties, t);
  if (blocked) return { ok: false, error: { code: 'configuration', retryable: false, message: blocked } };
  const doing = t(request.verdict === null ? 'trust.doingClear' : 'trust.doingOverride');
  return write(crm, model, snapshot, request.contactId, checked.properties, now, doing, speaking, history);
}

/** The override's properties as HubSpot stores them, or the refused fields in the rep's words. */
function checkOverride(request: OverrideRequest, now: Date, { t }: Speaking): { ok: true; properties: Record<string, string> } | { ok: false; fields: FieldError[] } {
  if (request.verdict === null) return { ok: true, properties: { [OVERRIDE]: '', [OVERRIDE_REASON]: '', [OVERRIDE_BY]: request.userId, [OVERRIDE_UNTIL]: '' } };
  const fields: FieldError[] = [];
  const reason = (request.reason ?? '').trim();
  if (reason === '') fields.push({ property: OVERRIDE_REASON, criterion: '', value: request.reason ?? '', message: t('trust.reasonRequired') });
  else if (reason.length > MAX_REASON_LENGTH) fields.push({ property: OVERRIDE_REASON, criterion: '', value: reason, message: t('trust.reasonTooLong', { length: reason.length, max: MAX_REASON_LENGTH }) });
  const until = (request.until ?? '').trim();
  if (until !== '') {
    const time = /^\d{4}-\d{2}-\d{2}$/.test(until) ? readDate(until) : NaN;
    if (Number.isNaN(time)) fields.push({ property: OVERRIDE_UNTIL, criterion: '', value: until, message: t('trust.untilNotDate', { value: until }) });
    // The last day counts whole (UTC), so today is the earliest day that still applies.
    else if (until < now.toISOString().slice(0, 10)) fields.push({ property: OVERRIDE_UNTIL, criterion: '', value: until, message: t('trust.untilPast', { value: until }) });
  }
  if (fields.length > 0) return { ok: false, fields };
  return { ok: true, properties: { [OVERRIDE]: request.verdict, [OVERRIDE_REASON]: reason, [OVERRIDE_BY]: request.userId, [OVERRIDE_UNTIL]: until } };
}

/** Writes the rep's properties with the derived ones they lead to, in one batch update, and answers like a load. */
async function write(crm: CardCrm, model: Model, snapshot: ContactSnapshot, contactId: string, own: Record<string, string>, now: Date, doing: string, { t }: Speaking, history?: HistoryFor): Promise<CardResponse> {
  const contact = { ...snapshot.contact, ...own };
  const result = scoreLead(model, lead(snapshot, contact), now);
  const properties = { ...own, ...toDerivedProperties(model, result, now) };
  const { failed } = await crm.updateContacts([{ id: contactId, properties }]);
  const failure = failed[0];
  if (failure) return { ok: false, error: crmFailureToCardError(failure, doing, t) };
  const data = toCardData(model, contactId, { ...snapshot, contact: { ...snapshot.contact, ...properties } }, now, t);
  return { ok: true, data: history ? { ...data, history: await history(snapshot, properties) } : data, written: Object.keys(properties) };
}

function lead(snapshot: ContactSnapshot, contact: RawProperties) {
  return { contact, deals: snapshot.deals, ...(snapshot.company ? { company: snapshot.company } : {}) };
}

function refused(fields: FieldError[], key: 'trust.nothingConfirmed' | 'trust.overrideRefused', { t }: Speaking): CardResponse {
  return { ok: false, error: { code: 'invalid_answers', retryable: false, fields, message: t(key, { details: fields.map((f) => f.message).join(' ') }) } };
}

function notFound(contactId: string, { t }: Speaking): CardResponse {
  return { ok: false, error: { code: 'not_found', retryable: false, message: t('cardApi.notFound', { contact: contactId }) } };
}
