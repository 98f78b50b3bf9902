import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { PRESETS } from '../../src/models/catalog';
import { checkMappings, objectsToCheck } from '../../src/setup/checkMappings';
import { DEAL_PROPERTIES, createdProperties, property, replace } from './support';

const contacts = createdProperties(BANT_DEFAULT);

describe('checking the default model against a portal', () => {
  it('finds nothing wrong once setup ran, after checking 6 sources, 12 outputs and the 12 properties of SCORING.md §6', () => {
    expect(checkMappings(BANT_DEFAULT, { contact: contacts, deal: DEAL_PROPERTIES })).toEqual({ problems: [], warnings: [], checked: 30 });
  });

  it('names what a portal set up before the §6 additions lacks, each with "Run bant setup"', () => {
    const before = contacts.filter((p) => !p.name.includes('answered') && !p.name.startsWith('bant_override') && p.name !== 'bant_verdict' && p.name !== 'bant_stale_criteria' && p.name !== 'bant_dismissed_suggestions');
    const { problems } = checkMappings(BANT_DEFAULT, { contact: before, deal: DEAL_PROPERTIES });
    expect(problems.map((p) => [p.property, p.path, p.fix])).toEqual([
      // The model writes the verdict and stale criteria with its score (it has overrides and ages), so they count as its outputs.
      ['bant_verdict', 'derived', 'Run bant setup to create it.'],
      ['bant_stale_criteria', 'derived', 'Run bant setup to create it.'],
      ['bant_answered_by', 'stamps', 'Run bant setup to create it.'],
      ['bant_budget_answered_at', 'stamps', 'Run bant setup to create it.'],
      ['bant_authority_answered_at', 'stamps', 'Run bant setup to create it.'],
      ['bant_need_answered_at', 'stamps', 'Run bant setup to create it.'],
      ['bant_timeline_answered_at', 'stamps', 'Run bant setup to create it.'],
      ['bant_override', 'override', 'Run bant setup to create it.'],
      ['bant_override_reason', 'override', 'Run bant setup to create it.'],
      ['bant_override_by', 'override', 'Run bant setup to create it.'],
      ['bant_override_until', 'override', 'Run bant setup to create it.'],
      ['bant_dismissed_suggestions', 'suggestions', 'Run bant setup to create it.'],
    ]);
    expect(problems[2]?.message).toBe('contact.bant_answered_by does not exist in HubSpot, so the app cannot store the bant answered by.');
  });

  it('reads contacts and the objects the sources name', () => {
    expect(objectsToCheck(BANT_DEFAULT)).toEqual(['contact', 'deal']);
  });

  it('lists HubSpot options that earn no points as problems, by name, with the JSON to add', () => {
    const authority = property('bant_authority', 'enumeration', 'select', [['c_level', 'C'], ['director', 'D'], ['manager', 'M'], ['other', 'O'], ['vp', 'Vice president'], ['owner', 'Owner']]);
    const check = checkMappings(BANT_DEFAULT, { contact: replace(contacts, 'bant_authority', authority), deal: DEAL_PROPERTIES });
    expect(check.warnings).toEqual([]);
    expect(check.problems).toEqual([{
      severity: 'error', code: 'unmapped_option', object: 'contact', property: 'bant_authority', path: 'criteria[1].sources[0]',
      message: 'contact.bant_authority offers "vp" (Vice president), "owner" (Owner), which criteria[1].rule.options does not score: a contact with one of them is scored invalid.',
      fix: 'Add {"value": "vp", "label": "Vice president", "points": <points>}, {"value": "owner", "label": "Owner", "points": <points>} to criteria[1].rule.options, or remove them from "bant_authority" in HubSpot.',
    }]);
  });

  it('warns when a portal set up earlier still labels the grades with the old wording', () => {
    const grade = property('bant_grade', 'enumeration', 'select', [['A', 'A: Hot: to sales now'], ['B', 'B: Good score'], ['C', 'C: Fair score'], ['D', 'D: Gather the missing BANT']]);
    const check = checkMappings(BANT_DEFAULT, { contact: replace(contacts, 'bant_grade', grade), deal: DEAL_PROPERTIES });
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([{
      severity: 'warning', code: 'option_label', object: 'contact', property: 'bant_grade', path: 'derived',
      message: 'contact.bant_grade: "A" is labelled "A: Hot: to sales now", the model says "A: Top score"; "D" is labelled "D: Gather the missing BANT", the model says "D: Low score".',
      fix: 'Rename these options of "bant_grade" in HubSpot (Settings → Properties) so lists, reports and workflows use the model\'s wording; the stored values stay the same.',
    }]);
  });

  it('warns about model options HubSpot does not offer: their points are unreachable', () => {
    const need = property('bant_need', 'enumeration', 'select', [['perfect', 'Perfect'], ['partial', 'Partial']]);
    const check = checkMappings(BANT_DEFAULT, { contact: replace(contacts, 'bant_need', need), deal: DEAL_PROPERTIES });
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([expect.objectContaining({
      severity: 'warning', code: 'missing_option', property: 'bant_need',
      message: 'contact.bant_need lacks the option "low" (Low match, 5 points) that criteria[2].rule.options defines, so reps cannot choose it and its points are unreachable.',
    })]);
  });

  it('offers bant setup --add-options for a missing option of an app property, but only HubSpot for a RevOps one', () => {
    const need = property('bant_need', 'enumeration', 'select', [['perfect', 'Perfect'], ['partial', 'Partial']]);
    const revops: Model = { ...BANT_DEFAULT, criteria: BANT_DEFAULT.criteria.map((c) => ({ ...c, sources: c.sources.map((s) => ({ ...s, managed: false })) })) };
    const fixes = [BANT_DEFAULT, revops].map((model) => checkMappings(model, { contact: replace(contacts, 'bant_need', need), deal: DEAL_PROPERTIES }).warnings[0]?.fix);
    expect(fixes).toEqual([
      'Run bant setup --add-options to add it (existing options are kept as they are), or add it to "bant_need" in HubSpot (Settings → Properties), with these internal values, or remove it from criteria[2].rule.options.',
      'Add it to "bant_need" in HubSpot (Settings → Properties), with these internal values, or remove it from criteria[2].rule.options.',
    ]);
  });

  it('reports a missing answer property with "run bant setup"', () => {
    const check = checkMappings(BANT_DEFAULT, { contact: replace(contacts, 'bant_need', null), deal: DEAL_PROPERTIES });
    expect(check.problems).toEqual([{
      severity: 'error', code: 'missing_property', object: 'contact', property: 'bant_need', path: 'criteria[2].sources[0]',
      message: 'criteria[2].sources[0] reads contact.bant_need, which does not exist in HubSpot.', fix: 'Run bant setup to create it.',
    }]);
  });

  it('reports a missing derived output with "run bant setup"', () => {
    const check = checkMappings(BANT_DEFAULT, { contact: replace(contacts, 'bant_scored_at', null), deal: DEAL_PROPERTIES });
    expect(check.problems.map((p) => [p.property, p.path, p.fix])).toEqual([['bant_scored_at', 'derived', 'Run bant setup to create it.']]);
  });

  it('reports a deal amount that is not a number, with a fix in the model rather than in HubSpot', () => {
    const check = checkMappings(BANT_DEFAULT, { contact: contacts, deal: replace(DEAL_PROPERTIES, 'amount', property('amount', 'string', 'text')) });
    expect(check.problems).toEqual([expect.objectContaining({
      code: 'incompatible_type', object: 'deal', property: 'amount', path: 'criteria[0].sources[1]',
      message: 'deal.amount is a "string" property (field type "text"), but criteria[0].sources[1] reads it as a number property.',
      fix: 'Map criteria[0].sources[1].property to a number property, or give criteria[0].sources[1] a rule that reads "string" values.',
    })]);
  });

  it('accepts a date window on a date-only property as well as on a date-time one', () => {
    const check = checkMappings(BANT_DEFAULT, { contact: contacts, deal: replace(DEAL_PROPERTIES, 'closedate', property('closedate', 'date', 'date')) });
    expect(check.problems).toEqual([]);
  });

  it('refuses a date window on a text property', () => {
    const check = checkMappings(BANT_DEFAULT, { contact: contacts, deal: replace(DEAL_PROPERTIES, 'closedate', property('closedate', 'string', 'text')) });
    expect(check.problems.map((p) => [p.property, p.message])).toEqual([
      ['closedate', 'deal.closedate is a "string" property (field type "text"), but criteria[3].sources[1] reads it as a date or date-time property.'],
    ]);
  });

  it('points at the object a property really lives on', () => {
    const model: Model = structuredClone(BANT_DEFAULT);
    model.criteria[0]!.sources[1] = { object: 'deal', property: 'bant_budget' };
    const check = checkMappings(model, { contact: contacts, deal: DEAL_PROPERTIES });
    expect(check.problems).toEqual([expect.objectContaining({
      code: 'wrong_object', object: 'deal', property: 'bant_budget', path: 'criteria[0].sources[1]',
      message: 'criteria[0].sources[1] reads deal.bant_budget, which does not exist; "bant_budget" is a contact property.',
      fix: 'Set criteria[0].sources[1].object to "contact", or create the deal property "bant_budget" in HubSpot as a number property.',
    })]);
  });

  it('tells RevOps how to map an unmanaged property HubSpot does not have', () => {
    const model: Model = structuredClone(BANT_DEFAULT);
    model.criteria[1]!.sources.push({ object: 'contact', property: 'buying_role' });
    const check = checkMappings(model, { contact: contacts, deal: DEAL_PROPERTIES });
    expect(check.problems.map((p) => p.fix)).toEqual([
      'Create the contact property "buying_role" in HubSpot as a single-choice enumeration (select or radio), or map criteria[1].sources[1].property to an existing contact property.',
    ]);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('finds nothing wrong with preset %s once its properties exist', (_id, preset) => {
    if (!preset.checked.ok) throw new Error('invalid preset');
    const model = preset.checked.model;
    expect(checkMappings(model, { contact: createdProperties(model), deal: DEAL_PROPERTIES })).toMatchObject({ problems: [], warnings: [] });
  });
});
