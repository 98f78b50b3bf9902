import type { Model } from '../engine';
import type { CrmPropertyGroup } from '../crm/types';
import { compareProperty } from './compareProperty';
import { propertySpecs } from './propertySpecs';
import type { PortalProperty, PropertyIssue, PropertySpec } from './types';

export interface SetupPlan {
  group: { name: string; label: string; exists: boolean };
  /** Properties to create, in model order. */
  create: PropertySpec[];
  /** Properties that exist and fit the model. */
  inPlace: PropertySpec[];
  /** Existing properties that do not fit: reported with the fix, never altered. */
  conflicts: PropertyIssue[];
  warnings: PropertyIssue[];
}

/**
 * What `bant setup` does for a model in a portal: create the property group if missing, create each
 * missing property, leave every existing one as it is. An existing property of the wrong type, or an
 * enumeration lacking options the model needs, is a conflict with a fix; options HubSpot offers
 * beyond the model's are a warning (`bant check` reports them as problems).
 * @example planSetup(model, { groups: [], properties: [] }).create.length // every input and derived property
 */
export function planSetup(model: Model, portal: { groups: readonly CrmPropertyGroup[]; properties: readonly PortalProperty[] }): SetupPlan {
  const existing = new Map(portal.properties.map((p) => [p.name, p]));
  const plan: SetupPlan = {
    group: { ...model.propertyGroup, exists: portal.groups.some((g) => g.name === model.propertyGroup.name) },
    create: [],
    inPlace: [],
    conflicts: [],
    warnings: [],
  };
  for (const spec of propertySpecs(model)) {
    const actual = existing.get(spec.name);
    if (!actual) {
      plan.create.push(spec);
      continue;
    }
    const issues = compareProperty(spec.shape, actual, {
      object: 'contact', path: spec.path, owner: 'app', missingOptions: 'error', unmappedOptions: spec.role === 'input' ? 'warning' : 'ignore',
    });
    plan.conflicts.push(...issues.filter((i) => i.severity === 'error'));
    plan.warnings.push(...issues.filter((i) => i.severity === 'warning'));
    if (!issues.some((i) => i.severity === 'error')) plan.inPlace.push(spec);
  }
  return plan;
}
