import type { CrmError } from '../crm';
import type { Model } from '../engine';
import { leadStageMove, lifecycleStageMove, openLead } from '../stages';
import type { HubspotLead, VerdictOf } from '../stages';
import type { ContactWriteFailure, RecalcCrm } from './RecalcCrm';

/** What moving HubSpot's own records needs from the CRM adapter. */
export interface StagesCrm extends Pick<RecalcCrm, 'readContacts' | 'updateContacts'> {
  contactLeads(contactIds: string[]): Promise<Map<string, string[]>>;
  readLeadRecords(ids: string[], properties: string[]): Promise<Map<string, Record<string, string | null | undefined>>>;
  updateRecords(type: 'leads', updates: Array<{ id: string; properties: Record<string, string> }>): Promise<{ written: string[]; failed: ContactWriteFailure[] }>;
  getProperties(type: 'contacts'): Promise<Array<{ name: string; options: Array<{ value: string; displayOrder?: number }> }>>;
}

/** One move of a lead's stage or a contact's lifecycle stage, and whether it was written. */
export interface StageOutcome {
  kind: 'lead' | 'lifecycle';
  /** The lead's id, or the contact's for a lifecycle stage. */
  id: string;
  contactId: string;
  from: string | null;
  to: string;
  status: 'written' | 'failed';
  error?: ContactWriteFailure;
}

/** A contact whose score is stored: its id and its new result. */
export interface ScoredContact {
  id: string;
  result: VerdictOf;
}

const LEAD_PROPERTIES = ['hs_lead_name', 'hs_pipeline', 'hs_pipeline_stage', 'createdate'];

/**
 * After contacts' scores are stored, moves what the model opts in to (SCORING.md §6): the contact's
 * open lead to the Qualified stage (or Unqualified, with the second opt-in), and its lifecycle stage
 * forward. One write per kind, only for moves that are due (`src/stages`); a portal without Leads
 * (FORBIDDEN or NOT_FOUND on the leads calls) changes nothing. Moves follow the state, not the
 * event, so a move that failed is made by the next recalculation of that contact.
 */
export async function advanceStages(crm: StagesCrm, model: Model, contacts: readonly ScoredContact[]): Promise<StageOutcome[]> {
  const leads = model.leads;
  const lifecycle = model.lifecycle;
  const outcomes: StageOutcome[] = [];
  const allKnown = (result: VerdictOf) => result.criteria.every((c) => c.status === 'met' || c.status === 'below');
  const forLeads = leads ? contacts.filter(({ result }) => (leads.qualify && result.qualified) || (leads.unqualify && !result.qualified && allKnown(result))) : [];
  const forLifecycle = lifecycle?.advance ? contacts.filter(({ result }) => result.qualified) : [];

  if (leads && forLeads.length > 0) {
    const found = await leadsOf(crm, forLeads.map((c) => c.id));
    const moves = new Map<string, StageOutcome>();
    for (const { id, result } of forLeads) {
      const move = leadStageMove(leads, result, openLead(leads, found.get(id) ?? []));
      if (move && !moves.has(move.id)) moves.set(move.id, { kind: 'lead', id: move.id, contactId: id, from: move.from, to: move.to, status: 'written' });
    }
    outcomes.push(...await write(crm, 'leads', [...moves.values()], 'hs_pipeline_stage'));
  }

  if (lifecycle && forLifecycle.length > 0) {
    const stored = await crm.readContacts(forLifecycle.map((c) => c.id), ['lifecyclestage']);
    const due = forLifecycle.filter(({ id }) => stored.has(id) && (stored.get(id)?.lifecyclestage ?? '') !== lifecycle.stage);
    if (due.length > 0) {
      const definition = (await crm.getProperties('contacts')).find((p) => p.name === 'lifecyclestage');
      const order = [...(definition?.options ?? [])].sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0)).map((o) => o.value);
      const moves = due.flatMap(({ id }) => {
        const from = stored.get(id)?.lifecyclestage ?? null;
        const to = lifecycleStageMove(lifecycle, true, from, order);
        return to ? [{ kind: 'lifecycle' as const, id, contactId: id, from, to, status: 'written' as const }] : [];
      });
      outcomes.push(...await write(crm, 'contacts', moves, 'lifecyclestage'));
    }
  }
  return outcomes;
}

/** Each contact's leads; empty when the portal has no Leads or the app lacks their scopes. */
async function leadsOf(crm: StagesCrm, contactIds: string[]): Promise<Map<string, HubspotLead[]>> {
  let byContact: Map<string, string[]>;
  try {
    byContact = await crm.contactLeads(contactIds);
  } catch (error) {
    if (noLeads(error)) return new Map();
    throw error;
  }
  const ids = [...new Set([...byContact.values()].flat())];
  if (ids.length === 0) return new Map();
  const records = await crm.readLeadRecords(ids, LEAD_PROPERTIES);
  return new Map([...byContact].map(([contactId, leadIds]) => [contactId, leadIds.flatMap((id) => {
    const p = records.get(id);
    return p ? [{ id, name: p.hs_lead_name ?? null, pipeline: p.hs_pipeline ?? null, stage: p.hs_pipeline_stage ?? null, createdate: p.createdate ?? null }] : [];
  })]));
}

function noLeads(error: unknown): boolean {
  const code = (error as Partial<CrmError>).code;
  return code === 'FORBIDDEN' || code === 'NOT_FOUND';
}

async function write(crm: StagesCrm, type: 'leads' | 'contacts', moves: StageOutcome[], property: string): Promise<StageOutcome[]> {
  if (moves.length === 0) return [];
  const updates = moves.map((move) => ({ id: move.id, properties: { [property]: move.to } }));
  const { failed } = type === 'leads' ? await crm.updateRecords('leads', updates) : await crm.updateContacts(updates);
  for (const failure of failed) {
    const move = moves.find((m) => m.id === failure.id);
    if (move) Object.assign(move, { status: 'failed', error: failure });
  }
  return moves;
}
