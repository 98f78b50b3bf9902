import type { RawProperties } from '../engine';

export type PropertiesById = Map<string, RawProperties>;

export interface ContactWriteFailure {
  id: string;
  code: string;
  message: string;
  retryable: boolean;
}

/** What recalculation needs from the CRM: the batch calls of the CRM adapter (src/crm). */
export interface RecalcCrm {
  readContacts(ids: string[], properties: string[]): Promise<PropertiesById>;
  readDeals(ids: string[], properties: string[]): Promise<PropertiesById>;
  readCompanies(ids: string[], properties: string[]): Promise<PropertiesById>;
  contactDeals(contactIds: string[]): Promise<Map<string, string[]>>;
  contactCompanies(contactIds: string[]): Promise<Map<string, string[]>>;
  dealContacts(dealIds: string[]): Promise<Map<string, string[]>>;
  companyContacts(companyIds: string[]): Promise<Map<string, string[]>>;
  updateContacts(updates: Array<{ id: string; properties: Record<string, string> }>): Promise<{ written: string[]; failed: ContactWriteFailure[] }>;
}

/** The reads of a lead (`readLeads`): contacts, their deals and companies. */
export type LeadReader = Pick<RecalcCrm, 'readContacts' | 'readDeals' | 'readCompanies' | 'contactDeals' | 'contactCompanies'>;
