import { answeredAt } from '../engine';
import type { Model } from '../engine';
import type { PropertyChangeEvent } from './events';

/** Contact id → answer stamp property → when the answer changed (epoch ms, the newest event's `occurredAt`). */
export type AnswerStamps = Map<string, Record<string, number>>;

/**
 * A change less than this after an answer's stored stamp is the write that stamp came with (the
 * app writes an answer and its stamp in one update, a moment after taking the time): it is not
 * stamped again. Ages are counted in days, so a minute changes none.
 */
export const SAME_CHANGE_MS = 60_000;

/**
 * Whether a property change is the app's own write (the card's save, an auto-fill, a
 * recalculation): its `sourceId` is the app's id (the payload's `appId`), as property history
 * names the app for writes made with its token (an assumption: HubSpot's webhook docs show only
 * a person's `"userId:<id>"`). A person's change (`userId:...`) is never the app's, nor is one from
 * another app; `changeSource: "INTEGRATION"` alone says only that some app wrote it. Whatever
 * HubSpot names, the app's own answer writes carry their stamp, and `refreshContacts` does not
 * stamp a change within `SAME_CHANGE_MS` of the stored one.
 * @example ownWrite({ sourceId: '12345', appId: '12345', ... }) // true
 * @example ownWrite({ sourceId: 'userId:12345', appId: '12345', changeSource: 'CRM_UI', ... }) // false
 */
export function ownWrite(event: Pick<PropertyChangeEvent, 'sourceId' | 'appId'>): boolean {
  return event.sourceId !== undefined && event.appId !== undefined && event.sourceId === event.appId;
}

/**
 * The answer stamps (`bant_<key>_answered_at`) that contact answer changes made elsewhere (the
 * record page, an import, a workflow, another integration) call for, at each change's own time
 * (`occurredAt`, never the time it is handled). A property read by several criteria stamps each;
 * an event without `occurredAt`, or the app's own write, stamps nothing. Pure.
 * @example answerStamps(bantDefault, [{ objectId: '7', propertyName: 'bant_budget', occurredAt: 1764000000000, changeSource: 'CRM_UI', ... }]).get('7') // { bant_budget_answered_at: 1764000000000 }
 */
export function answerStamps(model: Pick<Model, 'criteria'>, events: PropertyChangeEvent[]): AnswerStamps {
  const stampsOf = new Map<string, string[]>();
  for (const criterion of model.criteria) {
    for (const source of criterion.sources) {
      if (source.object !== 'contact') continue;
      const stamps = stampsOf.get(source.property) ?? [];
      if (!stamps.includes(answeredAt(criterion))) stamps.push(answeredAt(criterion));
      stampsOf.set(source.property, stamps);
    }
  }
  const found: AnswerStamps = new Map();
  for (const event of events) {
    const stamps = stampsOf.get(event.propertyName);
    if (!stamps || event.occurredAt === undefined || ownWrite(event)) continue;
    const contact = found.get(event.objectId) ?? {};
    // Events arrive in any order: the newest change dates the answer.
    for (const stamp of stamps) contact[stamp] = Math.max(contact[stamp] ?? 0, event.occurredAt);
    found.set(event.objectId, contact);
  }
  return found;
}
