import { describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../src/models';
import { planSetup } from '../../src/setup/planSetup';
import { propertySpecs } from '../../src/setup/propertySpecs';
import { createdProperties, property, replace } from './support';

const GROUP = { name: 'bant_qualification', label: 'BANT qualification', displayOrder: 10, archived: false };
const ALL = propertySpecs(BANT_DEFAULT).map((s) => s.name);

describe('planning bant setup', () => {
  it('creates the group and all 16 properties in an empty portal', () => {
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
    expect(plan.inPlace).toHaveLength(14);
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
      fix: 'Add them to "bant_authority" in HubSpot (Settings → Properties), with these internal values, or remove them from criteria[1].rule.options.',
    })]);
  });

  it('reports a derived enumeration lacking a grade as a conflict: the app could not write it', () => {
    const grade = property('bant_grade', 'enumeration', 'select', [['A', 'A'], ['B', 'B'], ['C', 'C']]);
    const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_grade', grade) });
    expect(plan.conflicts.map((c) => [c.code, c.property])).toEqual([['missing_option', 'bant_grade']]);
    expect(plan.conflicts[0]!.message).toContain('"D" (D: Gather the missing BANT) that grades defines, so the app cannot write this value and the recalculation will fail for leads that need it.');
  });

  it('only warns about HubSpot options the model does not score, which bant check reports as problems', () => {
    const authority = property('bant_authority', 'enumeration', 'select', [['c_level', 'C'], ['director', 'D'], ['manager', 'M'], ['other', 'O'], ['vp', 'VP']]);
    const plan = planSetup(BANT_DEFAULT, { groups: [GROUP], properties: replace(createdProperties(BANT_DEFAULT), 'bant_authority', authority) });
    expect(plan.conflicts).toEqual([]);
    expect(plan.inPlace).toHaveLength(16);
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
