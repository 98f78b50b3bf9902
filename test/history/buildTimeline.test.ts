import { describe, expect, it } from 'vitest';
import { buildTimeline, describeChange, sourceOf } from '../../src/history';
import type { LeadHistory } from '../../src/history';
import { BANT_DEFAULT } from '../../src/models';
import { APP, history, nov, record } from './support';

const DANA = 7100002;
const lead = (contact: LeadHistory['contact'], deals: LeadHistory['deals'] = []): LeadHistory => ({ contact, deals, company: null });
const phrase = (timeline: ReturnType<typeof buildTimeline>) => timeline.changes.map((item) => describeChange(BANT_DEFAULT, item, {
  userName: (id) => (id === String(DANA) ? 'Dana Reyes' : null),
  formatTime: (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`,
  now: new Date(nov(20)),
}));

describe('sources', () => {
  it.each([
    [{ sourceType: 'CRM_UI', sourceId: 'userId:42', updatedByUserId: 42 }, { via: 'record', userId: '42' }],
    [{ sourceType: 'MOBILE_IOS', sourceId: 'userId:42' }, { via: 'record', userId: '42' }],
    [{ sourceType: 'IMPORT', sourceId: '5501', updatedByUserId: 42 }, { via: 'import', userId: '42' }],
    [{ sourceType: 'AUTOMATION_PLATFORM', sourceId: 'enrollmentId:9', sourceLabel: 'Inbound triage' }, { via: 'workflow', label: 'Inbound triage' }],
    // HubSpot's docs give WORKFLOW as an example source type.
    [{ sourceType: 'WORKFLOW', sourceId: 'enrollmentId:9' }, { via: 'workflow', label: null }],
    [{ sourceType: 'INTEGRATION', sourceId: '999', sourceLabel: 'Salesforce' }, { via: 'integration', label: 'Salesforce' }],
    [{ sourceType: 'FORM', sourceId: 'abc' }, { via: 'other', sourceType: 'FORM', userId: null }],
  ])('names %o as %o', (source, expected) => {
    expect(sourceOf({ value: 'x', timestamp: nov(1), ...source })).toEqual(expected);
  });
});

describe('a card save', () => {
  const contact = history(
    [nov(3), APP, { bant_budget: '40000', bant_budget_answered_at: nov(3), bant_answered_by: String(DANA), bant_score: '55', bant_qualified: 'false', bant_model_version: 'bant-default@1' }],
    [nov(4), APP, { bant_budget: '150000', bant_budget_answered_at: nov(4), bant_score: '70', bant_qualified: 'true' }],
  );

  it('credits the answer to the rep the card stamped, even when the stamp repeats an unchanged rep', () => {
    const timeline = buildTimeline(BANT_DEFAULT, lead(contact));

    expect(timeline.changes.filter((item) => item.kind === 'answer')).toEqual([
      { kind: 'answer', at: nov(4), criterion: 'budget', property: 'bant_budget', from: '40000', to: '150000', source: { via: 'card', userId: String(DANA) } },
      { kind: 'answer', at: nov(3), criterion: 'budget', property: 'bant_budget', from: null, to: '40000', source: { via: 'card', userId: String(DANA) } },
    ]);
    expect(timeline.userIds).toEqual([String(DANA)]);
  });

  it('puts the score first, moved by the answer saved with it, then the answer', () => {
    expect(phrase(buildTimeline(BANT_DEFAULT, lead(contact)))).toEqual([
      'Score 55 → 70 after Budget changed; now qualified, 2026-11-04 10:00 UTC (BANT card)',
      'Budget 40,000 → 150,000 by Dana Reyes, 2026-11-04 10:00 UTC (BANT card)',
      'Score set to 55 after Budget changed; not qualified, 2026-11-03 10:00 UTC (BANT card)',
      'Scored with model bant-default@1, 2026-11-03 10:00 UTC',
      'Budget set to 40,000 by Dana Reyes, 2026-11-03 10:00 UTC (BANT card)',
    ]);
  });

  it('draws the score line oldest first from every stored score', () => {
    expect(buildTimeline(BANT_DEFAULT, lead(contact)).scores).toEqual([{ at: nov(3), score: 55 }, { at: nov(4), score: 70 }]);
  });
});

describe('still true', () => {
  it('reads a stamp written with the rep and without the answer as a confirmation of the current answer', () => {
    const contact = history(
      [nov(3), APP, { bant_need: 'perfect', bant_need_answered_at: nov(3), bant_answered_by: String(DANA), bant_score: '25' }],
      [nov(10), APP, { bant_need_answered_at: nov(10), bant_answered_by: String(DANA) }],
    );

    const [latest] = buildTimeline(BANT_DEFAULT, lead(contact)).changes;

    expect(latest).toEqual({ kind: 'confirmed', at: nov(10), criterion: 'need', value: 'perfect', source: { via: 'card', userId: String(DANA) } });
    expect(phrase(buildTimeline(BANT_DEFAULT, lead(contact)))[0]).toBe('Need confirmed still true (Perfect match) by Dana Reyes, 2026-11-10 10:00 UTC (BANT card)');
  });

  it('still reads a confirmation when HubSpot kept no new version of the unchanged rep', () => {
    const contact = history(
      [nov(3), APP, { bant_need: 'perfect', bant_need_answered_at: nov(3), bant_answered_by: String(DANA), bant_score: '25' }],
      [nov(10), APP, { bant_need_answered_at: nov(10) }],
    );

    expect(buildTimeline(BANT_DEFAULT, lead(contact)).changes[0]).toMatchObject({ kind: 'confirmed', criterion: 'need', source: { via: 'card', userId: String(DANA) } });
  });
});

describe('answers changed elsewhere', () => {
  it('names the person on the record page and lets the recalculation restamp without a confirmation', () => {
    const contact = history(
      [nov(3), APP, { bant_need: 'low', bant_need_answered_at: nov(3), bant_answered_by: String(DANA), bant_score: '5' }],
      [nov(5, '09:00'), record(DANA), { bant_need: 'perfect' }],
      [nov(5, '09:01'), APP, { bant_need_answered_at: nov(5, '09:00'), bant_score: '25' }],
    );

    expect(phrase(buildTimeline(BANT_DEFAULT, lead(contact))).slice(0, 2)).toEqual([
      'Score 5 → 25 after Need changed, 2026-11-05 09:01 UTC (recalculation)',
      'Need Low match → Perfect match by Dana Reyes, 2026-11-05 09:00 UTC (HubSpot record)',
    ]);
  });

  it.each([
    [{ sourceType: 'IMPORT', sourceId: '5501', updatedByUserId: DANA }, 'Authority set to Director by Dana Reyes, 2026-11-05 09:00 UTC (import)'],
    [{ sourceType: 'AUTOMATION_PLATFORM', sourceId: 'enrollmentId:1', sourceLabel: 'Inbound triage' }, 'Authority set to Director, 2026-11-05 09:00 UTC (workflow "Inbound triage")'],
    [{ sourceType: 'INTEGRATION', sourceId: '999', sourceLabel: 'Salesforce' }, 'Authority set to Director, 2026-11-05 09:00 UTC (Salesforce)'],
    [{ sourceType: 'INTEGRATION', sourceId: '999' }, 'Authority set to Director, 2026-11-05 09:00 UTC (another integration)'],
  ])('names a %o write', (source, expected) => {
    const contact = history(
      [nov(3), APP, { bant_score: '0' }],
      [nov(5, '09:00'), source, { bant_authority: 'director' }],
    );

    expect(phrase(buildTimeline(BANT_DEFAULT, lead(contact)))).toContain(expected);
  });

  it('credits an answer the app filled from a suggestion to the suggestion, not a rep', () => {
    const contact = history([nov(3), APP, { bant_budget: '120000', bant_budget_answered_at: nov(3), bant_answered_by: 'app', bant_score: '30' }]);

    expect(buildTimeline(BANT_DEFAULT, lead(contact)).changes.find((item) => item.kind === 'answer')).toMatchObject({ source: { via: 'suggestion' } });
  });
});

describe('why the score moved', () => {
  it('names the deal field that changed before a recalculation', () => {
    const contact = history(
      [nov(3), APP, { bant_score: '55' }],
      [nov(4, '12:00'), APP, { bant_score: '80' }],
    );
    const deal = history(
      [nov(1), record(DANA), { dealname: 'Acme renewal', amount: '40000' }],
      [nov(4, '11:59'), record(DANA), { amount: '150000' }],
    );

    const [score] = phrase(buildTimeline(BANT_DEFAULT, lead(contact, [{ id: '12', name: 'Acme renewal', history: deal }])));

    expect(score).toBe('Score 55 → 80 after deal "Acme renewal" amount changed (40,000 → 150,000), 2026-11-04 12:00 UTC (recalculation)');
  });

  it('names a new model version, and says so when nothing recorded changed', () => {
    const contact = history(
      [nov(3), APP, { bant_score: '55', bant_model_version: 'bant-default@2' }],
      [nov(5), APP, { bant_score: '60', bant_model_version: 'bant-default@3' }],
      [nov(9), APP, { bant_score: '50' }],
    );

    const timeline = buildTimeline(BANT_DEFAULT, lead(contact));

    expect(timeline.changes.filter((item) => item.kind === 'score').map((item) => item.kind === 'score' && item.causes)).toEqual([
      [{ kind: 'unrecorded' }],
      [{ kind: 'model', version: 'bant-default@3' }],
      [],
    ]);
    expect(phrase(timeline)).toContain('Scored with model bant-default@3 (was bant-default@2), 2026-11-05 10:00 UTC');
  });

  it('leaves a score written again unchanged out of the changes but keeps it on the line', () => {
    const contact = history([nov(3), APP, { bant_score: '55' }], [nov(4), APP, { bant_score: '55.0' }]);

    const timeline = buildTimeline(BANT_DEFAULT, lead(contact));

    expect(timeline.changes).toHaveLength(1);
    expect(timeline.scores).toHaveLength(2);
  });
});

describe('overrides', () => {
  it('tells who overrode, why and until when, and when it was removed', () => {
    const contact = history(
      [nov(3), APP, { bant_score: '55' }],
      [nov(6), APP, { bant_override: 'qualified', bant_override_reason: 'CFO confirmed budget on the call', bant_override_by: String(DANA), bant_override_until: '2026-11-30', bant_answered_by: String(DANA) }],
      [nov(8), APP, { bant_override: '', bant_override_reason: '', bant_override_by: String(DANA), bant_override_until: '' }],
    );

    expect(phrase(buildTimeline(BANT_DEFAULT, lead(contact))).slice(0, 2)).toEqual([
      'Override removed by Dana Reyes, 2026-11-08 10:00 UTC (BANT card)',
      'Overridden to Qualified by Dana Reyes: "CFO confirmed budget on the call", until 2026-11-30, 2026-11-06 10:00 UTC (BANT card)',
    ]);
  });
});
