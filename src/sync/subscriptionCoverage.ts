import type { Model } from '../engine';
import { webhooksComponent } from './hubspotConfig';

interface Subscription {
  subscriptionType?: unknown;
  objectType?: unknown;
  propertyName?: unknown;
}

/**
 * The webhook subscriptions a model needs that a deployed webhooks component lacks, in words
 * ("deal amount changes"). HubSpot's subscriptions are static (deployed with `hs project upload`),
 * so a published model reading a new property is recalculated on that property's changes only
 * after `npm run build` and an upload; until then the card, rescore and backtest already use it.
 * @example uncoveredSubscriptions(published, JSON.parse(deployedWebhooksFile)) // ['deal annualrevenue changes']
 */
export function uncoveredSubscriptions(model: Model, deployed: unknown): string[] {
  const present = subscriptionsOf(deployed).map(keyOf);
  return subscriptionsOf(webhooksComponent(model))
    .filter((wanted) => !present.includes(keyOf(wanted)))
    .map((wanted) => (wanted.propertyName ? `${String(wanted.objectType)} ${String(wanted.propertyName)} changes` : `${String(wanted.objectType)} association changes`));
}

function subscriptionsOf(component: unknown): Subscription[] {
  const list = (component as { config?: { subscriptions?: { crmObjects?: unknown } } } | null)?.config?.subscriptions?.crmObjects;
  return Array.isArray(list) ? (list as Subscription[]).filter((entry) => (entry as { active?: unknown }).active !== false) : [];
}

function keyOf(subscription: Subscription): string {
  return `${String(subscription.subscriptionType)}|${String(subscription.objectType)}|${String(subscription.propertyName ?? '')}`;
}
