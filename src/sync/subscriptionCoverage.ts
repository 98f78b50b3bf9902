import type { Model } from '../engine';
import { missingSubscriptions } from './missingSubscriptions';

/**
 * The webhook subscriptions a model needs that a deployed webhooks component lacks, in words
 * ("deal amount changes"). HubSpot's subscriptions are static (deployed with `hs project upload`),
 * so a published model reading a new property is recalculated on that property's changes only
 * after `npm run build` and an upload; until then the card, rescore and backtest already use it.
 * @example uncoveredSubscriptions(published, JSON.parse(deployedWebhooksFile)) // ['deal annualrevenue changes']
 */
export function uncoveredSubscriptions(model: Model, deployed: unknown): string[] {
  return missingSubscriptions(model, deployed).map((wanted) => (wanted.activityCreation
    ? 'new calls, meetings, notes and emails (auto-fill)'
    : wanted.propertyName ? `${wanted.objectType} ${wanted.propertyName} changes` : `${wanted.objectType} association changes`));
}
