import { describe, expect, it } from 'vitest';
import { suggestFrom, valueOf } from './support';

describe('need: pain and fit, part of it, nice to have, just browsing', () => {
  it.each([
    ['explicit pain', 'Our pick errors are killing us; we re-ship 4% of orders.', 'perfect'],
    ['explicit fit', 'This is exactly what we need.', 'perfect'],
    ['losing business', 'Leads sit for days and we lose them.', 'perfect'],
    ['part of the need', 'It covers some of our needs, but not the forecasting.', 'partial'],
    ['pain beside "nice to have"', 'Reporting would be nice to have. The real problem is that invoices get lost.', 'partial'],
    ['nice to have', 'It would be nice to have, not a priority this year.', 'low'],
    ['current tool is fine', 'Their current stack works well enough.', 'low'],
    ['just browsing', "We're just browsing for now.", 'low'],
    ['research only', 'Analyst gathering information for a vendor comparison.', 'low'],
  ])('%s → %s', (_case, text, value) => {
    expect(valueOf(suggestFrom(text), 'need')).toBe(value);
  });

  describe('negation', () => {
    it.each([
      ['We are not struggling with reporting at all.', 'low'],
      ["It's not urgent.", 'low'],
      ['Pain is not acute; they are not losing deals.', 'low'],
      ["It's nice to have rather than critical.", 'low'],
      ["We're not just browsing: our order errors cost us customers every week.", 'perfect'],
    ])('"%s" → %s', (text, value) => {
      expect(valueOf(suggestFrom(text), 'need')).toBe(value);
    });

    it('ignores pain that was solved, or that is someone else\'s', () => {
      expect(valueOf(suggestFrom('They used to struggle with manual invoicing but fixed it last year.'), 'need')).toBeNull();
      expect(valueOf(suggestFrom('A friend of hers at another company struggles with the same issue.'), 'need')).toBeNull();
    });

    it('reads no need from a question', () => {
      expect(valueOf(suggestFrom('Rep: Is this urgent?', { kind: 'transcript' }), 'need')).toBeNull();
    });

    it('stays silent when a text says both pain and just browsing', () => {
      expect(valueOf(suggestFrom('Their reporting is broken. Honestly they are just browsing.'), 'need')).toBeNull();
    });
  });
});
