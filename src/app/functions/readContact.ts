import { derivedPropertiesChanged, scoreLead, selectDeal, toDerivedProperties } from '../../engine';
import type { DealRecord, Model, RawProperties } from '../../engine';
import type { CrmClient, CrmPropertyDefinition } from '../../crm';
import { answerSource } from '../cards/lib/answerFields';
import type { AnswerProperty, CardData } from '../cards/lib/cardApi';
import { readLeads } from '../../recalc/readLeads';
import type { FunctionTranslate } from './messages';
import type { AccountDetails } from './accountDetails';

/** The CRM adapter calls the card's function makes. */
export type CardCrm = Pick<CrmClient, 'readContacts' | 'contactDeals' | 'readDeals' | 'contactCompanies' | 'readCompanies' | 'getProperties' | 'updateContacts' | 'readObject' | 'readObjects' | 'getAccountInfo'>;

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
}

/**
 * Reads what scoring one contact needs (`readLeads`, as recalculation reads it, plus each deal's own
 * currency) and, in parallel, the contact property definitions and the account's details (cached
 * by `account`). Null when the contact does not exist.
 */
export async function readContact(crm: CardCrm, model: Model, contactId: string, account?: () => Promise<AccountDetails>): Promise<ContactSnapshot | null> {
  const [leads, definitions, details] = await Promise.all([
    readLeads(crm, model, [contactId], [], [DEAL_CURRENCY]),
    crm.getProperties('contacts'),
    account ? account() : undefined,
  ]);
  const lead = leads.get(contactId);
  if (!lead) return null;
  return { contact: lead.contact, deals: lead.deals ?? [], company: lead.company ?? null, properties: answerProperties(model, definitions), ...(details ? { account: details } : {}) };
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
