import type { CrmObject, Model } from './types';

/** Deal properties the engine needs to pick the deal, whatever the criteria read. */
const DEAL_SELECTION = ['hs_is_closed', 'createdate', 'dealname'];

/**
 * The input properties a model reads on each CRM object: what an adapter must fetch to score a
 * lead, and what a change event must touch to matter. Derived `bant_*` outputs are not included.
 * @example propertiesRead(bantDefault).deal // ['hs_is_closed', 'createdate', 'dealname', 'amount', 'closedate']
 */
export function propertiesRead(model: Pick<Model, 'criteria' | 'dealSelection'>): Record<CrmObject, string[]> {
  const read: Record<CrmObject, Set<string>> = { contact: new Set(), deal: new Set(DEAL_SELECTION), company: new Set() };
  if (model.dealSelection.policy === 'largest_open') read.deal.add('amount');
  if (model.dealSelection.policy === 'soonest_closing_open') read.deal.add('closedate');
  for (const criterion of model.criteria) {
    for (const source of criterion.sources) read[source.object].add(source.property);
  }
  return { contact: [...read.contact], deal: [...read.deal], company: [...read.company] };
}
