import { propertiesRead } from '../engine';
import type { LeadRecord, Model } from '../engine';
import { CrmError } from '../crm';
import type { CrmClient } from '../crm';
import { ANSWERED_BY, answeredAt, answerProperties, OVERRIDE_PROPERTIES } from '../history';
import type { LeadHistory, PropertyHistory } from '../history';
import { readLeads } from './readLeads';
import type { LeadReader } from './RecalcCrm';

export type HistoryReader = LeadReader & Pick<CrmClient, 'readWithHistory'>;

export interface LeadWithHistory {
  lead: LeadRecord;
  history: LeadHistory;
}

/**
 * The contact properties whose history explains a lead: its score, verdict and model version,
 * the answers the model reads with their stamps, and the override.
 * @example historyProperties(bantDefault).includes('bant_budget_answered_at') // true
 */
export function historyProperties(model: Model): { contact: string[]; deal: string[]; company: string[] } {
  const read = propertiesRead(model);
  return {
    contact: [...new Set([
      'bant_score', 'bant_qualified', 'bant_model_version', ...answerProperties(model).keys(),
      ...model.criteria.map(answeredAt), ANSWERED_BY, ...OVERRIDE_PROPERTIES,
    ])],
    deal: read.deal,
    company: read.company,
  };
}

/**
 * Reads leads exactly as `readLeads` does (same calls, same scoring input), with the history of
 * what explains them riding on the same batch reads: no extra request, at most 50 records per
 * read (HubSpot's limit when history is asked).
 */
export async function readLeadHistory(crm: HistoryReader, model: Model, contactIds: string[]): Promise<Map<string, LeadWithHistory>> {
  const wanted = historyProperties(model);
  const histories = { contacts: new Map<string, PropertyHistory>(), deals: new Map<string, PropertyHistory>(), companies: new Map<string, PropertyHistory>() };
  const withHistory = (type: 'contacts' | 'deals' | 'companies', names: string[]) => async (ids: string[], properties: string[]) => {
    // The current values of what history explains (stamps, the override) are read too.
    const records = await crm.readWithHistory(type, ids, [...new Set([...properties, ...names])], names);
    for (const [id, record] of records) histories[type].set(id, record.history);
    return new Map([...records].map(([id, record]) => [id, record.properties]));
  };
  let companiesByContact = new Map<string, string[]>();
  const reader: LeadReader = {
    ...crm,
    readContacts: withHistory('contacts', wanted.contact),
    readDeals: withHistory('deals', wanted.deal),
    readCompanies: withHistory('companies', wanted.company),
    contactCompanies: async (ids) => (companiesByContact = await crm.contactCompanies(ids)),
  };
  const leads = await readLeads(reader, model, contactIds);
  return new Map([...leads].map(([id, lead]) => [id, {
    lead,
    history: {
      contact: histories.contacts.get(id) ?? {},
      deals: (lead.deals ?? []).map((deal) => ({ id: deal.id, name: deal.properties.dealname ?? null, history: histories.deals.get(deal.id) ?? {} })),
      // readLeads scores a contact's first company; its history is that one's.
      company: lead.company ? histories.companies.get(companiesByContact.get(id)?.[0] ?? '') ?? null : null,
    },
  }]));
}

/**
 * Names of HubSpot users by user id ("Dana Reyes"), from one page of the owners API; ids it does
 * not list (deactivated users, a missing `crm.objects.owners.read` scope) are left out.
 */
export async function readUserNames(crm: Pick<CrmClient, 'listOwners'>, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  try {
    const { results } = await crm.listOwners();
    const wanted = new Set(userIds);
    return new Map(results
      .filter((user) => wanted.has(user.userId))
      .map((user) => [user.userId, [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email || `user ${user.userId}`]));
  } catch (error) {
    // Without the optional owners scope the history still says who, by user id.
    if (error instanceof CrmError && error.code === 'FORBIDDEN') return new Map();
    throw error;
  }
}
