import { describe, expect, it } from 'vitest';
import type { Criterion, Rule } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { PRESETS } from '../../src/models/catalog';
import { shapeForRule } from '../../src/setup/propertyShape';
import { propertySpecs } from '../../src/setup/propertySpecs';

const byName = (name: string) => propertySpecs(BANT_DEFAULT).find((s) => s.name === name)!.definition;

describe('the properties of the default model', () => {
  it('are the four answers in model order, then the derived outputs of SCORING.md §4, then the additions of §6', () => {
    expect(propertySpecs(BANT_DEFAULT).map((s) => [s.name, s.role])).toEqual([
      ['bant_budget', 'input'], ['bant_authority', 'input'], ['bant_need', 'input'], ['bant_timeline', 'input'],
      ['bant_score', 'derived'], ['bant_budget_points', 'derived'], ['bant_authority_points', 'derived'], ['bant_need_points', 'derived'],
      ['bant_timeline_points', 'derived'], ['bant_qualified', 'derived'], ['bant_grade', 'derived'], ['bant_next_action', 'derived'],
      ['bant_failed_criteria', 'derived'], ['bant_completeness', 'derived'], ['bant_scored_at', 'derived'], ['bant_model_version', 'derived'],
      ['bant_verdict', 'derived'], ['bant_stale_criteria', 'derived'],
      ['bant_answered_by', 'derived'], ['bant_budget_answered_at', 'derived'], ['bant_authority_answered_at', 'derived'],
      ['bant_need_answered_at', 'derived'], ['bant_timeline_answered_at', 'derived'],
      ['bant_override', 'override'], ['bant_override_reason', 'override'], ['bant_override_by', 'override'], ['bant_override_until', 'override'],
      ['bant_dismissed_suggestions', 'derived'],
    ]);
  });

  it('creates the stamps, the verdict, stale criteria and the override with the types of SCORING.md §6', () => {
    expect(byName('bant_answered_by')).toMatchObject({ label: 'BANT answered by', type: 'string', fieldType: 'text', formField: false });
    expect(byName('bant_timeline_answered_at')).toMatchObject({ label: 'BANT timeline answered at', type: 'datetime', fieldType: 'date' });
    expect(byName('bant_verdict').options?.map((o) => [o.value, o.label])).toEqual([['qualified', 'Qualified'], ['not_qualified', 'Not qualified']]);
    expect(byName('bant_stale_criteria')).toMatchObject({ type: 'enumeration', fieldType: 'checkbox' });
    expect(byName('bant_stale_criteria').options?.map((o) => o.value)).toEqual(['budget', 'authority', 'need', 'timeline']);
    expect(byName('bant_override')).toMatchObject({ type: 'enumeration', fieldType: 'select' });
    expect(byName('bant_override').options?.map((o) => o.value)).toEqual(['qualified', 'not_qualified']);
    expect(byName('bant_override_reason')).toMatchObject({ type: 'string', fieldType: 'textarea' });
    expect(byName('bant_override_until')).toMatchObject({ type: 'date', fieldType: 'date' });
    expect(byName('bant_override').description).toMatch(/Written by the BANT card for the rep\.$/);
  });

  it('puts every property in the model\'s group with its position as display order', () => {
    propertySpecs(BANT_DEFAULT).forEach((spec, i) => {
      expect(spec.definition).toMatchObject({ groupName: 'bant_qualification', displayOrder: i });
    });
  });

  it('creates the answers with the types of SCORING.md §3 and human labels', () => {
    expect(byName('bant_budget')).toMatchObject({ label: 'BANT budget', type: 'number', fieldType: 'number', formField: true });
    expect(byName('bant_budget').options).toBeUndefined();
    expect(byName('bant_authority')).toEqual(expect.objectContaining({
      label: 'BANT authority', type: 'enumeration', fieldType: 'select',
      options: [
        { value: 'c_level', label: 'C-level executive', displayOrder: 0 }, { value: 'director', label: 'Director', displayOrder: 1 },
        { value: 'manager', label: 'Manager', displayOrder: 2 }, { value: 'other', label: 'Other', displayOrder: 3 },
      ],
    }));
    expect(byName('bant_need')).toMatchObject({ type: 'enumeration', fieldType: 'select' });
    expect(byName('bant_timeline')).toMatchObject({ type: 'enumeration', fieldType: 'radio' });
    expect(byName('bant_timeline').options?.map((o) => o.value)).toEqual(['within_1_month', '1_3_months', '3_6_months', 'over_6_months']);
  });

  it('creates the derived outputs with the types of SCORING.md §4', () => {
    expect(byName('bant_score')).toMatchObject({ label: 'BANT score', type: 'number', fieldType: 'number', formField: false });
    expect(byName('bant_need_points')).toMatchObject({ label: 'BANT need points', type: 'number', fieldType: 'number' });
    expect(byName('bant_qualified')).toMatchObject({
      type: 'bool', fieldType: 'booleancheckbox',
      options: [{ value: 'true', label: 'Yes', displayOrder: 0 }, { value: 'false', label: 'No', displayOrder: 1 }],
    });
    expect(byName('bant_grade')).toMatchObject({ type: 'enumeration', fieldType: 'select' });
    expect(byName('bant_grade').options?.map((o) => [o.value, o.label])).toEqual([
      ['A', 'A: Top score'], ['B', 'B: Good score'], ['C', 'C: Fair score'], ['D', 'D: Low score'],
    ]);
    expect(byName('bant_next_action').options?.map((o) => o.value)).toEqual(['requalify', 'sales_now', 'sales_later', 'nurture', 'research']);
    expect(byName('bant_failed_criteria')).toMatchObject({ type: 'enumeration', fieldType: 'checkbox' });
    expect(byName('bant_failed_criteria').options?.map((o) => [o.value, o.label])).toEqual([
      ['budget', 'Budget'], ['authority', 'Authority'], ['need', 'Need'], ['timeline', 'Timeline'],
    ]);
    expect(byName('bant_completeness')).toMatchObject({ type: 'number', fieldType: 'number' });
    expect(byName('bant_scored_at')).toMatchObject({ type: 'datetime', fieldType: 'date' });
    expect(byName('bant_model_version')).toMatchObject({ type: 'string', fieldType: 'text' });
  });

  it('says in every description who writes the property', () => {
    expect(byName('bant_budget').description).toContain('Answered on the BANT card');
    expect(byName('bant_score').description).toContain('Written by the BANT app; do not edit by hand.');
  });
});

