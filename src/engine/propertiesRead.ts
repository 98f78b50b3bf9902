import { OVERRIDE_PROPERTIES } from './readOverride';
import type { CrmObject, Model } from './types';

/** Deal properties the engine needs to pick the deal, whatever the criteria read. */
const DEAL_SELECTION = ['hs_is_closed', 'createdate', 'dealname'];

/**
 * The input properties a model reads on each CRM object: what an adapter must fetch to score a
 * lead, and what a change event must touch to matter: the criteria's sources and, when the model
 * lets editors override, the override (SCORING.md §6). Derived `bant_*` outputs and answer stamps
 * (`stampsRead`) are not included.
 * @example propertiesRead(bantDefault).deal // ['hs_is_closed', 'createdate', 'dealname', 'amount', 'closedate']
 */
export function propertiesRead(model: Pick<Model, 'criteria' | 'dealSelection' | 'overrides'>): Record<CrmObject, string[]> {
  const read: Record<CrmObject, Set<string>> = { contact: new Set(), deal: new Set(DEAL_SELECTION), company: new Set() };
  if (model.dealSelection.policy === 'largest_open') read.deal.add('amount');
  if (model.dealSelection.policy === 'soonest_closing_open') read.deal.add('closedate');
  for (const criterion of model.criteria) {
    for (const source of criterion.sources) read[source.object].add(source.property);
  }
  if (model.overrides?.who === 'editors') for (const property of OVERRIDE_PROPERTIES) read.contact.add(property);
  return { contact: [...read.contact], deal: [...read.deal], company: [...read.company] };
}
