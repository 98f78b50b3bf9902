import { COMMITTEE_SIZE, derivedPropertyNames, STALE_CRITERIA, VERDICT } from '../engine';
import type { CrmObject, Model } from '../engine';
import { BOOLEAN_OPTIONS, shapeForRule } from './propertyShape';
import type { PropertyShape } from './propertyShape';
import { trustProperties } from './trustProperties';
import { suggestionProperties } from './suggestionProperties';
import type { PropertySpec } from './types';
import { resolveText } from '../i18n';
import type { LocalizedText } from '../i18n';

/**
 * Every contact property the app owns for a model, as `bant setup` creates it: the rep's answer
 * properties (contact sources marked `managed`) in model order, then the derived outputs of
 * SCORING.md §4, then the answer stamps, verdict, stale criteria and override of §6, then the
 * dismissed suggestions (§6; when the model takes suggestions). A property
 * named twice is listed once, where the model first needs it.
 * @example propertySpecs(bantDefault).map((p) => p.name) // ['bant_budget', ..., 'bant_score', ..., 'bant_model_version']
 */
export function propertySpecs(model: Model): PropertySpec[] {
  const specs: PropertySpec[] = [];
  const add = (spec: Omit<PropertySpec, 'definition'> & { label: string; description: string; formField: boolean }) => {
    if (specs.some((s) => s.name === spec.name)) return;
    const { name, role, path, shape, label, description, formField } = spec;
    const options = shape.options?.map(({ value, label: optionLabel }, displayOrder) => ({ value, label: optionLabel, displayOrder }));
    specs.push({
      name, role, path, shape,
      definition: {
        name, label, type: shape.type, fieldType: shape.fieldType, groupName: model.propertyGroup.name, description,
        ...(options ? { options } : {}), displayOrder: specs.length, formField,
      },
    });
  };

  model.criteria.forEach((criterion, i) => {
    criterion.sources.forEach((source, j) => {
      if (source.object !== 'contact' || !source.managed) return;
      const rulePath = source.rule ? `criteria[${i}].sources[${j}].rule` : `criteria[${i}].rule`;
      add({
        role: 'input',
        path: `criteria[${i}].sources[${j}]`,
        name: source.property,
        shape: shapeForRule(source.rule ?? criterion.rule, criterion, rulePath),
        label: `${model.framework} ${en(criterion.label).toLowerCase()}`,
        description: `${criterion.description ? en(criterion.description) : `The rep's answer for ${en(criterion.label)}.`} Answered on the BANT card; scored by the ${model.framework} model.`,
        formField: true,
      });
    });
  });

  for (const name of derivedPropertyNames(model)) {
    const derived = derivedShape(name, model);
    add({
      role: 'derived', path: 'derived', name, shape: derived.shape, label: derived.label,
      description: `${derived.meaning} Written by the BANT app; do not edit by hand.`, formField: false,
    });
  }
  for (const trust of trustProperties(model)) {
    add({
      role: trust.role, path: trust.path, name: trust.name, shape: trust.shape, label: trust.label, formField: false,
      description: `${trust.meaning} ${trust.role === 'override' ? 'Written by the BANT card for the rep.' : 'Written by the BANT app; do not edit by hand.'}`,
    });
  }
  for (const suggestion of suggestionProperties(model)) {
    add({ ...suggestion, formField: false, description: `${suggestion.meaning} Written by the BANT card; do not edit by hand.` });
  }
  return specs;
}

/**
 * The objects the app writes properties on for a model: contacts always, deals and companies when
 * the model rolls up their committees (`committee.deals`, `committee.companies`).
 * @example objectsWritten({ ...model, committee: { deals: true, companies: false } }) // ['contact', 'deal']
 */
export function objectsWritten(model: Pick<Model, 'committee'>): CrmObject[] {
  return ['contact', ...(model.committee?.deals ? ['deal' as const] : []), ...(model.committee?.companies ? ['company' as const] : [])];
}

/**
 * The properties the app owns on an object, as `bant setup` creates them: `propertySpecs` on
 * contacts; on deals and companies the derived outputs (same names as on contacts) and
 * `bant_committee_size`, in the model's property group.
 * @example specsFor(model, 'deal').at(-1)?.name // "bant_committee_size"
 */
