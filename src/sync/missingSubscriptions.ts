import type { Model } from '../engine';
import { webhooksComponent } from './hubspotConfig';

/**
 * A webhook subscription the model needs: a property's changes, or (propertyName null) an object's
 * association changes, or (`activityCreation`, with auto-fill on) new calls, meetings, notes and
 * emails logged on contacts, named once for the four.
 */
export interface NeededSubscription {
  objectType: 'contact' | 'deal' | 'company';
  propertyName: string | null;
  activityCreation?: true;
}

interface Subscription {
  subscriptionType?: unknown;
  objectType?: unknown;
  propertyName?: unknown;
}

/**
 * The webhook subscriptions a model needs (those `bant sync` generates for it) that a deployed
 * webhooks component lacks. HubSpot's subscriptions are static: they change with `npm run build`
 * and `hs project upload`, while a published model can read a new property at once.
 * @example missingSubscriptions(published, deployedWebhooksComponent) // [{ objectType: 'deal', propertyName: 'annualrevenue' }]
 */
export function missingSubscriptions(model: Model, deployed: unknown): NeededSubscription[] {
  const present = new Set(subscriptionsOf(deployed).map(keyOf));
  const lacking = subscriptionsOf(webhooksComponent(model)).filter((wanted) => !present.has(keyOf(wanted)));
  const created = lacking.filter((wanted) => wanted.subscriptionType === 'object.creation');
  return [
    ...lacking.filter((wanted) => wanted.subscriptionType !== 'object.creation')
      .map((wanted) => ({ objectType: wanted.objectType as NeededSubscription['objectType'], propertyName: typeof wanted.propertyName === 'string' ? wanted.propertyName : null })),
    ...(created.length > 0 ? [{ objectType: 'contact' as const, propertyName: null, activityCreation: true as const }] : []),
  ];
}

/** The active subscriptions of a webhooks component (`config.subscriptions.crmObjects`), whatever the file holds. */
function subscriptionsOf(component: unknown): Subscription[] {
  const list = (component as { config?: { subscriptions?: { crmObjects?: unknown } } } | null)?.config?.subscriptions?.crmObjects;
  return Array.isArray(list) ? (list as Subscription[]).filter((entry) => entry && typeof entry === 'object' && (entry as { active?: unknown }).active !== false) : [];
}

function keyOf(subscription: Subscription): string {
  return `${String(subscription.subscriptionType)}|${String(subscription.objectType)}|${String(subscription.propertyName ?? '')}`;
}
