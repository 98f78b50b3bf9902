/**
 * The contact's HubSpot lead (Leads, object 0-136) for the card: its open lead and the stage it is
 * in. The card's one contact read already brought the ids of the contact's leads; this adds one
 * batch read of those leads, and, for a stage that is not one of HubSpot's default lead stages, the
 * lead pipelines once per portal while the function stays warm. A portal without Leads (the
 * association refused, a 403 on the read) and a contact without leads give null: the card shows
 * nothing.
 */
import { CrmError } from '../../crm';
import type { CrmClient } from '../../crm';
import type { Model } from '../../engine';
import { openLead } from '../../stages';
import type { HubspotLead } from '../../stages';
import { DEFAULT_LEAD_STAGES } from '../cards/lib/cardApi';
import type { CardLead } from '../cards/lib/cardApi';
import type { CardContactRecord } from './contactRead';

export type LeadCrm = Pick<CrmClient, 'readLeadRecords' | 'getPipelines'>;

/** Stage labels of a portal's custom lead stages, by stage id, kept per portal while the function is warm. */
export type LeadStageCache = Map<number, Map<string, string>>;

export function createLeadStageCache(): LeadStageCache {
  return new Map();
}

const LEAD_PROPERTIES = ['hs_lead_name', 'hs_pipeline', 'hs_pipeline_stage', 'createdate'];
/** HubSpot's default Qualified and Unqualified stages, when the model names none. */
const CLOSED_DEFAULTS = { qualifiedStage: 'qualified-stage-id', unqualifiedStage: 'unqualified-stage-id' };

export interface ContactLeadRequest {
  portalId: number;
  /** HubSpot requests this load may still make (the card's budget is 10 per open). */
  requestsLeft: number;
  stages?: LeadStageCache;
}

/**
 * The contact's open lead (the newest neither Qualified nor Unqualified), else its newest lead, with
 * its stage; null when there is none or the portal has no Leads. Never more requests than
 * `requestsLeft`: a lead that would exceed it is left for the next open.
 * @example await readContactLead(crm, model, record, { portalId: 1, requestsLeft: 3 }) // { id: '5', name: 'Acme', stage: 'connected-stage-id', stageLabel: null, open: true, ... }
 */
export async function readContactLead(crm: LeadCrm, model: Model, record: Pick<CardContactRecord, 'associations' | 'refused'>, request: ContactLeadRequest): Promise<CardLead | null> {
  const ids = record.associations.leads ?? [];
  if (ids.length === 0 || record.refused.includes('leads') || request.requestsLeft < 1) return null;
  let found: HubspotLead[];
  try {
    const records = await crm.readLeadRecords(ids.slice(0, 100), LEAD_PROPERTIES);
    found = [...records].map(([id, p]) => ({ id, name: p.hs_lead_name ?? null, pipeline: p.hs_pipeline ?? null, stage: p.hs_pipeline_stage ?? null, createdate: p.createdate ?? null }));
  } catch (error) {
    if (error instanceof CrmError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) return null;
    throw error;
  }
  const closed = model.leads ?? CLOSED_DEFAULTS;
  const open = openLead(closed, found);
  const lead = open ?? newest(found);
  if (!lead?.stage) return null;
  const stageLabel = DEFAULT_LEAD_STAGES.includes(lead.stage as (typeof DEFAULT_LEAD_STAGES)[number])
    ? null
    : await customStageLabel(crm, lead.stage, request.portalId, request.requestsLeft - 1, request.stages);
  const options = model.leads;
  return {
    id: lead.id,
    name: lead.name,
    stage: lead.stage,
    stageLabel,
    open: open !== null,
    moves: options?.qualify ? (options.unqualify ? 'both' : 'qualify') : null,
  };
}

function newest(leads: HubspotLead[]): HubspotLead | null {
  const time = (raw: string | null) => (raw ? Date.parse(raw) : Number.NaN);
  return [...leads].sort((a, b) => (time(b.createdate) || 0) - (time(a.createdate) || 0) || Number(b.id) - Number(a.id))[0] ?? null;
}

/** A custom stage's label from the lead pipelines (cached per portal); null when none is left in the budget or HubSpot says nothing. */
async function customStageLabel(crm: LeadCrm, stage: string, portalId: number, requestsLeft: number, cache?: LeadStageCache): Promise<string | null> {
  const known = cache?.get(portalId);
  if (known) return known.get(stage) ?? null;
  if (requestsLeft < 1) return null;
  try {
    const labels = new Map((await crm.getPipelines('leads')).flatMap((p) => p.stages.map((s) => [s.id, s.label] as const)));
    cache?.set(portalId, labels);
    return labels.get(stage) ?? null;
  } catch (error) {
    if (error instanceof CrmError) return null;
    throw error;
  }
}
