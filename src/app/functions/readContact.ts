import { derivedPropertiesChanged, propertiesRead, scoreLead, selectDeal, toDerivedProperties } from '../../engine';
import type { DealRecord, Model, RawProperties } from '../../engine';
import type { CrmClient, CrmPropertyDefinition, CrmRecordWithHistory } from '../../crm';
import type { PropertyHistory } from '../../history';
import { historyProperties } from '../../recalc/readLeadHistory';
import { answerSource } from '../cards/lib/answerFields';
import type { AnswerProperty, CardData } from '../cards/lib/cardApi';
import type { FunctionTranslate } from './messages';
import type { AccountDetails } from './accountDetails';
import { readCardContact } from './contactRead';
import type { CardContactRecord } from './contactRead';

/** The CRM adapter calls the card's function makes. */
export type CardCrm = Pick<CrmClient, 'readDeals' | 'readCompanies' | 'readWithHistory' | 'listOwners' | 'stats' | 'getProperties' | 'updateContacts' | 'readObject' | 'readObjects' | 'getAccountInfo' | 'getCallTranscript' | 'readLeadRecords' | 'getPipelines'>;

/** A deal's own currency in a portal with several (HubSpot's `deal_currency_code`): its amount is shown in it. */
const DEAL_CURRENCY = 'deal_currency_code';

/** One contact as the model sees it, plus HubSpot's definitions of the rep's answer properties. */
export interface ContactSnapshot {
  contact: RawProperties;
  deals: DealRecord[];
  company: RawProperties | null;
  properties: Record<string, AnswerProperty>;
  /** The portal's company currency and time zone, when read. */
  account?: AccountDetails;
  /** The card's one contact read as HubSpot answered it: associated ids (activities, leads) and history. */
  record: CardContactRecord;
  /** The history of what the deals' and the company's fields the model reads, from the same batch reads. */
  histories: { deals: Map<string, PropertyHistory>; company: PropertyHistory | null };
}

/**
 * Reads what the card needs of one contact: the contact ONCE (`readCardContact`: its properties and
 * the ids of its deals, company, activities and leads) and, in parallel, the contact property
 * definitions and the account's details (cached by `account`); then its deals (with each deal's own
 * currency) and its first company in one batch read each, only when the model reads them. The
 * contact is scored as recalculation scores it (`readLeads`: the same properties, the first company).
 * Null when the contact does not exist.
 */
export async function readContact(crm: CardCrm, model: Model, contactId: string, account?: () => Promise<AccountDetails>): Promise<ContactSnapshot | null> {
  const [record, definitions, details] = await Promise.all([
    readCardContact(crm, model, contactId),
    crm.getProperties('contacts'),
    account ? account() : undefined,
  ]);
  if (!record) return null;
  const read = propertiesRead(model);
  const reads = (object: 'deal' | 'company') => model.criteria.some((c) => c.sources.some((s) => s.object === object));
  const dealIds = reads('deal') ? record.associations.deals ?? [] : [];
  const companyId = reads('company') ? record.associations.companies?.[0] : undefined;
  // The history of the fields the model reads rides on the same batch reads (50 deals per read, HubSpot's limit with history).
  const wanted = historyProperties(model);
  const none = new Map<string, CrmRecordWithHistory>();
  const [dealRecords, companyRecords] = await Promise.all([
    dealIds.length > 0 ? crm.readWithHistory('deals', dealIds, [...new Set([...read.deal, DEAL_CURRENCY])], wanted.deal) : none,
    companyId ? crm.readWithHistory('companies', [companyId], read.company, wanted.company) : none,
  ]);
  const deals = new Map([...dealRecords].map(([id, record]) => [id, record.properties]));
  const companies = new Map([...companyRecords].map(([id, record]) => [id, record.properties]));
  return {
    contact: record.properties,
    deals: dealIds.flatMap((id) => {
      const properties = deals.get(id);
      return properties ? [{ id, properties }] : [];
    }),
    company: (companyId ? companies.get(companyId) : undefined) ?? null,
    properties: answerProperties(model, definitions),
    ...(details ? { account: details } : {}),
    record,
    histories: {
      deals: new Map([...dealRecords].map(([id, r]) => [id, r.history])),
      company: (companyId ? companyRecords.get(companyId)?.history : undefined) ?? null,
    },
  };
}

function answerProperties(model: Model, definitions: CrmPropertyDefinition[]): Record<string, AnswerProperty> {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const properties: Record<string, AnswerProperty> = {};
  for (const criterion of model.criteria) {
    const name = answerSource(criterion)?.property;
    if (!name) continue;
    const definition = byName.get(name);
    properties[name] = definition
      ? {
          name, label: definition.label, fieldType: definition.fieldType, exists: !definition.archived,
          readOnly: definition.readOnlyValue || definition.calculated,
          options: definition.options.filter((o) => !o.hidden).map(({ value, label }) => ({ value, label })),
        }
      : { name, label: name, fieldType: '', options: [], exists: false, readOnly: false };
  }
  return properties;
}

/** Why the rep's answers cannot be written to this portal (for the admin: it names the properties), or null when they can. */
export function notEditableReason(properties: Record<string, AnswerProperty>, t: FunctionTranslate): string | null {
  const missing = Object.values(properties).filter((p) => !p.exists).map((p) => p.name);
  if (missing.length > 0) return t('cardApi.propertiesMissing', { properties: missing.join(', ') });
  const locked = Object.values(properties).filter((p) => p.readOnly).map((p) => p.name);
  if (locked.length > 0) return t('cardApi.propertiesLocked', { properties: locked.join(', ') });
  return null;
}

/** What the card shows for a snapshot, scored now. */
export function toCardData(model: Model, contactId: string, snapshot: ContactSnapshot, now: Date, t: FunctionTranslate): CardData {
  const { contact, deals, company, properties, account } = snapshot;
  const result = scoreLead(model, { contact, deals, ...(company ? { company } : {}) }, now);
  const readOnlyReason = notEditableReason(properties, t);
  return {
    model,
    contactId,
    contact,
    deal: selectDeal(deals, model.dealSelection.policy),
    company,
    result,
    properties,
    canEdit: readOnlyReason === null,
    readOnlyReason,
    stale: derivedPropertiesChanged(contact, toDerivedProperties(model, result, now)).length > 0,
    ...(account ? { currency: account.currency, timeZone: account.timeZone } : {}),
  };
}
