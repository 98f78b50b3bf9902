import type { CrmObject, Model } from '../engine';
import { compareProperty } from './compareProperty';
import { objectsWritten, specsFor } from './propertySpecs';
import { shapeForRule } from './propertyShape';
import type { PortalProperty, PropertyIssue } from './types';

export interface MappingCheck {
  /** Mappings that make scores wrong or writes fail: `bant check` exits 1. */
  problems: PropertyIssue[];
  /** Worth fixing, but every score is still right (e.g. model options HubSpot does not offer). */
  warnings: PropertyIssue[];
  /** How many property mappings were checked (sources and derived outputs). */
  checked: number;
}

/** The CRM objects whose property definitions `checkMappings` needs: contacts always, plus every object a source reads. */
export function objectsToCheck(model: Pick<Model, 'criteria' | 'committee'>): CrmObject[] {
  const objects = new Set<CrmObject>(objectsWritten(model));
  for (const criterion of model.criteria) for (const source of criterion.sources) objects.add(source.object);
  return [...objects];
}

/**
 * Checks a model's property mappings against a portal's property definitions: every source exists
 * on its object with a type that fits its rule, every HubSpot option of an enumeration earns points
 * (unmapped ones are problems, listed by name), model options HubSpot lacks are warnings
 * (unreachable points), and the app's derived outputs exist with the types it writes.
 * @example checkMappings(model, { contact: contactProperties, deal: dealProperties }).problems // [] when all fits
 */
export function checkMappings(model: Model, portal: Partial<Record<CrmObject, readonly PortalProperty[]>>): MappingCheck {
  const issues: PropertyIssue[] = [];
  let checked = 0;
  const find = (object: CrmObject, name: string) => portal[object]?.find((p) => p.name === name);

  model.criteria.forEach((criterion, i) => {
    criterion.sources.forEach((source, j) => {
      checked += 1;
      const path = `criteria[${i}].sources[${j}]`;
      const rulePath = source.rule ? `${path}.rule` : `criteria[${i}].rule`;
      const shape = shapeForRule(source.rule ?? criterion.rule, criterion, rulePath);
      const at = `${source.object}.${source.property}`;
      const actual = find(source.object, source.property);
      if (actual) {
        issues.push(...compareProperty(shape, actual, {
          object: source.object, path, owner: source.managed ? 'app' : 'revops', missingOptions: 'warning', unmappedOptions: 'error',
        }));
        return;
      }
      const elsewhere = (Object.keys(portal) as CrmObject[]).find((object) => object !== source.object && find(object, source.property));
      const base = { severity: 'error' as const, object: source.object, property: source.property, path };
      if (elsewhere) {
        issues.push({
          ...base, code: 'wrong_object',
          message: `${path} reads ${at}, which does not exist; "${source.property}" is a ${elsewhere} property.`,
          fix: `Set ${path}.object to "${elsewhere}", or create the ${source.object} property "${source.property}" in HubSpot as ${shape.describe}.`,
        });
      } else {
        issues.push({
          ...base, code: 'missing_property',
          message: `${path} reads ${at}, which does not exist in HubSpot.`,
          fix: source.managed
            ? 'Run bant setup to create it.'
            : `Create the ${source.object} property "${source.property}" in HubSpot as ${shape.describe}, or map ${path}.property to an existing ${source.object} property.`,
        });
      }
    });
  });

  for (const object of objectsWritten(model)) {
    for (const spec of specsFor(model, object).filter((s) => s.role !== 'input')) {
      checked += 1;
      const actual = find(object, spec.name);
      if (!actual) {
        issues.push({
          severity: 'error', code: 'missing_property', object, property: spec.name, path: spec.path,
          message: `${object}.${spec.name} does not exist in HubSpot, so the app cannot store the ${spec.definition.label.toLowerCase()}${object === 'contact' ? '' : ` of a ${object}'s committee`}.`,
          fix: 'Run bant setup to create it.',
        });
        continue;
      }
      issues.push(...compareProperty(spec.shape, actual, { object, path: spec.path, owner: 'app', missingOptions: 'error', unmappedOptions: 'ignore' }));
    }
  }

  if (model.lifecycle?.advance) {
    checked += 1;
    const stages = find('contact', 'lifecyclestage')?.options ?? [];
    if (!stages.some((o) => o.value === model.lifecycle?.stage)) {
      issues.push({
        severity: 'error', code: 'missing_option', object: 'contact', property: 'lifecyclestage', path: 'lifecycle.stage',
        message: `lifecycle.stage "${model.lifecycle.stage}" is not a lifecycle stage of this portal, so qualified contacts cannot be moved to it.`,
        fix: `Set lifecycle.stage to one of ${stages.map((o) => o.value).join(', ') || "the portal's lifecycle stages"} (internal values).`,
      });
    }
  }

  return { problems: issues.filter((i) => i.severity === 'error'), warnings: issues.filter((i) => i.severity === 'warning'), checked };
}
