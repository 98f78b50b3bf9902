import { ANSWERED_BY, answeredAt, derivedPropertyNames, propertiesRead } from '../engine';
import type { Model } from '../engine';
import type { CrmActivityType, CrmClient } from '../crm';
import { ACTIVITY_TYPE_IDS, OBJECT_TYPE_IDS } from './events';
import type { AssociationChangeEvent, CreationEvent, PropertyChangeEvent, WebhookEvent, WorkflowCallback } from './events';
import { autofillOn, homeCurrencyOnce } from './autofillLeads';
import type { ActivityReader } from './readLeadActivities';
import { advanceStages } from './advanceStages';
import { answerStamps } from './answerStamps';
import type { AnswerStamps } from './answerStamps';
import type { StageOutcome, StagesCrm } from './advanceStages';
import { committeeHints } from './committeeHints';
import type { CommitteeHints } from './committeeHints';
import type { RecalcCrm } from './RecalcCrm';
import { refreshCommittees } from './refreshCommittees';
import type { CommitteeCrm, CommitteeOutcome } from './refreshCommittees';
import { refreshContacts } from './refreshContacts';
import type { ContactOutcome } from './refreshContacts';

export interface RecalcDeps {
  crm: RecalcCrm & CommitteeCrm & StagesCrm & AutofillCrm;
  model: Model;
  /** The clock, injected: timeline windows are measured from it. */
  now: () => Date;
}

export interface RecalcReport {
  /** True only when every affected contact is up to date in the CRM. */
  ok: boolean;
  /** When not ok: whether delivering the same events again can succeed (HubSpot redelivers on 5xx). */
  retryable: boolean;
  /** When not ok: the CrmError code of each failure (a write refused, or the call that stopped the work). */
  failureCodes: string[];
  message: string;
  events: number;
  duplicates: number;
  ignored: Array<{ eventId: string; reason: string }>;
  contacts: ContactOutcome[];
  /** Deals and companies whose committee was rolled up (when the model opts in). */
  committees: CommitteeOutcome[];
  /** Leads and lifecycle stages moved after the scores were stored (when the model opts in). */
  stages: StageOutcome[];
}

/** Deal properties that change which deal is open even though the engine reads `hs_is_closed`. */
const DEAL_STAGE_PROPERTIES = ['dealstage', 'pipeline'];

/**
 * Recalculates the contacts a batch of webhook events points at. Events are hints, never data: the
 * handler re-reads current CRM state, so duplicates, stale or reordered events at most cause a
 * harmless recomputation. Events about derived `bant_*` properties or properties no criterion
 * reads cause no CRM call at all (no loops).
 */
