import type { LeadOptions } from '../engine';
import type { HubspotLead } from './types';

/**
 * The contact's open lead: the newest (created last, then the highest id) whose stage is neither
 * the model's Qualified nor its Unqualified stage. Null when every lead is closed or there is none.
 * @example openLead(options, [{ id: '1', stage: 'qualified-stage-id', ... }]) // null
 */
export function openLead(options: Pick<LeadOptions, 'qualifiedStage' | 'unqualifiedStage'>, leads: readonly HubspotLead[]): HubspotLead | null {
  const closed = new Set([options.qualifiedStage, options.unqualifiedStage]);
  const open = leads.filter((lead) => !closed.has(lead.stage ?? ''));
  return [...open].sort((a, b) => timeOf(b.createdate) - timeOf(a.createdate) || Number(b.id) - Number(a.id))[0] ?? null;
}

function timeOf(raw: string | null): number {
  const time = raw ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(time) ? -Infinity : time;
}
