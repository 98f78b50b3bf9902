import type { CrmObject, Model } from '../engine';
import { checkMappings } from '../setup/checkMappings';
import type { PortalProperty, PropertyIssue } from '../setup/types';

/**
 * What keeps a rescore from storing its results: the properties it writes on `object` (contacts,
 * or deals' and companies' committees) that the portal lacks or that do not fit (a type, a missing
 * option), as `bant check` names them. Empty when every output is in place. Pure: the portal's
 * properties of that object in, problems out.
 * @example outputProblems(model, []).length // every derived property: none exists yet
 */
export function outputProblems(model: Model, properties: readonly PortalProperty[], object: CrmObject = 'contact'): PropertyIssue[] {
  return checkMappings(model, { [object]: properties }).problems
    .filter((issue) => issue.object === object && issue.path === 'derived');
}

/**
 * One message for all of them, with the fix: `bant setup` creates what is missing.
 * @example describeOutputProblems(outputProblems(model, []))
 * // "the portal lacks 13 of the 13 contact properties bant rescore writes (bant_score, ...); run bant setup, then bant rescore again"
 */
export function describeOutputProblems(problems: readonly PropertyIssue[], total: number, object: CrmObject = 'contact'): string {
  const missing = problems.filter((p) => p.code === 'missing_property').map((p) => p.property);
  const misfit = problems.filter((p) => p.code !== 'missing_property');
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`lacks ${missing.length} of the ${total} ${object} properties bant rescore writes (${names(missing)})`);
  if (misfit.length > 0) parts.push(`has ${misfit.length === 1 ? 'one that does' : `${misfit.length} that do`} not fit what it writes (${misfit.map((p) => `${p.property}: ${p.message}`).join('; ')})`);
  const fix = misfit.length > 0 && missing.length === 0 ? 'run bant check for the fixes (bant setup --add-options adds missing options)' : 'run bant setup (then bant check)';
  return `the portal ${parts.join(' and ')}, so no score could be stored; ${fix}, then bant rescore again`;
}

function names(list: readonly string[]): string {
  return list.length > 6 ? `${list.slice(0, 6).join(', ')}, … ${list.length - 6} more` : list.join(', ');
}
