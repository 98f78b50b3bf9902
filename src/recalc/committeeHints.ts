import { derivedPropertyNames, propertiesRead } from '../engine';
import type { Model } from '../engine';
import { OBJECT_TYPE_IDS } from './events';
import type { WebhookEvent } from './events';

/** Which committees a batch of events may have changed: deals and companies, and contacts whose deals and companies roll up. */
export interface CommitteeHints {
  dealIds: string[];
  companyIds: string[];
  contactIds: string[];
  /** The events that pointed at a committee. */
  used: Set<string>;
}

/** Deal properties that open or close a deal, which a company's roll-up reads. */
const DEAL_STAGE_PROPERTIES = ['dealstage', 'pipeline'];

/**
 * The committees a batch of webhook events points at, when the model rolls them up: a deal whose
 * properties the model reads changed, or a contact joined or left it; a company whose properties
 * changed, or a contact or deal joined or left it; a contact whose answers changed (its deals and
 * companies). Like every event, these are hints: the roll-up re-reads current state. Events about
 * the app's own properties point at nothing.
 * @example committeeHints([dealAmountChanged], model).dealIds // ['9']
 */
export function committeeHints(events: readonly WebhookEvent[], model: Model): CommitteeHints {
  const hints: CommitteeHints = { dealIds: [], companyIds: [], contactIds: [], used: new Set() };
  const deals = model.committee?.deals === true;
  const companies = model.committee?.companies === true;
  if (!deals && !companies) return hints;
  const read = propertiesRead(model);
  const derived = new Set(derivedPropertyNames(model));
  const dealProperties = new Set([...read.deal, ...DEAL_STAGE_PROPERTIES]);
  const sets = { deal: new Set<string>(), company: new Set<string>(), contact: new Set<string>() };
  for (const event of events) {
    const add = (object: keyof typeof sets, id: string) => {
      sets[object].add(id);
      hints.used.add(event.eventId);
    };
    if ('propertyName' in event && event.subscriptionType.endsWith('propertyChange')) {
      const object = objectOf(event.objectTypeId, event.subscriptionType);
      if (derived.has(event.propertyName)) continue;
      if (object === 'deal' && dealProperties.has(event.propertyName)) add('deal', event.objectId);
      else if (object === 'contact' && read.contact.includes(event.propertyName)) add('contact', event.objectId);
      else if (object === 'company' && read.company.includes(event.propertyName)) add('company', event.objectId);
    } else if ('fromObjectId' in event && event.subscriptionType.endsWith('associationChange')) {
      const [fromHint, toHint] = (event.associationType ?? '').toLowerCase().split('_to_');
      const ends = [
        { object: objectOf(event.fromObjectTypeId, fromHint), id: event.fromObjectId },
        { object: objectOf(event.toObjectTypeId, toHint), id: event.toObjectId },
      ];
      const pair = new Set(ends.map((end) => end.object));
      for (const end of ends) {
        // A contact joining or leaving changes the deal's or company's committee; a deal joining or leaving, the company's.
        if (end.object === 'deal' && pair.has('contact')) add('deal', end.id);
        if (end.object === 'company' && (pair.has('contact') || pair.has('deal'))) add('company', end.id);
        // A deal's company feeds its company sources.
        if (end.object === 'deal' && pair.has('company') && read.company.length > 0) add('deal', end.id);
      }
    }
  }
  hints.dealIds = deals || companies ? [...sets.deal] : [];
  hints.companyIds = companies ? [...sets.company] : [];
  hints.contactIds = [...sets.contact];
  return hints;
}

function objectOf(typeId: string | undefined, hint: string | undefined): 'contact' | 'deal' | 'company' | undefined {
  if (typeId === OBJECT_TYPE_IDS.contact) return 'contact';
  if (typeId === OBJECT_TYPE_IDS.deal) return 'deal';
  if (typeId === OBJECT_TYPE_IDS.company) return 'company';
  const prefix = hint?.split(/[._]/)[0];
  return prefix === 'contact' || prefix === 'deal' || prefix === 'company' ? prefix : undefined;
}
