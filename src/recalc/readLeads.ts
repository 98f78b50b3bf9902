import { derivedPropertyNames, propertiesRead, stampsRead } from '../engine';
import type { LeadRecord, Model, RawProperties } from '../engine';
import type { LeadReader } from './RecalcCrm';

/**
 * Reads what scoring needs for contacts, in batches: their input properties, answer stamps and
 * stored derived values (plus `extraProperties`), their deals, and their first associated company; deals and
 * companies only when the model reads them. At most five batch calls for up to 100 contacts, in two
 * rounds: the contacts and their associations together, then each association's records as soon as it is back. The
 * card, the settings page, recalculation and the backfill all read leads here, so they score the same.
 */
export async function readLeads(crm: LeadReader, model: Model, contactIds: string[], extraProperties: string[] = [], extraDealProperties: string[] = []): Promise<Map<string, LeadRecord>> {
  const ids = [...new Set(contactIds)];
  const leads = new Map<string, LeadRecord>();
  if (ids.length === 0) return leads;
  const read = propertiesRead(model);
  const reads = (object: 'deal' | 'company') => model.criteria.some((c) => c.sources.some((s) => s.object === object));
  const noLinks = Promise.resolve(new Map<string, string[]>());
  const noRecords = Promise.resolve(new Map<string, RawProperties>());
  // Each chain reads the associated records as soon as its associations are back, while the contacts
  // are still being read: a delivery waits for its slowest chain, not for every step in turn.
  const [contacts, [dealIdsByContact, deals], [companyIdsByContact, companies]] = await Promise.all([
    crm.readContacts(ids, [...new Set([...read.contact, ...stampsRead(model), ...derivedPropertyNames(model), ...extraProperties])]),
    (reads('deal') ? crm.contactDeals(ids) : noLinks).then(async (links) => {
      const dealIds = [...new Set([...links.values()].flat())];
      return [links, await (dealIds.length > 0 ? crm.readDeals(dealIds, [...new Set([...read.deal, ...extraDealProperties])]) : noRecords)] as const;
    }),
    (reads('company') ? crm.contactCompanies(ids) : noLinks).then(async (links) => {
      // Scoring reads a contact's first company.
      const companyIds = [...new Set(ids.flatMap((id) => links.get(id)?.slice(0, 1) ?? []))];
      return [links, await (companyIds.length > 0 ? crm.readCompanies(companyIds, read.company) : noRecords)] as const;
    }),
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
