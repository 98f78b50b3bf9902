import { describe, expect, it } from 'vitest';
import { suggestFrom, valueOf } from './support';

describe('budget: the amounts people write', () => {
  it.each([
    ['Budget ~120k approved.', '120000', 'USD'],
    ['They have 120K budgeted.', '120000', 'USD'],
    ['Budget is 1.2M for the program.', '1200000', 'USD'],
    ['Approved budget of 1,2 M€ for the rollout.', '1200000', 'EUR'],
    ['Budget: €80.000.', '80000', 'EUR'],
    ['They budgeted half a million.', '500000', 'USD'],
    ['About 200 thousand is allocated.', '200000', 'USD'],
    ['Their budget is 14 grand.', '14000', 'USD'],
    ['Budget between 80k and 120k.', '80000', 'USD'],
    ['Budget range: $50k–$75k.', '50000', 'USD'],
    ['Approved 450k total over three years.', '450000', 'USD'],
    ['They set aside $20k a year for three years.', '60000', 'USD'],
    ['Budget NOK 750 000 approved.', '750000', 'NOK'],
    ['Budget of £35,000 for this year.', '35000', 'GBP'],
    ['They cannot go above 80k for this.', '80000', 'USD'],
  ])('reads "%s" as %s %s', (text, value, currency) => {
    const budget = suggestFrom(text).find((s) => s.criterion === 'budget');
    expect(budget?.value).toBe(value);
    expect(budget?.currency).toBe(currency);
    expect(budget?.evidence).toBe(text);
  });

  it('keeps the portal currency for amounts written without one', () => {
    const budget = suggestFrom('Budget 90k approved.').find((s) => s.criterion === 'budget');
    expect(budget?.currency).toBe('USD');
  });

  it('takes the answer to a budget question in a transcript', () => {
    expect(valueOf(suggestFrom('Rep: Budget?\nAna: We were given 50k.', { kind: 'transcript' }), 'budget')).toBe('50000');
  });

  it('takes the part of a larger program that is this purchase', () => {
    expect(valueOf(suggestFrom('The board approved $1.8M for the ERP program, of which roughly 300k for the CRM part.'), 'budget')).toBe('300000');
  });
});

describe('budget distractors: amounts that are not what the buyer can spend', () => {
  it.each([
    ['company revenue', 'Budget talk later; they are a $50M company with 80M in annual revenue.'],
    ['funding raised', 'They raised a $15M Series B, so budget should not be an issue.'],
    ['headcount', 'Budget unknown. They have 1.2k employees and 3.5k customers.'],
    ['a competitor\'s price', 'The competitor quoted them 90k; our budget question is still open.'],
    ['what the current vendor charges', 'Their current vendor charges $45,000 a year; budget not discussed.'],
    ['a past project\'s spend', 'Last year they spent 250k on a failed CRM project; no budget yet.'],
    ['an impossible amount', 'There is no way we could get 200k approved.'],
    ['a hypothetical amount', 'If we had half a million budget we would do it all.'],
    ['an amount above what they can spend', 'Budget-wise, 14 grand is more than we can spend this year.'],
    ['a conditional budget', 'Budget for a new tool would be 60k if the CFO agrees.'],
  ])('ignores %s', (_family, text) => {
    expect(valueOf(suggestFrom(text), 'budget')).toBeNull();
  });

  it('reads "no budget until next year" as a timeline hint, not a budget', () => {
    const suggestions = suggestFrom('No budget until next year.', { date: '2026-05-04' });
    expect(valueOf(suggestions, 'budget')).toBeNull();
    expect(valueOf(suggestions, 'timeline')).toBe('over_6_months');
  });

  it('finds the buyer\'s budget among revenue, past spend and a competitor\'s quote', () => {
    const text = 'Our revenue is €80M. Last year we paid €60k for a tool we no longer use. The competitor quoted €70k. For this project our budget is €45k.';
    const budget = suggestFrom(text).find((s) => s.criterion === 'budget');
    expect(budget?.value).toBe('45000');
    expect(budget?.currency).toBe('EUR');
    expect(budget?.evidence).toBe('For this project our budget is €45k.');
  });
});
