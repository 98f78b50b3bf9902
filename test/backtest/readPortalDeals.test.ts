import { describe, expect, it } from 'vitest';
import { readPortalDeals } from '../../src/backtest/readPortalDeals';
import { runBacktest } from '../../src/backtest/runBacktest';
import { BANT_DEFAULT } from '../../src/models';
import { clientFor, usePortalServer } from '../crm/support';
import { at, history } from './dealHistory';

const usePortal = usePortalServer();
describe('backtest by deal', () => {
  it('scores each closed deal with its committee as it was known just before it closed', async () => {
    const clock = { now: 0 };
    const portal = usePortal({ now: () => clock.now });
    const { won, lost, ann } = history(portal, clock);
    const input = await readPortalDeals(clientFor(), [BANT_DEFAULT], 'portal');
    expect(input.leads.map((d) => [d.id, d.won, d.asOf.toISOString()])).toEqual([
      [won, true, '2026-03-01T11:59:59.999Z'],
      [lost, false, '2026-02-15T11:59:59.999Z'],
    ]);
    const deal = input.leads[0]!;
    expect(deal.committee.members).toEqual([{ id: ann, contact: expect.objectContaining({ firstname: 'Ann', bant_authority: 'c_level', bant_need: 'partial' }) }]);
    expect(deal.committee.deals[0]?.properties).toMatchObject({ amount: '120000', dealstage: 'appointmentscheduled', hs_is_closed: 'false' });

    const report = runBacktest(input, [BANT_DEFAULT], new Date(at('2026-11-23')), 0.5);
    expect(report.input).toMatchObject({ source: 'portal', rows: 2, used: 2, skipped: 0 });
    // Won: 120,000 (30), C-level (25), partial (15), close date within 3 months of March 1 (20) = 90; lost: 10,000 and nothing else.
    expect(report.models[0]?.grades.filter((g) => g.count > 0)).toEqual([{ grade: 'A', count: 1, won: 1, winRate: 1 }, { grade: 'D', count: 1, won: 0, winRate: 0 }]);
    expect(report.models[0]?.verdict).toMatchObject({ tp: 1, fn: 0, tn: 1, fp: 0 });
  });
});
