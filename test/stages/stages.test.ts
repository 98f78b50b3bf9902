import { describe, expect, it } from 'vitest';
import { scoreLead } from '../../src/engine';
import type { LeadOptions, LifecycleOptions } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { leadStageMove, lifecycleStageMove, openLead } from '../../src/stages';
import type { HubspotLead } from '../../src/stages';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const QUALIFIED = scoreLead(BANT_DEFAULT, { contact: { bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' } }, NOW);
const KNOWN_NOT_QUALIFIED = scoreLead(BANT_DEFAULT, { contact: { bant_budget: '10000', bant_authority: 'other', bant_need: 'low', bant_timeline: 'over_6_months' } }, NOW);
const PARTLY_KNOWN = scoreLead(BANT_DEFAULT, { contact: { bant_budget: '10000', bant_authority: 'other' } }, NOW);
const INVALID = scoreLead(BANT_DEFAULT, { contact: { bant_budget: '10000', bant_authority: 'intern', bant_need: 'low', bant_timeline: 'over_6_months' } }, NOW);

const BOTH: LeadOptions = { qualify: true, unqualify: true, qualifiedStage: 'qualified-stage-id', unqualifiedStage: 'unqualified-stage-id' };
const lead = (stage: string | null, id = '5', createdate: string | null = '2026-11-01T00:00:00Z'): HubspotLead => ({ id, name: 'Acme lead', pipeline: 'lead-pipeline-id', stage, createdate });

describe('moving a lead', () => {
  it.each([
    ['qualifies an open lead when the contact qualifies', BOTH, QUALIFIED, 'connected-stage-id', 'qualified-stage-id'],
    ['unqualifies it when every criterion is known and the contact does not qualify', BOTH, KNOWN_NOT_QUALIFIED, 'new-stage-id', 'unqualified-stage-id'],
    ['leaves it while a criterion is still unknown', BOTH, PARTLY_KNOWN, 'attempting-stage-id', null],
    ['leaves it while an answer cannot be read', BOTH, INVALID, 'attempting-stage-id', null],
    ['never moves it out of Qualified', BOTH, KNOWN_NOT_QUALIFIED, 'qualified-stage-id', null],
    ['never moves it out of Unqualified', BOTH, QUALIFIED, 'unqualified-stage-id', null],
    ['never unqualifies without the second opt-in', { ...BOTH, unqualify: false }, KNOWN_NOT_QUALIFIED, 'new-stage-id', null],
    ['never qualifies without the opt-in', { ...BOTH, qualify: false }, QUALIFIED, 'new-stage-id', null],
  ] as const)('%s', (_name, options, result, from, to) => {
    expect(leadStageMove(options, result, lead(from))).toEqual(to === null ? null : { id: '5', from, to });
  });

  it('does nothing for a model without Leads options, or a contact without a lead', () => {
    expect(leadStageMove(undefined, QUALIFIED, lead('new-stage-id'))).toBeNull();
    expect(leadStageMove(BOTH, QUALIFIED, null)).toBeNull();
  });

  it("picks the contact's newest lead that is neither Qualified nor Unqualified", () => {
    const leads = [lead('new-stage-id', '1', '2026-01-01T00:00:00Z'), lead('attempting-stage-id', '2', '2026-06-01T00:00:00Z'), lead('qualified-stage-id', '3', '2026-10-01T00:00:00Z')];
    expect(openLead(BOTH, leads)?.id).toBe('2');
    expect(openLead(BOTH, [lead('qualified-stage-id'), lead('unqualified-stage-id', '6')])).toBeNull();
  });
});

describe('moving the lifecycle stage forward only', () => {
  const ORDER = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
  const ON: LifecycleOptions = { advance: true, stage: 'salesqualifiedlead' };
  it.each([
    ['moves an earlier stage forward', ON, true, 'marketingqualifiedlead', 'salesqualifiedlead'],
    ['sets an empty stage', ON, true, '', 'salesqualifiedlead'],
    ['never sets an earlier stage on a customer', ON, true, 'customer', null],
    ['leaves a stage already there', ON, true, 'salesqualifiedlead', null],
    ['leaves a stage the portal order does not know', ON, true, 'custom_stage', null],
    ['leaves a contact that does not qualify', ON, false, 'lead', null],
    ['does nothing unless the model opts in', { ...ON, advance: false }, true, 'lead', null],
    ['does nothing for a target stage the portal lacks', { advance: true, stage: 'not_a_stage' }, true, 'lead', null],
  ] as const)('%s', (_name, options, qualified, current, expected) => {
    expect(lifecycleStageMove(options, qualified, current, ORDER)).toBe(expected);
  });
});