export function specsFor(model: Model, object: CrmObject): PropertySpec[] {
  if (object === 'contact') return propertySpecs(model);
  // The verdict and stale criteria of SCORING.md §6 are a contact's alone.
  const names = [...derivedPropertyNames(model).filter((name) => name !== VERDICT && name !== STALE_CRITERIA), COMMITTEE_SIZE];
  return names.map((name, displayOrder) => {
    const derived = derivedShape(name, model);
    const options = derived.shape.options?.map(({ value, label }, order) => ({ value, label, displayOrder: order }));
    return {
      name, role: 'derived', path: 'derived', shape: derived.shape,
      definition: {
        name, label: derived.label, type: derived.shape.type, fieldType: derived.shape.fieldType, groupName: model.propertyGroup.name,
        description: `${derived.meaning} Rolled up from the ${object}'s contacts by the BANT app; do not edit by hand.`,
        ...(options ? { options } : {}), displayOrder, formField: false,
      },
    };
  });
}

const NUMBER: PropertyShape = { type: 'number', fieldType: 'number', accepts: ['number'], describe: 'a number property' };

/** The shape of one derived output (SCORING.md §4), its label and meaning. */
export function derivedShape(name: string, model: Model): { label: string; meaning: string; shape: PropertyShape } {
  const prefix = model.framework;
  const criterion = model.criteria.find((c) => name === `bant_${c.key}_points`);
  const trust = name === VERDICT || name === STALE_CRITERIA ? trustProperties(model).find((p) => p.name === name) : undefined;
  if (trust) return { label: trust.label, meaning: trust.meaning, shape: trust.shape };
  if (criterion) {
    return { label: `${prefix} ${en(criterion.label).toLowerCase()} points`, meaning: `Points earned for ${en(criterion.label)} (0 to ${criterion.max}).`, shape: NUMBER };
  }
  switch (name) {
    case 'bant_score':
      return { label: `${prefix} score`, meaning: 'Total qualification points.', shape: NUMBER };
    case 'bant_qualified':
      return {
        label: `${prefix} qualified`, meaning: 'Whether the lead meets the minimum score and every criterion\'s minimum.',
        shape: { type: 'bool', fieldType: 'booleancheckbox', accepts: ['bool'], describe: 'a yes/no (bool) property', options: BOOLEAN_OPTIONS },
      };
    case 'bant_grade':
      return {
        label: `${prefix} grade`, meaning: 'The grade of the score.',
        shape: {
          type: 'enumeration', fieldType: 'select', accepts: ['enumeration'], describe: 'a single-choice enumeration (select or radio)', values: 'one',
          options: model.grades.map((g) => ({ value: g.grade, label: g.label ? `${g.grade}: ${en(g.label)}` : g.grade })), optionsPath: 'grades',
        },
      };
    case 'bant_next_action':
      return {
        label: `${prefix} next action`, meaning: 'What to do with the lead next, from the model\'s routing rules.',
        shape: {
          type: 'enumeration', fieldType: 'select', accepts: ['enumeration'], describe: 'a single-choice enumeration (select or radio)', values: 'one',
          options: model.actions.map((a) => ({ value: a.key, label: en(a.label) })), optionsPath: 'actions',
        },
      };
    case 'bant_failed_criteria':
      return {
        label: `${prefix} failed criteria`, meaning: 'The criteria the lead does not meet yet, for segmenting nurture.',
        shape: {
          type: 'enumeration', fieldType: 'checkbox', accepts: ['enumeration'], describe: 'a multiple-checkbox enumeration', values: 'several',
          options: model.criteria.map((c) => ({ value: c.key, label: en(c.label) })), optionsPath: 'criteria',
        },
      };
    case 'bant_completeness':
      return { label: `${prefix} completeness`, meaning: 'Share of criteria with a usable answer, 0 to 100.', shape: NUMBER };
    case 'bant_scored_at':
      return {
        label: `${prefix} scored at`, meaning: 'When the score was last computed.',
        shape: { type: 'datetime', fieldType: 'date', accepts: ['datetime'], describe: 'a date-time property' },
      };
    case COMMITTEE_SIZE:
      return { label: `${prefix} committee size`, meaning: 'How many contacts the buying committee has.', shape: NUMBER };
    case 'bant_model_version':
      return {
        label: `${prefix} model version`, meaning: 'The version of the scoring model that computed the score.',
        shape: { type: 'string', fieldType: 'text', accepts: ['string'], describe: 'a single-line text property' },
      };
    default:
      throw new Error(`derived property "${name}" has no HubSpot definition in src/setup/propertySpecs.ts; add one`);
  }
}

/** HubSpot property labels and descriptions are written once, in the model's English. */
function en(text: LocalizedText): string {
  return resolveText(text, 'en');
}
