/**
 * The card's ONE read of the contact: a single `GET /crm/v3/objects/contacts/{id}` with every property
 * the card shows, `associations=` for the records it follows, and `propertiesWithHistory=` for the
 * history it shows. Every part of the card that needs something from the contact adds a name to
 * the lists below instead of making its own request (the card's budget is 10 HubSpot requests per
 * open, counted by `npm run bench -- card`).
 */
import { ANSWERED_BY, derivedPropertyNames, propertiesRead, stampsRead } from '../../engine';
import { historyProperties } from '../../recalc/readLeadHistory';
import type { Model } from '../../engine';
import { CrmError } from '../../crm';
import type { CrmClient, CrmRecordDetail } from '../../crm';
import { DISMISSED_PROPERTY } from '../../extract';

/** Contact properties the card reads beside the model's answers, their stamps and the derived properties. */
export const CARD_CONTACT_PROPERTIES: readonly string[] = [
  // Suggestions: authority from the job title; the suggestions reps dismissed.
  'jobtitle',
  DISMISSED_PROPERTY,
  // Trust: who answered last, named beside a stale answer.
  ANSWERED_BY,
];

/** The ids of associated records the same read returns, by HubSpot object type. */
export const CARD_ASSOCIATIONS: readonly string[] = [
  // Scoring: the contact's deals and its company.
  'deals', 'companies',
  // Suggestions: the contact's activities.
  'calls', 'meetings', 'notes', 'emails',
  // The contact's open lead (HubSpot Leads, Sales Hub Pro+).
  'leads',
];

/**
 * Associations the portal may refuse (a scope the app was not granted, an object the subscription
 * lacks): when the read is refused, it is made once more without them, and the card works without.
 */
export const OPTIONAL_ASSOCIATIONS: readonly string[] = ['calls', 'meetings', 'notes', 'emails', 'leads'];

/**
 * Contact properties whose history the card reads for a model (HubSpot gives it on a single read at
 * no extra request): the score, verdict and model version, the answers with their stamps, who
 * answered and the override, for the history section (src/history).
 */
export function cardHistoryProperties(model: Model): string[] {
  return historyProperties(model).contact;
}

export interface ContactReadSpec {
  properties: string[];
  associations: string[];
  propertiesWithHistory: string[];
}

/** What the card's contact read asks HubSpot for, for a model. */
export function contactReadSpec(model: Model): ContactReadSpec {
  return {
    properties: [...new Set([...propertiesRead(model).contact, ...stampsRead(model), ...derivedPropertyNames(model), ...CARD_CONTACT_PROPERTIES])],
    associations: [...new Set(CARD_ASSOCIATIONS)],
    propertiesWithHistory: [...new Set(cardHistoryProperties(model))],
  };
}

/** The contact as the card's one read returns it: properties, associated ids by type (none: []), history. */
export interface CardContactRecord {
  id: string;
  properties: Record<string, string | null>;
  associations: Record<string, string[]>;
  history: CrmRecordDetail['history'];
  /** Associated types left out because the portal refused them (their scope, their object). */
  refused: string[];
}

/**
 * Reads the contact once as `contactReadSpec` says; null when it does not exist. A read refused for
 * a scope (403) is made once more without the optional associations.
 */
export async function readCardContact(crm: Pick<CrmClient, 'readObject'>, model: Model, contactId: string): Promise<CardContactRecord | null> {
  const spec = contactReadSpec(model);
  const read = (associations: string[]) => crm.readObject('contacts', contactId, spec.properties, {
    associations, ...(spec.propertiesWithHistory.length > 0 ? { propertiesWithHistory: spec.propertiesWithHistory } : {}),
  });
  let refused: string[] = [];
  let record: CrmRecordDetail | null;
  try {
    record = await read(spec.associations);
  } catch (error) {
    if (!(error instanceof CrmError && error.code === 'FORBIDDEN')) throw error;
    refused = spec.associations.filter((type) => OPTIONAL_ASSOCIATIONS.includes(type));
    record = await read(spec.associations.filter((type) => !refused.includes(type)));
  }
  if (!record) return null;
  const associations = Object.fromEntries(spec.associations.map((type) => [type, record.associations?.[type] ?? []]));
  return { id: record.id, properties: record.properties, associations, history: record.history, refused };
}
