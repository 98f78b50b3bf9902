import { compileModel, derivedPropertiesChanged } from '../engine';
import type { LeadScore, Model } from '../engine';
import { readLeads } from './readLeads';
import type { ContactWriteFailure, RecalcCrm } from './RecalcCrm';

export interface ContactOutcome {
  id: string;
  status: 'written' | 'unchanged' | 'missing' | 'failed';
  /** Derived properties that changed: name → [stored, new]. */
  changes: Record<string, [string | null, string]>;
  before: { score: string | null; grade: string | null };
  result: LeadScore | null;
  error?: ContactWriteFailure;
}

/**
 * Brings contacts' derived BANT properties up to date from current CRM state: reads the leads in
 * batches (`readLeads`), scores each with the model, and writes only
 * contacts whose derived values changed (`bant_scored_at` alone is no change), in one batch update.
 */
export async function refreshContacts(crm: RecalcCrm, model: Model, contactIds: string[], now: Date): Promise<ContactOutcome[]> {
  const ids = [...new Set(contactIds)];
  if (ids.length === 0) return [];
  const leads = await readLeads(crm, model, ids);

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
    const result = compiled.score(lead, now);
    const next = compiled.derived(result, now);
    const changed = derivedPropertiesChanged(contact, next);
    const changes = Object.fromEntries(changed.map((name) => [name, [contact[name] ?? null, next[name]!]])) as ContactOutcome['changes'];
    const before = { score: contact.bant_score ?? null, grade: contact.bant_grade ?? null };
    outcomes.push({ id, status: changed.length > 0 ? 'written' : 'unchanged', changes, before, result });
    if (changed.length > 0) updates.push({ id, properties: next });
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
