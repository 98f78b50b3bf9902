import { describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../src/models';
import { planSetup } from '../../src/setup/planSetup';
import { propertySpecs } from '../../src/setup/propertySpecs';
import { createdProperties, property, replace } from './support';

const GROUP = { name: 'bant_qualification', label: 'BANT qualification', displayOrder: 10, archived: false };
const ALL = propertySpecs(BANT_DEFAULT).map((s) => s.name);

describe('planning bant setup', () => {
  it('creates the group and all 28 properties in an empty portal', () => {
    const plan = planSetup(BANT_DEFAULT, { groups: [], properties: [] });
    expect(plan.group).toEqual({ name: 'bant_qualification', label: 'BANT qualification', exists: false });
    expect(plan.create.map((s) => s.name)).toEqual(ALL);
    expect([plan.inPlace, plan.conflicts, plan.warnings]).toEqual([[], [], []]);
  });

  it('changes nothing when setup already ran', () => {
    const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: createdProperties(BANT_DEFAULT) });
    expect(plan.group.exists).toBe(true);
    expect(plan.create).toEqual([]);
    expect(plan.inPlace.map((s) => s.name)).toEqual(ALL);
    expect([plan.conflicts, plan.warnings]).toEqual([[], []]);
  });

  it('creates only what is missing', () => {
    const properties = replace(replace(createdProperties(BANT_DEFAULT), 'bant_need', null), 'bant_grade', null);
    const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties });
    expect(plan.create.map((s) => s.name)).toEqual(['bant_need', 'bant_grade']);
    expect(plan.inPlace).toHaveLength(ALL.length - 2);
  });

  it('reports a bant_score of the wrong type as a conflict with the fix, and creates nothing in its place', () => {
    const properties = [property('bant_score', 'string', 'text')];
    const plan = planSetup(BANT_DEFAULT, { groups: [], properties });
    expect(plan.create.map((s) => s.name)).toEqual(ALL.filter((name) => name !== 'bant_score'));
    expect(plan.conflicts).toEqual([{
      severity: 'error', code: 'incompatible_type', object: 'contact', property: 'bant_score', path: 'derived',
      message: 'contact.bant_score is a "string" property (field type "text"), but the app writes it as a number property.',
      fix: 'HubSpot cannot change a property\'s type in place: export its values if you need them, rename or archive "bant_score" (bant_score) in HubSpot, then run bant setup to create it as a number property. bant setup never changes or deletes an existing property.',
    }]);
  });

  it('offers mapping an answer of the wrong type to another property as a second fix', () => {
    const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_budget', property('bant_budget', 'string', 'text')) });
    expect(plan.conflicts.map((c) => [c.property, c.path])).toEqual([['bant_budget', 'criteria[0].sources[0]']]);
    expect(plan.conflicts[0]!.message).toBe('contact.bant_budget is a "string" property (field type "text"), but criteria[0].sources[0] reads it as a number property.');
    expect(plan.conflicts[0]!.fix).toMatch(/Or map criteria\[0\]\.sources\[0\]\.property to another property in the model\.$/);
  });

  it('reports an answer enumeration lacking model options as a conflict naming them, without adding them', () => {
    const authority = property('bant_authority', 'enumeration', 'select', [['c_level', 'C-level'], ['director', 'Director']]);
    const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_authority', authority) });
    expect(plan.create).toEqual([]);
    expect(plan.conflicts).toEqual([expect.objectContaining({
      code: 'missing_option', property: 'bant_authority', path: 'criteria[1].sources[0]',
      message: 'contact.bant_authority lacks the options "manager" (Manager, 15 points), "other" (Other, 0 points) that criteria[1].rule.options defines, so reps cannot choose them and their points are unreachable.',
      fix: 'Run bant setup --add-options to add them (existing options are kept as they are), or add them to "bant_authority" in HubSpot (Settings → Properties), with these internal values, or remove them from criteria[1].rule.options.',
    })]);
  });

  it('reports a derived enumeration lacking a grade as a conflict: the app could not write it', () => {
    const grade = property('bant_grade', 'enumeration', 'select', [['A', 'A'], ['B', 'B'], ['C', 'C']]);
    const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_grade', grade) });
    expect(plan.conflicts.map((c) => [c.code, c.property])).toEqual([['missing_option', 'bant_grade']]);
    expect(plan.conflicts[0]!.message).toContain('"D" (D: Low score) that grades defines, so the app cannot write this value and the recalculation will fail for leads that need it.');
    expect(plan.conflicts[0]!.fix).toBe('Run bant setup --add-options to add it (existing options are kept as they are), or add it to "bant_grade" in HubSpot (Settings → Properties → bant_grade → Field type), with these internal values.');
    expect(plan.addOptions).toEqual([]);
  });

  describe('with addOptions', () => {
    const AUTHORITY = property('bant_authority', 'enumeration', 'select', [['director', 'Director (old label)'], ['c_level', 'C-level']]);
    const GRADE = property('bant_grade', 'enumeration', 'select', [['A', 'A'], ['B', 'B'], ['C', 'C']]);
    const FAILED = property('bant_failed_criteria', 'enumeration', 'checkbox', [['need', 'Need'], ['budget', 'Budget']]);

    it.each<[string, ReturnType<typeof property>[], Array<[string, string[], string[]]>]>([
      ['appends the missing answer options after the existing ones, keeping their labels and order',
        [AUTHORITY], [['bant_authority', ['manager', 'other'], ['director', 'c_level', 'manager', 'other']]]],
      ['appends a missing grade', [GRADE], [['bant_grade', ['D'], ['A', 'B', 'C', 'D']]]],
      ['adds options to several properties, in model order', [FAILED, GRADE, AUTHORITY], [
        ['bant_authority', ['manager', 'other'], ['director', 'c_level', 'manager', 'other']],
        ['bant_grade', ['D'], ['A', 'B', 'C', 'D']],
        ['bant_failed_criteria', ['authority', 'timeline'], ['need', 'budget', 'authority', 'timeline']],
      ]],
    ])('%s', (_case, replacements, additions) => {
      const properties = replacements.reduce((all, p) => replace(all, p.name, p), createdProperties(BANT_DEFAULT));
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties }, { addOptions: true });
      expect(plan.addOptions.map((a) => [a.spec.name, a.added.map((o) => o.value), a.options.map((o) => o.value)])).toEqual(additions);
      expect([plan.conflicts, plan.create]).toEqual([[], []]);
      expect(plan.inPlace).toHaveLength(ALL.length - additions.length);
    });

    it('sends the existing options exactly as HubSpot has them, and the new ones with the model labels', () => {
      const properties = replace(createdProperties(BANT_DEFAULT), 'bant_authority', AUTHORITY);
      const [addition] = planSetup(BANT_DEFAULT, { groups: [GROUP], properties }, { addOptions: true }).addOptions;
      expect(addition?.options).toEqual([
        { value: 'director', label: 'Director (old label)', hidden: false },
        { value: 'c_level', label: 'C-level', hidden: false },
        { value: 'manager', label: 'Manager', displayOrder: 2, hidden: false },
        { value: 'other', label: 'Other', displayOrder: 3, hidden: false },
      ]);
    });

    it('still reports a property of the wrong type as a conflict and adds nothing to it', () => {
      const properties = replace(replace(createdProperties(BANT_DEFAULT), 'bant_score', property('bant_score', 'string', 'text')), 'bant_grade', GRADE);
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties }, { addOptions: true });
      expect(plan.conflicts.map((c) => [c.code, c.property])).toEqual([['incompatible_type', 'bant_score']]);
      expect(plan.addOptions.map((a) => a.spec.name)).toEqual(['bant_grade']);
    });

    it('adds nothing to a single-choice property where the app needs several values, which stays a conflict', () => {
      const failed = property('bant_failed_criteria', 'enumeration', 'select', [['budget', 'B']]);
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_failed_criteria', failed) }, { addOptions: true });
      expect(plan.conflicts.map((c) => [c.code, c.property])).toEqual([['incompatible_type', 'bant_failed_criteria']]);
      expect(plan.addOptions).toEqual([]);
    });

    it('keeps the warning about options the model does not score while adding the missing ones', () => {
      const authority = property('bant_authority', 'enumeration', 'select', [['c_level', 'C'], ['vp', 'VP']]);
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_authority', authority) }, { addOptions: true });
      expect(plan.addOptions.map((a) => a.options.map((o) => o.value))).toEqual([['c_level', 'vp', 'director', 'manager', 'other']]);
      expect(plan.warnings.map((w) => [w.code, w.property])).toEqual([['unmapped_option', 'bant_authority']]);
    });

    it('changes nothing when setup already ran', () => {
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: createdProperties(BANT_DEFAULT) }, { addOptions: true });
      expect([plan.addOptions, plan.create, plan.conflicts]).toEqual([[], [], []]);
    });
  });

  it('only warns about HubSpot options the model does not score, which bant check reports as problems', () => {
    const authority = property('bant_authority', 'enumeration', 'select', [['c_level', 'C'], ['director', 'D'], ['manager', 'M'], ['other', 'O'], ['vp', 'VP']]);
    const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_authority', authority) });
    expect(plan.conflicts).toEqual([]);
    expect(plan.inPlace).toHaveLength(ALL.length);
    expect(plan.warnings).toEqual([expect.objectContaining({
      severity: 'warning', code: 'unmapped_option', property: 'bant_authority',
      fix: 'Add {"value": "vp", "label": "VP", "points": <points>} to criteria[1].rule.options, or remove it from "bant_authority" in HubSpot.',
    })]);
  });

  describe('edge cases', () => {
    it('refuses a single-choice bant_failed_criteria: the app writes several criteria to it', () => {
      const failed = property('bant_failed_criteria', 'enumeration', 'select', [['budget', 'B'], ['authority', 'A'], ['need', 'N'], ['timeline', 'T']]);
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_failed_criteria', failed) });
      expect(plan.conflicts.map((c) => [c.code, c.property])).toEqual([['incompatible_type', 'bant_failed_criteria']]);
    });

    it('refuses a date-only bant_scored_at: it stores a time of day', () => {
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_scored_at', property('bant_scored_at', 'date', 'date')) });
      expect(plan.conflicts.map((c) => [c.code, c.property])).toEqual([['incompatible_type', 'bant_scored_at']]);
    });

    it('refuses a multiple-checkbox answer for a rule that reads one value', () => {
      const need = property('bant_need', 'enumeration', 'checkbox', [['perfect', 'P'], ['partial', 'Pa'], ['low', 'L']]);
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_need', need) });
      expect(plan.conflicts.map((c) => [c.code, c.message])).toEqual([
        ['incompatible_type', 'contact.bant_need is a multiple-checkbox enumeration, so it can hold several values, but criteria[2].sources[0] reads it as one value.'],
      ]);
    });

    it('accepts a select where the app would create radio buttons: only the look differs', () => {
      const timeline = property('bant_timeline', 'enumeration', 'select', [['within_1_month', '1'], ['1_3_months', '2'], ['3_6_months', '3'], ['over_6_months', '4']]);
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_timeline', timeline) });
      expect([plan.conflicts, plan.warnings, plan.create]).toEqual([[], [], []]);
    });

    it('accepts the older enumeration form of a yes/no checkbox for bant_qualified', () => {
      const qualified = property('bant_qualified', 'enumeration', 'booleancheckbox', [['true', 'Yes'], ['false', 'No']]);
      const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_qualified', qualified) });
      expect(plan.conflicts).toEqual([]);
    });
  });
});