export async function recalculateFromEvents(events: WebhookEvent[], deps: RecalcDeps): Promise<RecalcReport> {
  const read = propertiesRead(deps.model);
  // The app's own outputs, answer stamps included: events about them never trigger work (no loops).
  const derived = new Set([...derivedPropertyNames(deps.model), ...deps.model.criteria.map(answeredAt), ANSWERED_BY]);
  const dealProperties = new Set([...read.deal, ...DEAL_STAGE_PROPERTIES]);
  const contactProperties = new Set(read.contact);
  const companyProperties = new Set(read.company);
  // Scoring reads a contact's first company only when a criterion has a company source.
  const readsCompanies = read.company.length > 0;

  const seen = new Set<string>();
  const dealIds = new Set<string>();
  const companyIds = new Set<string>();
  const contactIds = new Set<string>();
  const ignored: RecalcReport['ignored'] = [];
  const answerChanges: PropertyChangeEvent[] = [];
  // A new call, meeting, note or email may fill EMPTY answers (model `suggestions.autofill`).
  const filling = autofillOn(deps.model);
  const activities: ActivityHints = { contactIds: new Set(), created: new Map() };
  let duplicates = 0;
  for (const event of events) {
    if (seen.has(event.eventId)) {
      duplicates += 1;
      continue;
    }
    seen.add(event.eventId);
    const ignore = (reason: string) => ignored.push({ eventId: event.eventId, reason });
    if (isPropertyChange(event)) {
      const object = objectOf(event.objectTypeId, event.subscriptionType);
      if (object === 'contact' && derived.has(event.propertyName)) ignore(`${event.propertyName} is written by this app`);
      else if (object === 'deal' && dealProperties.has(event.propertyName)) dealIds.add(event.objectId);
      else if (object === 'contact' && contactProperties.has(event.propertyName)) {
        contactIds.add(event.objectId);
        answerChanges.push(event);
      }
      else if (object === 'company' && companyProperties.has(event.propertyName)) companyIds.add(event.objectId);
      else ignore(`${object ?? 'object'}.${event.propertyName} is not read by the model`);
    } else if (isCreation(event) && activityOf(event.objectTypeId)) {
      const kind = activityOf(event.objectTypeId)!;
      if (!filling) ignore('a new activity changes nothing while auto-fill is off');
      else activities.created.set(kind, [...(activities.created.get(kind) ?? []), event.objectId]);
    } else if (isAssociationChange(event) && (activityOf(event.fromObjectTypeId) || activityOf(event.toObjectTypeId))) {
      // An activity logged on a contact: its association to the contact.
      const contact = event.fromObjectTypeId === OBJECT_TYPE_IDS.contact ? event.fromObjectId : event.toObjectTypeId === OBJECT_TYPE_IDS.contact ? event.toObjectId : null;
      if (!filling) ignore('a new activity changes nothing while auto-fill is off');
      else if (!contact || event.associationRemoved) ignore('only an activity added to a contact can fill its answers');
      else {
        activities.contactIds.add(contact);
        contactIds.add(contact);
      }
    } else if (isAssociationChange(event)) {
      const from = objectOf(event.fromObjectTypeId, event.associationType?.split('_TO_')[0]?.toLowerCase());
      const to = objectOf(event.toObjectTypeId, event.associationType?.split('_TO_')[1]?.toLowerCase());
      if (from === 'contact' && to === 'deal') contactIds.add(event.fromObjectId);
      else if (from === 'deal' && to === 'contact') contactIds.add(event.toObjectId);
      else if (readsCompanies && from === 'contact' && to === 'company') contactIds.add(event.fromObjectId);
      else if (readsCompanies && from === 'company' && to === 'contact') contactIds.add(event.toObjectId);
      else ignore(`association ${from ?? '?'}→${to ?? '?'} does not feed the score`);
    } else {
      ignore(`${event.subscriptionType} events do not change the score`);
    }
  }
  const committees = committeeHints(events, deps.model);
  const tally = { events: events.length, duplicates, ignored: ignored.filter((i) => !committees.used.has(i.eventId)) };
  // An answer changed elsewhere is dated by its event (SCORING.md §6), so its age is right even when handled late.
  const stamps = answerStamps(deps.model, answerChanges);
  return refresh({ dealIds: [...dealIds], companyIds: [...companyIds], contactIds: [...contactIds] }, deps, tally, committees, stamps, activities);
}

/** New activities of a delivery: contacts they were logged on, and activities created (their contacts read in batches). */
interface ActivityHints {
  contactIds: Set<string>;
  created: Map<CrmActivityType, string[]>;
}

/** The CRM calls auto-fill on activity creation takes. */
export type AutofillCrm = ActivityReader & Pick<CrmClient, 'activityContacts' | 'getAccountInfo'>;

/** Recalculates for a workflow action: the enrolled deal's contacts, or the enrolled contact. */
export async function recalculateFromWorkflow(callback: WorkflowCallback, deps: RecalcDeps): Promise<RecalcReport> {
  const ids = callback.object.objectType === 'DEAL'
    ? { dealIds: [callback.object.objectId], companyIds: [], contactIds: [] }
    : { dealIds: [], companyIds: [], contactIds: [callback.object.objectId] };
  return refresh(ids, deps, { events: 1, duplicates: 0, ignored: [] }, { ...ids, used: new Set() });
}

