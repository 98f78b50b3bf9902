import type { CriterionStatus, LeadOptions } from '../engine';
import type { HubspotLead, StageMove } from './types';

/** What a move depends on: the verdict and whether each criterion is known (any scored result). */
export interface VerdictOf {
  qualified: boolean;
  criteria: ReadonlyArray<{ status: CriterionStatus }>;
}

/**
 * Where the verdict moves a contact's open lead, if anywhere: to the model's Qualified stage when
 * the contact qualifies (`leads.qualify`), to its Unqualified stage only with the second opt-in
 * (`leads.unqualify`) and only when every criterion is known (met or below). A lead already in
 * Qualified or Unqualified never moves, and nothing moves without the model's `leads` options.
 * @example leadStageMove({ qualify: true, ... }, qualifiedResult, { id: '5', stage: 'connected-stage-id', ... }) // { id: '5', from: 'connected-stage-id', to: 'qualified-stage-id' }
 */
export function leadStageMove(options: LeadOptions | undefined, result: VerdictOf, lead: HubspotLead | null): StageMove | null {
  if (!options || !lead) return null;
  if (lead.stage === options.qualifiedStage || lead.stage === options.unqualifiedStage) return null;
  if (result.qualified) return options.qualify ? { id: lead.id, from: lead.stage, to: options.qualifiedStage } : null;
  const allKnown = result.criteria.every((c) => c.status === 'met' || c.status === 'below');
  return options.unqualify && allKnown ? { id: lead.id, from: lead.stage, to: options.unqualifiedStage } : null;
}
