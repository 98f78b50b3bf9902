import { compileModel, derivedPropertiesChanged } from '../engine';
import type { LeadScore, Model } from '../engine';
import { readDate } from '../engine';
import { SAME_CHANGE_MS } from './answerStamps';
import type { AnswerStamps } from './answerStamps';
import type { Autofill } from '../extract';
import { AUTOFILL_CONTACT_PROPERTIES, autofillLeads, autofillOn } from './autofillLeads';
import type { AutofillRun } from './autofillLeads';
import { readLeads } from './readLeads';
import type { ContactWriteFailure, RecalcCrm } from './RecalcCrm';

export interface ContactOutcome {
  id: string;
  status: 'written' | 'unchanged' | 'missing' | 'failed';
  /** Derived properties that changed, answer stamps included: name → [stored, new]. */
  changes: Record<string, [string | null, string]>;
  before: { score: string | null; grade: string | null };
  result: LeadScore | null;
  error?: ContactWriteFailure;
}

/**
 * Brings contacts' derived BANT properties up to date from current CRM state: reads the leads in
 * batches (`readLeads`), scores each with the model, and writes only
 * contacts whose derived values changed (`bant_scored_at` alone is no change), in one batch update.
 * `stamps` date answers changed elsewhere: a stamp is written (and scored with) only when it is
 * newer than the stored one, so a late or replayed event never makes an answer look older or newer
 * than it is, and by a minute or more, so a write that carried its own stamp (the card's save, an
 * auto-fill) is not stamped again whatever source HubSpot names for it.
 */
export async function refreshContacts(
  crm: RecalcCrm, model: Model, contactIds: string[], now: Date, stamps: AnswerStamps = new Map(),
  /** Contacts whose new activity may fill EMPTY answers (model `suggestions.autofill`), and how to read it. */
  autofill?: { contactIds: Set<string>; run: AutofillRun },
): Promise<ContactOutcome[]> {
  const ids = [...new Set(contactIds)];
  if (ids.length === 0) return [];
  const stampNames = [...new Set([...stamps.values()].flatMap((contact) => Object.keys(contact)))];
  const filling = autofill && autofill.contactIds.size > 0 && autofillOn(model);
  const leads = await readLeads(crm, model, ids, [...stampNames, ...(filling ? AUTOFILL_CONTACT_PROPERTIES : [])]);
  const fills = filling
    ? await autofillLeads(autofill.run, model, now, new Map([...leads].filter(([id]) => autofill.contactIds.has(id))))
    : new Map<string, Autofill>();

  const compiled = compileModel(model);
  const outcomes: ContactOutcome[] = [];
  const updates: Array<{ id: string; properties: Record<string, string> }> = [];
  for (const id of ids) {
    const lead = leads.get(id);
    if (!lead) {
      outcomes.push({ id, status: 'missing', changes: {}, before: { score: null, grade: null }, result: null });
      continue;
    }
    const { contact } = lead;
    // Answers filled from a new activity's suggestions, stamped as the app's, are written with the score they make.
    const restamped = { ...newerStamps(contact, stamps.get(id) ?? {}), ...fills.get(id)?.properties };
    const result = compiled.score({ ...lead, contact: { ...contact, ...restamped } }, now);
    const next = compiled.derived(result, now);
    const changed = derivedPropertiesChanged(contact, next);
    const changes = Object.fromEntries([...changed, ...Object.keys(restamped)].map((name) => [name, [contact[name] ?? null, next[name] ?? restamped[name]!]])) as ContactOutcome['changes'];
    const before = { score: contact.bant_score ?? null, grade: contact.bant_grade ?? null };
    const write = { ...(changed.length > 0 ? next : {}), ...restamped };
    outcomes.push({ id, status: Object.keys(write).length > 0 ? 'written' : 'unchanged', changes, before, result });
    if (Object.keys(write).length > 0) updates.push({ id, properties: write });
  }
  if (updates.length === 0) return outcomes;

  const { failed } = await crm.updateContacts(updates);
  for (const failure of failed) {
    const outcome = outcomes.find((o) => o.id === failure.id);
    if (!outcome) continue;
    // A contact deleted between read and write is gone, not failed: nothing is left to score.
    outcome.status = failure.code === 'NOT_FOUND' ? 'missing' : 'failed';
    outcome.error = failure;
  }
  return outcomes;
}

/**
 * The stamps at least `SAME_CHANGE_MS` newer than the stored ones (an empty or unreadable stored
 * stamp is older than any), as ISO 8601. A change less than a minute after the stored stamp is the
 * write that stamp came with: the app writes an answer and its stamp together.
 */
function newerStamps(contact: Record<string, string | null | undefined>, stamps: Record<string, number>): Record<string, string> {
  const newer: Record<string, string> = {};
  for (const [name, time] of Object.entries(stamps)) {
    const stored = contact[name]?.trim();
    const storedTime = stored ? readDate(stored) : NaN;
    if (Number.isNaN(storedTime) || time - storedTime >= SAME_CHANGE_MS) newer[name] = new Date(time).toISOString();
  }
  return newer;
}
