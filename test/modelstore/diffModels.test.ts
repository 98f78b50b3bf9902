import { describe, expect, it } from 'vitest';
import type { Model, Rule } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { PRESETS } from '../../src/models/catalog';
import { diffModels } from '../../src/modelstore';

const preset = (name: string): Model => {
  const checked = PRESETS.find((p) => p.id === name)?.checked;
  if (!checked?.ok) throw new Error(`no valid preset ${name}`);
  return checked.model;
};

function edit(change: (model: Model) => void): Model {
  const model = structuredClone(BANT_DEFAULT);
  change(model);
  return model;
}

const rule = <T extends Rule['type']>(model: Model, index: number) => model.criteria[index]!.rule as Extract<Rule, { type: T }>;

describe('diffModels', () => {
  it('reports nothing for the same content, whatever the version name', () => {
    expect(diffModels(BANT_DEFAULT, { ...structuredClone(BANT_DEFAULT), version: 'bant-default@9' })).toEqual([]);
  });

  it.each<[string, (model: Model) => void, string[]]>([
    ['a band\'s points', (m) => { rule<'bands'>(m, 0).bands[0]!.points = 25; }, ['Budget ≥ 100,000 now earns 25 instead of 30']],
    ['a band\'s range', (m) => {
      const bands = rule<'bands'>(m, 0).bands;
      bands[1] = { from: 40_000, to: 100_000, points: 15 };
      bands[2] = { from: 0, to: 40_000, points: 0 };
    }, [
      'Budget 40,000 to under 100,000 now earns 15 (new band)',
      'Budget 0 to under 40,000 now earns 0 (new band)',
      'Budget band 50,000 to under 100,000 removed (it earned 15)',
      'Budget band 0 to under 50,000 removed (it earned 0)',
    ]],
    ['an option\'s points', (m) => { rule<'options'>(m, 1).options.find((o) => o.value === 'manager')!.points = 10; }, ['Authority Manager now earns 10 instead of 15']],
    ['a new option', (m) => { rule<'options'>(m, 1).options.push({ value: 'owner', label: 'Owner', points: 25 }); }, ['Authority option "Owner" added, earns 25']],
    ['a criterion\'s max and minimum', (m) => { m.criteria[3]!.max = 25; m.criteria[3]!.minimum = 15; }, ['Timeline is now worth up to 25 points instead of 20', 'Timeline is now met from 15 points instead of 10']],
    ['the sources', (m) => { m.criteria[0]!.sources.reverse(); }, ['Budget now reads the deal\'s amount, then the contact\'s bant_budget (before: the contact\'s bant_budget, then the deal\'s amount)']],
    ['a source\'s own rule', (m) => {
      const window = m.criteria[3]!.sources[1]!.rule as Extract<Rule, { type: 'date_window' }>;
      window.windows[0]!.points = 15;
      window.later = 0;
    }, ['Timeline from the deal\'s closedate within 3 months now earns 15 instead of 20', 'Timeline from the deal\'s closedate later than every window now earns 0 instead of 5']],
    ['the minimum score', (m) => { m.qualification.minScore = 75; }, ['Qualified now needs a score of 75 instead of 70']],
    ['a grade bound', (m) => { m.grades.find((g) => g.grade === 'B')!.min = 55; }, ['Grade B now starts at 55 points instead of 50']],
    ['the deal chosen', (m) => { m.dealSelection.policy = 'largest_open'; }, ['The deal a contact is scored with: the newest open deal → the largest open deal']],
    ['a label', (m) => { m.criteria[2]!.label = 'Fit'; }, ['Need renamed "Fit"']],
  ])('says in words what changed: %s', (_, change, expected) => {
    expect(diffModels(BANT_DEFAULT, edit(change))).toEqual(expected);
  });

  it('describes a removed and an added criterion and the order of the rest', () => {
    const after = edit((m) => {
      const [budget] = m.criteria.splice(0, 1);
      m.criteria.push({ ...budget!, key: 'money', label: 'Money' });
    });
    expect(diffModels(BANT_DEFAULT, after)).toEqual([
      'Budget removed (it earned up to 30 points)',
      'Money added: up to 30 points, met from 15, reads the contact\'s bant_budget, then the deal\'s amount',
    ]);
  });

  it('names a change of rule type with the new rule', () => {
    const after = edit((m) => { m.criteria[2]!.rule = { type: 'boolean', whenTrue: 25, whenFalse: 0 }; });
    expect(diffModels(BANT_DEFAULT, after)).toEqual(['Need is now scored by yes / no instead of options: yes → 25, no → 0']);
  });

  it('describes a routing change as the whole ordered list, before and after', () => {
    const after = edit((m) => { m.routing = [m.routing[1]!, m.routing[4]!]; });
    const [line] = diffModels(BANT_DEFAULT, after);
    expect(line).toMatch(/^Routing is now: 1\. when qualified → .+; 2\. otherwise → .+ \(before: 1\. when qualified and an answer is stale → .+; 5\. otherwise → .+\)$/);
  });

  it('names a changed maximum age and override policy', () => {
    const after = edit((m) => {
      m.criteria[3]!.maxAgeDays = 60;
      delete m.criteria[0]!.maxAgeDays;
      m.overrides = { who: 'nobody', routing: 'override' };
    });
    expect(diffModels(BANT_DEFAULT, after)).toEqual([
      'Budget answers never go stale (before: after 180 days)',
      'Timeline answers go stale after 60 days (before: after 90 days)',
      'Overrides: nobody may set the verdict by hand (before: anyone who can edit may set the verdict by hand; routing follows the override)',
    ]);
  });

  describe('every section of a model', () => {
    it.each<[string, (model: Model) => void, string[]]>([
      ['committees stored on deals and companies', (m) => { m.committee = { deals: true, companies: true, roleCriterion: 'authority' }; }, [
        'Buying committees of deals are now scored and stored on the deals',
        'Buying committees of companies are now scored and stored on the companies',
      ]],
      ['the committee role criterion', (m) => { m.committee = { deals: false, companies: false, roleCriterion: 'need' }; }, [
        'A contact\'s role on the committee is now read from Need (before: Authority)',
      ]],
      ['a criterion\'s roll-up rule', (m) => { m.criteria[1]!.rollup = { prefer: 'contacts', pick: 'highest' }; }, [
        'Authority on a buying committee: the contacts\' answers first, then the deal\'s or company\'s own value; the answer with the most points; met as for a contact'
        + ' (before: the deal\'s or company\'s own value first, then the contacts\' answers; the answer with the most points; met from 20 points)',
      ]],
      ['a roll-up rule written out as its default is no change', (m) => { delete m.criteria[0]!.rollup; }, []],
      ['leads moved on qualification', (m) => { m.leads = { ...m.leads!, qualify: true }; }, [
        'HubSpot leads are now moved to stage qualified-stage-id when qualified (before: not moved)',
      ]],
      ['the lifecycle stage', (m) => { m.lifecycle = { advance: true, stage: 'opportunity' }; }, [
        'A contact\'s lifecycle stage is now moved forward to opportunity when qualified (before: left as it is)',
      ]],
      ['auto-fill', (m) => { m.suggestions = { ...m.suggestions, autofill: { enabled: true, minConfidence: 0.9 } }; }, [
        'Auto-fill now fills empty answers from suggestions with confidence 0.9 or more (before: is off)',
      ]],
      ['the facts a criterion is suggested from', (m) => { m.suggestions!.facts!.need = { fact: 'need', options: { strong: 'perfect', partial: 'partial' } }; }, [
        'Need: suggested answers from calls, meetings, notes and emails now read the need: strong → perfect, partial → partial'
        + ' (before: read the need: strong → perfect, partial → partial, nice to have → low, none → low)',
      ]],
      ['a criterion no longer suggested', (m) => { delete m.suggestions!.facts!.budget; }, [
        'Budget: suggested answers from calls, meetings, notes and emails now come only from what its rule reads (before: read an amount)',
      ]],
      ['the button of a next step', (m) => { delete m.actions.find((a) => a.key === 'nurture')!.crmAction; m.actions.find((a) => a.key === 'research')!.crmAction = 'send_email'; }, [
        'Next step "Nurture with marketing": the card\'s button now is off (before: enrolls in a workflow)',
        'Next step "Gather the missing BANT information": the card\'s button now sends an email (before: adds a task)',
      ]],
    ])('says in words what changed: %s', (_, change, expected) => {
      expect(diffModels(BANT_DEFAULT, edit(change))).toEqual(expected);
    });

    it('reports a change in every top-level section of the model it is given', () => {
      const after = edit((m) => {
        m.committee = { deals: true, companies: false, roleCriterion: 'authority' };
        m.leads = { ...m.leads!, unqualify: true };
        m.lifecycle = { advance: true, stage: 'salesqualifiedlead' };
        m.suggestions = { ...m.suggestions, autofill: { enabled: true, minConfidence: 0.85 } };
        m.overrides = { who: 'nobody', routing: 'computed' };
        m.routing = [...m.routing].reverse();
        m.actions[0]!.label = 'Re-check';
        m.grades[0]!.min = 75;
        m.qualification.minScore = 75;
        m.dealSelection.policy = 'largest_open';
        m.criteria[0]!.max = 35;
      });
      // One line per section at least: nothing a RevOps lead changes goes unsaid.
      const lines = diffModels(BANT_DEFAULT, after).join('\n');
      for (const expected of [/committees of deals/, /leads are now moved/, /lifecycle stage is now moved forward/, /Auto-fill now fills/, /^Overrides:/m, /^Routing is now/m, /renamed "Re-check"/, /Grade A now starts at 75/, /needs a score of 75/, /largest open deal/, /Budget is now worth up to 35/]) {
        expect(lines).toMatch(expected);
      }
    });
  });

  it('compares every pair of presets without failing, and each differs from the default', () => {
    for (const name of ['anum', 'champ', 'meddic', 'gpctba-ci']) {
      const lines = diffModels(BANT_DEFAULT, preset(name));
      expect(lines.length).toBeGreaterThan(3);
      expect(lines[0]).toBe(`Model id bant-default → ${name}`);
    }
  });
});
