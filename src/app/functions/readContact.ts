import { derivedPropertiesChanged, scoreLead, selectDeal, toDerivedProperties } from '../../engine';
import type { DealRecord, Model, RawProperties } from '../../engine';
import type { CrmClient, CrmPropertyDefinition } from '../../crm';
import { answerSource } from '../cards/lib/answerFields';
import type { AnswerProperty, CardData } from '../cards/lib/cardApi';
import { readLeads } from '../../recalc/readLeads';

/** The CRM adapter calls the card's function makes. */
export type CardCrm = Pick<CrmClient, 'readContacts' | 'contactDeals' | 'readDeals' | 'contactCompanies' | 'readCompanies' | 'getProperties' | 'updateContacts' | 'readObject'>;

/** One contact as the model sees it, plus HubSpot's definitions of the rep's answer properties. */
export interface ContactSnapshot {
  contact: RawProperties;
  deals: DealRecord[];
  company: RawProperties | null;
  properties: Record<string, AnswerProperty>;
}

/**
 * Reads what scoring one contact needs (`readLeads`, as recalculation reads it) and, in parallel,
 * the contact property definitions. Null when the contact does not exist.
 */
export async function readContact(crm: CardCrm, model: Model, contactId: string): Promise<ContactSnapshot | null> {
  const [leads, definitions] = await Promise.all([readLeads(crm, model, [contactId]), crm.getProperties('contacts')]);
  const lead = leads.get(contactId);
  if (!lead) return null;
  return { contact: lead.contact, deals: lead.deals ?? [], company: lead.company ?? null, properties: answerProperties(model, definitions) };
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

/** Why the rep's answers cannot be written to this portal, or null when they can. */
export function notEditableReason(properties: Record<string, AnswerProperty>): string | null {
  const missing = Object.values(properties).filter((p) => !p.exists).map((p) => p.name);
  if (missing.length > 0) {
    return `The answer ${missing.length > 1 ? 'properties' : 'property'} ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist in this HubSpot account yet, so answers cannot be saved. Ask your HubSpot admin to run \`bant setup\`, then reload this page.`;
  }
  const locked = Object.values(properties).filter((p) => p.readOnly).map((p) => p.name);
  if (locked.length > 0) {
    return `HubSpot marks ${locked.join(', ')} as read-only (calculated or locked), so answers cannot be saved. Ask your HubSpot admin to make ${locked.length > 1 ? 'them' : 'it'} editable.`;
  }
  return null;
}

/** What the card shows for a snapshot, scored now. */
export function toCardData(model: Model, contactId: string, snapshot: ContactSnapshot, now: Date): CardData {
  const { contact, deals, company, properties } = snapshot;
  const result = scoreLead(model, { contact, deals, ...(company ? { company } : {}) }, now);
  const readOnlyReason = notEditableReason(properties);
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
  };
}
