import { describe, expect, it } from 'vitest';
import { overrideMetrics } from '../../src/backtest/computeMetrics';
import { readBacktestCsv } from '../../src/backtest/readBacktestCsv';
import { runBacktest } from '../../src/backtest/runBacktest';
import type { ScoredLead } from '../../src/backtest/types';
import { validateModel } from '../../src/engine';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { FIVE_LEADS_CSV, NOW, OVERRIDDEN_LEADS_CSV } from './fixtures';

async function backtest(csv: string, model: Model = BANT_DEFAULT) {
  const read = await readBacktestCsv(csv, [model], 'outcome', 'leads.csv');
  if (!read.ok) throw new Error(read.message);
  return runBacktest(read.input, [model], new Date(NOW), 0.5).models[0]!;
}

describe('overridden leads, reported apart', () => {
  it('counts the hand-set verdicts against what happened, beside the model\'s verdict on the same leads', async () => {
    const metrics = await backtest(OVERRIDDEN_LEADS_CSV);
    expect(metrics.overrides).toEqual({
      leads: 4, won: 3,
      byHand: { qualified: { count: 2, won: 2, winRate: 1 }, notQualified: { count: 2, won: 1, winRate: 0.5 } },
      byModel: { qualified: { count: 3, won: 2, winRate: 2 / 3 }, notQualified: { count: 1, won: 1, winRate: 1 } },
      disagreements: 3, handRight: 3, handAccuracy: 0.75, modelRight: 2, modelAccuracy: 0.5,
    });
  });

  it('leaves the model\'s own figures as they were: they judge the model\'s verdict on every lead', async () => {
    const plain = await backtest(FIVE_LEADS_CSV);
    const overridden = await backtest(OVERRIDDEN_LEADS_CSV);
    expect(overridden.verdict).toEqual(plain.verdict);
    expect(overridden.thresholds).toEqual(plain.thresholds);
    expect(plain.overrides).toMatchObject({ leads: 0, handAccuracy: null, modelAccuracy: null });
  });

  it('reads the override whatever the model allows: the question is whether reps were right', async () => {
    const model = structuredClone(BANT_DEFAULT) as Model;
    model.overrides = { who: 'nobody', routing: 'computed' };
    const checked = validateModel(model);
    if (!checked.ok) throw new Error('invalid');
    expect((await backtest(OVERRIDDEN_LEADS_CSV, checked.model)).overrides.leads).toBe(4);
  });

  it('counts an override that has expired since: it was still the rep\'s call', async () => {
    // Lead 1's override ended on 31 January, long before the backtest's day.
    const csv = OVERRIDDEN_LEADS_CSV.split('\n').map((line, index) => (line === '' ? line : `${line},${['bant_override_until', '2026-01-31'][index] ?? ''}`)).join('\n');
    expect((await backtest(csv)).overrides.leads).toBe(4);
  });

  it('has no rates to give without overridden leads, and one right or wrong per lead', () => {
    const lead = (override: ScoredLead['override'], qualified: boolean, won: boolean): ScoredLead => ({ score: 0, qualified, grade: 'D', won, answers: [], override });
    expect(overrideMetrics([lead(null, true, true)])).toMatchObject({ leads: 0, byHand: { qualified: { count: 0, winRate: null } } });
    expect(overrideMetrics([lead('not_qualified', true, false)])).toMatchObject({ handRight: 1, modelRight: 0, disagreements: 1 });
    expect(overrideMetrics([lead('qualified', true, false)])).toMatchObject({ handRight: 0, modelRight: 0, disagreements: 0 });
  });
});
