import type { CrmObject } from '../engine';
import type { PropertyShape } from './propertyShape';
import type { PortalProperty, PropertyIssue } from './types';

export interface CompareContext {
  object: CrmObject;
  /** Where the model needs the property: `criteria[i].sources[j]`, or `derived`. */
  path: string;
  /** `app`: a property this app creates (answers, outputs); `revops`: one RevOps mapped (deal amount, …). */
  owner: 'app' | 'revops';
  /** Model options HubSpot lacks: unreachable points, or values the app cannot write. */
  missingOptions: 'error' | 'warning';
  /** HubSpot options the model does not score (a contact holding one is scored invalid). */
  unmappedOptions: 'error' | 'warning' | 'ignore';
}

/**
 * Compares an existing HubSpot property with the shape the model needs: its type, single or
 * multiple values, and its options in both directions. Never suggests changing the property's type
 * in place; every issue names the property, the model path and the fix.
 * @example compareProperty(shape, { name: 'bant_score', label: 'Score', type: 'string', fieldType: 'text', options: [] }, ctx)[0].code // 'incompatible_type'
 */
export function compareProperty(shape: PropertyShape, actual: PortalProperty, context: CompareContext): PropertyIssue[] {
  const { object, path } = context;
  const at = `${object}.${actual.name}`;
  const issue = (severity: PropertyIssue['severity'], code: PropertyIssue['code'], message: string, fix: string): PropertyIssue =>
    ({ severity, code, object, property: actual.name, path, message, fix });
  const user = path === 'derived' ? 'the app writes it' : `${path} reads it`;

  const legacyBoolean = shape.type === 'bool' && actual.type === 'enumeration' && actual.fieldType === 'booleancheckbox';
  if (!shape.accepts.includes(actual.type as PropertyShape['type']) && !legacyBoolean) {
    return [issue('error', 'incompatible_type',
      `${at} is a "${actual.type}" property (field type "${actual.fieldType}"), but ${user} as ${shape.describe}.`,
      replaceFix(actual, shape, context))];
  }
  if (actual.type !== 'enumeration' || legacyBoolean) return [];

  const issues: PropertyIssue[] = [];
  const multiple = actual.fieldType === 'checkbox';
  if (shape.values === 'one' && multiple) {
    return [issue('error', 'incompatible_type',
      `${at} is a multiple-checkbox enumeration, so it can hold several values, but ${user} as one value.`,
      context.owner === 'app'
        ? replaceFix(actual, shape, context)
        : `Change the field type of "${actual.label}" to Dropdown select or Radio select in HubSpot, or give ${path} a rule for several values (multi or coverage).`)];
  }
  if (shape.values === 'several' && !multiple) {
    if (path === 'derived') {
      return [issue('error', 'incompatible_type',
        `${at} is a single-choice enumeration (field type "${actual.fieldType}"), but the app writes several values to it.`, replaceFix(actual, shape, context))];
    }
    issues.push(issue('warning', 'single_select',
      `${at} is a single-choice enumeration (field type "${actual.fieldType}"), so reps can pick only one of the options ${path} scores.`,
      `Change the field type of "${actual.label}" to Multiple checkboxes in HubSpot.`));
  }

  const expected = shape.options ?? [];
  const offered = new Set(actual.options.map((o) => o.value));
  const missing = expected.filter((o) => !offered.has(o.value));
  if (missing.length > 0) {
    const list = missing.map((o) => `"${o.value}" (${o.label}${o.points === undefined ? '' : `, ${o.points} points`})`).join(', ');
    const them = missing.length > 1 ? 'them' : 'it';
    const consequence = path === 'derived'
      ? `so the app cannot write ${missing.length > 1 ? 'these values' : 'this value'} and the recalculation will fail for leads that need ${them}`
      : `so reps cannot choose ${them} and ${missing.length > 1 ? 'their' : 'its'} points are unreachable`;
    issues.push(issue(context.missingOptions, 'missing_option',
      `${at} lacks the option${missing.length > 1 ? 's' : ''} ${list} that ${shape.optionsPath ?? path} defines, ${consequence}.`,
      missingOptionsFix(actual, shape, context, them)));
  }

  // The app's own outputs show the model's wording in HubSpot's lists and reports: a portal set up
  // with older labels (say, a grade labelled with a routing promise) keeps them until relabelled.
  if (path === 'derived') {
    const relabelled = expected.flatMap((o) => {
      const label = actual.options.find((a) => a.value === o.value)?.label;
      return label !== undefined && label !== o.label ? [`"${o.value}" is labelled "${label}", the model says "${o.label}"`] : [];
    });
    if (relabelled.length > 0) {
      issues.push(issue('warning', 'option_label', `${at}: ${relabelled.join('; ')}.`,
        `Rename ${relabelled.length > 1 ? 'these options' : 'this option'} of "${actual.label}" in HubSpot (Settings → Properties) so lists, reports and workflows use the model's wording; the stored values stay the same.`));
    }
  }

  if (context.unmappedOptions !== 'ignore' && shape.options) {
    const known = new Set(expected.map((o) => o.value));
    const unmapped = actual.options.filter((o) => !known.has(o.value));
    if (unmapped.length > 0) {
      const one = unmapped.length === 1;
      const withPoints = expected.some((o) => o.points !== undefined);
      const snippets = unmapped.map((o) => `{"value": ${JSON.stringify(o.value)}, "label": ${JSON.stringify(o.label)}${withPoints ? ', "points": <points>' : ''}}`);
      issues.push(issue(context.unmappedOptions, 'unmapped_option',
        `${at} offers ${unmapped.map((o) => `"${o.value}" (${o.label})`).join(', ')}, which ${shape.optionsPath ?? path} does not score: a contact with ${one ? 'it' : 'one of them'} is scored invalid.`,
        `Add ${snippets.join(', ')} to ${shape.optionsPath ?? path}, or remove ${one ? 'it' : 'them'} from "${actual.label}" in HubSpot.`));
    }
  }
  return issues;
}

function missingOptionsFix(actual: PortalProperty, shape: PropertyShape, context: CompareContext, them: string): string {
  const inHubSpot = `add ${them} to "${actual.label}" in HubSpot (Settings → Properties${context.path === 'derived' ? ` → ${actual.label} → Field type` : ''}), with these internal values`;
  // bant setup only touches the properties the app creates; RevOps' own properties are theirs to change.
  const how = context.owner === 'app'
    ? `Run bant setup --add-options to add ${them} (existing options are kept as they are), or ${inHubSpot}`
    : `${inHubSpot.charAt(0).toUpperCase()}${inHubSpot.slice(1)}`;
  return context.path === 'derived' ? `${how}.` : `${how}, or remove ${them} from ${shape.optionsPath ?? context.path}.`;
}

function replaceFix(actual: PortalProperty, shape: PropertyShape, context: CompareContext): string {
  if (context.owner === 'revops') {
    return `Map ${context.path}.property to ${shape.describe}, or give ${context.path} a rule that reads "${actual.type}" values.`;
  }
  const create = `HubSpot cannot change a property's type in place: export its values if you need them, rename or archive "${actual.label}" (${actual.name}) in HubSpot, then run bant setup to create it as ${shape.describe}. bant setup never changes or deletes an existing property.`;
  return context.path === 'derived' ? create : `${create} Or map ${context.path}.property to another property in the model.`;
}
