/**
 * The currency an amount is in: a deal's own (`deal_currency_code`, in portals with several
 * currencies) for a value read from that deal, else the portal's company currency. Pure.
 */
import type { DealRecord, SourceRef } from '@bant/engine';

/**
 * @example currencyOf({ object: 'deal', property: 'amount', dealId: '9' }, { id: '9', properties: { deal_currency_code: 'NOK' } }, 'EUR') // 'NOK'
 */
export function currencyOf(ref: SourceRef | null, deal: DealRecord | null, companyCurrency: string | null): string | null {
  if (ref?.object === 'deal' && deal && ref.dealId === deal.id) return deal.properties.deal_currency_code?.trim() || companyCurrency;
  return companyCurrency;
}
