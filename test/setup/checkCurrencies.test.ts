import { describe, expect, it } from 'vitest';
import { checkCurrencies } from '../../src/setup/checkCurrencies';
import { BANT_DEFAULT } from '../../src/models';

describe('a budget read from deals in a portal with several currencies', () => {
  it('suggests HubSpot\'s amount in the company currency', () => {
    expect(checkCurrencies(BANT_DEFAULT, { companyCurrency: 'EUR', additionalCurrencies: ['USD', 'NOK'] })).toEqual([{
      severity: 'warning', code: 'multi_currency', object: 'deal', property: 'amount', path: 'criteria[0].sources[1]',
      message: "criteria[0].sources[1] reads deal.amount, which is in each deal's own currency; this portal also uses USD, NOK, so those deals are compared with bands in EUR unconverted.",
      fix: 'Set criteria[0].sources[1].property to "amount_in_home_currency", HubSpot\'s amount converted to EUR.',
    }]);
  });

  it('says nothing for a portal with one currency, or a model that already reads the converted amount', () => {
    expect(checkCurrencies(BANT_DEFAULT, { companyCurrency: 'EUR', additionalCurrencies: [] })).toEqual([]);
    expect(checkCurrencies(BANT_DEFAULT, { companyCurrency: 'EUR', additionalCurrencies: ['EUR'] })).toEqual([]);
    const converted = structuredClone(BANT_DEFAULT);
    converted.criteria[0]!.sources[1]!.property = 'amount_in_home_currency';
    expect(checkCurrencies(converted, { companyCurrency: 'EUR', additionalCurrencies: ['USD'] })).toEqual([]);
  });
});
