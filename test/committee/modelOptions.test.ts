import { describe, expect, it } from 'vitest';
import { formatProblem, validateModel } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests write deliberately wrong values into the file
function modelWith(change: (model: any) => void): unknown {
  const copy = structuredClone(BANT_DEFAULT);
  change(copy);
  return copy;
}

function problemsOf(input: unknown): string[] {
  const result = validateModel(input);
  return result.ok ? [] : result.problems.map(formatProblem);
}

const LEADS = { qualify: true, unqualify: false, qualifiedStage: 'qualified-stage-id', unqualifiedStage: 'unqualified-stage-id' };

describe('the committee, Leads and lifecycle options of a model', () => {
  it('accepts roll-up rules, committees on deals and companies, Leads and lifecycle options', () => {
    expect(problemsOf(modelWith((m) => {
      m.committee = { deals: true, companies: false, roleCriterion: 'authority' };
      m.leads = LEADS;
      m.lifecycle = { advance: true, stage: 'salesqualifiedlead' };
    }))).toEqual([]);
  });

  it('names an unknown roll-up preference and lists the known ones', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[0].rollup = { prefer: 'deal', pick: 'highest' })))).toEqual([
      'criteria[0].rollup.prefer: "deal" is not allowed; expected one of records, contacts',
    ]);
  });

  it("finds a committee minimum above the criterion's max", () => {
    expect(problemsOf(modelWith((m) => (m.criteria[1].rollup.minimum = 30)))).toEqual([
      "criteria[1].rollup.minimum: 30 is above the criterion's max (25); no committee could meet it, lower it",
    ]);
  });

  it('finds a role criterion the model does not have', () => {
    expect(problemsOf(modelWith((m) => (m.committee = { deals: true, companies: true, roleCriterion: 'seniority' })))).toEqual([
      'committee.roleCriterion: "seniority" is not a criterion of this model; expected one of budget, authority, need, timeline',
    ]);
  });

  it('refuses a deal source that reads a property the app writes on deals', () => {
    expect(problemsOf(modelWith((m) => {
      m.committee = { deals: true, companies: false };
      m.criteria[0].sources[1].property = 'bant_score';
    }))).toEqual([
      'criteria[0].sources[1].property: "bant_score" is a deal property this app writes when it rolls up committees; reading it back would feed the score into itself, pick an input property',
    ]);
  });

  it('refuses Qualified and Unqualified on the same lead stage', () => {
    expect(problemsOf(modelWith((m) => (m.leads = { ...LEADS, unqualifiedStage: 'qualified-stage-id' })))).toEqual([
      'leads.unqualifiedStage: "qualified-stage-id" is also the qualified stage; give Qualified and Unqualified their own lead stages',
    ]);
  });

  it('names a lead stage with spaces, and a missing lifecycle switch', () => {
    expect(problemsOf(modelWith((m) => {
      m.leads = { ...LEADS, qualifiedStage: 'Qualified stage' };
      m.lifecycle = { stage: 'salesqualifiedlead' };
    }))).toEqual([
      'leads.qualifiedStage: "Qualified stage" is not a HubSpot internal stage id (no spaces), e.g. qualified-stage-id',
      'lifecycle.advance: is missing; expected a boolean',
    ]);
  });
});
