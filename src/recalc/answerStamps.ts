import { answeredAt } from '../engine';
import type { Model } from '../engine';
import type { PropertyChangeEvent } from './events';

/** Contact id → answer stamp property → when the answer changed (epoch ms, the newest event's `occurredAt`). */
export type AnswerStamps = Map<string, Record<string, number>>;

/**
 * Whether a property change is the app's own write (the card's save, an auto-fill, a
 * recalculation): HubSpot names the app's id as its source. The card stamps its own answers.
 * @example ownWrite({ sourceId: '12345', appId: '12345', ... }) // true
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