describe('the HubSpot type of an answer follows its rule', () => {
  const criterion = (rule: Rule, dateSource = false): Criterion => ({
    key: 'x', label: 'X', max: 10, minimum: 0, rule,
    sources: [{ object: 'contact', property: 'bant_x', managed: true },
      ...(dateSource ? [{ object: 'deal' as const, property: 'closedate', rule: { type: 'date_window' as const, windows: [{ withinMonths: 3, points: 10 }], later: 0 } }] : [])],
  });
  const option = { value: 'a', label: 'A', points: 1 };
  it.each([
    ['bands', { type: 'bands', bands: [{ from: 0, points: 1 }] }, false, 'number', 'number'],
    ['options', { type: 'options', options: [option] }, false, 'enumeration', 'select'],
    ['options answered as time windows', { type: 'options', options: [option] }, true, 'enumeration', 'radio'],
    ['likert', { type: 'likert', levels: [option, { ...option, value: 'b' }] }, false, 'enumeration', 'radio'],
    ['multi', { type: 'multi', mode: 'sum', options: [option] }, false, 'enumeration', 'checkbox'],
    ['coverage', { type: 'coverage', options: [{ value: 'a', label: 'A' }], bands: [{ from: 0, points: 1 }] }, false, 'enumeration', 'checkbox'],
    ['boolean', { type: 'boolean', whenTrue: 1, whenFalse: 0 }, false, 'bool', 'booleancheckbox'],
    ['date_window', { type: 'date_window', windows: [{ withinMonths: 3, points: 1 }], later: 0 }, false, 'date', 'date'],
  ] as Array<[string, Rule, boolean, string, string]>)('%s → %s', (_name, rule, dateSource, type, fieldType) => {
    const shape = shapeForRule(rule, criterion(rule, dateSource), 'criteria[0].rule');
    expect([shape.type, shape.fieldType]).toEqual([type, fieldType]);
  });

  it('gives every preset answer a type, and enumerations every option the preset scores', () => {
    for (const preset of PRESETS) {
      if (!preset.checked.ok) throw new Error(preset.id);
      for (const spec of propertySpecs(preset.checked.model)) {
        if (spec.definition.type === 'enumeration') expect(spec.definition.options?.length, `${preset.id} ${spec.name}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('the property of suggested answers', () => {
  it('keeps dismissals in a text property the card writes, when the model takes suggestions', () => {
    expect(byName('bant_dismissed_suggestions')).toMatchObject({ label: 'BANT dismissed suggestions', type: 'string', fieldType: 'textarea', formField: false });
    expect(byName('bant_dismissed_suggestions').description).toMatch(/Written by the BANT card; do not edit by hand\.$/);
  });

  it('is not created for a model whose criteria take no suggestions', () => {
    const silent = structuredClone(BANT_DEFAULT);
    silent.criteria = silent.criteria.map((c) => ({ ...c, sources: c.sources.filter((s) => s.object !== 'contact') }));
    silent.suggestions = {};
    expect(propertySpecs(silent).map((s) => s.name)).not.toContain('bant_dismissed_suggestions');
  });
});
