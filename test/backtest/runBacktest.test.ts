import { describe, expect, it } from 'vitest';
import { readBacktestCsv } from '../../src/backtest/readBacktestCsv';
import { runBacktest } from '../../src/backtest/runBacktest';
import type { BacktestInput } from '../../src/backtest/runBacktest';
import type { ConfusionRow } from '../../src/backtest/types';
import { BANT_DEFAULT } from '../../src/models';
import { FIVE_LEADS_CSV, strictModel, NOW } from './fixtures';

async function input(csv = FIVE_LEADS_CSV, models = [BANT_DEFAULT]): Promise<BacktestInput> {
  const read = await readBacktestCsv(csv, models, 'outcome', 'leads.csv');
  if (!read.ok) throw new Error(read.message);
  return read.input;
}

const pick = (row: ConfusionRow | null | undefined) => row && [row.threshold, row.tp, row.fp, row.tn, row.fn];

const FIVE_LEADS = await input();

describe('runBacktest with the default model on five hand-scored leads', () => {
  const report = runBacktest(FIVE_LEADS, [BANT_DEFAULT], new Date(NOW), 0.7);
  const [metrics] = report.models;

  it('scores every lead and counts the outcomes', () => {
    expect(report.input).toEqual({ source: 'csv', name: 'leads.csv', rows: 5, used: 5, skipped: 0, outcomeColumn: 'outcome', now: '2026-11-23T10:00:00.000Z' });
    expect([metrics?.won, metrics?.lost, metrics?.winRate]).toEqual([3, 2, 0.6]);
  });

  it('judges the verdict: leads 1, 2 and 3 qualify, 1 and 2 were won', () => {
    expect(pick(metrics?.verdict)).toEqual([70, 2, 1, 1, 1]);
    expect(metrics?.verdict.precision).toBeCloseTo(2 / 3, 10);
  });

  it.each([
    [0, [0, 3, 2, 0, 0]],
    [10, [10, 3, 2, 0, 0]],
    [11, [11, 3, 1, 1, 0]],
    [30, [30, 3, 1, 1, 0]],
    [31, [31, 2, 1, 1, 1]],
    [71, [71, 2, 0, 2, 1]],
    [81, [81, 1, 0, 2, 2]],
    [100, [100, 1, 0, 2, 2]],
  ])('flags leads scoring at least %i as computed by hand', (threshold, expected) => {
    expect(pick(metrics?.thresholds[threshold])).toEqual(expected);
  });

  it('finds the best F1 at 11 (6/7) and precision 0.7 first reached at 11', () => {
    expect(metrics?.bestF1?.threshold).toBe(11);
    expect(metrics?.bestF1?.f1).toBeCloseTo(6 / 7, 10);
    expect(metrics?.minPrecision.row?.threshold).toBe(11);
  });

  it('gives the win rate of every grade, in the model order A to D', () => {
    expect(metrics?.grades.map((g) => [g.grade, g.count, g.won])).toEqual([['A', 3, 2], ['B', 0, 0], ['C', 1, 1], ['D', 1, 0]]);
  });

  it('names answers after the model: options by label, amounts by band, unknown last', () => {
    const [budget, authority, , timeline] = metrics?.criteria ?? [];
    expect(budget?.answers.map((a) => [a.label, a.count, a.won])).toEqual([
      ['100,000 or more', 2, 2], ['50,000 to under 100,000', 1, 0], ['0 to under 50,000', 1, 0], ['unknown', 1, 1],
    ]);
    expect(authority?.answers.map((a) => [a.label, a.lift === null ? null : Math.round(a.lift * 1000) / 1000])).toEqual([
      ['C-level executive', 1.667], ['Director', 0], ['Manager', 1.667], ['Other', 0],
    ]);
    expect(timeline?.answers.map((a) => a.label)).toEqual(['Within 1 month', '1–3 months', '3–6 months', '6 months or more', 'unknown']);
  });

  it("keeps answers from a deal apart and names them after the deal's source", async () => {
    const csv = 'bant_need,deal.amount,deal.closedate,outcome\nperfect,75000,2027-01-10,won\n';
    const [withDeal] = runBacktest(await input(csv), [BANT_DEFAULT], new Date(NOW), 0.5).models;
    expect(withDeal?.criteria[0]?.answers.map((a) => a.label)).toEqual(['Deal amount: 50,000 to under 100,000']);
    expect(withDeal?.criteria[3]?.answers.map((a) => a.label)).toEqual(['Deal close date: within 3 months']);
  });
});

describe('bad rows and a second model', () => {
  it('lists a lead with a value the model cannot read as a bad row, with the reason, and leaves it out', async () => {
    const csv = `${FIVE_LEADS_CSV}6,lots,manager,perfect,3_6_months,won\n7,50000,ceo,perfect,3_6_months,lost\n`;
    const report = runBacktest(await input(csv), [BANT_DEFAULT], new Date(NOW), 0.5);
    expect(report.input).toMatchObject({ rows: 7, used: 5, skipped: 2 });
    expect(report.badRows).toEqual([
      { row: 7, id: '6', reason: expect.stringMatching(/^budget: "lots" is not a number/) },
      { row: 8, id: '7', reason: expect.stringMatching(/^authority: "ceo" is not an option the model scores/) },
    ]);
    expect(report.models[0]?.leads).toBe(5);
  });

  it('compares two models on the same leads, side by side', async () => {
    const strict = strictModel(BANT_DEFAULT);
    const report = runBacktest(await input(FIVE_LEADS_CSV, [BANT_DEFAULT, strict]), [BANT_DEFAULT, strict], new Date(NOW), 0.5);
    expect(report.models.map((m) => m.model.id)).toEqual(['bant-default', 'strict']);
    // Strict qualifies from 80 points: leads 1 (80) and 2 (100), both won; lead 3 (70, lost) no longer.
    expect(pick(report.models[0]?.verdict)).toEqual([70, 2, 1, 1, 1]);
    expect(pick(report.models[1]?.verdict)).toEqual([80, 2, 0, 2, 1]);
    expect(report.models[0]?.thresholds).toEqual(report.models[1]?.thresholds);
  });
});
