import type { Model } from '../engine';
import type { PropertyIssue } from './types';

/** What HubSpot's account details say about money (`GET /account-info/v3/details`). */
export interface AccountCurrencies {
  companyCurrency: string;
  additionalCurrencies: readonly string[];
}

/**
 * Budget sources that read a deal's `amount` in a portal with several currencies: each deal's
 * amount is in its own currency, so bands written in the company currency compare unlike amounts.
 * HubSpot keeps the converted value in `amount_in_home_currency`; the warning suggests it.
 * @example checkCurrencies(model, { companyCurrency: 'EUR', additionalCurrencies: ['USD'] })[0]?.fix // 'Set criteria[0].sources[1].property to "amount_in_home_currency" ...'
 */
export function checkCurrencies(model: Model, account: AccountCurrencies): PropertyIssue[] {
  const others = account.additionalCurrencies.filter((c) => c !== account.companyCurrency);
  if (others.length === 0) return [];
  const issues: PropertyIssue[] = [];
  model.criteria.forEach((criterion, i) => {
    criterion.sources.forEach((source, j) => {
      const rule = source.rule ?? criterion.rule;
      if (source.object !== 'deal' || source.property !== 'amount' || rule.type !== 'bands' || rule.unit !== 'currency') return;
      const path = `criteria[${i}].sources[${j}]`;
      issues.push({
        severity: 'warning', code: 'multi_currency', object: 'deal', property: source.property, path,
        message: `${path} reads deal.amount, which is in each deal's own currency; this portal also uses ${others.join(', ')}, so those deals are compared with bands in ${account.companyCurrency} unconverted.`,
        fix: `Set ${path}.property to "amount_in_home_currency", HubSpot's amount converted to ${account.companyCurrency}.`,
      });
    });
  });
  return issues;
}
