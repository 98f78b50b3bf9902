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
  // Each chain reads the associated records as soon as its associations are back, while the contacts
  // are still being read: a delivery waits for its slowest chain, not for every step in turn.
  const linked = async (links: Promise<Map<string, string[]>> | undefined, wanted: (links: Map<string, string[]>) => string[], readRecords: (ids: string[]) => Promise<Map<string, RawProperties>>) => {
    const found = (await links) ?? new Map<string, string[]>();
    const recordIds = [...new Set(wanted(found))];
    return [found, recordIds.length > 0 ? await readRecords(recordIds) : new Map<string, RawProperties>()] as const;
  };
  const [contacts, [dealIdsByContact, deals], [companyIdsByContact, companies]] = await Promise.all([
    crm.readContacts(ids, [...new Set([...read.contact, ...stampsRead(model), ...derivedPropertyNames(model), ...extraProperties])]),
    linked(reads('deal') ? crm.contactDeals(ids) : undefined, (links) => [...links.values()].flat(),
      (dealIds) => crm.readDeals(dealIds, [...new Set([...read.deal, ...extraDealProperties])])),
    // Scoring reads a contact's first company.
    linked(reads('company') ? crm.contactCompanies(ids) : undefined, (links) => ids.flatMap((id) => links.get(id)?.slice(0, 1) ?? []),
      (companyIds) => crm.readCompanies(companyIds, read.company)),
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
