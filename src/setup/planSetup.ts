import type { CrmObject, Model } from '../engine';
import type { CrmPropertyGroup, CrmPropertyOption } from '../crm/types';
import { compareProperty } from './compareProperty';
import { mergeOptions } from './mergeOptions';
import { specsFor } from './propertySpecs';
import type { PortalProperty, PropertyIssue, PropertySpec } from './types';

export interface SetupPlan {
  group: { name: string; label: string; exists: boolean };
  /** Properties to create, in model order. */
  create: PropertySpec[];
  /** Properties that exist and fit the model. */
  inPlace: PropertySpec[];
  /** With `addOptions`: existing enumerations that only lack options, and the options to add. */
  addOptions: OptionAddition[];
  /** Existing properties that do not fit: reported with the fix, never altered. */
  conflicts: PropertyIssue[];
  warnings: PropertyIssue[];
}

export interface OptionAddition {
  spec: PropertySpec;
  /** The options the model needs and HubSpot lacks, with the model's labels, in model order. */
  added: CrmPropertyOption[];
  /** The whole list to send (HubSpot's update replaces it): the existing options as they are, then `added`. */
  options: CrmPropertyOption[];
}

/**
 * What `bant setup` does for a model in a portal: create the property group if missing, create each
 * missing property, leave every existing one as it is. An existing property of the wrong type is a
 * conflict with a fix; so is an enumeration lacking options the model needs, unless `addOptions` is
 * set, in which case the missing options are appended to it (`plan.addOptions`). Options HubSpot
 * offers beyond the model's are a warning (`bant check` reports them as problems). `object` picks
 * the object whose properties these are (contacts by default; deals and companies for committees).
 * @example planSetup(model, { groups: [], properties: [] }).create.length // every input and derived property
 */
export function planSetup(
  model: Model,
  portal: { groups: readonly CrmPropertyGroup[]; properties: readonly PortalProperty[] },
  options: { addOptions?: boolean; object?: CrmObject } = {},
): SetupPlan {
  const object = options.object ?? 'contact';
  const existing = new Map(portal.properties.map((p) => [p.name, p]));
  const plan: SetupPlan = {
    group: { ...model.propertyGroup, exists: portal.groups.some((g) => g.name === model.propertyGroup.name) },
    create: [],
    inPlace: [],
    addOptions: [],
    conflicts: [],
    warnings: [],
  };
  for (const spec of specsFor(model, object)) {
    const actual = existing.get(spec.name);
    if (!actual) {
      plan.create.push(spec);
      continue;
    }
    const issues = compareProperty(spec.shape, actual, {
      object, path: spec.path, owner: 'app', missingOptions: 'error', unmappedOptions: spec.role === 'input' ? 'warning' : 'ignore',
    });
    const errors = issues.filter((i) => i.severity === 'error');
    plan.warnings.push(...issues.filter((i) => i.severity === 'warning'));
    if (errors.length === 0) {
      plan.inPlace.push(spec);
    } else if (options.addOptions && errors.every((i) => i.code === 'missing_option')) {
      const merged = mergeOptions(actual.options, spec.shape.options ?? []);
      plan.addOptions.push({ spec, added: merged.slice(actual.options.length), options: merged });
    } else {
      plan.conflicts.push(...errors);
    }
  }
  return plan;
}
