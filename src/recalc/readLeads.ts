import { derivedPropertyNames, propertiesRead, stampsRead } from '../engine';
import type { LeadRecord, Model, RawProperties } from '../engine';
import type { LeadReader } from './RecalcCrm';

/**
 * Reads what scoring needs for contacts, in batches: their input properties, answer stamps and
 * stored derived values (plus `extraProperties`), their deals, and their first associated company; deals and
 * companies only when the model reads them. At most five batch calls for up to 100 contacts. The
 * card, the settings page, recalculation and the backfill all read leads here, so they score the same.
 */
export async function readLeads(crm: LeadReader, model: Model, contactIds: string[], extraProperties: string[] = [], extraDealProperties: string[] = []): Promise<Map<string, LeadRecord>> {
  const ids = [...new Set(contactIds)];
  const leads = new Map<string, LeadRecord>();
  if (ids.length === 0) return leads;
  const read = propertiesRead(model);
  const reads = (object: 'deal' | 'company') => model.criteria.some((c) => c.sources.some((s) => s.object === object));
  const none = Promise.resolve(new Map<string, string[]>());
  const [contacts, dealIdsByContact, companyIdsByContact] = await Promise.all([
    crm.readContacts(ids, [...new Set([...read.contact, ...stampsRead(model), ...derivedPropertyNames(model), ...extraProperties])]),
    reads('deal') ? crm.contactDeals(ids) : none,
    reads('company') ? crm.contactCompanies(ids) : none,
  ]);
  const dealIds = [...new Set([...dealIdsByContact.values()].flat())];
  const companyIds = [...new Set(ids.flatMap((id) => companyIdsByContact.get(id)?.slice(0, 1) ?? []))];
  const nothing = Promise.resolve(new Map<string, RawProperties>());
  const [deals, companies] = await Promise.all([
    dealIds.length > 0 ? crm.readDeals(dealIds, [...new Set([...read.deal, ...extraDealProperties])]) : nothing,
    companyIds.length > 0 ? crm.readCompanies(companyIds, read.company) : nothing,
  ]);
  for (const id of ids) {
    const contact = contacts.get(id);
    if (!contact) continue;
    const company = companies.get(companyIdsByContact.get(id)?.[0] ?? '');
    leads.set(id, {
      contact,
      deals: (dealIdsByContact.get(id) ?? []).flatMap((dealId) => {
        const properties = deals.get(dealId);
        return properties ? [{ id: dealId, properties }] : [];
      }),
      ...(company ? { company } : {}),
    });
  }
  return leads;
}