async function refresh(
  hints: { dealIds: string[]; companyIds: string[]; contactIds: string[] },
  deps: RecalcDeps,
  tally: Pick<RecalcReport, 'events' | 'duplicates' | 'ignored'>,
  committeeTargets: CommitteeHints,
  stamps: AnswerStamps = new Map(),
  activities: ActivityHints = { contactIds: new Set(), created: new Map() },
): Promise<RecalcReport> {
  let committees: CommitteeOutcome[] = [];
  let stages: StageOutcome[] = [];
  try {
    const none = Promise.resolve(new Map<string, string[]>());
    const [fromDeals, fromCompanies, ...fromActivities] = await Promise.all([
      hints.dealIds.length > 0 ? deps.crm.dealContacts(hints.dealIds) : none,
      hints.companyIds.length > 0 ? deps.crm.companyContacts(hints.companyIds) : none,
      ...[...activities.created].map(([kind, ids]) => deps.crm.activityContacts(ids, kind)),
    ]);
    const filled = new Set([...activities.contactIds, ...fromActivities.flatMap((found) => [...found.values()].flat())]);
    const contactIds = [...new Set([...hints.contactIds, ...filled, ...[...fromDeals.values()].flat(), ...[...fromCompanies.values()].flat()])];
    const now = deps.now();
    const autofill = filled.size > 0 ? { contactIds: filled, run: { crm: deps.crm, home: homeCurrencyOnce(deps.crm) } } : undefined;
    const contacts = await refreshContacts(deps.crm, deps.model, contactIds, now, stamps, autofill);
    // Committees and HubSpot's own records follow the contacts' stored scores (see src/recalc/refreshCommittees.ts, advanceStages.ts).
    committees = await refreshCommittees(deps.crm, deps.model, { ...committeeTargets, contactIds: [...new Set([...committeeTargets.contactIds, ...hints.contactIds])] }, now);
    stages = await advanceStages(deps.crm, deps.model, contacts.flatMap((c) => (c.result && (c.status === 'written' || c.status === 'unchanged') ? [{ id: c.id, result: c.result }] : [])));
    const failed = contacts.filter((c) => c.status === 'failed');
    const written = contacts.filter((c) => c.status === 'written').length;
    const notWritten = [...committees.filter((c) => c.status === 'failed'), ...stages.filter((s) => s.status === 'failed')];
    if (failed.length > 0 || notWritten.length > 0) {
      const retryable = [...failed, ...notWritten].some((c) => c.error?.retryable !== false);
      const parts = [
        ...(failed.length > 0 ? [`${failed.length} of ${contacts.length} contact(s) not written (${failed.map((c) => `${c.id}: ${c.error?.message ?? 'failed'}`).join('; ')})`] : []),
        ...notWritten.map((o) => `${'object' in o ? o.object : o.kind} ${o.id} not written: ${o.error?.message ?? 'failed'}`),
      ];
      const failureCodes = [...failed, ...notWritten].map((o) => o.error?.code ?? 'UNEXPECTED');
      return { ...tally, ok: false, retryable, failureCodes, contacts, committees, stages, message: parts.join('; ') };
    }
    const rolled = committees.length > 0 ? `; ${committees.length} committee(s) rolled up, ${committees.filter((c) => c.status === 'written').length} written` : '';
    const moved = stages.length > 0 ? `; ${stages.length} stage(s) moved` : '';
    return { ...tally, ok: true, retryable: false, failureCodes: [], contacts, committees, stages, message: `${contacts.length} contact(s) recalculated, ${written} written, ${contacts.length - written} unchanged${rolled}${moved}; ${tally.ignored.length} event(s) ignored, ${tally.duplicates} duplicate(s)` };
  } catch (error) {
    const retryable = (error as { retryable?: boolean }).retryable !== false;
    const code = (error as { code?: unknown }).code;
    return { ...tally, ok: false, retryable, failureCodes: [typeof code === 'string' ? code : 'UNEXPECTED'], contacts: [], committees, stages, message: `could not recalculate: ${(error as Error).message}` };
  }
}

function isPropertyChange(event: WebhookEvent): event is PropertyChangeEvent {
  return event.subscriptionType.endsWith('propertyChange') && 'propertyName' in event;
}

function isCreation(event: WebhookEvent): event is CreationEvent {
  return event.subscriptionType === 'object.creation' && 'objectId' in event;
}

/** The activity kind of an object type id (calls 0-48, meetings 0-47, notes 0-46, emails 0-49), if it is one. */
function activityOf(typeId: string | undefined): CrmActivityType | undefined {
  return (Object.entries(ACTIVITY_TYPE_IDS) as Array<[CrmActivityType, string]>).find(([, id]) => id === typeId)?.[0];
}

function isAssociationChange(event: WebhookEvent): event is AssociationChangeEvent {
  return event.subscriptionType.endsWith('associationChange') && 'fromObjectId' in event;
}

function objectOf(typeId: string | undefined, hint: string | undefined): 'contact' | 'deal' | 'company' | undefined {
  if (typeId === OBJECT_TYPE_IDS.contact) return 'contact';
  if (typeId === OBJECT_TYPE_IDS.deal) return 'deal';
  if (typeId === OBJECT_TYPE_IDS.company) return 'company';
  // `deal.propertyChange`, or one side of an association type such as `COMPANY_TO_CONTACT`.
  const prefix = hint?.split(/[._]/)[0];
  return prefix === 'contact' || prefix === 'deal' || prefix === 'company' ? prefix : undefined;
}
